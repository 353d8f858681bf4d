// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {ERC20PermitUpgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20PermitUpgradeable.sol";
import {Ownable2StepUpgradeable} from "@openzeppelin/contracts-upgradeable/access/Ownable2StepUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/**
 * @title USD1Token (local test double)
 * @notice Mirrors the public interface and events of World Liberty Financial's USD1 so the indexer and the
 * monitoring rules can be exercised on a local chain. It is NOT the audited production contract.
 * @dev Issuer mint/burn act on the owner's own balance (issuance to a client is mint + transfer), as on the
 * real token. Bridge pools mint to / burn from accounts directly so cross-chain flows can be tagged apart.
 * State lives in an ERC-7201 namespace so a later implementation can add storage safely.
 */
contract USD1Token is ERC20Upgradeable, ERC20PermitUpgradeable, Ownable2StepUpgradeable, PausableUpgradeable {
    /// @custom:storage-location erc7201:usd1.storage.USD1Token
    struct USD1Storage {
        mapping(address account => bool) frozen;
        mapping(address pool => bool) bridges;
    }

    // keccak256(abi.encode(uint256(keccak256("usd1.storage.USD1Token")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant USD1_STORAGE_LOCATION =
        0x976aa74abc6926a7729cb5c262836b60a80ce398c38308d35f91a3d3912ca400;

    event Mint(address indexed caller, address indexed to, uint256 amount);
    event Burn(address indexed caller, address indexed from, uint256 amount);
    event Freeze(address indexed caller, address indexed account);
    event Unfreeze(address indexed caller, address indexed account);
    event FrozenAccountDrained(address indexed caller, address indexed account, uint256 amount);
    event BridgeSet(address indexed pool, bool allowed);

    error AccountFrozen(address account);
    error AccountNotFrozen(address account);
    error NotBridge(address caller);
    error ZeroAddress();

    modifier onlyBridge() {
        if (!_usd1Storage().bridges[_msgSender()]) revert NotBridge(_msgSender());
        _;
    }

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    function initialize(address owner_) external initializer {
        __ERC20_init("World Liberty Financial USD", "USD1");
        __ERC20Permit_init("World Liberty Financial USD");
        __Ownable_init(owner_);
        __Ownable2Step_init();
        __Pausable_init();
    }

    // ---- issuer ----

    function mint(uint256 amount) external onlyOwner {
        address to = owner();
        _mint(to, amount);
        emit Mint(_msgSender(), to, amount);
    }

    function burn(uint256 amount) external onlyOwner {
        address from = owner();
        _burn(from, amount);
        emit Burn(_msgSender(), from, amount);
    }

    // ---- freezing ----

    function freeze(address account) external onlyOwner {
        if (account == address(0)) revert ZeroAddress();
        USD1Storage storage $ = _usd1Storage();
        if ($.frozen[account]) revert AccountFrozen(account);
        $.frozen[account] = true;
        emit Freeze(_msgSender(), account);
    }

    function unfreeze(address account) external onlyOwner {
        USD1Storage storage $ = _usd1Storage();
        if (!$.frozen[account]) revert AccountNotFrozen(account);
        $.frozen[account] = false;
        emit Unfreeze(_msgSender(), account);
    }

    /// @dev The only way value leaves a frozen account. Pausing still blocks it: a pause stops every movement.
    function drainFrozenAccount(address account) external onlyOwner {
        if (!_usd1Storage().frozen[account]) revert AccountNotFrozen(account);
        _requireNotPaused();
        address to = owner();
        uint256 amount = balanceOf(account);
        // Skip our own _update so the frozen check does not block the drain.
        ERC20Upgradeable._update(account, to, amount);
        emit FrozenAccountDrained(_msgSender(), account, amount);
    }

    function isFrozen(address account) external view returns (bool) {
        return _usd1Storage().frozen[account];
    }

    // ---- pause ----

    function pause() external onlyOwner {
        _pause();
    }

    function unpause() external onlyOwner {
        _unpause();
    }

    // ---- bridge pools ----

    function setBridge(address pool, bool allowed) external onlyOwner {
        if (pool == address(0)) revert ZeroAddress();
        _usd1Storage().bridges[pool] = allowed;
        emit BridgeSet(pool, allowed);
    }

    function isBridge(address pool) external view returns (bool) {
        return _usd1Storage().bridges[pool];
    }

    function bridgeMint(address to, uint256 amount) external onlyBridge {
        _mint(to, amount);
        emit Mint(_msgSender(), to, amount);
    }

    function bridgeBurn(uint256 amount) external onlyBridge {
        address pool = _msgSender();
        _burn(pool, amount);
        emit Burn(pool, pool, amount);
    }

    // ---- internals ----

    /// @dev Every balance change (transfer, mint, burn) passes here: pause and freeze are enforced once.
    function _update(address from, address to, uint256 value) internal override {
        _requireNotPaused();
        USD1Storage storage $ = _usd1Storage();
        if ($.frozen[from]) revert AccountFrozen(from);
        if ($.frozen[to]) revert AccountFrozen(to);
        super._update(from, to, value);
    }

    function _usd1Storage() private pure returns (USD1Storage storage $) {
        assembly {
            $.slot := USD1_STORAGE_LOCATION
        }
    }
}
