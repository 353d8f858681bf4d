// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

/// @notice For tests of the market follower: the bundle-report path of Chainlink's Keystone
/// DataFeedsCache (data-feeds/DataFeedsCache.sol), nothing else. onReport(metadata, report) takes
/// the report as the cache does, an ABI-encoded array of (bytes32 dataId, uint32 timestamp, bytes
/// bundle), and emits the cache's BundleReportUpdated for each report newer than its feed's last
/// (StaleBundleReport otherwise). No write permissions: a local chain. decimalReport() emits the
/// AnswerUpdated a cache also emits for its decimal feeds, which a bundle source must ignore.
contract DemoBundleCache {
    struct ReceivedBundleReport {
        bytes32 dataId;
        uint32 timestamp;
        bytes bundle;
    }

    event BundleReportUpdated(bytes16 indexed dataId, uint256 indexed timestamp, bytes bundle);
    event StaleBundleReport(bytes16 indexed dataId, uint256 reportTimestamp, uint256 latestTimestamp);
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    mapping(bytes16 dataId => uint32 timestamp) public latestBundleTimestamp;

    function onReport(bytes calldata, bytes calldata report) external {
        ReceivedBundleReport[] memory reports = abi.decode(report, (ReceivedBundleReport[]));
        for (uint256 i; i < reports.length; ++i) {
            bytes16 dataId = bytes16(reports[i].dataId);
            uint32 latest = latestBundleTimestamp[dataId];
            if (reports[i].timestamp <= latest) {
                emit StaleBundleReport(dataId, reports[i].timestamp, latest);
                continue;
            }
            latestBundleTimestamp[dataId] = reports[i].timestamp;
            emit BundleReportUpdated(dataId, reports[i].timestamp, reports[i].bundle);
        }
    }

    function decimalReport(int256 answer, uint256 roundId) external {
        emit AnswerUpdated(answer, roundId, block.timestamp);
    }
}
