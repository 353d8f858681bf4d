import { decodeErrorResult, type Abi, type Hash, type Hex, type PublicClient } from "viem";

/**
 * Anvil mines a reverting transaction (status 0) instead of refusing it, so this checks the receipt and
 * reads the custom error from the mined transaction's call trace: it proves the revert happened on chain,
 * and why. Returns [errorName, args]; throws when the transaction succeeded.
 */
export async function revertOf(
  pc: PublicClient,
  errors: Abi,
  sent: Promise<Hash>,
): Promise<[string, unknown[]]> {
  const hash = await sent;
  const receipt = await pc.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (receipt.status !== "reverted") throw new Error(`transaction ${hash} did not revert`);
  const trace = await pc.request<{
    method: "debug_traceTransaction";
    Parameters: [Hash, { tracer: "callTracer" }];
    ReturnType: { output?: Hex };
  }>({ method: "debug_traceTransaction", params: [hash, { tracer: "callTracer" }] });
  const { errorName, args } = decodeErrorResult({ abi: errors, data: trace.output ?? "0x" });
  return [errorName, [...(args ?? [])]];
}

type CallFrame = {
  from: Hex;
  to?: Hex;
  type?: string;
  error?: string;
  output?: Hex;
  calls?: CallFrame[];
};

/**
 * Why a mined transaction reverted, from its call trace: the innermost failed call (the frame whose
 * error the outer frames only bubbled up), e.g. "out of gas in CALL 0xrouter → 0xpool", or its revert
 * data decoded as Error(string), Panic(uint256) or one of `errors`. Undefined when the node has no trace.
 */
export async function revertReason(
  pc: PublicClient,
  hash: Hash,
  errors: Abi = [],
): Promise<string | undefined> {
  let trace: CallFrame;
  try {
    trace = await pc.request<{
      method: "debug_traceTransaction";
      Parameters: [Hash, { tracer: "callTracer" }];
      ReturnType: CallFrame;
    }>({ method: "debug_traceTransaction", params: [hash, { tracer: "callTracer" }] });
  } catch {
    return undefined;
  }
  if (!trace.error) return undefined;
  let failed = trace;
  for (;;) {
    const inner = (failed.calls ?? []).findLast((c) => c.error);
    if (!inner) break;
    failed = inner;
  }
  const where = `in ${failed.type ?? "CALL"} ${failed.from} → ${failed.to ?? "(create)"}`;
  const output = failed.output && failed.output !== "0x" ? failed.output : undefined;
  if (!output) return `${failed.error} ${where}`;
  try {
    const { errorName, args } = decodeErrorResult({ abi: errors, data: output });
    const shown = (args ?? []).map((a) => (typeof a === "bigint" ? a.toString() : JSON.stringify(a)));
    return `${errorName}(${shown.join(", ")}) ${where}`;
  } catch {
    return `${failed.error} ${where} (revert data ${output.slice(0, 10)}…)`;
  }
}
