// How real providers say "slow down" (bodies as published or reported by their users):
// BNB Chain's public RPC answers {-32005, "limit exceeded"}, over HTTP 200 or 429 (bnb-chain/bsc#1215);
// Infura answers HTTP 429 with {-32005, "project ID request rate exceeded"} and
// data.rate.backoff_seconds (INFURA/infura#201); Alchemy answers HTTP 429 with {429, "...compute
// units per second capacity..."}.
import type { RpcError } from "./rpc-limits";

export type RateLimitError = RpcError & { data?: unknown };

export const RATE_LIMIT_DIALECTS: Record<string, (retryAfterSec: number) => RateLimitError> = {
  plain: () => ({ code: 429, message: "Too Many Requests" }),
  bnb: () => ({ code: -32005, message: "limit exceeded" }),
  infura: (s) => ({
    code: -32005,
    message: "project ID request rate exceeded",
    data: {
      rate: { allowed_rps: 10, backoff_seconds: s, current_rps: 13.3 },
      see: "https://infura.io/dashboard",
    },
  }),
  alchemy: () => ({
    code: 429,
    message:
      "Your app has exceeded its compute units per second capacity. If you have retries enabled, you can safely ignore this message. If not, check out https://docs.alchemy.com/reference/throughput",
  }),
};

const ROTATION = ["bnb", "infura", "alchemy"] as const;

/** The dialect's error for the n-th rate limit ("rotate" cycles through the three providers). */
export function rateLimitError(
  dialect: string | undefined,
  n: number,
  retryAfterSec: number,
): RateLimitError {
  const name = dialect === "rotate" ? ROTATION[n % ROTATION.length] : (dialect ?? "plain");
  const make = RATE_LIMIT_DIALECTS[name ?? "plain"] ?? RATE_LIMIT_DIALECTS.plain;
  return (make as (s: number) => RateLimitError)(retryAfterSec);
}
