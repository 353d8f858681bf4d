import { parseAbi, toEventSelector } from "viem";

/**
 * Events of the USD1 token and its EIP-1967 proxy (DOMAIN.md §1). FrozenFundsReallocated is
 * published with different indexed-ness by different sources; topic0 ignores indexed-ness, so
 * we keep every variant and pick the one whose topic count matches the log.
 */
export const usd1EventsAbi = parseAbi([
  "event Transfer(address indexed from, address indexed to, uint256 value)",
  "event Mint(address indexed caller, address indexed to, uint256 amount)",
  "event Burn(address indexed caller, address indexed from, uint256 amount)",
  "event Freeze(address indexed caller, address indexed account)",
  "event Unfreeze(address indexed caller, address indexed account)",
  "event Paused(address account)",
  "event Unpaused(address account)",
  "event FrozenAccountDrained(address indexed caller, address indexed account, uint256 amount)",
  "event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner)",
  "event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)",
  "event Upgraded(address indexed implementation)",
  "event AdminChanged(address previousAdmin, address newAdmin)",
]);

export const frozenFundsReallocatedVariants = [
  parseAbi(["event FrozenFundsReallocated(address caller, address from, address to, uint256 amount)"]),
  parseAbi([
    "event FrozenFundsReallocated(address indexed caller, address from, address to, uint256 amount)",
  ]),
  parseAbi([
    "event FrozenFundsReallocated(address indexed caller, address indexed from, address to, uint256 amount)",
  ]),
  parseAbi([
    "event FrozenFundsReallocated(address indexed caller, address indexed from, address indexed to, uint256 amount)",
  ]),
] as const;

export const erc20ReadAbi = parseAbi([
  "function totalSupply() view returns (uint256)",
  "function balanceOf(address) view returns (uint256)",
]);

export const TRANSFER_TOPIC = toEventSelector("Transfer(address,address,uint256)");
export const FROZEN_FUNDS_REALLOCATED_TOPIC = toEventSelector(
  "FrozenFundsReallocated(address,address,address,uint256)",
);

/** Every topic0 the indexer asks for, in one eth_getLogs filter (OR within position 0). */
export const WATCHED_TOPICS = [
  ...usd1EventsAbi.map((e) => toEventSelector(e)),
  FROZEN_FUNDS_REALLOCATED_TOPIC,
] as const;

export { zeroAddress as ZERO_ADDRESS } from "viem";
