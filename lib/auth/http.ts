// /api/auth/* for the browser: only the endpoints the app uses are reachable over HTTP. Admin
// operations (create user, set role, deactivate) run through our server actions, which audit them.
import { apiError } from "@/lib/api/errors";
import type { Auth } from "./server";

const BASE = "/api/auth";

const EXPOSED: readonly { method: "GET" | "POST"; path: RegExp }[] = [
  { method: "POST", path: /^\/sign-in\/email$/ },
  { method: "POST", path: /^\/sign-in\/social$/ },
  { method: "POST", path: /^\/sign-out$/ },
  { method: "GET", path: /^\/get-session$/ },
  // OIDC redirect back from the bank's SSO (form_post providers use POST).
  { method: "GET", path: /^\/callback\/[A-Za-z0-9_-]+$/ },
  { method: "POST", path: /^\/callback\/[A-Za-z0-9_-]+$/ },
  { method: "GET", path: /^\/error$/ },
  { method: "GET", path: /^\/ok$/ },
];

export function isExposedAuthPath(method: string, pathname: string): boolean {
  if (!pathname.startsWith(`${BASE}/`)) return false;
  const rest = pathname.slice(BASE.length).replace(/\/+$/, "");
  return EXPOSED.some((e) => e.method === method && e.path.test(rest));
}

export function createAuthRoute(getAuth: () => Promise<Auth>) {
  const handler = async (req: Request): Promise<Response> => {
    if (!isExposedAuthPath(req.method, new URL(req.url).pathname)) return apiError("not_found", "Not found.");
    return (await getAuth()).handler(req);
  };
  return { GET: handler, POST: handler };
}
