// The one error handler of route handlers: AppError → its status and safe message; anything else
// is logged and answered with a generic 500. Bodies are always `{ error: { code, message } }`.
import { NextResponse } from "next/server";
import { AppError, ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import type { Logger } from "@/lib/logger";

export type ApiErrorBody = { error: { code: ErrorCode; message: string } };

export function apiError(code: ErrorCode, message: string): NextResponse<ApiErrorBody> {
  return NextResponse.json(
    { error: { code, message } },
    { status: ERROR_STATUS[code], headers: { "cache-control": "no-store" } },
  );
}

export function toErrorResponse(err: unknown, log?: Logger): NextResponse<ApiErrorBody> {
  if (err instanceof AppError) return apiError(err.code, err.message);
  log?.error({ err }, "route handler failed");
  return apiError("internal", "Something went wrong. The error has been logged.");
}
