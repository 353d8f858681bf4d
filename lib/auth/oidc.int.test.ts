// With OIDC_* set, the bank's SSO is a provider: sign-in starts at its authorization endpoint
// (found through discovery), with PKCE and a state bound to this browser.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { openTestDb, type TestDatabase } from "@/db/testing/test-db";
import { createLogger } from "@/lib/logger";
import { createAuthRoute } from "./http";
import { createAuth } from "./server";
import { resolveAuthSettings } from "./settings";

const ORIGIN = "http://127.0.0.1:3999";
let idp: http.Server;
let issuer: string;
let handle: DbHandle;
let database: TestDatabase;

beforeAll(async () => {
  idp = http.createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/.well-known/openid-configuration") {
      res.end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
        }),
      );
    } else if (req.url === "/jwks") res.end(JSON.stringify({ keys: [] }));
    else res.writeHead(404).end("{}");
  });
  await new Promise<void>((resolve) => idp.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  ({ handle, database } = await openTestDb("usd1_oidc"));
});

afterAll(async () => {
  await handle?.close();
  await database?.drop();
  await new Promise((resolve) => idp?.close(resolve));
});

it("sends the browser to the SSO's authorization endpoint with PKCE", async () => {
  const settings = resolveAuthSettings({
    NODE_ENV: "test",
    OIDC_DISCOVERY_URL: `${issuer}/.well-known/openid-configuration`,
    OIDC_CLIENT_ID: "usd1-supervision",
    OIDC_CLIENT_SECRET: "secret",
    OIDC_PROVIDER_NAME: "Bank SSO",
  });
  const auth = createAuth({ db: handle.db, settings, log: createLogger("test", "silent") });
  const route = createAuthRoute(async () => auth);
  const res = await route.POST(
    new Request(`${ORIGIN}/api/auth/sign-in/social`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ provider: "sso", callbackURL: "/overview", disableRedirect: true }),
    }),
  );
  expect(res.status).toBe(200);
  const { url } = (await res.json()) as { url: string };
  const authorize = new URL(url);
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${issuer}/authorize`);
  expect(authorize.searchParams.get("client_id")).toBe("usd1-supervision");
  expect(authorize.searchParams.get("redirect_uri")).toBe(`${ORIGIN}/api/auth/callback/sso`);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("state")).toBeTruthy();
  expect(authorize.searchParams.get("scope")).toBe("openid email profile");
});
