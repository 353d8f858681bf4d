// Who holds the keys (the governance view): per chain, the token's owner and any pending hand-over,
// the proxy admin, the implementation and its initialized version, the watched governors, the
// current holders of each governor role and the history of grants and revocations. Read from
// token_events (token and governor logs, every indexed block) and watched_governors.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { actionColumnsSql, companionJoinSql } from "./governor-actions";
import { rowsOf } from "./sql-arrays";
import { GOVERNOR_ROLE_NAMES, GOVERNOR_ROLES } from "@/lib/indexer/abi";

export type GovernanceParams = { chainId?: number | undefined };

/** Where a fact comes from on the chain. */
export type LogRef = { blockNumber: bigint; blockTime: Date; txHash: string; logIndex: number };

export type ChainControl = {
  chainId: number;
  chainName: string;
  tokenAddress: string;
  /**
   * The token's owner: the newOwner of the latest token OwnershipTransferred, else (no such event
   * indexed) the governor the indexer read from owner() at start.
   */
  owner: {
    address: string;
    previous: string | null;
    source: "event" | "indexer_start";
    at: LogRef | null;
  } | null;
  /** A started, not yet accepted hand-over (OwnershipTransferStarted, or the governor's OwnershipTransferred). */
  pendingOwner: { address: string; by: string | null; via: string | null; at: LogRef } | null;
  proxyAdmin: { address: string; previous: string | null; at: LogRef } | null;
  implementation: { address: string; at: LogRef } | null;
  initializedVersion: { version: string; at: LogRef } | null;
  governors: {
    address: string;
    source: string;
    sinceBlock: bigint;
    isOwner: boolean;
    label: string | null;
  }[];
};

type LatestRow = {
  chain_id: number;
  kind: string;
  block_number: string;
  block_time: Date | string;
  tx_hash: string;
  log_index: number;
  subject: string | null;
  counterparty: string | null;
  version: string | null;
  actor: string | null;
  via: string | null;
};

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));
const refOf = (r: LatestRow): LogRef => ({
  blockNumber: BigInt(r.block_number),
  blockTime: toDate(r.block_time),
  txHash: r.tx_hash,
  logIndex: Number(r.log_index),
});
const after = (a: LatestRow, b: LatestRow | undefined) =>
  !b ||
  BigInt(a.block_number) > BigInt(b.block_number) ||
  (a.block_number === b.block_number && a.log_index > b.log_index);

function chainWhere(alias: string, chainId: number | undefined): SQL {
  return chainId === undefined ? sql`true` : sql`${sql.raw(alias)}.chain_id = ${chainId}`;
}

/** Per chain: owner, pending owner, proxy admin, implementation, initialized version, governors. */
export async function getChainControl(db: Db, params: GovernanceParams = {}): Promise<ChainControl[]> {
  const [chainRows, latest, governors] = await Promise.all([
    db.execute(sql`select chain_id, name, token_address from chains c where ${chainWhere("c", params.chainId)}
      order by chain_id`),
    // The latest event of each kind per chain, with the real actor of a hand-over.
    db.execute(sql`
      select distinct on (e.chain_id, e.kind) e.chain_id, e.kind, e.block_number::text as block_number,
        e.block_time, e.tx_hash, e.log_index, e.subject, e.counterparty, e.args->>'version' as version,
        ${actionColumnsSql("e", "c")}
      from token_events e ${companionJoinSql("e", "c")}
      where e.kind in ('ownership_transferred', 'ownership_transfer_started', 'governor_ownership_transferred',
          'admin_changed', 'upgraded', 'initialized')
        and ${chainWhere("e", params.chainId)}
      order by e.chain_id, e.kind, e.block_number desc, e.log_index desc`),
    db.execute(sql`
      select w.chain_id, w.address, w.source, w.since_block::text as since_block, a.label
      from watched_governors w left join addresses a on a.chain_id = w.chain_id and a.address = w.address
      where ${chainWhere("w", params.chainId)}
      order by w.chain_id, w.since_block, w.address`),
  ]);
  const events = rowsOf<LatestRow>(latest);
  const govs = rowsOf<{
    chain_id: number;
    address: string;
    source: string;
    since_block: string;
    label: string | null;
  }>(governors);
  return rowsOf<{ chain_id: number; name: string; token_address: string }>(chainRows).map((c) => {
    const of = (kind: string) => events.find((e) => e.chain_id === c.chain_id && e.kind === kind);
    const transferred = of("ownership_transferred");
    const mine = govs.filter((g) => g.chain_id === c.chain_id);
    const owner = ownerOf(transferred, mine);
    // A hand-over started after the owner took over and not accepted since.
    const started = [of("ownership_transfer_started"), of("governor_ownership_transferred")]
      .filter((e): e is LatestRow => e !== undefined && e.subject !== null && after(e, transferred))
      .sort((a, b) => (after(a, b) ? -1 : 1))[0];
    const admin = of("admin_changed");
    const upgraded = of("upgraded");
    const initialized = of("initialized");
    return {
      chainId: c.chain_id,
      chainName: c.name,
      tokenAddress: c.token_address,
      owner,
      pendingOwner: started
        ? { address: started.subject as string, by: started.actor, via: started.via, at: refOf(started) }
        : null,
      proxyAdmin: admin?.subject
        ? { address: admin.subject, previous: admin.counterparty, at: refOf(admin) }
        : null,
      implementation: upgraded?.subject ? { address: upgraded.subject, at: refOf(upgraded) } : null,
      initializedVersion: initialized?.version
        ? { version: initialized.version, at: refOf(initialized) }
        : null,
      governors: mine.map((g) => ({
        address: g.address,
        source: g.source,
        sinceBlock: BigInt(g.since_block),
        isOwner: owner?.address === g.address,
        label: g.label,
      })),
    };
  });
}

function ownerOf(
  transferred: LatestRow | undefined,
  governors: { address: string; source: string; since_block: string }[],
): ChainControl["owner"] {
  if (transferred?.subject) {
    return {
      address: transferred.subject,
      previous: transferred.counterparty,
      source: "event",
      at: refOf(transferred),
    };
  }
  const atStart = governors.filter((g) => g.source === "owner_at_start").at(-1);
  return atStart ? { address: atStart.address, previous: null, source: "indexer_start", at: null } : null;
}

// ---------------------------------------------------------------------------------------------
// Governor roles

/** A role's name: the indexer's (args.roleName), the known hashes, else the hash itself. */
function roleNameOf(role: string, name: string | null): string {
  if (name && name !== role) return name;
  return GOVERNOR_ROLES.get(role.toLowerCase() as `0x${string}`) ?? role;
}

const ROLE_ORDER = ["DEFAULT_ADMIN_ROLE", ...GOVERNOR_ROLE_NAMES] as string[];
const roleRank = (name: string) => {
  const i = ROLE_ORDER.indexOf(name);
  return i === -1 ? ROLE_ORDER.length : i;
};

export type RoleHolder = {
  chainId: number;
  /** The governor contract the role is held on. */
  governor: string;
  /** The governor currently owns the token (its roles are the live keys). */
  governorIsOwner: boolean;
  /** Role hash (bytes32 hex). */
  role: string;
  /** MINTER_ROLE, ..., or the hash when unknown. */
  roleName: string;
  account: string;
  accountLabel: string | null;
  accountEntity: string | null;
  /** Who granted it, and when (the latest grant: a later revocation would have removed the row). */
  grantedBy: string | null;
  grantedAt: LogRef;
};

const ROLE_KEY = sql`coalesce(e.args->>'role', e.args->>'roleName')`;
const SENDER = sql`coalesce(e.actor, e.args->>'sender')`;

/**
 * Current holders of each governor role: the latest role_granted/role_revoked per chain, governor,
 * role and account wins (grant = holds it). Ordered by chain, the owning governor first, role
 * (admin, minter, burner, bridge, freezer, unfreezer, pauser, unpauser, others) and account.
 */
export async function listRoleHolders(db: Db, params: GovernanceParams = {}): Promise<RoleHolder[]> {
  const [rows, control] = await Promise.all([
    db.execute(sql`
      with latest as (
        select distinct on (e.chain_id, e.emitter, ${ROLE_KEY}, e.subject)
          e.chain_id, e.emitter, ${ROLE_KEY} as role, e.args->>'roleName' as role_name, e.subject as account,
          e.kind, ${SENDER} as sender, e.block_number::text as block_number, e.block_time, e.tx_hash, e.log_index
        from token_events e
        where e.kind in ('role_granted', 'role_revoked') and e.subject is not null and ${ROLE_KEY} is not null
          and ${chainWhere("e", params.chainId)}
        order by e.chain_id, e.emitter, ${ROLE_KEY}, e.subject, e.block_number desc, e.log_index desc)
      select l.*, a.label, en.name as entity
      from latest l
      left join addresses a on a.chain_id = l.chain_id and a.address = l.account
      left join entities en on en.id = a.entity_id
      where l.kind = 'role_granted'`),
    getChainControl(db, params),
  ]);
  const ownerOf = new Map(control.map((c) => [c.chainId, c.owner?.address ?? null]));
  type Row = {
    chain_id: number;
    emitter: string;
    role: string;
    role_name: string | null;
    account: string;
    sender: string | null;
    block_number: string;
    block_time: Date | string;
    tx_hash: string;
    log_index: number;
    label: string | null;
    entity: string | null;
  };
  const holders = rowsOf<Row>(rows).map((r): RoleHolder => ({
    chainId: Number(r.chain_id),
    governor: r.emitter,
    governorIsOwner: ownerOf.get(Number(r.chain_id)) === r.emitter,
    role: r.role,
    roleName: roleNameOf(r.role, r.role_name),
    account: r.account,
    accountLabel: r.label,
    accountEntity: r.entity,
    grantedBy: r.sender,
    grantedAt: {
      blockNumber: BigInt(r.block_number),
      blockTime: toDate(r.block_time),
      txHash: r.tx_hash,
      logIndex: Number(r.log_index),
    },
  }));
  return holders.sort(
    (a, b) =>
      a.chainId - b.chainId ||
      Number(b.governorIsOwner) - Number(a.governorIsOwner) ||
      a.governor.localeCompare(b.governor) ||
      roleRank(a.roleName) - roleRank(b.roleName) ||
      a.roleName.localeCompare(b.roleName) ||
      a.account.localeCompare(b.account),
  );
}

export const ROLE_EVENT_KINDS = ["role_granted", "role_revoked"] as const;
export type RoleEventKind = (typeof ROLE_EVENT_KINDS)[number];

export type ListRoleEventsParams = GovernanceParams & {
  kind?: RoleEventKind | undefined;
  /** Newest first unless false. */
  desc?: boolean;
  limit: number;
  offset: number;
};

export type RoleEvent = LogRef & {
  chainId: number;
  governor: string;
  kind: RoleEventKind;
  role: string;
  roleName: string;
  account: string;
  accountLabel: string | null;
  accountEntity: string | null;
  /** The account that granted or revoked it (RoleGranted/RoleRevoked `sender`). */
  sender: string | null;
  senderLabel: string | null;
};

/** Grants and revocations of governor roles: who, to whom, when, in which transaction. */
export async function listRoleEvents(
  db: Db,
  p: ListRoleEventsParams,
): Promise<{ rows: RoleEvent[]; total: number }> {
  const where = sql.join(
    [
      p.kind === undefined ? sql`e.kind in ('role_granted', 'role_revoked')` : sql`e.kind = ${p.kind}`,
      chainWhere("e", p.chainId),
    ],
    sql` and `,
  );
  const dir = sql.raw(p.desc === false ? "asc" : "desc");
  const [page, count] = await Promise.all([
    db.execute(sql`
      select e.chain_id, e.emitter, e.kind, ${ROLE_KEY} as role, e.args->>'roleName' as role_name,
        e.subject as account, ${SENDER} as sender, e.block_number::text as block_number, e.block_time,
        e.tx_hash, e.log_index, a.label, en.name as entity, sa.label as sender_label
      from token_events e
      left join addresses a on a.chain_id = e.chain_id and a.address = e.subject
      left join entities en on en.id = a.entity_id
      left join addresses sa on sa.chain_id = e.chain_id and sa.address = ${SENDER}
      where ${where}
      order by e.block_time ${dir}, e.chain_id ${dir}, e.block_number ${dir}, e.log_index ${dir}
      limit ${p.limit} offset ${p.offset}`),
    db.execute(sql`select count(*)::int as n from token_events e where ${where}`),
  ]);
  type Row = {
    chain_id: number;
    emitter: string;
    kind: RoleEventKind;
    role: string | null;
    role_name: string | null;
    account: string | null;
    sender: string | null;
    block_number: string;
    block_time: Date | string;
    tx_hash: string;
    log_index: number;
    label: string | null;
    entity: string | null;
    sender_label: string | null;
  };
  return {
    total: Number(rowsOf<{ n: number }>(count)[0]?.n ?? 0),
    rows: rowsOf<Row>(page).map((r) => ({
      chainId: Number(r.chain_id),
      governor: r.emitter,
      kind: r.kind,
      role: r.role ?? "unknown",
      roleName: roleNameOf(r.role ?? "unknown", r.role_name),
      account: r.account ?? "unknown",
      accountLabel: r.label,
      accountEntity: r.entity,
      sender: r.sender,
      senderLabel: r.sender_label,
      blockNumber: BigInt(r.block_number),
      blockTime: toDate(r.block_time),
      txHash: r.tx_hash,
      logIndex: Number(r.log_index),
    })),
  };
}
