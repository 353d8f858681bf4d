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
