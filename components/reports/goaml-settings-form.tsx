"use client";

// The goAML reporting settings (compliance officers): the reporting entity's identifiers, the
// FIU's codes and one report indicator per rule. Field names are the settings' paths, so the
// server's validation messages land on the right field. A coded field whose list the schema in
// force enumerates is a choice among its codes; a stored code the list lacks is shown first,
// marked, with the reason beside it, so the officer sees what to fix (the save refuses it).
import { useId, useState, type ReactNode } from "react";
import { ActionOutcome, FormField, formButton, formControl, invalidProps } from "@/components/ui/form-parts";
import { fieldError, useActionForm } from "@/components/ui/use-action-form";
import { updateGoamlSettings } from "@/lib/actions/update-goaml-settings";
import type { CodeChoice } from "@/lib/reports/goaml/settings-form";

type Field = { name: string; label: string; hint?: string; maxLength?: number; type?: "email" };

const ENTITY: Field[] = [
  { name: "rentityId", label: "Reporting entity id", hint: "rentity_id: the number your FIU assigned." },
  {
    name: "rentityBranch",
    label: "Branch",
    hint: "rentity_branch: the reporting office, e.g. Head office (goAML requires one).",
    maxLength: 255,
  },
  {
    name: "submissionCode",
    label: "Submission code",
    hint: "submission_code, e.g. E (electronic).",
    maxLength: 50,
  },
  { name: "reportCode", label: "Report code", hint: "report_code, e.g. STR.", maxLength: 50 },
];
const MONEY: Field[] = [
  {
    name: "currencyCodeLocal",
    label: "Local currency",
    hint: "ISO 4217, e.g. PKR (currency_code_local).",
    maxLength: 3,
  },
  {
    name: "localPerUsd",
    label: "Local currency per USD",
    hint: "Rate for amount_local at 1 USD1 = 1 USD, e.g. 278.50.",
  },
  {
    name: "accountCurrencyCode",
    label: "Wallet account currency",
    hint: "ISO 4217 code on wallet accounts, e.g. USD.",
    maxLength: 3,
  },
];
const CODES: Field[] = [
  {
    name: "transmodeCode",
    label: "Transmode code",
    hint: "transmode_code of every transaction.",
    maxLength: 50,
  },
  { name: "fundsCode", label: "Funds code", hint: "from_funds_code / to_funds_code.", maxLength: 50 },
  {
    name: "institutionCode",
    label: "Institution code for wallets",
    hint: "institution_code on every wallet account: goAML requires it (or a SWIFT code); the code your FMU gave for wallets.",
    maxLength: 50,
  },
  {
    name: "accountTypeCode",
    label: "Account type for wallets",
    hint: "personal_account_type of wallet accounts, e.g. CRYWT (Crypto Wallet) where the FMU's list has one; optional.",
    maxLength: 50,
  },
  {
    name: "unknownCountryCode",
    label: "Country of an unattributed wallet",
    hint: 'goAML requires a country on each side of a transaction; your FMU says which code stands for an unknown one (some schemas list "-").',
    maxLength: 3,
  },
  { name: "unattributedInstitution", label: "Institution of an unattributed wallet", maxLength: 255 },
];
const PERSON: Field[] = [
  { name: "reportingPerson.firstName", label: "First name", maxLength: 100 },
  { name: "reportingPerson.lastName", label: "Last name", maxLength: 100 },
  { name: "reportingPerson.email", label: "Email", type: "email", maxLength: 255 },
  { name: "reportingPerson.occupation", label: "Occupation", maxLength: 255 },
];
const LOCATION: Field[] = [
  {
    name: "location.addressType",
    label: "Address type",
    hint: "The FIU's address type code.",
    maxLength: 50,
  },
  {
    name: "location.address",
    label: "Address",
    hint: "At most 100 characters (goAML 5.0.1).",
    maxLength: 100,
  },
  { name: "location.city", label: "City", maxLength: 255 },
  { name: "location.countryCode", label: "Country", hint: "ISO 3166-1 alpha-2, e.g. PK.", maxLength: 2 },
];

function Section({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="rounded border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold text-slate-900">{legend}</legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">{children}</div>
    </fieldset>
  );
}

export function GoamlSettingsForm({
  values,
  choices,
  codeIssues,
  indicators,
}: {
  /** Current settings, field name → text. */
  values: Record<string, string>;
  /** Coded fields the schema in force enumerates → its codes (the others stay text inputs). */
  choices: Record<string, CodeChoice>;
  /** Stored codes the schema in force lacks: field → why. */
  codeIssues: Record<string, string>;
  /** The rules, for one indicator field each. */
  indicators: { ruleId: string; title: string }[];
}) {
  const { state, pending, onSubmit } = useActionForm(updateGoamlSettings);
  const id = useId();
  // A stored code's issue stands until the officer picks another code or the server answers.
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  const errorOf = (name: string) =>
    fieldError(state, name) ?? (changed.has(name) ? undefined : codeIssues[name]);
  const control = (f: Field, fid: string) => {
    const choice = choices[f.name];
    const common = { id: fid, name: f.name, className: formControl, ...invalidProps(fid, errorOf(f.name)) };
    if (!choice) {
      return (
        <input
          {...common}
          type={f.type ?? "text"}
          defaultValue={values[f.name] ?? ""}
          maxLength={f.maxLength}
          autoComplete="off"
        />
      );
    }
    return (
      <select
        {...common}
        defaultValue={values[f.name] ?? ""}
        onChange={() => setChanged((s) => new Set(s).add(f.name))}
      >
        {choice.notInSchema !== null ? (
          <option value={choice.notInSchema}>{choice.notInSchema} (not in the schema)</option>
        ) : null}
        {choice.optional ? <option value="">— none —</option> : null}
        {choice.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  };
  const field = (f: Field) => {
    const fid = `${id}-${f.name}`;
    return (
      <FormField key={f.name} id={fid} label={f.label} hint={f.hint} error={errorOf(f.name)}>
        {control(f, fid)}
      </FormField>
    );
  };
  return (
    <form onSubmit={onSubmit} aria-label="goAML settings" className="space-y-4" noValidate>
      <Section legend="Reporting entity">{ENTITY.map(field)}</Section>
      <Section legend="Amounts and currencies">{MONEY.map(field)}</Section>
      <Section legend="Transactions">{CODES.map(field)}</Section>
      <Section legend="Reporting person">{PERSON.map(field)}</Section>
      <Section legend="Location">{LOCATION.map(field)}</Section>
      <Section legend="Report indicators (one per rule)">
        {indicators.map((r) =>
          field({ name: `indicators.${r.ruleId}`, label: `${r.ruleId} ${r.title}`, maxLength: 50 }),
        )}
      </Section>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={formButton}>
          Save goAML settings
        </button>
        <ActionOutcome state={state} testId="goaml-settings-outcome" />
      </div>
    </form>
  );
}
