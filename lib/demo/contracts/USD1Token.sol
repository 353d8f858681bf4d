// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {ERC20PermitUpgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/extensions/ERC20PermitUpgradeable.sol";
import {Ownable2StepUpgradeable} from "@openzeppelin/contracts-upgradeable/access/Ownable2StepUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";

/**
 * @title USD1Token (local test double, V1)
 * @notice Written from the public facts about World Liberty Financial's USD1 (DOMAIN.md §1, §1b) so the
 * indexer and the monitoring rules meet the token's real shape on a local chain. It is NOT the audited
 * production contract.
 * @dev V1 behaviour: owner-only `mint(amount)` / `burn(amount)` act on the OWNER's own balance, so issuance
 * to a client is mint + transfer, which the owner (a TokenGovernor) does in one transaction. There is no
 * bridge function on the token: bridge pools go through the governor. Freezing is idempotent (repeated
 * freeze/unfreeze do not revert), as on the real token. State lives in an ERC-7201 namespace so V2 can add
 * its own namespace without touching this one.
 */
contract USD1Token is ERC20Upgradeable, ERC20PermitUpgradeable, Ownable2StepUpgradeable, PausableUpgradeable {
    /// @custom:storage-location erc7201:usd1.storage.USD1Token
    struct USD1Storage {
        mapping(address account => bool) frozen;
    }

    // keccak256(abi.encode(uint256(keccak256("usd1.storage.USD1Token")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant USD1_STORAGE_LOCATION =
        0x976aa74abc6926a7729cb5c262836b60a80ce398c38308d35f91a3d3912ca400;

    event Mint(address indexed caller, address indexed to, uint256 amount);
    event Burn(address indexed caller, address indexed from, uint256 amount);
    event Freeze(address indexed caller, address indexed account);
    event Unfreeze(address indexed caller, address indexed account);

    error AccountFrozen(address account);
    error ZeroAddress();

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
        _usd1Storage().frozen[account] = true;
        emit Freeze(_msgSender(), account);
    }

    function unfreeze(address account) external onlyOwner {
        _usd1Storage().frozen[account] = false;
        emit Unfreeze(_msgSender(), account);
    }

    function frozen(address account) public view returns (bool) {
        return _usd1Storage().frozen[account];
    }

    // ---- pause ----

    function pause() external onlyOwner {
        _pause();
    }

    function unpause() external onlyOwner {
        _unpause();
    }

    // ---- internals ----

    /// @dev Every balance change (transfer, mint, burn) passes here: pause and freeze are enforced once.
    function _update(address from, address to, uint256 value) internal virtual override {
        _requireNotPaused();
        USD1Storage storage $ = _usd1Storage();
        if ($.frozen[from]) revert AccountFrozen(from);
        if ($.frozen[to]) revert AccountFrozen(to);
        super._update(from, to, value);
    }

    /// @dev Moves value out of a frozen account without the frozen check (V2's drain and reallocate).
    function _forceMove(address from, address to, uint256 value) internal {
        _requireNotPaused();
        if (_usd1Storage().frozen[to]) revert AccountFrozen(to);
        ERC20Upgradeable._update(from, to, value);
    }

    function _usd1Storage() private pure returns (USD1Storage storage $) {
        assembly {
            $.slot := USD1_STORAGE_LOCATION
        }
    }
}
