// goAML STR for a case: the structure of DOMAIN.md section 5, built node by node with
// xmlbuilder2 (escaping is the library's, never string concatenation). Element order is the
// schema's. What fits every goAML version: elements unqualified (no namespace), <rentity_branch>
// always present, <institution_code> on every account, transaction numbers and references within
// 4.x's 50 characters (the full tx hash goes into the description), one <transaction> per
// evidence transfer with a unique number, parties as registry entities where known and as
// wallet accounts otherwise. Whether the result is acceptable is the FIU's schema's to say
// (validate.ts); this file never decides which codes exist.
import { zeroAddress } from "viem";
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import type { CaseParty, CaseTransfer } from "@/db/queries/exports-report";
import { TRANSFER_RULE_IDS, type TransferRuleId } from "@/db/schema/monitoring";
import { AppError } from "@/lib/errors";
import { convertAtRate, formatUsd1 } from "@/lib/format";
import type { GoamlSettings } from "./settings";

/** goAML schema version the structure follows (DOMAIN.md section 5). */
export const GOAML_SCHEMA_VERSION = "5.0.1";

/** 4.x caps transactionnumber, internal_ref_number and account at 50 characters. */
export const GOAML_REF_MAX = 50;

/** Opens <reason> of a draft; a draft is never a fileable report. */
export const DRAFT_REASON_PREFIX =
  "DRAFT – NOT FOR FILING. This case is escalated and not yet filed: a second compliance officer files it (four eyes).";

export type GoamlReportInput = {
  /** Goes into <entity_reference>: the filed report leads back to its export record. */
  exportId: string;
  /** A preview of an escalated case: watermarked, says so in <reason>, never fileable. */
  draft?: boolean;
  submissionDate: Date;
  /** Why the transactions are suspicious, in the compliance officer's words. */
  reason: string;
  action?: string | undefined;
  /** Rules that fired on the case (one indicator per distinct rule). */
  ruleIds: readonly string[];
  /** Evidence transfers, one <transaction> each. */
  transfers: readonly CaseTransfer[];
};

// Characters XML 1.0 cannot carry at all (even escaped); labels and notes are typed by people.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** User text made storable in XML 1.0 and cut to goAML's usual field length. */
export function xmlText(s: string, max = 4000): string {
  return s.replace(NOT_XML, "\uFFFD").slice(0, max);
}

/** goAML dateTime: local form without a zone; we always write UTC. */
export function goamlDateTime(d: Date | string): string {
  return new Date(d).toISOString().slice(0, 19);
}

/** Indicator codes for the rules that fired, deduplicated, in rule order (R1…R12). */
export function indicatorsFor(ruleIds: readonly string[], settings: GoamlSettings): string[] {
  const fired = new Set(ruleIds);
  const codes = TRANSFER_RULE_IDS.filter((id) => fired.has(id)).map(
    (id: TransferRuleId) => settings.indicators[id],
  );
  const unknown = [...fired].filter((id) => !(TRANSFER_RULE_IDS as readonly string[]).includes(id));
  if (unknown.length > 0)
    throw new AppError("bad_request", `no indicator configured for ${unknown.join(", ")}`);
  return [...new Set(codes)];
}

function amountLocal(wei: string, settings: GoamlSettings): string {
  return formatUsd1(convertAtRate(wei, settings.localPerUsd), { decimals: 2, unit: false, group: false });
}

function addAccount(side: XMLBuilder, tag: string, party: CaseParty, settings: GoamlSettings): void {
  if (!settings.institutionCode) {
    throw new AppError(
      "conflict",
      "goAML needs an institution code on every account: set 'Institution code for wallets' in goAML settings.",
    );
  }
  const institution =
    party.address === zeroAddress ? "USD1 token contract (mint or burn)" : settings.unattributedInstitution;
  const account = side.ele(tag);
  account.ele("institution_name").txt(xmlText(institution, 255));
  account.ele("institution_code").txt(settings.institutionCode);
  account.ele("account").txt(party.address);
  account.ele("currency_code").txt(settings.accountCurrencyCode);
  if (party.label) account.ele("account_name").txt(xmlText(party.label, 255));
  if (settings.accountTypeCode) account.ele("personal_account_type").txt(settings.accountTypeCode);
}

/** A registry entity: its name and country; the wallet it used is said in <comments>. */
function addEntity(side: XMLBuilder, tag: string, party: CaseParty, chain: string): void {
  const entity = side.ele(tag);
  entity.ele("name").txt(xmlText(party.entityName ?? "", 255));
  if (party.country) entity.ele("incorporation_country_code").txt(party.country);
  const label = party.label ? ` (${party.label})` : "";
  entity
    .ele("comments")
    .txt(
      xmlText(
        `USD1 wallet ${party.address}${label} on ${chain}, as attributed in the supervisor's registry.`,
      ),
    );
}

function addSide(
  tx: XMLBuilder,
  dir: "from" | "to",
  party: CaseParty,
  chain: string,
  settings: GoamlSettings,
): void {
  const side = tx.ele(`t_${dir}`);
  side.ele(`${dir}_funds_code`).txt(settings.fundsCode);
  if (party.entityName && party.address !== zeroAddress) addEntity(side, `${dir}_entity`, party, chain);
  else addAccount(side, `${dir}_account`, party, settings);
  side.ele(`${dir}_country`).txt(party.country ?? settings.unknownCountryCode);
}

/** "1-120-3": chain id, block, log index – unique per transfer and short enough for 4.x. */
export function transactionNumber(t: CaseTransfer): string {
  const n = `${t.chainId}-${t.blockNumber}-${t.logIndex}`;
  if (n.length > GOAML_REF_MAX)
    throw new AppError("internal", `transaction number ${n} exceeds ${GOAML_REF_MAX}`);
  return n;
}

function addTransaction(
  report: XMLBuilder,
  t: CaseTransfer,
  index: number,
  input: GoamlReportInput,
  settings: GoamlSettings,
): void {
  const chain = `${t.chainName} (EVM chain id ${t.chainId})`;
  const tx = report.ele("transaction");
  tx.ele("transactionnumber").txt(transactionNumber(t));
  tx.ele("internal_ref_number").txt(`${input.exportId}/${index + 1}`.slice(0, GOAML_REF_MAX));
  tx.ele("transaction_location").txt(xmlText(chain, 255));
  tx.ele("transaction_description").txt(
    `USD1 ${t.kind} of ${formatUsd1(t.amount, { decimals: 18, unit: false })} USD1 (${t.amount} wei) on ${chain}, ` +
      `transaction hash ${t.txHash}, block ${t.blockNumber}, log index ${t.logIndex}`,
  );
  tx.ele("date_transaction").txt(goamlDateTime(t.blockTime));
  tx.ele("transmode_code").txt(settings.transmodeCode);
  tx.ele("amount_local").txt(amountLocal(t.amount, settings));
  addSide(tx, "from", t.from, chain, settings);
  addSide(tx, "to", t.to, chain, settings);
}

/** Settings text is typed by a compliance officer: made XML-safe like any user text. */
function addFields(parent: XMLBuilder, fields: [string, string][]): void {
  for (const [name, value] of fields) parent.ele(name).txt(xmlText(value, 255));
}

/** The report as a UTF-8 XML document. Throws when the case cannot make a report. */
export function buildGoamlReport(input: GoamlReportInput, settings: GoamlSettings): string {
  if (input.transfers.length === 0) {
    throw new AppError(
      "bad_request",
      "a goAML report needs at least one evidence transfer; these alerts have none",
    );
  }
  const indicators = indicatorsFor(input.ruleIds, settings);
  if (indicators.length === 0)
    throw new AppError("bad_request", "a goAML report needs at least one report indicator");

  const doc = create({ version: "1.0", encoding: "UTF-8" });
  if (input.draft)
    doc.com(
      " DRAFT - NOT FOR FILING: preview of an escalated case; the fileable report is made when a second compliance officer files it. ",
    );
  const report = doc.ele("report");
  report.ele("rentity_id").txt(String(settings.rentityId));
  report.ele("rentity_branch").txt(xmlText(settings.rentityBranch, 255));
  report.ele("submission_code").txt(settings.submissionCode);
  report.ele("report_code").txt(settings.reportCode);
  report.ele("entity_reference").txt(input.draft ? `${input.exportId}-DRAFT` : input.exportId);
  report.ele("submission_date").txt(goamlDateTime(input.submissionDate));
  report.ele("currency_code_local").txt(settings.currencyCodeLocal);
  const p = settings.reportingPerson;
  addFields(report.ele("reporting_person"), [
    ["first_name", p.firstName],
    ["last_name", p.lastName],
    ["email", p.email],
    ["occupation", p.occupation],
  ]);
  const l = settings.location;
  const location = report.ele("location");
  addFields(location, [["address_type", l.addressType]]);
  location.ele("address").txt(xmlText(l.address, 100));
  addFields(location, [
    ["city", l.city],
    ["country_code", l.countryCode],
  ]);
  const reason = input.draft ? `${DRAFT_REASON_PREFIX}\n\n${input.reason}` : input.reason;
  report.ele("reason").txt(xmlText(reason));
  if (input.action) report.ele("action").txt(xmlText(input.action));
  input.transfers.forEach((t, i) => addTransaction(report, t, i, input, settings));
  const list = report.ele("report_indicators");
  for (const code of indicators) list.ele("indicator").txt(code);
  return doc.end({ prettyPrint: true });
}
