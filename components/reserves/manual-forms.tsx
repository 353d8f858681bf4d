"use client";

import { ActionOutcome, FormField, formButton, formControl, invalidProps } from "@/components/ui/form-parts";
import { fieldError, useActionForm } from "@/components/ui/use-action-form";
import { enterNativeSupply } from "@/lib/actions/enter-native-supply";
import { enterReserveAttestation } from "@/lib/actions/enter-reserve-attestation";
import { reviewReserveAttestation } from "@/lib/actions/review-reserve-attestation";

export function AttestationForm() {
  const { state, pending, onSubmit } = useActionForm(enterReserveAttestation, { resetOnSuccess: true });
  const f = (name: string) => fieldError(state, name);
  return (
    <form onSubmit={onSubmit} className="space-y-2" aria-label="Enter an attestation">
      <div className="grid gap-2 md:grid-cols-2">
        <FormField
          id="att-reserves"
          label="Reserves (USD)"
          error={f("reserves")}
          hint="Exact figure, no separators."
        >
          <input
            id="att-reserves"
            name="reserves"
            inputMode="decimal"
            className={formControl}
            {...invalidProps("att-reserves", f("reserves"))}
          />
        </FormField>
        <FormField id="att-as-of" label="As of (UTC day)" error={f("asOf")}>
          <input
            id="att-as-of"
            name="asOf"
            type="date"
            className={formControl}
            {...invalidProps("att-as-of", f("asOf"))}
          />
        </FormField>
        <FormField id="att-custodian" label="Custodian" error={f("custodian")}>
          <input
            id="att-custodian"
            name="custodian"
            className={formControl}
            {...invalidProps("att-custodian", f("custodian"))}
          />
        </FormField>
        <FormField id="att-report" label="Report name" error={f("reportName")}>
          <input
            id="att-report"
            name="reportName"
            className={formControl}
            {...invalidProps("att-report", f("reportName"))}
          />
        </FormField>
      </div>
      <FormField
        id="att-sha"
        label="Report SHA-256"
        error={f("reportSha256")}
        hint="64 hexadecimal characters, of the report file as received."
      >
        <input
          id="att-sha"
          name="reportSha256"
          className={`${formControl} font-mono`}
          {...invalidProps("att-sha", f("reportSha256"))}
        />
      </FormField>
      <button type="submit" className={formButton} disabled={pending}>
        Enter attestation
      </button>
      <ActionOutcome state={state} testId="attestation-outcome" />
    </form>
  );
}

export function SupplyForm({ chains }: { chains: { value: string; label: string }[] }) {
  const { state, pending, onSubmit } = useActionForm(enterNativeSupply, { resetOnSuccess: true });
  const f = (name: string) => fieldError(state, name);
  return (
    <form onSubmit={onSubmit} className="space-y-2" aria-label="Enter native supply">
      <div className="grid gap-2 md:grid-cols-2">
        <FormField id="sup-chain" label="Chain" error={f("chain")}>
          <select id="sup-chain" name="chain" className={formControl}>
            {chains.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="sup-amount" label="Native supply (USD1)" error={f("supply")}>
          <input
            id="sup-amount"
            name="supply"
            inputMode="decimal"
            className={formControl}
            {...invalidProps("sup-amount", f("supply"))}
          />
        </FormField>
        <FormField id="sup-as-of" label="As of (UTC day)" error={f("asOf")}>
          <input
            id="sup-as-of"
            name="asOf"
            type="date"
            className={formControl}
            {...invalidProps("sup-as-of", f("asOf"))}
          />
        </FormField>
        <FormField
          id="sup-source"
          label="Source"
          error={f("source")}
          hint="Explorer page or report the figure comes from."
        >
          <input
            id="sup-source"
            name="source"
            className={formControl}
            {...invalidProps("sup-source", f("source"))}
          />
        </FormField>
      </div>
      <button type="submit" className={formButton} disabled={pending}>
        Enter supply
      </button>
      <ActionOutcome state={state} testId="supply-outcome" />
    </form>
  );
}

/** Confirm or reject another officer's entry (the server refuses the officer who entered it). */
export function ReviewForm({ id }: { id: number }) {
  const confirm = useActionForm(reviewReserveAttestation);
  const reject = useActionForm(reviewReserveAttestation);
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-end gap-2">
        <form onSubmit={confirm.onSubmit} aria-label={`Confirm attestation ${id}`}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="decision" value="confirm" />
          <button type="submit" className={formButton} disabled={confirm.pending || reject.pending}>
            Confirm
          </button>
        </form>
        <form
          onSubmit={reject.onSubmit}
          className="flex items-end gap-1"
          aria-label={`Reject attestation ${id}`}
        >
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="decision" value="reject" />
          <label className="text-xs">
            <span className="sr-only">Reason to reject attestation {id}</span>
            <input name="reason" placeholder="Reason to reject" className={`${formControl} mt-0 w-40`} />
          </label>
          <button type="submit" className={formButton} disabled={confirm.pending || reject.pending}>
            Reject
          </button>
        </form>
      </div>
      <ActionOutcome state={confirm.state} testId={`confirm-outcome-${id}`} />
      <ActionOutcome state={reject.state} testId={`reject-outcome-${id}`} />
    </div>
  );
}
