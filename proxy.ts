// Every response gets the security headers; every page request a fresh CSP nonce (Next applies it
// to its own scripts, see node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md).
// No authorization here: the server components, actions and route handlers check roles.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env.js";
import { buildCsp, securityHeaders } from "@/lib/security-headers";

/** Same name as lib/auth/guards.ts REQUEST_PATH_HEADER (kept literal: the proxy bundle is separate). */
const REQUEST_PATH_HEADER = "x-usd1-path";

export function proxy(request: NextRequest) {
  if (isCrossSiteWrite(request)) {
    // Server actions and /api/auth check this too (Next answers a bare 500, better-auth a 403);
    // refusing here gives one clear answer for every cross-site form post.
    return NextResponse.json(
      { error: { code: "forbidden", message: "Cross-site request refused." } },
      {
        status: 403,
        headers: securityHeaders({ csp: buildCsp({ nonce: "none", dev: false }), https: false }),
      },
    );
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = buildCsp({ nonce, dev: process.env.NODE_ENV === "development" });
  const https =
    request.nextUrl.protocol === "https:" ||
    request.headers.get("x-forwarded-proto")?.split(",")[0] === "https";

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  // Overwrites any client-sent value: guards use it for the sign-in redirect and route access.
  requestHeaders.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(securityHeaders({ csp, https })))
    response.headers.set(name, value);
  return response;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A state-changing request a browser sent from another site (Origin or Fetch Metadata say so). */
function isCrossSiteWrite(request: NextRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  // The public URL when configured (behind a reverse proxy), else the Host the browser used.
  const expected = env.BETTER_AUTH_URL ? new URL(env.BETTER_AUTH_URL).host : request.headers.get("host");
  try {
    return origin === "null" || new URL(origin).host !== expected;
  } catch {
    return true;
  }
}

export const config = {
  // Everything but Next's immutable build assets (they get nosniff from Next and carry no HTML).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
