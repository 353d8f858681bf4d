// Plans of the statements the real query functions run: Postgres' auto_explain module, loaded on
// every connection of a dedicated pool, sends each statement's plan (JSON, nested statements
// included) back to that client as a NOTICE. The EXPLAIN tests run db/queries functions through
// this handle and read which tables were scanned how, without copying their SQL.
import type pg from "pg";
import { openDb, type DbHandle } from "../client";

export type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
};

export type CapturedPlan = { query: string; plan: PlanNode };

export type PlanCapture = {
  handle: DbHandle;
  /** Plans captured since the last take(), then forgotten. */
  take: () => CapturedPlan[];
  close: () => Promise<void>;
};

/** A one-connection handle whose statements' plans are captured (the server needs auto_explain). */
export async function openPlanCapture(url: string): Promise<PlanCapture> {
  const handle = await openDb({ url, poolSize: 1, applicationName: "usd1-plan-capture" });
  const pool = handle.pool as pg.Pool;
  let plans: CapturedPlan[] = [];
  pool.on("connect", (client) => {
    client.on("notice", (msg) => {
      const text = msg.message ?? "";
      const at = text.indexOf("{");
      if (!text.startsWith("duration:") || at < 0) return;
      const parsed = JSON.parse(text.slice(at)) as { "Query Text": string; Plan: PlanNode };
      plans.push({ query: parsed["Query Text"], plan: parsed.Plan });
    });
    void client.query(`load 'auto_explain';
      set auto_explain.log_min_duration = 0;
      set auto_explain.log_nested_statements = on;
      set auto_explain.log_format = json;
      set auto_explain.log_level = notice;
      set client_min_messages = notice`);
  });
  return {
    handle,
    take: () => {
      const out = plans;
      plans = [];
      return out;
    },
    close: () => handle.close(),
  };
}

/** Every node of a plan tree, depth first. */
export function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/** "Seq Scan on transfers" and the like, for each sequential scan of one of `tables`. */
export function seqScansOn(plans: CapturedPlan[], tables: readonly string[]): string[] {
  return plans.flatMap((p) =>
    planNodes(p.plan)
      .filter((n) => n["Node Type"] === "Seq Scan" && tables.includes(n["Relation Name"] ?? ""))
      .map((n) => `Seq Scan on ${n["Relation Name"]} in: ${p.query.replace(/\s+/g, " ").slice(0, 160)}`),
  );
}
