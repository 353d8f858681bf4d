"use client";

// Upload the FMU's goAML XSD (compliance officers). The server checks it (UTF-8, a goAML report
// schema without a namespace, compiles) and says why when it refuses; nothing is installed then.
import { useId, useState } from "react";
import { ActionOutcome, FormField, formButton, invalidProps } from "@/components/ui/form-parts";
import { fieldError, useActionForm } from "@/components/ui/use-action-form";
import { installGoamlSchema } from "@/lib/actions/install-goaml-schema";

const CHOOSE = "Choose the FMU's goAML schema (.xsd) file.";

export function GoamlSchemaInstallForm({ maxBytes }: { maxBytes: number }) {
  const id = useId();
  const fid = `${id}-file`;
  const { state, pending, onSubmit } = useActionForm(installGoamlSchema, { resetOnSuccess: true });
  // Refused here before any upload: no file chosen, or one far too large to be an XSD.
  const [refusal, setRefusal] = useState<string | null>(null);
  const error = refusal ?? fieldError(state, "file");
  return (
    <form
      aria-label="Install the FMU's goAML schema"
      className="flex flex-wrap items-end gap-3"
      noValidate
      onSubmit={(event) => {
        const file = new FormData(event.currentTarget).get("file");
        const why =
          !(file instanceof File) || (file.name === "" && file.size === 0)
            ? CHOOSE
            : file.size > maxBytes
              ? `The file is larger than ${maxBytes / 1024 / 1024} MB; a goAML XSD is far smaller.`
              : null;
        setRefusal(why);
        if (why) event.preventDefault();
        else onSubmit(event);
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
      <ActionOutcome
        state={refusal ? { ok: false, message: refusal } : state}
        testId="goaml-schema-outcome"
      />
    </form>
  );
}
