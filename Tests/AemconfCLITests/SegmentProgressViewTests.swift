import AemconfModel
import AemconfPlanner
import AemconfResources
import Foundation
import Testing

@testable import AemconfCLI

/// The segment sync's progress display: a bar on a terminal, plain periodic lines otherwise, JSON objects with
/// `--log-format json`; a rate-limit wait shown as such.
struct SegmentProgressViewTests {
    final class Sink: Sendable {
        let text = LockedState("")
        let time = LockedState(Date(timeIntervalSince1970: 0))
        func write(_ line: String) { text.withLock { $0 += line } }
        func advance(_ seconds: Double) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    private func progress(read: Int, finished: Bool = false) -> SegmentProgress {
        SegmentProgress(
            address: ResourceAddress(kind: .targetCloudService, name: "wknd"), pass: .full, audiencesRead: read,
            total: 100_000, counts: SegmentCounts(create: read, update: 2, delete: 1),
            elapsedSeconds: Double(read) / 1000,
            finished: finished
        )
    }

    private func view(_ format: String, terminal: Bool, sink: Sink) -> SegmentProgressView {
        SegmentProgressView(
            logFormat: format, isTerminal: terminal, write: { sink.write($0) }, now: { sink.time.withLock { $0 } }
        )
    }

    @Test func aTerminalGetsABarWithCountsRateAndETAAndTheThrottleWait() {
        let sink = Sink()
        let bar = view("text", terminal: true, sink: sink)
        bar.update(progress(read: 25_000))
        let first = sink.text.withLock { $0 }
        #expect(first.hasPrefix("\r") && !first.contains("\n"), "\(first)")
        #expect(first.contains("[######------------------] 25000/100000 +25000 ~2 -1 1000/s ETA 1m15s"), "\(first)")
        bar.throttled(seconds: 29.2)
        #expect(sink.text.withLock { $0 }.contains("waiting 30s for Target's rate limit"))
        bar.update(progress(read: 100_000, finished: true))
        #expect(sink.text.withLock { $0 }.hasSuffix("\u{1B}[K\n"))
    }

    @Test func withoutATerminalLinesComeEveryFewSeconds() {
        let sink = Sink()
        let lines = view("text", terminal: false, sink: sink)
        lines.update(progress(read: 10_000))
        sink.advance(1)
        lines.update(progress(read: 20_000))
        sink.advance(5)
        lines.update(progress(read: 30_000))
        let text = sink.text.withLock { $0 }
        #expect(text.split(separator: "\n").count == 2, "\(text)")
        #expect(text.contains("targetCloudServices.wknd: segments: 30000 of 100000 audiences read, +30000 ~2 -1"))
        #expect(!text.contains("\r"))
    }

    @Test func logFormatJSONEmitsOneObjectPerEvent() throws {
        let sink = Sink()
        let json = view("json", terminal: true, sink: sink)
        json.update(progress(read: 10_000))
        json.throttled(seconds: 12)
        json.update(progress(read: 100_000, finished: true))
        let objects = try sink.text.withLock { $0 }.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["type"] as? String } == ["segments-progress", "segments-throttled", "segments-done"])
        #expect(objects[0]["audiencesRead"] as? Int == 10_000 && objects[0]["total"] as? Int == 100_000)
        #expect(objects[1]["waitSeconds"] as? Double == 12)
    }
}
