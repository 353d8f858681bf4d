"use client";

// better-auth's browser client. The password form posts a server action; the client is used to
// start the SSO (OIDC) redirect, which better-auth drives from the browser.
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient({ basePath: "/api/auth" });
