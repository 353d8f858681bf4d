// SQL fragments that read token_events as admin actions: a token event and its TokenGovernor
// companion in the same transaction are one action, whose real actor is the governor event's caller
// and whose path is the governor (the pairs: lib/monitoring/governor-pairs.ts). Shared by the
// supply timeline, the address page, the monthly report and the alert case page.
import { sql, type SQL } from "drizzle-orm";
import { GOVERNOR_EVENT_KINDS } from "../schema/chain";
import { GOVERNOR_PAIRS } from "@/lib/monitoring/governor-pairs";

const alias = (a: string) => sql.raw(a);
/** An `in (...)` list of event kinds, inlined: kinds are snake_case words, checked here. */
function list(kinds: readonly string[]): SQL {
  for (const k of kinds) if (!/^[a-z0-9_]+$/.test(k)) throw new Error(`not an event kind: ${k}`);
  return sql.raw(kinds.map((k) => `'${k}'`).join(", "));
}

/** The caller an event names: `actor`, or args.caller where a decoder left actor empty. */
export function callerSql(a: string): SQL {
  return sql`coalesce(${alias(a)}.actor, ${alias(a)}.args->>'caller')`;
}

/** True when governor event `g` is the companion of token event `t` (same transaction assumed). */
export function pairSql(t: string, g: string): SQL {
  const T = alias(t);
  const G = alias(g);
  const cases = GOVERNOR_PAIRS.map((p) => {
    const dedicated = p.governor.length === 0 ? sql`false` : sql`${G}.kind in (${list(p.governor)})`;
    const viaCall = sql`(${G}.kind = 'token_function_executed' and ${G}.args->>'function' = ${p.tokenFunction})`;
    const match =
      p.match === "subject"
        ? sql` and (${T}.subject is null or ${G}.subject is null or ${T}.subject = ${G}.subject)`
        : p.match === "amount"
          ? sql` and ${T}.amount = ${G}.amount`
          : sql``;
    return sql`(${T}.kind = ${p.token} and (${dedicated} or ${viaCall})${match})`;
  });
  return sql`(${sql.join(cases, sql` or `)})`;
}

export const GOVERNOR_KINDS_SQL = list(GOVERNOR_EVENT_KINDS);

/**
 * `left join lateral` giving token event `e` its governor companion as `c` (null columns when the
 * owner is not a governor): the matching event nearest in log order, as the monitoring rules pick it.
 */
export function companionJoinSql(e: string, c: string): SQL {
  const E = alias(e);
  return sql`left join lateral (
      select ${alias(c)}_.emitter, ${alias(c)}_.kind, ${alias(c)}_.log_index, ${callerSql(`${c}_`)} as caller,
        ${alias(c)}_.args->>'function' as function
      from token_events ${alias(c)}_
      where ${alias(c)}_.chain_id = ${E}.chain_id and ${alias(c)}_.tx_hash = ${E}.tx_hash
        and ${alias(c)}_.kind in (${GOVERNOR_KINDS_SQL}) and ${pairSql(e, `${c}_`)}
      order by abs(${alias(c)}_.log_index - ${E}.log_index), ${alias(c)}_.log_index
      limit 1) ${alias(c)} on true`;
}

/** True when governor event `g` is the companion of a token event of its transaction (shown with it). */
export function isCompanionSql(g: string): SQL {
  const G = alias(g);
  return sql`(${G}.kind in (${GOVERNOR_KINDS_SQL}) and exists (
    select 1 from token_events tk
    where tk.chain_id = ${G}.chain_id and tk.tx_hash = ${G}.tx_hash and tk.log_index <> ${G}.log_index
      and ${pairSql("tk", g)}))`;
}

/**
 * Columns of an admin action for event `e` with companion `c` (companionJoinSql):
 * actor = the real caller (the companion's, else the event's own), via = the governor the action
 * went through (the companion's emitter, or `e`'s own emitter for a governor event), governor_kind,
 * token_function (the token function a token_function_executed called).
 */
export function actionColumnsSql(e: string, c: string): SQL {
  const E = alias(e);
  const C = alias(c);
  return sql`coalesce(${C}.caller, ${callerSql(e)}) as actor,
    coalesce(${C}.emitter, case when ${E}.kind in (${GOVERNOR_KINDS_SQL}) then ${E}.emitter end) as via,
    ${C}.kind as governor_kind,
    coalesce(${C}.function, case when ${E}.kind = 'token_function_executed' then ${E}.args->>'function' end)
      as token_function`;
}

/**
 * Kinds of the admin-action timeline: governance and enforcement, from the token (its own admin
 * events, V2 included) and from the governor (role changes, housekeeping, and a governor event
 * without a token companion). Issuer mints and burns (and their governor events) are issuance,
 * shown elsewhere; EIP-3009 authorizations are holders' own actions.
 */
export const ADMIN_ACTION_KINDS = [
  "freeze",
  "unfreeze",
  "pause",
  "unpause",
  "frozen_account_drained",
  "frozen_funds_reallocated",
  "ownership_transfer_started",
  "ownership_transferred",
  "upgraded",
  "admin_changed",
  "initialized",
  "erc20_recovered",
  "account_frozen",
  "account_unfrozen",
  "contract_paused",
  "contract_unpaused",
  "governor_account_drained",
  "token_function_executed",
  "role_granted",
  "role_revoked",
  "governor_ownership_transferred",
  "ownership_accepted",
  "checker_updated",
  "tokens_recovered",
  "governed_tokens_recovered",
] as const;
export type AdminActionKind = (typeof ADMIN_ACTION_KINDS)[number];

/** Rows of `e` that are admin actions: the kinds above, governor companions left to their token event. */
export function adminActionWhereSql(e: string, kinds: readonly string[] = ADMIN_ACTION_KINDS): SQL {
  return sql`(${alias(e)}.kind in (${list(kinds)}) and not ${isCompanionSql(e)})`;
}
