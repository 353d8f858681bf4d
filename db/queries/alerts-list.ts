// The flagged-transactions view (/alerts): one filter over `alerts al` shared by the page, its
// counts over time and the alerts export (db/queries/exports.ts streamAlertExport), so a file
// holds exactly the rows the screen counts. Bulk assignment lives here too: it locks the rows it
// changes, so two analysts assigning the same alerts at once serialise instead of interleaving.
import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Address, Hash } from "viem";
import { rolesWith } from "@/lib/auth/roles";
import type { Db, Tx } from "../client";
import { users, type UserRole } from "../schema/auth";
import { alerts, type AlertStatus, type RuleId, type Severity } from "../schema/monitoring";
import { rowsOf } from "./sql-arrays";

type Reader = Db | Tx;

/** The case queue: alerts still waiting for a decision. The view shows these unless asked otherwise. */
export const LIVE_ALERT_STATUSES = ["open", "in_review", "escalated"] as const satisfies AlertStatus[];
/** Decided cases: their assignment is part of the case record and is not changed any more. */
export const CLOSED_ALERT_STATUSES = ["reported", "dismissed"] as const satisfies AlertStatus[];

export type AlertFilter = {
  chainId?: number | undefined;
  ruleId?: RuleId | undefined;
  severity?: Severity | undefined;
  /** Any of these; undefined = every status (withdrawn included). */
  statuses?: readonly AlertStatus[] | undefined;
  /** A user id, null = unassigned, undefined = anyone. */
  assignee?: string | null | undefined;
  /** Trigger transfer's corridor sides (ISO-2, "ZZ" = unattributed). */
  origin?: string | undefined;
  destination?: string | undefined;
  /** An entity among the alert's involved entities. */
  entityId?: number | undefined;
  /** An address among the alert's parties (subject or counterparty). */
  address?: Address | undefined;
  /** Trigger block time: since inclusive, until exclusive. */
  since?: Date | undefined;
  until?: Date | undefined;
  /** Inclusive bounds in wei; alerts without an amount (admin events) drop out of a bounded filter. */
  minAmount?: bigint | undefined;
  maxAmount?: bigint | undefined;
};

/** The WHERE clause of a filter over `alerts al`. Every value is a bound parameter. */
export function alertFilterWhere(f: AlertFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.chainId !== undefined) parts.push(sql`al.chain_id = ${f.chainId}`);
  if (f.ruleId) parts.push(sql`al.rule_id = ${f.ruleId}`);
  if (f.severity) parts.push(sql`al.severity = ${f.severity}`);
  if (f.statuses) {
    parts.push(
      f.statuses.length === 0
        ? sql`false`
        : sql`al.status in (${sql.join(
            f.statuses.map((s) => sql`${s}`),
            sql`, `,
          )})`,
    );
  }
  if (f.assignee === null) parts.push(sql`al.assignee is null`);
  else if (f.assignee !== undefined) parts.push(sql`al.assignee = ${f.assignee}`);
  if (f.origin) parts.push(sql`al.corridor_origin = ${f.origin}`);
  if (f.destination) parts.push(sql`al.corridor_destination = ${f.destination}`);
  if (f.entityId !== undefined) parts.push(sql`al.entity_ids @> array[${f.entityId}]::int[]`);
  if (f.address) parts.push(sql`al.addresses @> array[${f.address.toLowerCase()}]::text[]`);
  if (f.since) parts.push(sql`al.block_time >= ${f.since.toISOString()}::timestamptz`);
  if (f.until) parts.push(sql`al.block_time < ${f.until.toISOString()}::timestamptz`);
  if (f.minAmount !== undefined) parts.push(sql`al.amount >= ${f.minAmount.toString()}::numeric`);
  if (f.maxAmount !== undefined) parts.push(sql`al.amount <= ${f.maxAmount.toString()}::numeric`);
  return sql.join(parts, sql` and `);
}

export const ALERT_SORTS = ["time", "severity", "score", "amount", "id"] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

export type ListAlertsParams = AlertFilter & {
  sort: AlertSort;
  dir: "asc" | "desc";
  limit: number;
  offset: number;
};

export type AlertListRow = {
  id: number;
  ruleId: RuleId;
  ruleVersion: number;
  severity: Severity;
  score: number;
  status: AlertStatus;
  chainId: number;
  blockNumber: bigint;
  /** ISO 8601 UTC. */
  blockTime: string;
  txHash: Hash;
  logIndex: number;
  subject: Address | null;
  subjectLabel: string | null;
  subjectEntity: string | null;
  /** Wei; null for admin events. */
  amount: bigint | null;
  corridorOrigin: string | null;
  corridorDestination: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  assigneeEmail: string | null;
};

const SEVERITY_RANK = sql`case al.severity when 'severe' then 4 when 'high' then 3 when 'medium' then 2 else 1 end`;

function orderBy(sort: AlertSort, dir: "asc" | "desc"): SQL {
  const d = sql.raw(dir === "asc" ? "asc" : "desc");
  // The id breaks ties, so paging is stable whatever the sort.
  const time = sql`al.block_time ${d}, al.id ${d}`;
  if (sort === "severity") return sql`${SEVERITY_RANK} ${d}, ${time}`;
  if (sort === "score") return sql`al.score ${d}, ${time}`;
  if (sort === "amount") return sql`al.amount ${d} nulls last, ${time}`;
  if (sort === "id") return sql`al.id ${d}`;
  return time;
}

type RawRow = Omit<AlertListRow, "id" | "blockNumber" | "amount" | "chainId" | "logIndex"> & {
  id: string | number;
  blockNumber: string;
  amount: string | null;
  chainId: string | number;
  logIndex: string | number;
};

/** One page of the alerts matching a filter, with the count over every page. */
export async function listAlerts(
  db: Reader,
  params: ListAlertsParams,
): Promise<{ rows: AlertListRow[]; total: number }> {
  const where = alertFilterWhere(params);
  const [page, count] = await Promise.all([
    db.execute(sql`select al.id, al.rule_id as "ruleId", al.rule_version as "ruleVersion", al.severity,
        al.score, al.status, al.chain_id as "chainId", al.block_number::text as "blockNumber",
        to_char(al.block_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "blockTime",
        al.tx_hash as "txHash", al.log_index as "logIndex", al.subject, ad.label as "subjectLabel",
        e.name as "subjectEntity", al.amount::text as amount, al.corridor_origin as "corridorOrigin",
        al.corridor_destination as "corridorDestination", al.assignee as "assigneeId",
        u.name as "assigneeName", u.email as "assigneeEmail"
      from alerts al
      left join addresses ad on ad.chain_id = al.chain_id and ad.address = al.subject
      left join entities e on e.id = ad.entity_id
      left join users u on u.id = al.assignee
      where ${where}
      order by ${orderBy(params.sort, params.dir)}
      limit ${params.limit} offset ${params.offset}`),
    db.execute(sql`select count(*)::text as n from alerts al where ${where}`),
  ]);
  return {
    rows: rowsOf<RawRow>(page).map((r) => ({
      ...r,
      id: Number(r.id),
      chainId: Number(r.chainId),
      logIndex: Number(r.logIndex),
      blockNumber: BigInt(r.blockNumber),
      amount: r.amount === null ? null : BigInt(r.amount),
    })),
    total: Number(rowsOf<{ n: string }>(count)[0]?.n ?? 0),
  };
}

// ---------------------------------------------------------------------------------------------
// Assignment

export type AssignableUser = { id: string; name: string; email: string; role: UserRole };

/** Active users who may work cases (alerts:triage): the people an alert can be assigned to. */
export async function listAssignableUsers(db: Reader): Promise<AssignableUser[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(users)
    .where(and(inArray(users.role, rolesWith("alerts:triage")), eq(users.banned, false)))
    .orderBy(asc(users.name), asc(users.email));
}

export type AssigneeOption = AssignableUser & {
  /** False for someone who still holds alerts but may no longer be given new ones. */
  assignable: boolean;
};

/**
 * Everyone the assignee filter may name: the assignable users, plus anyone still holding an
 * alert (a deactivated analyst's cases must stay findable).
 */
export async function listAssigneeOptions(db: Reader): Promise<AssigneeOption[]> {
  const triage = rolesWith("alerts:triage");
  // Per user, one probe of alerts_assignee_idx (a few users against every alert: `select distinct
  // assignee` read the whole table).
  const holds = sql`exists (select 1 from ${alerts} where ${alerts.assignee} = ${users.id})`;
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      banned: users.banned,
    })
    .from(users)
    .where(or(and(inArray(users.role, triage), eq(users.banned, false)), holds))
    .orderBy(asc(users.name), asc(users.email));
  return rows.map(({ banned, ...u }) => ({ ...u, assignable: !banned && triage.includes(u.role) }));
}

export type AssignAlertsParams = {
  alertIds: readonly number[];
  /** User id; null = unassign. The caller checks the user may be assigned (listAssignableUsers). */
  assignee: string | null;
};

export type AssignmentChange = { id: number; from: string | null; to: string | null };

export type AssignAlertsResult = {
  /** Requested ids with no alert: nothing was written. */
  notFound: number[];
  /** Requested alerts already decided (CLOSED_ALERT_STATUSES): nothing was written. */
  closed: { id: number; status: AlertStatus }[];
  /** Alerts whose assignee changed. */
  changes: AssignmentChange[];
  /** Alerts that already had this assignee. */
  unchanged: number[];
};

/**
 * Sets the assignee of every requested alert, or of none: an unknown id or a closed alert
 * refuses the whole batch. Run it in the transaction that records the audit entry.
 */
export async function assignAlerts(tx: Tx, p: AssignAlertsParams): Promise<AssignAlertsResult> {
  const ids = [...new Set(p.alertIds)].sort((a, b) => a - b);
  const current = await tx
    .select({ id: alerts.id, assignee: alerts.assignee, status: alerts.status })
    .from(alerts)
    .where(inArray(alerts.id, ids))
    .orderBy(asc(alerts.id))
    .for("update");
  const found = new Map(current.map((a) => [Number(a.id), a]));
  const notFound = ids.filter((id) => !found.has(id));
  const closedStatuses: readonly AlertStatus[] = CLOSED_ALERT_STATUSES;
  const closed = current
    .filter((a) => closedStatuses.includes(a.status))
    .map((a) => ({ id: Number(a.id), status: a.status }));
  const result: AssignAlertsResult = { notFound, closed, changes: [], unchanged: [] };
  if (notFound.length > 0 || closed.length > 0) return result;
  for (const a of current) {
    if (a.assignee === p.assignee) result.unchanged.push(Number(a.id));
    else result.changes.push({ id: Number(a.id), from: a.assignee, to: p.assignee });
  }
  if (result.changes.length > 0) {
    await tx
      .update(alerts)
      .set({ assignee: p.assignee, updatedAt: sql`now()` })
      .where(
        inArray(
          alerts.id,
          result.changes.map((c) => c.id),
        ),
      );
  }
  return result;
}
