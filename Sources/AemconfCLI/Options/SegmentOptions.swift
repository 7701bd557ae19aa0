import AemconfProviders
import AemconfResources
import ArgumentParser
import Foundation

/// The segment-sync flags `plan` and `apply` share.
struct SegmentOptions: ParsableArguments {
    @Flag(
        name: .long,
        help:
            "Read every Target audience (a full pass, which catches deleted audiences) instead of only the changed ones."
    )
    var fullResync = false

    @Flag(name: .long, help: "Let a segment sync delete more segments than 'maxDeletes'.")
    var allowMassDelete = false

    /// The flags as a plain value (`destroy` builds one without parsing).
    var choices: SegmentChoices { SegmentChoices(fullResync: fullResync, allowMassDelete: allowMassDelete) }
}

/// `--full-resync` and `--allow-mass-delete` as values.
struct SegmentChoices {
    var fullResync = false
    var allowMassDelete = false

    /// The options for the engine; apply adds its progress and hooks.
    func options(
        progress: @escaping @Sendable (SegmentProgress) -> Void = { _ in },
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) -> SegmentSyncOptions {
        SegmentSyncOptions(
            fullResync: fullResync,
            allowMassDelete: allowMassDelete,
            pageSize: DebugHooks.segmentPageSize ?? ServiceAssumptions.segmentSyncPageSize,
            progress: progress,
            afterCheckpoint: { count in
                if let crashAfter = DebugHooks.crashAfterSegmentCheckpoints, count >= crashAfter { DebugHooks.crash() }
            },
            shouldStop: shouldStop
        )
    }
}
