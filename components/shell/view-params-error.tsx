import Link from "next/link";
import type { ParamIssue } from "@/lib/validators/view-params";

/**
 * What is wrong with the URL, on a normal 200 page: a shared link with a typo should explain
 * itself and offer a way back, not look like an outage.
 */
export function ViewParamsError({ errors, resetHref }: { errors: ParamIssue[]; resetHref: string }) {
  return (
    <section
      role="alert"
      aria-labelledby="view-params-error-title"
      data-testid="view-params-error"
      className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
    >
      <h2 id="view-params-error-title" className="font-semibold">
        This link has filters that cannot be applied
      </h2>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {errors.map((e, i) => (
          <li key={`${e.param}-${i}`}>
            <code className="font-mono text-xs">{e.param}</code>: {e.message}
          </li>
        ))}
      </ul>
      <p className="mt-2">
        Change the filters above, or{" "}
        <Link href={resetHref} className="font-medium underline">
          reset them to the defaults
        </Link>
        .
      </p>
    </section>
  );
}
