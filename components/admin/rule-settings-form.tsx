"use client";

// One rule's parameters as an editable table: the saved value in the control, the default beside
// it. Amounts are typed in USD1 (at most 6 decimals) and stored as exact wei, shown under the field.
import { useId } from "react";
import { Badge } from "@/components/ui/badge";
import { ActionOutcome, formButton, formControl, invalidProps } from "@/components/ui/form-parts";
import { Table, Td, Th } from "@/components/ui/table";
import { fieldError, useActionForm } from "@/components/ui/use-action-form";
import { updateRuleSettings } from "@/lib/actions/update-rule-settings";
import type { RuleFieldView } from "./rule-settings-view";

function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={`${id}-error`} className="mt-0.5 text-xs text-red-800">
      {error}
    </p>
  ) : null;
}

function Control({ id, field, error }: { id: string; field: RuleFieldView; error: string | undefined }) {
  const invalid = invalidProps(id, error);
  if (field.kind === "boolean") {
    return (
      <input
        id={id}
        type="checkbox"
        name={field.name}
        defaultChecked={field.value === true}
        className="size-4"
        {...invalid}
      />
    );
  }
  if (field.kind === "choices") {
    const picked = Array.isArray(field.value) ? field.value : [];
    return (
      <div
        role="group"
        aria-labelledby={`${id}-label`}
        aria-describedby={error ? `${id}-error` : undefined}
        className="flex flex-wrap gap-x-4 gap-y-1"
      >
        {field.options?.map((o) => (
          <label key={o.value} className="inline-flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              name={`${field.name}:${o.value}`}
              defaultChecked={picked.includes(o.value)}
              className="size-4"
            />
            {o.label}
          </label>
        ))}
      </div>
    );
  }
  if (field.kind === "list") {
    return (
      <textarea
        id={id}
        name={field.name}
        rows={3}
        defaultValue={String(field.value)}
        className={`${formControl} font-mono`}
        {...invalid}
      />
    );
  }
  return (
    <input
      id={id}
      name={field.name}
      defaultValue={String(field.value)}
      inputMode={field.kind === "duration" ? "text" : "decimal"}
      autoComplete="off"
      spellCheck={false}
      className={`${formControl} max-w-xs font-mono`}
      {...invalid}
    />
  );
}

/** How to type a value, where the parameter has no hint of its own. */
const KIND_HINTS: Partial<Record<RuleFieldView["kind"], string>> = {
  usd: "In USD1, at most 6 decimals; stored as exact wei.",
  duration: "A number and a unit: 60m, 24h, 7d.",
  percent: "0.01 to 100, at most 2 decimals.",
};

function ParamRow({
  field,
  error,
  ruleId,
}: {
  field: RuleFieldView;
  error: string | undefined;
  ruleId: string;
}) {
  const id = `${useId()}-${field.key}`;
  const labelProps = field.kind === "choices" ? { id: `${id}-label` } : { htmlFor: id };
  const hint = field.hint ?? KIND_HINTS[field.kind];
  return (
    <tr data-testid={`rule-param-${ruleId}-${field.key}`}>
      <Th scope="row" className="w-1/3">
        {field.kind === "choices" ? (
          <span {...labelProps}>{field.label}</span>
        ) : (
          <label {...labelProps}>{field.label}</label>
        )}
        {hint ? <p className="mt-0.5 text-xs font-normal text-slate-500">{hint}</p> : null}
      </Th>
      <Td>
        <Control id={id} field={field} error={error} />
        <ErrorText id={id} error={error} />
        {field.wei ? (
          <p
            className="mt-0.5 font-mono text-xs break-all text-slate-500"
            data-testid={`rule-wei-${ruleId}-${field.key}`}
          >
            saved: {field.wei.saved} wei
          </p>
        ) : null}
      </Td>
      <Td className="text-xs text-slate-600">
        {field.defaultText}
        {field.wei ? (
          <span className="block font-mono break-all text-slate-500">{field.wei.default} wei</span>
        ) : null}
        {field.isDefault ? null : (
          <Badge tone="warning" className="mt-1">
            changed
          </Badge>
        )}
      </Td>
    </tr>
  );
}

export function RuleSettingsForm({
  ruleId,
  title,
  enabled,
  fields,
}: {
  ruleId: string;
  title: string;
  enabled: boolean;
  fields: RuleFieldView[];
}) {
  const { state, pending, onSubmit } = useActionForm(updateRuleSettings);
  const enabledId = useId();
  return (
    <form onSubmit={onSubmit} aria-label={`${ruleId} ${title} settings`} className="space-y-3">
      <input type="hidden" name="ruleId" value={ruleId} />
      <label
        htmlFor={enabledId}
        className="inline-flex items-center gap-2 text-sm font-medium text-slate-800"
      >
        <input id={enabledId} type="checkbox" name="enabled" defaultChecked={enabled} className="size-4" />
        Rule enabled
      </label>
      <Table caption={`${ruleId} parameters: saved value and default`}>
        <thead>
          <tr>
            <Th>Parameter</Th>
            <Th>Value</Th>
            <Th>Default</Th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <ParamRow key={f.key} field={f} ruleId={ruleId} error={fieldError(state, f.name)} />
          ))}
        </tbody>
      </Table>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={formButton}>
          Save {ruleId}
        </button>
        <ActionOutcome state={state} testId={`rule-outcome-${ruleId}`} />
      </div>
    </form>
  );
}
