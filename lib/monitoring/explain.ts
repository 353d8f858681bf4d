// Plain-language alert text: a rule's template with {placeholders} filled from its facts, and
// the severity + intensity → score mapping. Formatting is exact (integer wei throughout).
import type { Severity } from "@/db/schema/monitoring";
import { formatUsd1 } from "@/lib/format";

/** Fills `{name}` from facts; an unknown placeholder is a bug in the rule, so it throws. */
export function renderTemplate(template: string, facts: Record<string, string>): string {
  return template.replace(/\{([a-zA-Z0-9_]+)\}/g, (_, name: string) => {
    const value = facts[name];
    if (value === undefined) throw new Error(`explanation placeholder {${name}} has no value`);
    return value;
  });
}

/** Every placeholder name a template uses (tests check each rule supplies them all). */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([a-zA-Z0-9_]+)\}/g)].map((m) => m[1] as string);
}

export function usd(wei: bigint): string {
  return formatUsd1(wei);
}

/** "45 s", "20 min", "8 h 20 min", "7 days", "2.5 days". */
/** The words of a transfer told from `actor`'s side: "{actor} {verb} {amount} {preposition} …". */
export function transferWords(
  t: { from: string; amount: bigint },
  actor: string,
): { verb: string; preposition: string; amount: string } {
  const sent = actor === t.from;
  return { verb: sent ? "sent" : "received", preposition: sent ? "to" : "from", amount: usd(t.amount) };
}

export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3_600) return `${Math.floor(s / 60)} min`;
  if (s < 2 * 86_400) {
    const h = Math.floor(s / 3_600);
    const m = Math.floor((s % 3_600) / 60);
    return m > 0 ? `${h} h ${m} min` : `${h} h`;
  }
  return s % 86_400 === 0 ? `${s / 86_400} days` : `${(s / 86_400).toFixed(1)} days`;
}

/** Share as a percentage with one decimal, from integers: 4700 of 4800 → "97.9%". */
export function percent(part: bigint, whole: bigint): string {
  if (whole === 0n) return "n/a";
  const tenths = (part * 1000n + whole / 2n) / whole;
  return `${tenths / 10n}.${tenths % 10n}%`;
}

/** Basis points as a percentage: 8000 → "80%", 8050 → "80.5%". */
export function bpsText(bps: number): string {
  return `${Number((bps / 100).toFixed(2))}%`;
}

/** part ÷ whole as a float for scoring only (never for money). */
export function ratio(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 1;
  return Number((part * 1000n) / whole) / 1000;
}

export function isoTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(".000Z", "Z");
}

const SEVERITY_BASE: Record<Severity, number> = { severe: 90, high: 70, medium: 50, low: 30 };

/**
 * Severity sets the band (severe 90+, high 70+, medium 50+, low 30+); how far past its threshold
 * the hit is adds up to 9 (3 points per doubling), so analysts can sort within a band.
 */
export function scoreOf(severity: Severity, intensity: number): number {
  const bump = intensity > 1 ? Math.min(9, Math.floor(Math.log2(intensity) * 3)) : 0;
  return SEVERITY_BASE[severity] + bump;
}
