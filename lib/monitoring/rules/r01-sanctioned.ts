// R1 sanctioned counterparty: a transfer with an address on an imported list is a direct hit
// (severe); a transfer with a direct counterparty of a listed address is one hop away (high).
import { z } from "zod";
import type { WatchlistEntry } from "../address-book";
import { transferWords } from "../explain";
import { defineRule, type HopLink } from "../rule";
import { refOf, ZERO_ADDRESS, type MonitorTransfer } from "../types";

const schema = z.strictObject({
  /** List names that count; empty = every imported list. */
  lists: z.array(z.string().min(1).max(200)).max(100),
  /** Also flag transfers of addresses one hop from a listed address. */
  oneHop: z.boolean(),
});

function listText(entries: readonly WatchlistEntry[]): { lists: string; reference: string } {
  return {
    lists: [...new Set(entries.map((e) => e.listName))].join(", "),
    reference: [...new Set(entries.map((e) => e.reference).filter(Boolean))].join(", ") || "no reference",
  };
}

export const r01Sanctioned = defineRule({
  id: "R1",
  title: "Sanctioned counterparty",
  logicVersion: 1,
  severity: "severe",
  summary:
    "Any transfer to or from an address on an imported sanctions or high-risk list (severe); any transfer of a wallet that has itself dealt with a listed address (one hop, high). No exemptions.",
  schema,
  defaults: { lists: [], oneHop: true },
  explanations: {
    direct:
      "{party} {verb} {amount} {preposition} {listed}, which is on the {lists} list ({reference}). Dealing directly with a listed address is a sanctions red flag.",
    one_hop:
      "{party} {verb} {amount} {preposition} {hop}. {hop} is one hop from {listed} ({lists}, {reference}): it dealt with that listed address directly in transaction {linkTx}.",
  },
  replay: "none",
  lookbackSeconds: () => 0,
  create: (p, env) => {
    const lists = new Set(p.lists);
    const { book, watchlist } = env;
    const hops = env.seeds.hops;

    const direct = (t: MonitorTransfer, listed: string, other: string, entries: WatchlistEntry[]) => {
      const out = listed === t.to;
      env.raise({
        variant: `direct:${out ? "to" : "from"}`,
        severity: "severe",
        intensity: 1,
        subject: listed,
        trigger: t,
        evidence: [refOf(t, "trigger")],
        addresses: [t.from, t.to],
        amount: t.amount,
        facts: {
          party: book.describe(other),
          ...transferWords(t, other),
          listed: book.describe(listed),
          ...listText(entries),
        },
      });
      if (p.oneHop && other !== ZERO_ADDRESS && !hops.has(other)) {
        hops.set(other, { listed, ref: refOf(t, "link") });
      }
    };

    const oneHop = (t: MonitorTransfer, hop: string, link: HopLink) => {
      const out = hop === t.to;
      const other = out ? t.from : t.to;
      const entries = watchlist.lookup(link.listed, lists) ?? [];
      env.raise({
        variant: `one_hop:${out ? "to" : "from"}`,
        severity: "high",
        intensity: 1,
        subject: hop,
        trigger: t,
        evidence: [link.ref, refOf(t, "trigger")],
        addresses: [t.from, t.to, link.listed],
        amount: t.amount,
        facts: {
          party: book.describe(other),
          ...transferWords(t, other),
          hop: book.describe(hop),
          listed: book.describe(link.listed),
          linkTx: link.ref.txHash,
          ...listText(entries),
        },
      });
    };

    return {
      onTransfer: (t) => {
        const fromHit = watchlist.lookup(t.from, lists);
        const toHit = watchlist.lookup(t.to, lists);
        if (fromHit) direct(t, t.from, t.to, fromHit);
        if (toHit && t.to !== t.from) direct(t, t.to, t.from, toHit);
        if (fromHit || toHit || !p.oneHop) return;
        const fromLink = hops.get(t.from);
        const toLink = hops.get(t.to);
        if (fromLink) oneHop(t, t.from, fromLink);
        if (toLink && t.to !== t.from) oneHop(t, t.to, toLink);
      },
    };
  },
});
