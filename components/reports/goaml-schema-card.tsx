// Which schema judges every STR: the FMU's XSD the compliance officers installed (name, version,
// SHA-256, size, who and when), else the built-in goAML 5.0.1 one; the form to install a new one;
// and every earlier install, newest first. Installing never deletes: the history stays auditable.
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { GoamlSchemaHistoryRow } from "@/db/queries/goaml-schemas";
import { formatDateTimeUtc, formatInt } from "@/lib/format";
import { CODE_LIST_KEYS, CODE_LISTS, type CodeLists } from "@/lib/reports/goaml/xsd";
import { GoamlSchemaInstallForm } from "./goaml-schema-install-form";

export type SchemaInForce = {
  source: "installed" | "built-in";
  fileName: string;
  version: string | null;
  sha256: string;
  sizeBytes: number;
  /** Who installed it and when (installed schemas only). */
  uploadedByEmail: string | null;
  uploadedAt: Date | null;
};

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[10rem_1fr]">
      <dt className="font-medium text-slate-600">{term}</dt>
      <dd className="min-w-0 text-slate-900">{children}</dd>
    </div>
  );
}

function listSummary(lists: CodeLists): string {
  return CODE_LIST_KEYS.map((k) => {
    const codes = lists[k];
    return `${CODE_LISTS[k].title}: ${codes ? formatInt(codes.length) : "free text"}`;
  }).join(" · ");
}

export function GoamlSchemaCard({
  inForce,
  lists,
  history,
  maxBytes,
}: {
  inForce: SchemaInForce;
  lists: CodeLists;
  history: GoamlSchemaHistoryRow[];
  maxBytes: number;
}) {
  const installed = inForce.source === "installed";
  return (
    <Card
      id="goaml-schema"
      title="Schema in force"
      description="Every goAML report is validated against this schema before it can be downloaded, and the settings below offer its code lists. Install the XSD your FMU distributes."
      className="mb-4"
    >
      <dl data-testid="goaml-schema-in-force" className="space-y-1.5 text-sm">
        <Row term="Schema">
          {installed ? (
            <span className="font-medium">{inForce.fileName}</span>
          ) : (
            "Built-in goAML 5.0.1 schema (no FMU schema installed)"
          )}
        </Row>
        <Row term="Version">
          <span data-testid="goaml-schema-version">{inForce.version ?? "not stated in the file"}</span>
        </Row>
        <Row term="SHA-256">
          <span data-testid="goaml-schema-sha256" className="font-mono text-xs break-all">
            {inForce.sha256}
          </span>
        </Row>
        <Row term="Size">{formatInt(inForce.sizeBytes)} bytes</Row>
        {installed && inForce.uploadedAt ? (
          <Row term="Installed">
            by {inForce.uploadedByEmail} at {formatDateTimeUtc(inForce.uploadedAt)}
          </Row>
        ) : null}
        <Row term="Code lists">
          <span className="text-xs text-slate-700">{listSummary(lists)}</span>
        </Row>
      </dl>
      <div className="mt-4 border-t border-slate-200 pt-4">
        <GoamlSchemaInstallForm maxBytes={maxBytes} />
      </div>
      <div className="mt-4 border-t border-slate-200 pt-4">
        <h3 className="mb-2 text-sm font-semibold text-slate-900">Installed schemas</h3>
        {history.length === 0 ? (
          <p className="text-sm text-slate-600">No FMU schema has been installed yet.</p>
        ) : (
          <Table caption="Installed goAML schemas, newest first">
            <thead>
              <tr>
                <Th>Installed</Th>
                <Th>File</Th>
                <Th>Version</Th>
                <Th>SHA-256</Th>
                <Th numeric>Bytes</Th>
                <Th>By</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody>
              {history.map((r, i) => (
                <tr key={r.id} data-testid="goaml-schema-history" data-sha256={r.sha256}>
                  <Td className="whitespace-nowrap">{formatDateTimeUtc(r.uploadedAt)}</Td>
                  <Td className="break-all">{r.fileName}</Td>
                  <Td>{r.schemaVersion ?? "—"}</Td>
                  <Td className="font-mono text-xs break-all">{r.sha256}</Td>
                  <Td numeric>{formatInt(r.sizeBytes)}</Td>
                  <Td>{r.uploadedByEmail}</Td>
                  <Td>
                    {i === 0 ? (
                      <Badge tone="success">In force</Badge>
                    ) : (
                      <Badge tone="neutral">Replaced</Badge>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
    </Card>
  );
}
