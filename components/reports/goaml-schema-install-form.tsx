"use client";

// Upload the FMU's goAML XSD (compliance officers). The server checks it (UTF-8, a goAML report
// schema without a namespace, compiles) and says why when it refuses; nothing is installed then.
import { useId, useState } from "react";
import { ActionOutcome, FormField, formButton, invalidProps } from "@/components/ui/form-parts";
import { fieldError, useActionForm } from "@/components/ui/use-action-form";
import { installGoamlSchema } from "@/lib/actions/install-goaml-schema";

export function GoamlSchemaInstallForm({ maxBytes }: { maxBytes: number }) {
  const id = useId();
  const fid = `${id}-file`;
  const { state, pending, onSubmit } = useActionForm(installGoamlSchema, { resetOnSuccess: true });
  const [tooBig, setTooBig] = useState<string | null>(null);
  const error = tooBig ?? fieldError(state, "file");
  return (
    <form
      aria-label="Install the FMU's goAML schema"
      className="flex flex-wrap items-end gap-3"
      noValidate
      onSubmit={(event) => {
        // Checked here too so a big file is refused before it is uploaded.
        const file = new FormData(event.currentTarget).get("file");
        if (file instanceof File && file.size > maxBytes) {
          event.preventDefault();
          setTooBig(`The file is larger than ${maxBytes / 1024 / 1024} MB; a goAML XSD is far smaller.`);
          return;
        }
        setTooBig(null);
        onSubmit(event);
      }}
    >
      <FormField
        id={fid}
        label="FMU goAML schema (.xsd)"
        hint="The report schema your FMU distributes; it replaces the one in force, which stays in the history."
        error={error}
      >
        <input
          id={fid}
          name="file"
          type="file"
          accept=".xsd,application/xml,text/xml"
          required
          className="mt-1 block text-sm file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-1"
          {...invalidProps(fid, error)}
        />
      </FormField>
      <button type="submit" disabled={pending} className={formButton}>
        {pending ? "Checking…" : "Install schema"}
      </button>
      <ActionOutcome state={state} testId="goaml-schema-outcome" />
    </form>
  );
}
