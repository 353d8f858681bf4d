import { keccak256, parseAbi, toEventSelector, toHex, type Hex } from "viem";

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
  // token V2
  // DOMAIN.md gives uint8 (OpenZeppelin 4's Initializable); OpenZeppelin 5 emits uint64: both topics.
  "event Initialized(uint8 version)",
  "event Initialized(uint64 version)",
  "event ERC20Recovered(address indexed caller, address indexed token, address indexed recipient, uint256 amount)",
  "event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce)",
  "event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce)",
]);

/**
 * Events of the token's owner, a TokenGovernor (DOMAIN.md §1b), emitted at the governor's address.
 * `OwnershipTransferred(address,address)` has the same topic0 as the token's own event: the emitter
 * tells them apart. The governor's 2-argument FrozenAccountDrained has another topic0 than the
 * token's 3-argument one.
 */
export const governorEventsAbi = parseAbi([
  "event NativeMint(address indexed caller, address indexed recipient, uint256 amount)",
  "event BridgeMint(address indexed caller, address indexed recipient, uint256 amount)",
  "event NativeBurn(address indexed caller, address indexed from, uint256 amount)",
  "event BridgeBurn(address indexed caller, address indexed from, uint256 amount)",
  "event AccountFrozen(address indexed caller, address indexed account)",
  "event AccountUnfrozen(address indexed caller, address indexed account)",
  "event ContractPaused(address indexed caller)",
  "event ContractUnpaused(address indexed caller)",
  "event FrozenAccountDrained(address indexed caller, address indexed account)",
  "event TokenFunctionExecuted(address indexed caller, bytes data, bytes returnData)",
  "event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)",
  "event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender)",
  "event OwnershipTransferred(address indexed caller, address indexed newOwner)",
  "event OwnershipAccepted(address indexed caller)",
  "event CheckerUpdated(address indexed previousChecker, address indexed newChecker)",
  "event TokensRecovered(address indexed caller, address indexed token, address indexed recipient, uint256 amount)",
  "event GovernedTokensRecovered(address indexed caller, address indexed recipient, uint256 amount)",
]);

/**
 * Governor roles by name. The names are the OpenZeppelin AccessControl convention
 * (keccak256 of the role's name; the default admin is 0x00): an assumption about the deployed
 * governor, so an unknown role hash is shown as hex, never dropped.
 */
export const GOVERNOR_ROLE_NAMES = [
  "MINTER_ROLE",
  "BURNER_ROLE",
  "BRIDGE_MINTER_OR_BURNER_ROLE",
  "FREEZER_ROLE",
  "UNFREEZER_ROLE",
  "PAUSER_ROLE",
  "UNPAUSER_ROLE",
] as const;
export const DEFAULT_ADMIN_ROLE = `0x${"0".repeat(64)}` as const;
export const GOVERNOR_ROLES: ReadonlyMap<Hex, string> = new Map<Hex, string>([
  [DEFAULT_ADMIN_ROLE, "DEFAULT_ADMIN_ROLE"],
  ...GOVERNOR_ROLE_NAMES.map((name) => [keccak256(toHex(name)), name] as [Hex, string]),
]);

/** Token functions an admin may call through the governor's TokenFunctionExecuted, by selector. */
export const tokenAdminFunctionsAbi = parseAbi([
  "function reallocate(address from, address to, uint256 amount)",
  "function drain(address account)",
  "function recoverERC20(address token, address recipient, uint256 amount)",
  "function pause()",
  "function unpause()",
  "function freeze(address account)",
  "function unfreeze(address account)",
  "function mint(uint256 amount)",
  "function burn(uint256 amount)",
  "function transferOwnership(address newOwner)",
  "function acceptOwnership()",
  "function transfer(address to, uint256 amount)",
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
  "function owner() view returns (address)",
]);

export const TRANSFER_TOPIC = toEventSelector("Transfer(address,address,uint256)");
export const FROZEN_FUNDS_REALLOCATED_TOPIC = toEventSelector(
  "FrozenFundsReallocated(address,address,address,uint256)",
);

export const TOKEN_TOPICS = [
  ...usd1EventsAbi.map((e) => toEventSelector(e)),
  FROZEN_FUNDS_REALLOCATED_TOPIC,
] as const;
export const GOVERNOR_TOPICS = governorEventsAbi.map((e) => toEventSelector(e));

/**
 * Every topic0 the indexer asks for, in one eth_getLogs filter (OR within position 0) over the
 * token and its governor(s); the decoder keeps each emitter to its own events.
 */
export const WATCHED_TOPICS = [...new Set([...TOKEN_TOPICS, ...GOVERNOR_TOPICS])];

export { zeroAddress as ZERO_ADDRESS } from "viem";
