// The exportable tables: columns (shared by CSV and XLSX) and where their rows come from. Every
// amount appears twice: in wei (exact integer) and in USD1 (exact decimal string).
import type { Db } from "@/db/client";
import type { AuditChainRow } from "@/db/queries/audit-chain";
import { streamAuditExport, type AuditExportFilter } from "@/db/queries/audit-export";
import { getCorridorCells, type CorridorCell } from "@/db/queries/corridors";
import {
  getSupplySeries,
  streamAlertExport,
  streamTransactionExport,
  type AlertExportFilter,
  type AlertExportRow,
  type SupplySeriesRow,
  type TransactionExportRow,
} from "@/db/queries/exports";
import type { TransactionFilter } from "@/db/queries/transactions";
import type { RuleId } from "@/db/schema/monitoring";
import { ruleById } from "@/lib/monitoring/rules";
import type { ExportColumn, ExportTable } from "./cells";

type Col<R> = ExportColumn<R>;

/** wei + USD1 columns of one amount. */
function money<R>(name: string, get: (r: R) => string | null): Col<R>[] {
  return [
    { header: `${name}_wei`, kind: "wei", value: get, width: 28 },
    { header: `${name}_usd1`, kind: "usd1", value: get, width: 28 },
  ];
}

export const TRANSACTION_COLUMNS: readonly Col<TransactionExportRow>[] = [
  { header: "chain_id", kind: "int", value: (r) => r.chainId, width: 9 },
  { header: "block_number", kind: "int", value: (r) => r.blockNumber, width: 12 },
  { header: "block_time_utc", kind: "datetime", value: (r) => r.blockTime, width: 20 },
  { header: "tx_hash", kind: "text", value: (r) => r.txHash, width: 68 },
  { header: "log_index", kind: "int", value: (r) => r.logIndex, width: 9 },
  { header: "kind", kind: "text", value: (r) => r.kind, width: 9 },
  { header: "from_address", kind: "text", value: (r) => r.fromAddress, width: 44 },
  { header: "from_label", kind: "text", value: (r) => r.fromLabel, width: 24 },
  { header: "from_entity", kind: "text", value: (r) => r.fromEntity, width: 24 },
  { header: "origin_country", kind: "text", value: (r) => r.originCountry, width: 8 },
  { header: "to_address", kind: "text", value: (r) => r.toAddress, width: 44 },
  { header: "to_label", kind: "text", value: (r) => r.toLabel, width: 24 },
  { header: "to_entity", kind: "text", value: (r) => r.toEntity, width: 24 },
  { header: "destination_country", kind: "text", value: (r) => r.destinationCountry, width: 8 },
  ...money<TransactionExportRow>("amount", (r) => r.amount),
  { header: "intra_entity", kind: "bool", value: (r) => r.intra, width: 8 },
  { header: "bridge", kind: "bool", value: (r) => r.bridge, width: 8 },
  { header: "primary_market", kind: "bool", value: (r) => r.primary, width: 8 },
];

export function transactionsTable(
  db: Db,
  p: { filter: TransactionFilter; asOf: Date; batchSize?: number },
): ExportTable<TransactionExportRow> {
  return { title: "Transactions", columns: TRANSACTION_COLUMNS, rows: streamTransactionExport(db, p) };
}

export const ALERT_COLUMNS: readonly Col<AlertExportRow>[] = [
  { header: "alert_id", kind: "int", value: (r) => r.id, width: 9 },
  { header: "rule_id", kind: "text", value: (r) => r.ruleId, width: 7 },
  { header: "rule_name", kind: "text", value: (r) => ruleById(r.ruleId as RuleId).title, width: 28 },
  { header: "rule_version", kind: "int", value: (r) => r.ruleVersion, width: 8 },
  { header: "logic_version", kind: "int", value: (r) => r.logicVersion, width: 8 },
  { header: "severity", kind: "text", value: (r) => r.severity, width: 9 },
  { header: "score", kind: "int", value: (r) => r.score, width: 6 },
  { header: "status", kind: "text", value: (r) => r.status, width: 10 },
  { header: "status_reason", kind: "text", value: (r) => r.statusReason, width: 30 },
  { header: "chain_id", kind: "int", value: (r) => r.chainId, width: 9 },
  { header: "block_number", kind: "int", value: (r) => r.blockNumber, width: 12 },
  { header: "block_time_utc", kind: "datetime", value: (r) => r.blockTime, width: 20 },
  { header: "tx_hash", kind: "text", value: (r) => r.txHash, width: 68 },
  { header: "log_index", kind: "int", value: (r) => r.logIndex, width: 9 },
  { header: "subject_address", kind: "text", value: (r) => r.subject, width: 44 },
  { header: "subject_label", kind: "text", value: (r) => r.subjectLabel, width: 24 },
  ...money<AlertExportRow>("amount", (r) => r.amount),
  { header: "origin_country", kind: "text", value: (r) => r.corridorOrigin, width: 8 },
  { header: "destination_country", kind: "text", value: (r) => r.corridorDestination, width: 8 },
  { header: "assignee", kind: "text", value: (r) => r.assigneeEmail, width: 24 },
  { header: "explanation", kind: "text", value: (r) => r.explanation, width: 60 },
  { header: "evidence_count", kind: "int", value: (r) => r.evidenceCount, width: 8 },
];

export function alertsTable(
  db: Db,
  p: { filter: AlertExportFilter; batchSize?: number },
): ExportTable<AlertExportRow> {
  return { title: "Alerts", columns: ALERT_COLUMNS, rows: streamAlertExport(db, p) };
}

type CorridorRow = Omit<
  CorridorCell,
  "volume" | "adjustedVolume" | "intraEntityVolume" | "bridgeVolume" | "primaryVolume"
> & {
  volume: string;
  adjustedVolume: string;
  intraEntityVolume: string;
  bridgeVolume: string;
  primaryVolume: string;
};

export const CORRIDOR_COLUMNS: readonly Col<CorridorRow>[] = [
  { header: "origin_country", kind: "text", value: (r) => r.originCountry, width: 8 },
  { header: "destination_country", kind: "text", value: (r) => r.destinationCountry, width: 8 },
  { header: "transfer_count", kind: "int", value: (r) => r.transferCount, width: 10 },
  ...money<CorridorRow>("volume", (r) => r.volume),
  { header: "adjusted_count", kind: "int", value: (r) => r.adjustedCount, width: 10 },
  ...money<CorridorRow>("adjusted_volume", (r) => r.adjustedVolume),
  ...money<CorridorRow>("intra_entity_volume", (r) => r.intraEntityVolume),
  ...money<CorridorRow>("bridge_volume", (r) => r.bridgeVolume),
  { header: "primary_count", kind: "int", value: (r) => r.primaryCount, width: 10 },
  ...money<CorridorRow>("primary_volume", (r) => r.primaryVolume),
];

/**
 * The corridors view's matrix (getCorridorCells) as a list of origin → destination cells. It is
 * an aggregate bounded by countries², so it is read in one query rather than streamed.
 */
export function corridorMatrixTable(
  db: Db,
  p: { fromDay: string; toDay: string; chainId?: number | undefined },
): ExportTable<CorridorRow> {
  async function* rows() {
    const cells = await getCorridorCells(db, { from: p.fromDay, to: p.toDay, chainId: p.chainId });
    yield cells.map((c): CorridorRow => ({
      ...c,
      volume: c.volume.toString(),
      adjustedVolume: c.adjustedVolume.toString(),
      intraEntityVolume: c.intraEntityVolume.toString(),
      bridgeVolume: c.bridgeVolume.toString(),
      primaryVolume: c.primaryVolume.toString(),
    }));
  }
  return { title: "Corridor matrix", columns: CORRIDOR_COLUMNS, rows: rows() };
}

export const SUPPLY_COLUMNS: readonly Col<SupplySeriesRow>[] = [
  { header: "day", kind: "date", value: (r) => r.day, width: 11 },
  { header: "chain_id", kind: "int", value: (r) => r.chainId, width: 9 },
  { header: "chain_name", kind: "text", value: (r) => r.chainName, width: 20 },
  ...money<SupplySeriesRow>("minted", (r) => r.minted),
  ...money<SupplySeriesRow>("burned", (r) => r.burned),
  ...money<SupplySeriesRow>("issuer_minted", (r) => r.issuerMinted),
  ...money<SupplySeriesRow>("issuer_burned", (r) => r.issuerBurned),
  ...money<SupplySeriesRow>("bridge_minted", (r) => r.bridgeMinted),
  ...money<SupplySeriesRow>("bridge_burned", (r) => r.bridgeBurned),
  ...money<SupplySeriesRow>("net_issuance", (r) => r.netIssuance),
  ...money<SupplySeriesRow>("closing_supply", (r) => r.closingSupply),
  { header: "mint_count", kind: "int", value: (r) => r.mintCount, width: 8 },
  { header: "burn_count", kind: "int", value: (r) => r.burnCount, width: 8 },
  { header: "transfer_count", kind: "int", value: (r) => r.transferCount, width: 10 },
  ...money<SupplySeriesRow>("transfer_volume", (r) => r.transferVolume),
];

/** Daily supply per chain from the rollup (finalized blocks), one query: days × chains rows. */
export function supplySeriesTable(
  db: Db,
  p: { fromDay: string; toDay: string; chainId?: number | undefined },
): ExportTable<SupplySeriesRow> {
  async function* rows() {
    yield await getSupplySeries(db, p);
  }
  return { title: "Supply series", columns: SUPPLY_COLUMNS, rows: rows() };
}

/** The chain head when the export started: every exported row carries it. */
export type AuditHead = { seq: number; rowHash: string };

type AuditExportRow = AuditChainRow;

/**
 * Audit log rows with their place in the hash chain. Text exactly as hashed, so a reader can
 * recompute row_hash (README "Audit log"); a cell the formula guard prefixed must be read back
 * without that prefix first.
 */
export function auditLogColumns(head: AuditHead): readonly Col<AuditExportRow>[] {
  return [
    { header: "seq", kind: "int", value: (r) => r.seq, width: 8 },
    { header: "id", kind: "int", value: (r) => r.id, width: 8 },
    { header: "at_utc", kind: "text", value: (r) => r.at, width: 28 },
    { header: "actor_user_id", kind: "text", value: (r) => r.actorUserId, width: 20 },
    { header: "actor_email", kind: "text", value: (r) => r.actorEmail, width: 28 },
    { header: "actor_role", kind: "text", value: (r) => r.actorRole, width: 16 },
    { header: "action", kind: "text", value: (r) => r.action, width: 22 },
    { header: "target", kind: "text", value: (r) => r.target, width: 24 },
    { header: "params_json", kind: "text", value: (r) => r.params, width: 60 },
    { header: "ip", kind: "text", value: (r) => r.ip, width: 16 },
    { header: "user_agent", kind: "text", value: (r) => r.userAgent, width: 30 },
    { header: "checksum", kind: "text", value: (r) => r.checksum, width: 66 },
    { header: "prev_hash", kind: "text", value: (r) => r.prevHash, width: 66 },
    { header: "row_hash", kind: "text", value: (r) => r.rowHash, width: 66 },
    { header: "chain_head_seq", kind: "int", value: () => String(head.seq), width: 10 },
    { header: "chain_head_hash", kind: "text", value: () => head.rowHash, width: 66 },
  ];
}

export function auditLogTable(
  db: Db,
  p: { filter: AuditExportFilter; head: AuditHead; batchSize?: number },
): ExportTable<AuditExportRow> {
  return {
    title: "Audit log",
    columns: auditLogColumns(p.head),
    rows: streamAuditExport(db, { filter: p.filter, headSeq: p.head.seq, batchSize: p.batchSize }),
  };
}
