// The FIU's goAML schema as installed by a compliance officer (issue #14). Each upload is a new
// row; the newest row is the schema in force and the older ones stay as the history. The XSD text
// is kept whole so every STR can be validated against exactly the file the FMU distributed, and
// its SHA-256 lets an export's audit row name the schema that judged it.
import { sql } from "drizzle-orm";
import { bigserial, check, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const goamlSchemas = pgTable(
  "goaml_schemas",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    fileName: text("file_name").notNull(),
    /** Lower-case hex SHA-256 of the uploaded bytes. */
    sha256: text("sha256").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** The schema's own version (goaml:schemaVersion, else the xs:schema version attribute). */
    schemaVersion: text("schema_version"),
    content: text("content").notNull(),
    uploadedBy: text("uploaded_by").notNull(),
    uploadedByEmail: text("uploaded_by_email").notNull(),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("goaml_schemas_sha256_check", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check("goaml_schemas_size_check", sql`${t.sizeBytes} > 0`),
    uniqueIndex("goaml_schemas_uploaded_idx").on(t.uploadedAt, t.id),
  ],
);
