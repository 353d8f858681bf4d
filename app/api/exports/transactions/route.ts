// GET /api/exports/transactions – CSV of the transactions view's filter, streamed and audited
import { connection, type NextRequest } from "next/server";
import { getDb } from "@/db";
import { recordAudit } from "@/db/queries/audit";
import { listKnownChains } from "@/db/queries/overview";
import { listEntityOptions, streamTransactions } from "@/db/queries/transactions";
import { apiError } from "@/lib/api/errors";
import { withAccess } from "@/lib/api/guard";
import { getAuthSettings } from "@/lib/auth/instance";
import { clientIp } from "@/lib/auth/request-ip";
import { env } from "@/lib/env.js";
import { createLogger } from "@/lib/logger";
import { transactionsCsvStream } from "@/lib/reports/transactions-csv";
import { describeTransactionFilter, parseTransactionParams } from "@/lib/validators/transactions";

const log = createLogger("web-exports", env.LOG_LEVEL);

export const GET = withAccess(
  "exports:create",
  async (req: NextRequest, { session }) => {
    await connection();
    const db = await getDb();
    const [chains, entities] = await Promise.all([listKnownChains(db), listEntityOptions(db)]);
    const now = new Date();
    const sp = Object.fromEntries(req.nextUrl.searchParams.entries());
    const parsed = parseTransactionParams(sp, { chains, entityIds: new Set(entities.map((e) => e.id)), now });
    if (!parsed.ok) return apiError("bad_request", parsed.errors.map((e) => e.message).join(" "));

    const filter = parsed.value.filter;
    const fileName = `usd1-transactions-${now.toISOString().replace(/[:.]/g, "-")}.csv`;
    const actor = session ? { id: session.userId, email: session.email, role: session.role } : null;
    const body = transactionsCsvStream({
      batches: streamTransactions(db, { ...filter, asOf: now }),
      chainNames: new Map(chains.map((c) => [c.chainId, c.name])),
      onComplete: async ({ rows, sha256, bytes }) => {
        await recordAudit(db, {
          action: "export.create",
          actor,
          target: fileName,
          params: {
            export: "transactions",
            filter: describeTransactionFilter(filter),
            rows,
            bytes,
            asOf: now.toISOString(),
          },
          checksum: sha256,
          ip: clientIp(req.headers, getAuthSettings().trustedProxies),
          userAgent: req.headers.get("user-agent"),
        });
        log.info({ fileName, rows, bytes, user: actor?.email }, "transactions export");
      },
      onError: (err) => log.error({ err, fileName }, "transactions export failed mid-stream"),
    });
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
  log,
);
