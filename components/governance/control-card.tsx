import type { ReactNode } from "react";
import { getReadDb } from "@/db";
import { getChainControl, type ChainControl, type LogRef } from "@/db/queries/governance";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDateTimeUtc, formatInt } from "@/lib/format";
import { AddressLink } from "./address-link";
import { GOVERNANCE_CARDS } from "./cards";

const SOURCE_LABELS: Record<string, string> = {
  owner_at_start: "owner() when the indexer started",
  ownership_transferred: "named by the token's OwnershipTransferred",
  configured: "configured (--governor)",
};

function When({ at }: { at: LogRef | null }) {
  if (!at) return null;
  return (
    <span className="block text-xs text-slate-500">
      block {formatInt(at.blockNumber.toString())}, {formatDateTimeUtc(at.blockTime)} · tx{" "}
      <code className="font-mono break-all">{at.txHash}</code>
    </span>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function ChainFacts({ c }: { c: ChainControl }) {
  const governors = new Set(c.governors.map((g) => g.address));
  return (
    <section aria-labelledby={`governance-chain-${c.chainId}`} className="space-y-3">
      <h3 id={`governance-chain-${c.chainId}`} className="text-sm font-semibold text-slate-900">
        {c.chainName} <span className="font-normal text-slate-500">(chain {c.chainId})</span>
      </h3>
      <dl className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Fact label="Token owner" testId="governance-owner">
          {c.owner ? (
            <>
              <AddressLink address={c.owner.address} />
              {governors.has(c.owner.address) ? <Badge tone="neutral">TokenGovernor</Badge> : null}
              {c.owner.source === "indexer_start" ? (
                <span className="block text-xs text-slate-500">
                  Read from owner() when the indexer started.
                </span>
              ) : (
                <When at={c.owner.at} />
              )}
            </>
          ) : (
            "No ownership event indexed."
          )}
        </Fact>
        <Fact label="Pending ownership hand-over">
          {c.pendingOwner ? (
            <>
              <Badge tone="warning">Started, not accepted</Badge>
              <AddressLink address={c.pendingOwner.address} />
              <span className="block text-xs text-slate-500">
                by <code className="font-mono break-all">{c.pendingOwner.by ?? "unknown"}</code>
                {c.pendingOwner.via ? (
                  <>
                    {" "}
                    through governor <code className="font-mono break-all">{c.pendingOwner.via}</code>
                  </>
                ) : null}
              </span>
              <When at={c.pendingOwner.at} />
            </>
          ) : (
            "None."
          )}
        </Fact>
        <Fact label="Proxy admin (EIP-1967)">
          {c.proxyAdmin ? (
            <>
              <AddressLink address={c.proxyAdmin.address} />
              <When at={c.proxyAdmin.at} />
            </>
          ) : (
            "No AdminChanged indexed."
          )}
        </Fact>
        <Fact label="Implementation" testId="governance-implementation">
          {c.implementation ? (
            <>
              <AddressLink address={c.implementation.address} />
              <When at={c.implementation.at} />
            </>
          ) : (
            "No Upgraded indexed."
          )}
          <span className="mt-1 block text-xs text-slate-700">
            Initialized version: {c.initializedVersion ? c.initializedVersion.version : "not indexed"}
          </span>
        </Fact>
      </dl>
      <div>
        <h4 className="text-xs font-medium text-slate-500">Watched governors</h4>
        {c.governors.length === 0 ? (
          <p className="text-sm text-slate-600">
            None: the token&apos;s owner is not a governor the indexer watches.
          </p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm">
            {c.governors.map((g) => (
              <li key={g.address} className="flex flex-wrap items-center gap-2">
                <AddressLink address={g.address} name={g.label} />
                {g.isOwner ? (
                  <Badge tone="success">Owns the token</Badge>
                ) : (
                  <Badge tone="neutral">Former or other</Badge>
                )}
                <span className="text-xs text-slate-500">
                  {SOURCE_LABELS[g.source] ?? g.source}, from block {formatInt(g.sinceBlock.toString())}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** Per chain: owner (and a pending hand-over), proxy admin, implementation and version, governors. */
export async function GovernanceControlCard({ chainId }: { chainId: number | undefined }) {
  const db = await getReadDb();
  const chains = await getChainControl(db, { chainId });
  return (
    <Card
      {...GOVERNANCE_CARDS.control}
      description="From the token's OwnershipTransferStarted/OwnershipTransferred, AdminChanged, Upgraded and Initialized events and the governor's own hand-over events, as indexed."
    >
      {chains.length === 0 ? (
        <p className="text-sm text-slate-600">No chain indexed yet.</p>
      ) : (
        <div className="space-y-6">
          {chains.map((c) => (
            <ChainFacts key={c.chainId} c={c} />
          ))}
        </div>
      )}
    </Card>
  );
}
