// The goAML settings against the schema in force, for the page (which codes to offer, which stored
// ones to flag) and for the save (a code the schema lacks is refused on its field, nothing saved).
import type { Db } from "@/db/client";
import {
  updateGoamlSettings,
  type StoredGoamlSettings,
  type UpdateGoamlSettingsParams,
} from "@/db/queries/app-settings";
import { getGoamlSchema } from "@/db/queries/goaml-schemas";
import { FieldErrors } from "@/lib/field-errors";
import { schemaName } from "./case-report";
import { codeIssues } from "./settings-codes";
import type { GoamlSettings } from "./settings";
import type { GoamlSchema } from "./validate";
import { readXsd, type CodeLists } from "./xsd";

// Reading a real XSD's code lists takes a while (a few hundred KiB); a schema's text never
// changes under its SHA-256, so its lists are kept. Few schemas are ever installed.
const listsBySha = new Map<string, CodeLists>();
const KEEP = 4;

/** The code lists of a schema (read once per SHA-256). */
export function codeListsOf(schema: GoamlSchema): CodeLists {
  let lists = listsBySha.get(schema.sha256);
  if (!lists) {
    lists = readXsd(schema.content).codeLists;
    if (listsBySha.size >= KEEP) listsBySha.delete(listsBySha.keys().next().value as string);
    listsBySha.set(schema.sha256, lists);
  }
  return lists;
}

export type GoamlCodeCheck = {
  schema: GoamlSchema;
  lists: CodeLists;
  /** Field → message, for each code the schema's lists lack (empty when all are in). */
  issues: Record<string, string>;
};

/** The settings' codes checked against the schema in force. */
export async function checkGoamlSettingsCodes(db: Db, settings: GoamlSettings): Promise<GoamlCodeCheck> {
  const schema = await getGoamlSchema(db);
  const lists = codeListsOf(schema);
  return { schema, lists, issues: codeIssues(settings, lists, schemaName(schema)) };
}

/**
 * Saves settings (validated by goamlSettingsFormSchema) once every code is in the schema in force;
 * otherwise refuses with FieldErrors on the fields at fault and saves nothing.
 */
export async function saveCheckedGoamlSettings(
  db: Db,
  p: UpdateGoamlSettingsParams,
): Promise<StoredGoamlSettings> {
  const { schema, issues } = await checkGoamlSettingsCodes(db, p.settings);
  const fields = Object.keys(issues);
  if (fields.length > 0) {
    throw new FieldErrors(
      `${fields.length === 1 ? "1 code is" : `${fields.length} codes are`} not in ${schemaName(schema)}: choose from its lists in the fields marked.`,
      issues,
    );
  }
  return updateGoamlSettings(db, p);
}
