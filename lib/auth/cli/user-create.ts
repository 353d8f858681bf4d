// npm run user:create -- --email someone@bank.example --role admin [--name "Full Name"]
// The password is asked for on the terminal, or read from stdin when piped
// (`printf '%s' "$PW" | npm run user:create -- …`). There is no default password anywhere.
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { openDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { recordAudit } from "@/db/queries/audit";
import { createUserWithPassword } from "@/db/queries/users";
import { loadEnv } from "@/lib/env-core";
import { createUserSchema } from "@/lib/validators/auth";
import { newUserId } from "../demo-users";

const flagsSchema = createUserSchema.omit({ password: true });

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString("utf8")
      .replace(/\r?\n$/, "");
  }
  // Echo off: nothing typed is written back to the terminal.
  const muted = new Writable({ write: (_c, _e, cb) => cb() });
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      process.stderr.write(prompt);
      const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
      rl.question("", (answer) => {
        rl.close();
        process.stderr.write("\n");
        resolve(answer);
      });
    });
  const first = await ask("Password: ");
  const second = await ask("Repeat password: ");
  if (first !== second) throw new Error("the passwords differ");
  return first;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" } },
  });
  const flags = flagsSchema.safeParse({
    email: values.email,
    role: values.role,
    name: values.name ?? values.email?.split("@")[0],
  });
  if (!flags.success) {
    process.stderr.write(
      `error: ${z.prettifyError(flags.error)}\nusage: npm run user:create -- --email EMAIL --role analyst|compliance_officer|admin [--name NAME]\n`,
    );
    return 2;
  }
  const input = createUserSchema.safeParse({ ...flags.data, password: await readPassword() });
  if (!input.success) {
    process.stderr.write(`error: ${z.prettifyError(input.error)}\n`);
    return 2;
  }
  const env = loadEnv();
  const handle = await openDb({
    url: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR,
    applicationName: "usd1-user-create",
  });
  try {
    await migrateDb(handle);
    const id = newUserId();
    const { email, name, role, password } = input.data;
    const created = await createUserWithPassword(handle.db, {
      id,
      email,
      name,
      role,
      passwordHash: await hashPassword(password),
    });
    if (!created) {
      process.stderr.write(`error: a user with the email ${email} already exists\n`);
      return 1;
    }
    await recordAudit(handle.db, {
      action: "user.create",
      actor: null,
      target: email,
      params: { userId: id, name, role, via: "cli" },
    });
    process.stdout.write(`created ${email} (${role})\n`);
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
