// R1 sanctioned counterparty: a transfer with a listed address is a direct hit (severe); a
// transfer of a direct counterparty of a listed address is one hop away (high). Listed = on an
// imported list, or tagged `sanctioned`/`high_risk` in the registry (the list named "registry").
//
// Logic version 2 (#16): one-hop exposure is an episode, not a life sentence. The exposure comes
// from the latest contact with a listed address and lapses `oneHopExpirySeconds` after it; an
// exposed address raises one alert per `oneHopEpisodeSeconds` (the engine's episodes, keyed by the
// address; later hits in the episode join that alert as evidence with running totals), and business wallets are exempt from one hop as from the behavioural rules (one
// sanctioned deposit into an exchange hot wallet used to turn its whole life into alerts).
// Direct hits have no exemption and no episode: each is its own fact.
import { z } from "zod";
import { exemption, listedEntries, type WatchlistEntry } from "../address-book";
import { duration, transferWords } from "../explain";
import { BUSINESS_EXEMPTIONS, DAY, exemptionParams, secondsParam } from "../params";
import { defineRule, type HopLink } from "../rule";
import { refOf, ZERO_ADDRESS, type MonitorTransfer } from "../types";

const schema = z.strictObject({
  /** List names that count ("registry" = the registry's tags); empty = every list. */
  lists: z.array(z.string().min(1).max(200)).max(100),
  /** Also flag transfers of addresses one hop from a listed address. */
  oneHop: z.boolean(),
  /** No second one-hop alert for the same exposed address within this time of the last one. */
  oneHopEpisodeSeconds: secondsParam,
  /** One-hop exposure lapses this long after the address's latest contact with a listed one. */
  oneHopExpirySeconds: secondsParam,
  /** Exposed addresses of these kinds or tags raise no one-hop alert (direct hits always do). */
  ...exemptionParams,
});

/** R1's defaults before logic version 2: moved to the new ones when untouched. */
const DEFAULTS_V1: Pick<z.input<typeof schema>, "lists" | "oneHop"> = { lists: [], oneHop: true };

function listText(entries: readonly WatchlistEntry[]): { lists: string; reference: string } {
  return {
    lists: [...new Set(entries.map((e) => e.listName))].join(", "),
    reference: [...new Set(entries.map((e) => e.reference).filter(Boolean))].join(", ") || "no reference",
  };
}

export const r01Sanctioned = defineRule({
  id: "R1",
  title: "Sanctioned counterparty",
  logicVersion: 2,
  severity: "severe",
  summary:
    "Any transfer to or from an address on an imported sanctions or high-risk list, or tagged sanctioned or high risk in the registry (list 'registry'): severe, no exemptions. A wallet that has itself dealt with a listed address is one hop away (high): one alert per episode, exposure lapsing after the set time since its latest contact, business wallets exempt by default.",
  schema,
  defaults: {
    lists: [],
    oneHop: true,
    oneHopEpisodeSeconds: 30 * DAY,
    oneHopExpirySeconds: 90 * DAY,
    ...BUSINESS_EXEMPTIONS,
  },
  supersededDefaults: [DEFAULTS_V1 as z.input<typeof schema>],
  explanations: {
    direct:
      "{party} {verb} {amount} {preposition} {listed}, which is on the {lists} list ({reference}). Dealing directly with a listed address is a sanctions red flag.",
    one_hop:
      "{party} {verb} {amount} {preposition} {hop}. {hop} is one hop from {listed} ({lists}, {reference}): it dealt with that listed address directly in transaction {linkTx}, {since} before. Its further transfers within {episode} raise no new alert: they are added to this one (running totals below); the exposure lapses {expiry} after its latest contact with a listed address.",
  },
  replay: "none",
  lookbackSeconds: () => 0,
  episodeSeconds: (p) => p.oneHopEpisodeSeconds,
  create: (p, env) => {
    const lists = new Set(p.lists);
    const ex = exemption(p.exemptEntityKinds, p.exemptTags);
    const { book, watchlist } = env;
    const hops = env.seeds.hops;
    const lookup = (a: string) => listedEntries(book, watchlist, lists, a);

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
      // The latest contact: exposure runs from it (a rebuild and the seed agree on "latest").
      if (p.oneHop && other !== ZERO_ADDRESS)
        hops.set(other, { listed, ref: refOf(t, "link"), time: t.time });
    };

    /**
     * The address's live exposure, or undefined (none, lapsed or exempt). Within a running episode
     * the hit still counts: the engine adds it to the episode's alert (evidence and running totals).
     */
    const exposure = (hop: string, time: number): HopLink | undefined => {
      const link = hops.get(hop);
      if (!link || time - link.time > p.oneHopExpirySeconds) return undefined;
      if (book.isExempt(hop, ex)) return undefined;
      return link;
    };

    const oneHop = (t: MonitorTransfer, hop: string, link: HopLink) => {
      const out = hop === t.to;
      const other = out ? t.from : t.to;
      const entries = lookup(link.listed) ?? [];
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
          since: duration(t.time - link.time),
          episode: duration(p.oneHopEpisodeSeconds),
          expiry: duration(p.oneHopExpirySeconds),
          ...listText(entries),
        },
        suppress: { key: hop, windowSeconds: p.oneHopEpisodeSeconds, extend: true },
      });
    };

    return {
      onTransfer: (t) => {
        const fromHit = lookup(t.from);
        const toHit = lookup(t.to);
        if (fromHit) direct(t, t.from, t.to, fromHit);
        if (toHit && t.to !== t.from) direct(t, t.to, t.from, toHit);
        if (fromHit || toHit || !p.oneHop) return;
        const fromLink = exposure(t.from, t.time);
        if (fromLink) oneHop(t, t.from, fromLink);
        const toLink = t.to === t.from ? undefined : exposure(t.to, t.time);
        if (toLink) oneHop(t, t.to, toLink);
      },
    };
  },
});
