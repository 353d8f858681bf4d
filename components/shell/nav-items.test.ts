import { describe, expect, it } from "vitest";
import { navItemsFor } from "./nav-items";

describe("navItemsFor", () => {
  it("shows each role only what it may open", () => {
    const labels = (role: string) => navItemsFor(role).map((i) => i.label);
    expect(labels("analyst")).toEqual([
      "Overview",
      "Supply",
      "Reserves & peg",
      "Corridors",
      "Transactions",
      "Alerts",
      "Governance",
      "Registry",
      "Indexer",
    ]);
    expect(labels("compliance_officer")).toEqual([
      "Overview",
      "Supply",
      "Reserves & peg",
      "Corridors",
      "Transactions",
      "Alerts",
      "Governance",
      "Reports",
      "Registry",
      "Lists",
      "Indexer",
    ]);
    expect(labels("admin")).toEqual([
      "Overview",
      "Supply",
      "Reserves & peg",
      "Corridors",
      "Transactions",
      "Alerts",
      "Governance",
      "Registry",
      "Lists",
      "Indexer",
      "Rules",
      "Users",
      "Audit log",
    ]);
    expect(labels("nobody")).toEqual([]);
  });
});
