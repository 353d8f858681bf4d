import { getIP } from "better-auth/api";
import type { BetterAuthOptions } from "better-auth";
import { isAPIError } from "better-auth/api";
import { AppError, type ErrorCode } from "@/lib/errors";

/**
 * The client's address as better-auth sees it: a single-value X-Forwarded-For (Next sets it from
 * the socket when no proxy did), or the first untrusted hop when AUTH_TRUSTED_PROXIES is set.
 */
export function clientIp(headers: Headers, trustedProxies: readonly string[]): string | null {
  const options = {
    advanced: { ipAddress: { ipAddressHeaders: ["x-forwarded-for"], trustedProxies: [...trustedProxies] } },
  } satisfies BetterAuthOptions;
  return getIP(headers, options);
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  429: "rate_limited",
};

/** better-auth's APIError → our AppError (its messages are written for end users). */
export function fromAuthError(err: unknown): unknown {
  if (!isAPIError(err)) return err;
  const code = STATUS_CODES[err.statusCode] ?? "internal";
  if (code === "internal") return err;
  return new AppError(code, err.message || "The request was refused.", { cause: err });
}
