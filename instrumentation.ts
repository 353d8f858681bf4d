// Runs once when the server starts: a production server without BETTER_AUTH_SECRET or
// BETTER_AUTH_URL (or with half an OIDC configuration) refuses to start instead of failing on
// the first sign-in. Not during `next build`, which needs no secrets.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ env }, { resolveAuthSettings }] = await Promise.all([
    import("@/lib/env.js"),
    import("@/lib/auth/settings"),
  ]);
  resolveAuthSettings(env);
}
