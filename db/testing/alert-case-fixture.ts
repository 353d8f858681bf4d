// Hand-built rows for the case page and workflow tests: users, one alert at a time, transfers.
import type { Address, Hash } from "viem";
import type { Db } from "../client";
import { users, type UserRole } from "../schema/auth";
import { alerts, type AlertStatus, type RuleId } from "../schema/monitoring";

export const E18 = 10n ** 18n;
export const usd = (n: number) => BigInt(n) * E18;
export const addr = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
export const txHash = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hash;

export const CASE_USERS = {
  analyst: { id: "u-analyst", email: "analyst@test.local", name: "Ana Analyst", role: "analyst" },
  officer: { id: "u-officer", email: "officer@test.local", name: "Olga Officer", role: "compliance_officer" },
  officer2: {
    id: "u-officer2",
    email: "officer2@test.local",
    name: "Otto Officer",
    role: "compliance_officer",
  },
  admin: { id: "u-admin", email: "admin@test.local", name: "Ada Admin", role: "admin" },
} as const satisfies Record<string, { id: string; email: string; name: string; role: UserRole }>;

export async function insertCaseUsers(db: Db): Promise<void> {
  await db.insert(users).values(Object.values(CASE_USERS).map((u) => ({ ...u, emailVerified: true })));
}

export type TestAlert = {
  ruleId?: RuleId;
  status?: AlertStatus;
  chainId?: number;
  subject?: Address | null;
  addresses?: Address[];
  blockTime?: Date;
  assignee?: string | null;
};

let seq = 0;

/** One alert with plausible columns; returns its id. */
export async function insertTestAlert(db: Db, a: TestAlert = {}): Promise<number> {
  seq += 1;
  const subject = a.subject === undefined ? addr(0xc5) : a.subject;
  const [row] = await db
    .insert(alerts)
    .values({
      alertKey: `test:${seq}:${Math.random()}`,
      ruleId: a.ruleId ?? "R9",
      ruleVersion: 2,
      logicVersion: 1,
      params: { windowDays: 7 },
      severity: "medium",
      score: 55,
      status: a.status ?? "open",
      assignee: a.assignee ?? null,
      chainId: a.chainId ?? 31337,
      subject,
      blockNumber: 100n + BigInt(seq),
      blockTime: a.blockTime ?? new Date("2026-03-15T12:00:00Z"),
      txHash: txHash(9_000 + seq),
      logIndex: 0,
      amount: usd(100),
      addresses: a.addresses ?? (subject ? [subject] : []),
      entityIds: [],
      corridorOrigin: "AE",
      corridorDestination: "PK",
      explanation: "Test alert.",
      facts: { entity: "Shady Remit" },
    })
    .returning({ id: alerts.id });
  return row!.id;
}
