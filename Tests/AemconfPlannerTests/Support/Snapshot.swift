import Foundation
import Testing

/// Compares text with a checked-in file under `Tests/AemconfPlannerTests/Snapshots/`.
///
/// A missing file is written and the test fails once, so a new snapshot is always reviewed before it is
/// committed; with `AEMCONF_RECORD_SNAPSHOTS=1` every snapshot is rewritten from the current output.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Snapshots")

    static var recording: Bool { ProcessInfo.processInfo.environment["AEMCONF_RECORD_SNAPSHOTS"] == "1" }

    /// Expects `actual` to equal the snapshot `name`; records it when missing or when recording.
    static func expect(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if recording || expected == nil {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url, options: .atomic)
            } catch {
                Issue.record("cannot record the snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
                return
            }
            if expected == nil {
                Issue.record(
                    "no snapshot \(url.path): recorded it; review it, commit it and run the test again",
                    sourceLocation: sourceLocation
                )
            }
            return
        }
        guard let expected, expected != actual else { return }
        let message =
            "\(name) differs from the output:\n\(difference(expected: expected, actual: actual))\n"
            + "Rerun with AEMCONF_RECORD_SNAPSHOTS=1 to accept the output, then review the diff of \(url.path)."
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }

    /// The first differing line, with its number, as `-expected` / `+actual`.
    static func difference(expected: String, actual: String) -> String {
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let old = index < expectedLines.count ? expectedLines[index] : nil
            let new = index < actualLines.count ? actualLines[index] : nil
            if old != new {
                return "line \(index + 1):\n-\(old ?? "(end of file)")\n+\(new ?? "(end of file)")"
            }
        }
        return "(no line differs)"
    }
}
