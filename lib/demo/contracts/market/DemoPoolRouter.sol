// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

interface IV3Pool {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function mint(address recipient, int24 tickLower, int24 tickUpper, uint128 amount, bytes calldata data)
        external
        returns (uint256, uint256);
    function burn(int24 tickLower, int24 tickUpper, uint128 amount) external returns (uint256, uint256);
    function swap(address recipient, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96, bytes calldata data)
        external
        returns (int256, int256);
}

interface IERC20Like {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @notice The demo's minimal periphery for real Uniswap v3 pools: pays the mint and swap
/// callbacks from the caller's approved balance (so a USD1 payment is one Transfer(trader ->
/// pool) of the exact amount), and never transfers a zero amount. Positions are held by this
/// router; burn() without collect leaves the owed tokens in the pool (a liquidity drop with no
/// USD1 transfer).
contract DemoPoolRouter {
    uint160 internal constant MIN_SQRT_RATIO = 4295128739;
    uint160 internal constant MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342;

    address private active;

    error UnexpectedCallback();
    error PartialFill(int256 wanted, int256 got);

    function mint(address pool, int24 tickLower, int24 tickUpper, uint128 liquidity) external {
        active = pool;
        IV3Pool(pool).mint(address(this), tickLower, tickUpper, liquidity, abi.encode(msg.sender));
        active = address(0);
    }

    function burn(address pool, int24 tickLower, int24 tickUpper, uint128 liquidity) external {
        IV3Pool(pool).burn(tickLower, tickUpper, liquidity);
    }

    /// Exact input (amountSpecified > 0) or exact output (< 0); reverts rather than fill partly.
    function swap(address pool, bool zeroForOne, int256 amountSpecified) external {
        active = pool;
        uint160 limit = zeroForOne ? MIN_SQRT_RATIO + 1 : MAX_SQRT_RATIO - 1;
        (int256 a0, int256 a1) =
            IV3Pool(pool).swap(msg.sender, zeroForOne, amountSpecified, limit, abi.encode(msg.sender));
        active = address(0);
        int256 exact = (amountSpecified > 0) == zeroForOne ? a0 : a1;
        if (exact != amountSpecified) revert PartialFill(amountSpecified, exact);
    }

    function uniswapV3MintCallback(uint256 owed0, uint256 owed1, bytes calldata data) external {
        _pay(owed0, owed1, data);
    }

    function uniswapV3SwapCallback(int256 delta0, int256 delta1, bytes calldata data) external {
        _pay(delta0 > 0 ? uint256(delta0) : 0, delta1 > 0 ? uint256(delta1) : 0, data);
    }

    function _pay(uint256 owed0, uint256 owed1, bytes calldata data) private {
        if (msg.sender != active) revert UnexpectedCallback();
        address payer = abi.decode(data, (address));
        if (owed0 > 0) IERC20Like(IV3Pool(msg.sender).token0()).transferFrom(payer, msg.sender, owed0);
        if (owed1 > 0) IERC20Like(IV3Pool(msg.sender).token1()).transferFrom(payer, msg.sender, owed1);
    }
}
