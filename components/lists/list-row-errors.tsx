import type { ListRowError } from "@/lib/monitoring/lists/types";

/** Why a list file was refused: each row (line or sdnEntry uid) and what is wrong with it. */
export function ListRowErrors({ errors, caption }: { errors: ListRowError[]; caption: string }) {
  return (
    <div className="mt-2 max-h-96 overflow-auto rounded border border-red-200 bg-white">
      <table className="w-full border-collapse text-sm text-slate-900" data-testid="list-import-errors">
        <caption className="px-2 py-1 text-left text-xs text-slate-600">{caption}</caption>
        <thead>
          <tr>
            <th
              scope="col"
              className="border-b border-slate-200 px-2 py-1 text-left text-xs font-medium text-slate-600"
            >
              Row
            </th>
            <th
              scope="col"
              className="border-b border-slate-200 px-2 py-1 text-left text-xs font-medium text-slate-600"
            >
              What is wrong
            </th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={`${e.where}-${i}`}>
              <td className="border-b border-slate-100 px-2 py-1 whitespace-nowrap">{e.where}</td>
              <td className="border-b border-slate-100 px-2 py-1">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
