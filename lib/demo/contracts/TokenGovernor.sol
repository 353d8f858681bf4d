// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/// @dev The owner-only surface of USD1 that the governor drives.
interface IGovernedToken is IERC20 {
    function mint(uint256 amount) external;
    function burn(uint256 amount) external;
    function freeze(address account) external;
    function unfreeze(address account) external;
    function pause() external;
    function unpause() external;
    function drain(address account) external;
    function transferOwnership(address newOwner) external;
    function acceptOwnership() external;
}

/**
 * @title TokenGovernor (local test double)
 * @notice The owner of USD1 on a real chain is a governance contract with roles (DOMAIN.md §1b). Every
 * token-level admin event names this contract as caller; the real actor, and whether a mint or burn is
 * issuance or a bridge movement, appears only in the events emitted here, in the same transaction.
 * Written from the published event signatures and flows; NOT the audited production contract.
 * @dev Issuer mint = token.mint (to this contract, the owner) + token.transfer(recipient) + NativeMint.
 * Redemption = token.transferFrom(from → this) + token.burn + NativeBurn (the holder approves this
 * contract first). Bridge pools (CCIP) do the same through bridgeMint/bridgeBurn with the bridge role.
 */
contract TokenGovernor is AccessControlDefaultAdminRules {
    using SafeERC20 for IERC20;

    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    bytes32 public constant BURNER_ROLE = keccak256("BURNER_ROLE");
    bytes32 public constant BRIDGE_MINTER_OR_BURNER_ROLE = keccak256("BRIDGE_MINTER_OR_BURNER_ROLE");
    bytes32 public constant FREEZER_ROLE = keccak256("FREEZER_ROLE");
    bytes32 public constant UNFREEZER_ROLE = keccak256("UNFREEZER_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    bytes32 public constant UNPAUSER_ROLE = keccak256("UNPAUSER_ROLE");

    IGovernedToken public immutable token;

    event NativeMint(address indexed caller, address indexed recipient, uint256 amount);
    event BridgeMint(address indexed caller, address indexed recipient, uint256 amount);
    event NativeBurn(address indexed caller, address indexed from, uint256 amount);
    event BridgeBurn(address indexed caller, address indexed from, uint256 amount);
    event AccountFrozen(address indexed caller, address indexed account);
    event AccountUnfrozen(address indexed caller, address indexed account);
    event ContractPaused(address indexed caller);
    event ContractUnpaused(address indexed caller);
    event FrozenAccountDrained(address indexed caller, address indexed account);
    event TokenFunctionExecuted(address indexed caller, bytes data, bytes returnData);
    event OwnershipTransferred(address indexed caller, address indexed newOwner);
    event OwnershipAccepted(address indexed caller);
    event TokensRecovered(address indexed caller, address indexed token, address indexed recipient, uint256 amount);
    event GovernedTokensRecovered(address indexed caller, address indexed recipient, uint256 amount);

    error ZeroAddress();
    error UseRecoverGovernedTokens();

    constructor(IGovernedToken token_, uint48 adminDelay, address admin) AccessControlDefaultAdminRules(adminDelay, admin) {
        if (address(token_) == address(0)) revert ZeroAddress();
        token = token_;
    }

    // ---- supply ----

    function mint(address recipient, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mintTo(recipient, amount);
        emit NativeMint(_msgSender(), recipient, amount);
    }

    function bridgeMint(address recipient, uint256 amount) external onlyRole(BRIDGE_MINTER_OR_BURNER_ROLE) {
        _mintTo(recipient, amount);
        emit BridgeMint(_msgSender(), recipient, amount);
    }

    function burn(address from, uint256 amount) external onlyRole(BURNER_ROLE) {
        _burnFrom(from, amount);
        emit NativeBurn(_msgSender(), from, amount);
    }

    function bridgeBurn(address from, uint256 amount) external onlyRole(BRIDGE_MINTER_OR_BURNER_ROLE) {
        _burnFrom(from, amount);
        emit BridgeBurn(_msgSender(), from, amount);
    }

    // ---- compliance ----

    function freeze(address account) external onlyRole(FREEZER_ROLE) {
        token.freeze(account);
        emit AccountFrozen(_msgSender(), account);
    }

    function unfreeze(address account) external onlyRole(UNFREEZER_ROLE) {
        token.unfreeze(account);
        emit AccountUnfrozen(_msgSender(), account);
    }

    function pause() external onlyRole(PAUSER_ROLE) {
        token.pause();
        emit ContractPaused(_msgSender());
    }

    function unpause() external onlyRole(UNPAUSER_ROLE) {
        token.unpause();
        emit ContractUnpaused(_msgSender());
    }

    /// @notice Frozen balance → this contract (the token's owner).
    function drain(address account) external onlyRole(DEFAULT_ADMIN_ROLE) {
        token.drain(account);
        emit FrozenAccountDrained(_msgSender(), account);
    }

    /// @notice Any other owner-only token function (reallocate, recoverERC20, ...).
    function executeTokenFunction(bytes calldata data) external onlyRole(DEFAULT_ADMIN_ROLE) returns (bytes memory) {
        bytes memory returnData = Address.functionCall(address(token), data);
        emit TokenFunctionExecuted(_msgSender(), data, returnData);
        return returnData;
    }

    // ---- ownership of the token ----

    function transferTokenOwnership(address newOwner) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newOwner == address(0)) revert ZeroAddress();
        token.transferOwnership(newOwner);
        emit OwnershipTransferred(_msgSender(), newOwner);
    }

    function acceptTokenOwnership() external onlyRole(DEFAULT_ADMIN_ROLE) {
        token.acceptOwnership();
        emit OwnershipAccepted(_msgSender());
    }

    // ---- recovery ----

    function recoverTokens(IERC20 other, address recipient, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (address(other) == address(token)) revert UseRecoverGovernedTokens();
        other.safeTransfer(recipient, amount);
        emit TokensRecovered(_msgSender(), address(other), recipient, amount);
    }

    /// @notice USD1 held by the governor (e.g. drained from a frozen account) paid out.
    function recoverGovernedTokens(address recipient, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        IERC20(address(token)).safeTransfer(recipient, amount);
        emit GovernedTokensRecovered(_msgSender(), recipient, amount);
    }

    // ---- internals ----

    function _mintTo(address recipient, uint256 amount) private {
        if (recipient == address(0)) revert ZeroAddress();
        token.mint(amount);
        IERC20(address(token)).safeTransfer(recipient, amount);
    }

    function _burnFrom(address from, uint256 amount) private {
        IERC20(address(token)).safeTransferFrom(from, address(this), amount);
        token.burn(amount);
    }
}
