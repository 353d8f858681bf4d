import Link from "next/link";
import { cn } from "./cn";

/** "0x1234ab…cdef01": the head and tail of a hex address or hash. */
export function shortHex(hex: string, head = 8, tail = 6): string {
  return hex.length <= head + tail + 1 ? hex : `${hex.slice(0, head)}…${hex.slice(-tail)}`;
}

/**
 * An address shown short (so wide tables stay readable) and linked to its page; the full address is
 * its accessible name and tooltip.
 */
export function ShortAddressLink({
  address,
  chainId,
  className,
}: {
  address: string;
  chainId?: number | undefined;
  className?: string;
}) {
  return (
    <Link
      href={chainId === undefined ? `/addresses/${address}` : `/addresses/${address}?chain=${chainId}`}
      title={address}
      className={cn("font-mono text-xs whitespace-nowrap text-sky-800 hover:underline", className)}
    >
      <span aria-hidden="true">{shortHex(address)}</span>
      <span className="sr-only">{address}</span>
    </Link>
  );
}

/** A transaction hash shown short, the full hash as its tooltip and accessible text. */
export function ShortHash({ hash }: { hash: string }) {
  return (
    <code className="font-mono text-xs whitespace-nowrap" title={hash}>
      <span aria-hidden="true">{shortHex(hash, 10, 8)}</span>
      <span className="sr-only">{hash}</span>
    </code>
  );
}
