"use client";

// The goAML reporting settings (compliance officers): the reporting entity's identifiers, the
// FIU's code lists and one report indicator per rule. Field names are the settings' paths, so the
// server's validation messages land on the right field.
import { useId, type ReactNode } from "react";
import { ActionOutcome, FormField, formButton, formControl, invalidProps } from "@/components/ui/form-parts";
import { fieldError, useActionForm } from "@/components/ui/use-action-form";
import { updateGoamlSettings } from "@/lib/actions/update-goaml-settings";

type Field = { name: string; label: string; hint?: string; maxLength?: number; type?: "email" };

const ENTITY: Field[] = [
  { name: "rentityId", label: "Reporting entity id", hint: "rentity_id: the number your FIU assigned." },
  {
    name: "rentityBranch",
    label: "Branch (optional)",
    hint: "rentity_branch; leave empty for none.",
    maxLength: 255,
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
    name: "unknownCountryCode",
    label: "Country of an unattributed wallet",
    hint: "ISO 3166-1 alpha-2, e.g. ZZ.",
    maxLength: 2,
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
  { name: "location.address", label: "Address", maxLength: 255 },
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
  indicators,
}: {
  /** Current settings, field name → text. */
  values: Record<string, string>;
  /** The rules, for one indicator field each. */
  indicators: { ruleId: string; title: string }[];
}) {
  const { state, pending, onSubmit } = useActionForm(updateGoamlSettings);
  const id = useId();
  const errorOf = (name: string) => fieldError(state, name);
  const input = (f: Field) => {
    const fid = `${id}-${f.name}`;
    return (
      <FormField key={f.name} id={fid} label={f.label} hint={f.hint} error={errorOf(f.name)}>
        <input
          id={fid}
          name={f.name}
          type={f.type ?? "text"}
          defaultValue={values[f.name] ?? ""}
          maxLength={f.maxLength}
          autoComplete="off"
          className={formControl}
          {...invalidProps(fid, errorOf(f.name))}
        />
      </FormField>
    );
  };
  const submissionId = `${id}-submissionCode`;
  return (
    <form onSubmit={onSubmit} aria-label="goAML settings" className="space-y-4" noValidate>
      <Section legend="Reporting entity">
        {input(ENTITY[0] as Field)}
        {input(ENTITY[1] as Field)}
        <FormField id={submissionId} label="Submission code" error={errorOf("submissionCode")}>
          <select
            id={submissionId}
            name="submissionCode"
            defaultValue={values.submissionCode ?? "E"}
            className={formControl}
            {...invalidProps(submissionId, errorOf("submissionCode"))}
          >
            <option value="E">E – electronic</option>
            <option value="M">M – manual</option>
          </select>
        </FormField>
        {input(ENTITY[2] as Field)}
      </Section>
      <Section legend="Amounts and currencies">{MONEY.map(input)}</Section>
      <Section legend="Transactions">{CODES.map(input)}</Section>
      <Section legend="Reporting person">{PERSON.map(input)}</Section>
      <Section legend="Location">{LOCATION.map(input)}</Section>
      <Section legend="Report indicators (one per rule)">
        {indicators.map((r) =>
          input({ name: `indicators.${r.ruleId}`, label: `${r.ruleId} ${r.title}`, maxLength: 50 }),
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
