import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalContent, GENESIS_HASH, rowHash, type ChainFields } from "./chain";

const ROW: ChainFields = {
  id: "42",
  seq: "7",
  prevHash: GENESIS_HASH,
  at: "2026-06-30T12:00:00.123456Z",
  actorUserId: "u1",
  actorEmail: "ädmin@bank.example",
  actorRole: "admin",
  action: "export.create",
  target: null,
  params: '{"a": 1, "rows": 12}',
  ip: "",
  userAgent: null,
  checksum: null,
};

describe("canonical audit content", () => {
  it("is the tag and each field as a netstring of UTF-8 bytes, ~ for NULL", () => {
    expect(canonicalContent(ROW)).toBe(
      "17:usd1.audit_log.v1,2:42,1:7," +
        `64:${GENESIS_HASH},` +
        "27:2026-06-30T12:00:00.123456Z,2:u1,19:ädmin@bank.example,5:admin,13:export.create,~," +
        '20:{"a": 1, "rows": 12},0:,~,~,',
    );
  });

  it("hashes to the hex SHA-256 of that content", () => {
    expect(rowHash(ROW)).toBe(createHash("sha256").update(canonicalContent(ROW), "utf8").digest("hex"));
    expect(rowHash(ROW)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("tells NULL from empty, and a character moved between fields", () => {
    const hashes = new Set([
      rowHash(ROW),
      rowHash({ ...ROW, ip: null }),
      rowHash({ ...ROW, target: "" }),
      rowHash({ ...ROW, actorUserId: "u", actorEmail: `1${ROW.actorEmail}` }),
      rowHash({ ...ROW, actorRole: "admin,", action: "xport.create" }),
      rowHash({ ...ROW, prevHash: "1".repeat(64) }),
      rowHash({ ...ROW, seq: "8" }),
    ]);
    expect(hashes.size).toBe(7);
  });
});
