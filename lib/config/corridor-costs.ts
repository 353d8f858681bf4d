// What sending a remittance costs through the traditional channel, per corridor: policy, so it
// lives here and nowhere in logic (DOMAIN.md section 3). Percentages are decimal strings (exact;
// never floats) of the amount sent. Edit this file to change the estimate; it is validated at load,
// so a malformed edit fails the build instead of printing a wrong figure.
import { z } from "zod";

const percent = z.string().regex(/^\d{1,2}(\.\d{1,4})?$/, "a percentage like 2.39 (at most 4 decimals)");
const country = z.string().regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2");

const costRuleSchema = z.object({
  /** Sending country, or "*" for any origin not listed explicitly. */
  origin: z.union([country, z.literal("*")]),
  destination: country,
  costPct: percent,
  /** Where the figure comes from, shown next to it. */
  basis: z.string().min(1),
  /** True when the figure is our choice rather than a published number. */
  assumption: z.boolean(),
});

export const corridorCostConfigSchema = z.object({
  /** The supervisor's own jurisdiction: the "inbound" chart shows flows into it. */
  homeCountry: country,
  /** What the same payment costs on-chain (gas, on/off-ramp spread): an assumption. */
  onChainCostPct: percent,
  onChainBasis: z.string().min(1),
  /** UN SDG 10.c target for remittance costs, shown for reference. */
  sdgTargetPct: percent,
  rules: z.array(costRuleSchema),
});

export type CorridorCostRule = z.output<typeof costRuleSchema>;
export type CorridorCostConfig = z.output<typeof corridorCostConfigSchema>;

const GULF_BASIS = "Gulf corridors cost 2–4% today (DOMAIN.md); 3% is our midpoint assumption";

/** Defaults from DOMAIN.md section 3 (World Bank Remittance Prices Worldwide, sending USD 200). */
export const CORRIDOR_COSTS: CorridorCostConfig = corridorCostConfigSchema.parse({
  homeCountry: "PK",
  onChainCostPct: "0.1",
  onChainBasis: "Assumption: network fee plus on/off-ramp spread",
  sdgTargetPct: "3",
  rules: [
    {
      origin: "GB",
      destination: "PK",
      costPct: "2.39",
      basis: "World Bank RPW, UK → Pakistan, Q3 2025",
      assumption: false,
    },
    ...["SA", "AE", "QA", "KW", "OM", "BH"].map((origin) => ({
      origin,
      destination: "PK",
      costPct: "3",
      basis: GULF_BASIS,
      assumption: true,
    })),
    {
      origin: "*",
      destination: "PK",
      costPct: "5.44",
      basis: "South Asia average, World Bank RPW Q3 2023 (used where no corridor figure is configured)",
      assumption: true,
    },
  ],
} satisfies z.input<typeof corridorCostConfigSchema>);

/**
 * The traditional cost of a corridor: an exact origin → destination rule first, then the
 * destination's "*" rule. Null for unattributed sides, domestic flows and unconfigured corridors:
 * no estimate is better than a guessed one.
 */
export function corridorCostRule(
  origin: string,
  destination: string,
  config: CorridorCostConfig = CORRIDOR_COSTS,
): CorridorCostRule | null {
  if (origin === destination || origin === "ZZ" || destination === "ZZ") return null;
  return (
    config.rules.find((r) => r.origin === origin && r.destination === destination) ??
    config.rules.find((r) => r.origin === "*" && r.destination === destination) ??
    null
  );
}
