// A refusal that names the form fields at fault, for checks a handler makes after the input's zod
// validation (against the database, say). safeAction returns them as the result's fieldErrors,
// exactly as it does for zod's, so a form shows each message on its field.
import { AppError } from "./errors";

export class FieldErrors extends AppError {
  /** Field name (the form's, e.g. "location.countryCode") → its messages. */
  readonly fieldErrors: Record<string, string[]>;
  constructor(message: string, fieldErrors: Record<string, string | string[]>) {
    super("bad_request", message);
    this.name = "FieldErrors";
    this.fieldErrors = Object.fromEntries(
      Object.entries(fieldErrors).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]),
    );
  }
}
