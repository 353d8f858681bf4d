// Importing the validated environment here makes a bad environment fail `next build`/`next start`.
import "./lib/env.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded with Node's own require: PGlite ships WASM and data files that bundling breaks (every
  // request would 500), pg/pino rely on dynamic requires and worker threads, and xmllint-wasm loads
  // its libxml2 WASM and worker script from its own folder.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pg",
    "pg-copy-streams",
    "pino",
    "pino-pretty",
    "xmllint-wasm",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() and app/forbidden.tsx: a role without the permission gets a real 403.
  experimental: {
    authInterrupts: true,
    // Registry CSV imports and the FMU's goAML XSD go through server actions and may be up to 5 MB
    // each (lib/validators/registry.ts, db/queries/goaml-schemas.ts).
    serverActions: { bodySizeLimit: "6mb" },
  },
};

export default nextConfig;
