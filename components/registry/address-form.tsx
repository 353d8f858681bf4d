"use client";

// Attribute an address to this entity (admins only). Tags are checkboxes; the action takes them as
// one "a;b" field, the same format as the CSV import.
import { useId, useState } from "react";
import { ActionOutcome, FormField, formButton, formControl, invalidProps } from "@/components/ui/form-parts";
import { TAG_LABELS, type Option } from "@/components/ui/registry-labels";
import { fieldError, useActionForm } from "@/components/ui/use-action-form";
import type { AddressTag } from "@/db/schema/registry";
import { upsertAddress } from "@/lib/actions/upsert-address";

const TAGS = Object.keys(TAG_LABELS) as AddressTag[];

export function AddressForm({ entityId, chains }: { entityId: number; chains: Option[] }) {
  const id = useId();
  const [tags, setTags] = useState<AddressTag[]>([]);
  const { state, pending, onSubmit } = useActionForm(upsertAddress, {
    resetOnSuccess: true,
    onSuccess: () => setTags([]),
  });
  const errorOf = (name: string) => fieldError(state, name);
  function toggle(tag: AddressTag, on: boolean) {
    setTags((prev) => (on ? [...prev, tag] : prev.filter((t) => t !== tag)));
  }
  return (
    <form onSubmit={onSubmit} aria-label="Add or move an address" className="space-y-3">
      <input type="hidden" name="entityId" value={entityId} />
      <input type="hidden" name="tags" value={tags.join(";")} />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <FormField id={`${id}-chain`} label="Chain" error={errorOf("chainId")}>
          <select
            id={`${id}-chain`}
            name="chainId"
            className={formControl}
            {...invalidProps(`${id}-chain`, errorOf("chainId"))}
          >
            {chains.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </FormField>
        <div className="lg:col-span-2">
          <FormField
            id={`${id}-address`}
            label="Address"
            error={errorOf("address")}
            hint="0x and 40 hex digits; checksummed (mixed case) or all lower case."
          >
            <input
              id={`${id}-address`}
              name="address"
              required
              autoComplete="off"
              spellCheck={false}
              maxLength={60}
              className={`${formControl} font-mono`}
              {...invalidProps(`${id}-address`, errorOf("address"))}
            />
          </FormField>
        </div>
        <FormField id={`${id}-label`} label="Label (optional)" error={errorOf("label")}>
          <input
            id={`${id}-label`}
            name="label"
            maxLength={200}
            autoComplete="off"
            className={formControl}
            {...invalidProps(`${id}-label`, errorOf("label"))}
          />
        </FormField>
      </div>
      <fieldset className="text-sm">
        <legend className="font-medium text-slate-800">Tags</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {TAGS.map((tag) => (
            <label key={tag} className="inline-flex items-center gap-1.5 text-slate-700">
              <input
                type="checkbox"
                checked={tags.includes(tag)}
                onChange={(e) => toggle(tag, e.target.checked)}
              />
              {TAG_LABELS[tag]}
            </label>
          ))}
        </div>
        {errorOf("tags") ? <p className="mt-0.5 text-xs text-red-800">{errorOf("tags")}</p> : null}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={formButton}>
          Save address
        </button>
        <p className="text-xs text-slate-500">
          An address already attributed elsewhere on that chain moves here. Corridors are recomputed.
        </p>
      </div>
      <ActionOutcome state={state} testId="address-outcome" />
    </form>
  );
}
