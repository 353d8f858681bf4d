import { formatPkr, formatUsd1, formatWeiExact, type FormatUsd1Options } from "@/lib/format";
import { cn } from "./cn";

export type Usd1AmountProps = FormatUsd1Options & {
  /** Exact wei. Server-side only; client components receive the decimal string instead. */
  wei: bigint | string;
  className?: string;
  testId?: string;
  /** PKR per USD ("278.50", from env PKR_PER_USD): adds "≈ PKR …" after the USD1 figure. */
  pkrPerUsd?: string | undefined;
};

/**
 * A rounded USD1 figure whose tooltip and `data-wei` carry the exact value, so analysts (and
 * tests) can always get back to the wei.
 */
export function Usd1Amount({ wei, className, testId, pkrPerUsd, ...opts }: Usd1AmountProps) {
  const exact = String(wei);
  const amount = (
    <span
      data-testid={testId}
      data-wei={exact}
      title={`${formatWeiExact(wei, { group: true })} USD1 (${exact} wei)`}
      className={cn("tabular-nums", className)}
    >
      {formatUsd1(wei, opts)}
    </span>
  );
  if (!pkrPerUsd) return amount;
  return (
    <>
      {amount}{" "}
      <span className="text-xs text-slate-500 tabular-nums" title={`At ${pkrPerUsd} PKR per USD`}>
        ≈ {formatPkr(wei, pkrPerUsd)}
      </span>
    </>
  );
}
