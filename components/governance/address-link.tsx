import Link from "next/link";

/** An address linking to its page, shortened with the full value on hover; its registry name under it. */
export function AddressLink({ address, name }: { address: string | null; name?: string | null }) {
  if (!address) return <span className="text-slate-500">—</span>;
  return (
    <span className="flex flex-col">
      {name ? <span className="text-sm text-slate-900">{name}</span> : null}
      <Link
        href={`/addresses/${address}`}
        className="font-mono text-xs break-all text-sky-800 hover:underline"
        title={address}
      >
        {address}
      </Link>
    </span>
  );
}
