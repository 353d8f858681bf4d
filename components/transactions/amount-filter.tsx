"use client";

import { parseAsString, useQueryStates } from "nuqs";
import { useTransition } from "react";
import { AmountRangeForm } from "@/components/shell/amount-range-form";

/**
 * Amount range (USD1) in the URL (`min`, `max`). DataTable's filters are selects only, so this
 * small local control sits beside it.
 */
export function TransactionsAmountFilter() {
  const [pending, startTransition] = useTransition();
  const [url, setUrl] = useQueryStates(
    { min: parseAsString, max: parseAsString, page: parseAsString },
    { shallow: false, history: "push", startTransition },
  );
  return (
    <AmountRangeForm
      key={`${url.min ?? ""}|${url.max ?? ""}`}
      min={url.min}
      max={url.max}
      pending={pending}
      onApply={(min, max) => void setUrl({ min, max, page: null })}
    />
  );
}
