// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/// @notice A proof-of-reserve feed with Chainlink's AggregatorV3 read interface and event, for the
/// local demo: one reporter writes (answer, updatedAt) rounds; readers call latestRoundData().
contract DemoReserveFeed {
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    struct Round {
        int256 answer;
        uint64 updatedAt;
    }

    uint8 public immutable decimals;
    address public immutable reporter;
    uint256 public constant version = 4;
    string public description;
    uint80 public latestRound;
    mapping(uint80 => Round) private rounds;

    error NotReporter();
    error NoData();

    constructor(address reporter_, uint8 decimals_, string memory description_) {
        reporter = reporter_;
        decimals = decimals_;
        description = description_;
    }

    function report(int256 answer, uint256 updatedAt) external {
        if (msg.sender != reporter) revert NotReporter();
        uint80 id = latestRound + 1;
        latestRound = id;
        rounds[id] = Round(answer, uint64(updatedAt));
        emit AnswerUpdated(answer, id, updatedAt);
    }

    function getRoundData(uint80 roundId)
        public
        view
        returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        Round memory r = rounds[roundId];
        if (r.updatedAt == 0) revert NoData();
        return (roundId, r.answer, r.updatedAt, r.updatedAt, roundId);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return getRoundData(latestRound);
    }
}
