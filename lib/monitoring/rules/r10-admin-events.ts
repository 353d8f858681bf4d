// R10 issuer/admin events: freeze, drain, reallocation, pause, upgrade, admin and owner changes,
// governor role grants and revocations are supervisory facts (severe, informational); so is any
// transfer touching a frozen account, except the issuer's own drain or reallocation of it (that
// event is already an alert). With a TokenGovernor as owner, a token event and its governor
// companion (governor-pairs.ts) are one action: one alert, naming the governor event's caller.
import { z } from "zod";
import { TOKEN_EVENT_KINDS, type TokenEventKind } from "@/db/schema/chain";
import { actionPhrase } from "../admin-action-text";
import { usd } from "../explain";
import { companionOf, isCompanion, isGovernorKind } from "../governor-pairs";
import { defineRule } from "../rule";
import { refOf, type MonitorEvent, type MonitorTransfer } from "../types";

const schema = z.strictObject({
  eventKinds: z.array(z.enum(TOKEN_EVENT_KINDS)).max(TOKEN_EVENT_KINDS.length),
  frozenTouch: z.boolean(),
});

const ISSUER_MOVES = new Set<TokenEventKind>(["frozen_account_drained", "frozen_funds_reallocated"]);

/** R10's defaults before logic version 2 (role changes and V2 kinds added): migrated when untouched. */
const DEFAULTS_V1 = {
  eventKinds: [
    "freeze",
    "frozen_account_drained",
    "frozen_funds_reallocated",
    "pause",
    "upgraded",
    "admin_changed",
    "ownership_transfer_started",
    "ownership_transferred",
  ],
  frozenTouch: true,
} satisfies z.input<typeof schema>;

export const r10AdminEvents = defineRule({
  id: "R10",
  title: "Issuer and admin events",
  logicVersion: 2,
  severity: "severe",
  summary:
    "Every configured issuer/admin event (freeze, drain, reallocation, pause, upgrade, admin or owner change, governor role grant or revocation), one alert per action naming its real actor (the governor's caller, not the governor), and every transfer touching a frozen account. Informational: supervisory facts, not suspicion.",
  schema,
  defaults: {
    eventKinds: [...DEFAULTS_V1.eventKinds, "initialized", "erc20_recovered", "role_granted", "role_revoked"],
    frozenTouch: true,
  },
  supersededDefaults: [DEFAULTS_V1],
  explanations: {
    event:
      "Issuer/admin event: {actor} {action}{target}{amountText}{path} (event {kind}). Recorded for supervisory review.",
    frozen_touch:
      "{party} {verb} {amount} {preposition} {frozen}, an account frozen by the issuer. Transfers touching a frozen account should not happen.",
  },
  replay: "none",
  lookbackSeconds: () => 0,
  create: (p, env) => {
    const kinds = new Set<TokenEventKind>(p.eventKinds);
    const frozen = env.seeds.frozen;
    const { book } = env;

    /** One action: a token event with its governor companion, or a governor event on its own. */
    const raiseAction = (e: MonitorEvent, companion: MonitorEvent | undefined) => {
      const actor = companion ? companion.actor : e.actor;
      const via = companion ? companion.emitter : isGovernorKind(e.kind) ? e.emitter : null;
      const detail = {
        role: e.args.roleName ?? e.args.role ?? null,
        tokenFunction: (companion ?? e).args.function ?? null,
        version: e.args.version ?? null,
      };
      const fn = companion && detail.tokenFunction ? `, token function ${detail.tokenFunction}()` : "";
      env.raise({
        variant: `event:${e.kind}`,
        severity: "severe",
        intensity: 1,
        subject: e.subject ?? actor,
        trigger: e,
        evidence: companion ? [refOf(e, "event"), refOf(companion, "governor_event")] : [refOf(e, "event")],
        addresses: [actor, e.subject, e.counterparty, via].filter((a): a is string => a !== null),
        amount: e.amount,
        facts: {
          actor: actor ? book.describe(actor) : "the contract",
          action: actionPhrase(e.kind, companion ? {} : detail),
          target: e.subject ? ` ${book.describe(e.subject)}` : "",
          amountText: e.amount !== null ? ` (${usd(e.amount)})` : "",
          path: via ? ` through the governor ${book.describe(via)}${fn}` : "",
          kind: companion ? `${e.kind} with governor ${companion.kind}` : e.kind,
        },
      });
    };

    const onEvent = (e: MonitorEvent) => {
      if (e.kind === "freeze" && e.subject) frozen.add(e.subject);
      if (e.kind === "unfreeze" && e.subject) frozen.delete(e.subject);
      const inTx = env.eventsInTx(e.txHash);
      // A governor companion is reported with its token event, whichever comes first in the log.
      if (isGovernorKind(e.kind)) {
        if (kinds.has(e.kind) && !isCompanion(e, inTx)) raiseAction(e, undefined);
        return;
      }
      const companion = companionOf(e, inTx);
      if (kinds.has(e.kind) || (companion && kinds.has(companion.kind))) raiseAction(e, companion);
    };

    const touched = (t: MonitorTransfer, side: string) => {
      const out = side === t.to;
      env.raise({
        variant: `frozen_touch:${out ? "to" : "from"}`,
        severity: "severe",
        intensity: 1,
        subject: side,
        trigger: t,
        evidence: [refOf(t, "trigger")],
        addresses: [t.from, t.to],
        amount: t.amount,
        facts: {
          party: book.describe(out ? t.from : t.to),
          verb: out ? "sent" : "received",
          preposition: out ? "to" : "from",
          amount: usd(t.amount),
          frozen: book.describe(side),
        },
      });
    };

    return {
      onEvent,
      onTransfer: (t) => {
        if (!p.frozenTouch || (!frozen.has(t.from) && !frozen.has(t.to))) return;
        if (env.eventsInTx(t.txHash).some((e) => ISSUER_MOVES.has(e.kind))) return;
        if (frozen.has(t.from)) touched(t, t.from);
        if (frozen.has(t.to) && t.to !== t.from) touched(t, t.to);
      },
    };
  },
});
