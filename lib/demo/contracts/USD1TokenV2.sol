// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {USD1Token} from "./USD1Token.sol";

/**
 * @title USD1TokenV2 (local test double)
 * @notice The implementation USD1 was upgraded to in place (DOMAIN.md §1b): `drain` and `reallocate` of
 * frozen funds, `recoverERC20`, EIP-3009 transfer authorizations, and a refusal of transfers to the token
 * contract itself. `initializeV2` runs through ProxyAdmin.upgradeAndCall and emits `Initialized(2)`.
 */
contract USD1TokenV2 is USD1Token {
    using SafeERC20 for IERC20;

    /// @custom:storage-location erc7201:usd1.storage.USD1TokenV2
    struct USD1V2Storage {
        mapping(address authorizer => mapping(bytes32 nonce => bool)) authorizationUsed;
    }

    // keccak256(abi.encode(uint256(keccak256("usd1.storage.USD1TokenV2")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant USD1_V2_STORAGE_LOCATION =
        0xfc7dc0f6f445bae16d1a28eb0d6110d7c2f51a56e7d89d8c2c164b6ae8161500;

    bytes32 public constant TRANSFER_WITH_AUTHORIZATION_TYPEHASH =
        keccak256(
            "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
        );
    bytes32 public constant RECEIVE_WITH_AUTHORIZATION_TYPEHASH =
        keccak256(
            "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)"
        );
    bytes32 public constant CANCEL_AUTHORIZATION_TYPEHASH =
        keccak256("CancelAuthorization(address authorizer,bytes32 nonce)");

    event FrozenAccountDrained(address indexed caller, address indexed account, uint256 amount);
    event FrozenFundsReallocated(address indexed caller, address indexed from, address indexed to, uint256 amount);
    event ERC20Recovered(address indexed caller, address indexed token, address indexed recipient, uint256 amount);
    event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce);
    event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce);

    error AccountNotFrozen(address account);
    error TransferToToken();
    error AuthorizationNotYetValid();
    error AuthorizationExpired();
    error AuthorizationAlreadyUsed(address authorizer, bytes32 nonce);
    error InvalidSignature();
    error CallerMustBePayee();

    function initializeV2() external reinitializer(2) {}

    // ---- frozen funds ----

    /// @notice The whole balance of a frozen account moves to the owner; the account stays frozen.
    function drain(address account) external onlyOwner {
        if (!frozen(account)) revert AccountNotFrozen(account);
        uint256 amount = balanceOf(account);
        _forceMove(account, owner(), amount);
        emit FrozenAccountDrained(_msgSender(), account, amount);
    }

    /// @notice A forced transfer out of a frozen account (e.g. a court order returning stolen funds).
    function reallocate(address from, address to, uint256 amount) external onlyOwner {
        if (!frozen(from)) revert AccountNotFrozen(from);
        if (to == address(0)) revert ZeroAddress();
        if (to == address(this)) revert TransferToToken();
        _forceMove(from, to, amount);
        emit FrozenFundsReallocated(_msgSender(), from, to, amount);
    }

    // ---- recovery ----

    /// @notice Returns tokens sent to this contract by mistake, USD1 itself included (sent under V1).
    function recoverERC20(address token, address recipient, uint256 amount) external onlyOwner {
        if (recipient == address(0)) revert ZeroAddress();
        if (token == address(this)) {
            _transfer(address(this), recipient, amount);
        } else {
            IERC20(token).safeTransfer(recipient, amount);
        }
        emit ERC20Recovered(_msgSender(), token, recipient, amount);
    }

    // ---- EIP-3009 ----

    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        _useAuthorization(TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, v, r, s);
        _transfer(from, to, value);
    }

    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        if (to != _msgSender()) revert CallerMustBePayee();
        _useAuthorization(RECEIVE_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, v, r, s);
        _transfer(from, to, value);
    }

    function cancelAuthorization(address authorizer, bytes32 nonce, uint8 v, bytes32 r, bytes32 s) external {
        USD1V2Storage storage $ = _v2Storage();
        if ($.authorizationUsed[authorizer][nonce]) revert AuthorizationAlreadyUsed(authorizer, nonce);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(CANCEL_AUTHORIZATION_TYPEHASH, authorizer, nonce)));
        if (ECDSA.recover(digest, v, r, s) != authorizer) revert InvalidSignature();
        $.authorizationUsed[authorizer][nonce] = true;
        emit AuthorizationCanceled(authorizer, nonce);
    }

    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool) {
        return _v2Storage().authorizationUsed[authorizer][nonce];
    }

    // ---- internals ----

    function _useAuthorization(
        bytes32 typehash,
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) private {
        if (block.timestamp <= validAfter) revert AuthorizationNotYetValid();
        if (block.timestamp >= validBefore) revert AuthorizationExpired();
        USD1V2Storage storage $ = _v2Storage();
        if ($.authorizationUsed[from][nonce]) revert AuthorizationAlreadyUsed(from, nonce);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(typehash, from, to, value, validAfter, validBefore, nonce))
        );
        if (ECDSA.recover(digest, v, r, s) != from) revert InvalidSignature();
        $.authorizationUsed[from][nonce] = true;
        emit AuthorizationUsed(from, nonce);
    }

    /// @dev V2 refuses transfers to the token contract itself (USD1 sent there under V1 stays recoverable).
    function _update(address from, address to, uint256 value) internal virtual override {
        if (to == address(this)) revert TransferToToken();
        super._update(from, to, value);
    }

    function _v2Storage() private pure returns (USD1V2Storage storage $) {
        assembly {
            $.slot := USD1_V2_STORAGE_LOCATION
        }
    }
}
