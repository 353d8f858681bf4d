import { hexToBytes, keccak256, type Address, type Hex } from "viem";

const BLOOM_BYTES = 256;
/** keccak256 once per watched value, not once per block checked. */
const bitCache = new Map<string, readonly number[]>();

/** The three bloom bits of `value`: the low 11 bits of the first three byte pairs of its keccak256. */
function bloomBits(value: Hex): readonly number[] {
  const key = value.toLowerCase();
  let bits = bitCache.get(key);
  if (!bits) {
    const h = hexToBytes(keccak256(value));
    bits = [0, 2, 4].map((i) => (((h[i] ?? 0) << 8) | (h[i + 1] ?? 0)) & 0x7ff);
    bitCache.set(key, bits);
  }
  return bits;
}

/**
 * Whether `value` (an address or a topic) may be in a block's 2048-bit logsBloom (Yellow Paper
 * M3:2048; bit 0 is the last byte's lowest bit). False is a proof of absence.
 */
export function inBloom(bloom: Uint8Array, value: Hex): boolean {
  return bloomBits(value).every(
    (bit) => ((bloom[BLOOM_BYTES - 1 - (bit >> 3)] ?? 0) & (1 << (bit & 7))) !== 0,
  );
}

/**
 * Whether a block may hold a log our eth_getLogs filter matches: an emitter in `addresses` and a
 * topic0 in `topics` (a log adds its address and every topic to the bloom). The bits may come from
 * different logs, so true only means "maybe"; false means "none", whatever eth_getLogs answered.
 */
export function bloomMayMatch(
  logsBloom: Hex,
  addresses: readonly Address[],
  topics: readonly Hex[],
): boolean {
  const bloom = hexToBytes(logsBloom);
  if (bloom.length !== BLOOM_BYTES) return true; // not a bloom we can read: assume the worst
  return addresses.some((a) => inBloom(bloom, a)) && topics.some((t) => inBloom(bloom, t));
}
