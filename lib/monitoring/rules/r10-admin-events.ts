// R10 issuer/admin events: freeze, drain, reallocation, pause, upgrade, admin and owner changes
// are supervisory facts (severe, informational); so is any transfer touching a frozen account,
// except the issuer's own drain or reallocation of it (that event is already an alert).
import { z } from "zod";
import { TOKEN_EVENT_KINDS, type TokenEventKind } from "@/db/schema/chain";
import { usd } from "../explain";
import { defineRule } from "../rule";
import { refOf, type MonitorEvent, type MonitorTransfer } from "../types";

const schema = z.strictObject({
  eventKinds: z.array(z.enum(TOKEN_EVENT_KINDS)).max(TOKEN_EVENT_KINDS.length),
  frozenTouch: z.boolean(),
});

const EVENT_TEXT: Record<TokenEventKind, string> = {
  issuer_mint: "minted",
  issuer_burn: "burned",
  freeze: "froze the account",
  unfreeze: "unfroze the account",
  pause: "paused all transfers",
  unpause: "resumed transfers",
  frozen_account_drained: "drained the frozen account",
  frozen_funds_reallocated: "reallocated funds out of the frozen account",
  ownership_transfer_started: "started an ownership transfer to",
  ownership_transferred: "transferred ownership to",
  upgraded: "upgraded the token contract to implementation",
  admin_changed: "changed the proxy admin to",
  initialized: "initialized the token implementation at version",
  erc20_recovered: "recovered tokens held by the token contract to",
  authorization_used: "used a transfer authorization (EIP-3009)",
  authorization_canceled: "canceled a transfer authorization (EIP-3009)",
  native_mint: "issued (governor NativeMint) to",
  bridge_mint: "bridge-minted (governor BridgeMint) to",
  native_burn: "redeemed (governor NativeBurn) from",
  bridge_burn: "bridge-burned (governor BridgeBurn) from",
  account_frozen: "froze the account",
  account_unfrozen: "unfroze the account",
  contract_paused: "paused all transfers",
  contract_unpaused: "resumed transfers",
  governor_account_drained: "drained the frozen account",
  token_function_executed: "executed a token function through the governor",
  role_granted: "granted a governor role to",
  role_revoked: "revoked a governor role from",
  governor_ownership_transferred: "handed the token's ownership to",
  ownership_accepted: "accepted the token's ownership for the governor",
  checker_updated: "changed the governor's checker to",
  tokens_recovered: "recovered tokens held by the governor to",
  governed_tokens_recovered: "recovered USD1 held by the governor to",
};

const ISSUER_MOVES = new Set<TokenEventKind>(["frozen_account_drained", "frozen_funds_reallocated"]);

export const r10AdminEvents = defineRule({
  id: "R10",
  title: "Issuer and admin events",
  logicVersion: 1,
  severity: "severe",
  summary:
    "Every configured issuer/admin event (freeze, drain, reallocation, pause, upgrade, admin or owner change) and every transfer touching a frozen account. Informational: supervisory facts, not suspicion.",
  schema,
  defaults: {
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
  },
  explanations: {
    event:
      "Issuer/admin event: {actor} {action} {target}{amountText} (event {kind}). Recorded for supervisory review.",
    frozen_touch:
      "{party} {verb} {amount} {preposition} {frozen}, an account frozen by the issuer. Transfers touching a frozen account should not happen.",
  },
  replay: "none",
  lookbackSeconds: () => 0,
  create: (p, env) => {
    const kinds = new Set<TokenEventKind>(p.eventKinds);
    const frozen = env.seeds.frozen;
    const { book } = env;

    const onEvent = (e: MonitorEvent) => {
      if (e.kind === "freeze" && e.subject) frozen.add(e.subject);
      if (e.kind === "unfreeze" && e.subject) frozen.delete(e.subject);
      if (!kinds.has(e.kind)) return;
      env.raise({
        variant: `event:${e.kind}`,
        severity: "severe",
        intensity: 1,
        subject: e.subject ?? e.actor,
        trigger: e,
        evidence: [refOf(e, "event")],
        addresses: [e.actor, e.subject, e.counterparty].filter((a): a is string => a !== null),
        amount: e.amount,
        facts: {
          actor: e.actor ? book.describe(e.actor) : "the contract",
          action: EVENT_TEXT[e.kind],
          target: e.subject ? ` ${book.describe(e.subject)}` : "",
          amountText: e.amount !== null ? ` (${usd(e.amount)})` : "",
          kind: e.kind,
        },
      });
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
