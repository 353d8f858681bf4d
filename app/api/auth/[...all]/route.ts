// GET|POST /api/auth/* – better-auth: sign-in, sign-out, session and the SSO callback (allowlisted)
import { createAuthRoute } from "@/lib/auth/http";
import { getAuth } from "@/lib/auth/instance";

export const { GET, POST } = createAuthRoute(getAuth);
