"use client";

// Create and edit an entity (admins only: the page renders this for registry:edit, and the server
// action refuses everyone else). Options arrive as props: no server modules in the browser bundle.
import Link from "next/link";
import { useId } from "react";
import { ActionOutcome, FormField, formButton, formControl, invalidProps } from "@/components/ui/form-parts";
import { KIND_OPTIONS, LICENCE_OPTIONS, type Option } from "@/components/ui/registry-labels";
import { fieldError, useActionForm } from "@/components/ui/use-action-form";
import { createEntity } from "@/lib/actions/create-entity";
import { updateEntity } from "@/lib/actions/update-entity";

export type EntityFormValues = {
  id: number;
  name: string;
  kind: string;
  country: string;
  licenceStatus: string;
};

function EntityFields({
  countries,
  values,
  errorOf,
}: {
  countries: Option[];
  values?: EntityFormValues;
  errorOf: (name: string) => string | undefined;
}) {
  const id = useId();
  return (
    <>
      <FormField id={`${id}-name`} label="Name" error={errorOf("name")}>
        <input
          id={`${id}-name`}
          name="name"
          {...invalidProps(`${id}-name`, errorOf("name"))}
          required
          maxLength={200}
          autoComplete="off"
          defaultValue={values?.name}
          className={formControl}
        />
      </FormField>
      <FormField id={`${id}-kind`} label="Kind" error={errorOf("kind")}>
        <select
          id={`${id}-kind`}
          name="kind"
          {...invalidProps(`${id}-kind`, errorOf("kind"))}
          defaultValue={values?.kind ?? "exchange"}
          className={formControl}
        >
          {KIND_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id={`${id}-country`} label="Country" error={errorOf("country")}>
        <select
          id={`${id}-country`}
          name="country"
          {...invalidProps(`${id}-country`, errorOf("country"))}
          defaultValue={values?.country ?? "PK"}
          className={formControl}
        >
          {countries.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id={`${id}-licence`} label="Licence status" error={errorOf("licenceStatus")}>
        <select
          id={`${id}-licence`}
          name="licenceStatus"
          {...invalidProps(`${id}-licence`, errorOf("licenceStatus"))}
          defaultValue={values?.licenceStatus ?? "unknown"}
          className={formControl}
        >
          {LICENCE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </FormField>
    </>
  );
}

export function CreateEntityForm({ countries }: { countries: Option[] }) {
  const { state, pending, onSubmit } = useActionForm(createEntity, { resetOnSuccess: true });
  return (
    <form
      onSubmit={onSubmit}
      aria-label="Add an entity"
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
    >
      <EntityFields countries={countries} errorOf={(n) => fieldError(state, n)} />
      <button type="submit" disabled={pending} className={formButton}>
        Add entity
      </button>
      <div className="sm:col-span-2 lg:col-span-5">
        <ActionOutcome state={state} testId="create-entity-outcome">
          {state?.ok ? (
            <>
              {" "}
              <Link href={`/registry/${state.data.id}`} className="font-medium underline">
                Open it to add addresses
              </Link>
              .
            </>
          ) : null}
        </ActionOutcome>
      </div>
    </form>
  );
}

export function EditEntityForm({ countries, values }: { countries: Option[]; values: EntityFormValues }) {
  const { state, pending, onSubmit } = useActionForm(updateEntity);
  return (
    <form
      onSubmit={onSubmit}
      aria-label="Edit the entity"
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
    >
      <input type="hidden" name="id" value={values.id} />
      <EntityFields countries={countries} values={values} errorOf={(n) => fieldError(state, n)} />
      <button type="submit" disabled={pending} className={formButton}>
        Save changes
      </button>
      <div className="sm:col-span-2 lg:col-span-5">
        <ActionOutcome state={state} testId="edit-entity-outcome" />
      </div>
    </form>
  );
}
