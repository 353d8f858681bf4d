import { describe, expect, it } from "vitest";
import { TOKEN_EVENT_KINDS } from "@/db/schema/chain";
import { ADMIN_EVENT_KINDS } from "@/db/queries/supply-events";
import { adminEventLabel, eventDetail, eventKindLabel, OWN_TOKEN_RECOVERY_LABEL } from "./event-labels";

const TOKEN = "0x8d0d000ee44948fc98c9b98a4fa4921476f08b0d";
const OTHER = "0xdac17f958d2ee523a2206206994597c13d831ec7";

describe("event labels", () => {
  it("names every token and governor event kind in words, each label once", () => {
    const labels = TOKEN_EVENT_KINDS.map((k) => eventKindLabel(k));
    for (const [i, k] of TOKEN_EVENT_KINDS.entries()) expect(labels[i], k).not.toBe(k);
    expect(new Set(labels).size).toBe(labels.length);
    expect(eventKindLabel("native_mint")).toBe("Issued");
    expect(eventKindLabel("bridge_mint")).toBe("Bridge mint");
    expect(eventKindLabel("role_granted")).toBe("Role granted");
    expect(eventKindLabel("initialized")).toBe("Initialized (upgrade)");
    expect(eventKindLabel("erc20_recovered")).toBe("Tokens recovered");
    // Transfers (alert evidence) and kinds of a newer indexer.
    expect(eventKindLabel("transfer")).toBe("Transfer");
    expect(eventKindLabel("something_new")).toBe("something_new");
    expect(ADMIN_EVENT_KINDS.every((k) => eventKindLabel(k) !== k)).toBe(true);
  });

  it("reads a recovery of USD1 held by the token contract itself as such", () => {
    expect(
      adminEventLabel({ kind: "erc20_recovered", emitter: TOKEN, counterparty: TOKEN.toUpperCase() }),
    ).toBe(OWN_TOKEN_RECOVERY_LABEL);
    expect(adminEventLabel({ kind: "erc20_recovered", emitter: TOKEN, counterparty: OTHER })).toBe(
      "Tokens recovered",
    );
    expect(adminEventLabel({ kind: "freeze", emitter: TOKEN, counterparty: TOKEN })).toBe("Account frozen");
  });

  it("details what an action called or set", () => {
    expect(eventDetail({ kind: "frozen_funds_reallocated", tokenFunction: "reallocate" })).toBe(
      "token function reallocate()",
    );
    expect(eventDetail({ kind: "role_granted", role: "MINTER_ROLE" })).toBe("MINTER_ROLE");
    expect(eventDetail({ kind: "initialized", version: "2" })).toBe("version 2");
    expect(eventDetail({ kind: "freeze", tokenFunction: null, role: null, version: null })).toBeNull();
  });
});
