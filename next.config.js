// Importing the validated environment here makes a bad environment fail `next build`/`next start`.
import "./lib/env.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded with Node's own require: PGlite ships WASM and data files that bundling breaks (every
  // request would 500), and pg/pino rely on dynamic requires and worker threads.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-copy-streams", "pino", "pino-pretty"],
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() and app/forbidden.tsx: a role without the permission gets a real 403.
  experimental: {
    authInterrupts: true,
    // Registry CSV imports go through a server action and may be up to 5 MB (lib/validators/registry.ts).
    serverActions: { bodySizeLimit: "6mb" },
  },
};

export default nextConfig;
