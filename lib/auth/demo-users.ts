// Demo accounts, one per role (two compliance officers: four-eyes decisions need a second one).
// The passwords are public by design: they exist only in `npm run demo`'s throwaway database.
import { randomBytes } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { Db } from "@/db/client";
import { createUserWithPassword } from "@/db/queries/users";
import type { UserRole } from "@/db/schema/auth";

export type DemoUser = { email: string; name: string; role: UserRole; password: string };

export const DEMO_USERS = [
  { email: "analyst@demo.local", name: "Ana Analyst", role: "analyst", password: "demo-analyst-pass" },
  {
    email: "compliance@demo.local",
    name: "Colm Compliance",
    role: "compliance_officer",
    password: "demo-compliance-pass",
  },
  {
    email: "compliance2@demo.local",
    name: "Cora Compliance",
    role: "compliance_officer",
    password: "demo-compliance2-pass",
  },
  { email: "admin@demo.local", name: "Ada Admin", role: "admin", password: "demo-admin-pass" },
] as const satisfies readonly DemoUser[];

export function newUserId(): string {
  return randomBytes(16).toString("base64url");
}

/** Creates the demo users that do not exist yet; returns them for the demo's log. */
export async function seedDemoUsers(db: Db, extra: readonly DemoUser[] = []): Promise<readonly DemoUser[]> {
  const all = [...DEMO_USERS, ...extra];
  for (const u of all) {
    await createUserWithPassword(db, {
      id: newUserId(),
      email: u.email,
      name: u.name,
      role: u.role,
      passwordHash: await hashPassword(u.password),
    });
  }
  return all;
}
