import AemconfModel
import AemconfResources
import Foundation

/// Shows a segment sync's progress on standard error: a bar redrawn in place on a terminal (counts, rate, ETA, and a
/// throttle wait as such), a plain line every few seconds otherwise, or one JSON object per line (`--log-format json`).
final class SegmentProgressView: @unchecked Sendable {
    enum Style {
        case bar
        case lines
        case json
    }

    private let style: Style
    private let lock = NSLock()
    private var lastDrawn = Date.distantPast
    private var waiting: String?
    private var latest: SegmentProgress?
    private let interval: TimeInterval
    private let write: @Sendable (String) -> Void
    private let now: @Sendable () -> Date

    /// Picks the style: JSON with `--log-format json`, a bar when standard error is a terminal, else lines.
    init(
        logFormat: String,
        isTerminal: Bool = isatty(STDERR_FILENO) == 1,
        write: @escaping @Sendable (String) -> Void = { Terminal.writeToStandardError($0) },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        style = logFormat == "json" ? .json : isTerminal ? .bar : .lines
        interval = style == .bar ? 0.1 : 5
        self.write = write
        self.now = now
    }

    /// A page was written.
    func update(_ progress: SegmentProgress) {
        lock.lock()
        defer { lock.unlock() }
        latest = progress
        waiting = nil
        let time = now()
        guard progress.finished || time.timeIntervalSince(lastDrawn) >= interval else { return }
        lastDrawn = time
        draw(progress)
    }

    /// A request waits for Target's rate limit (or a 503's backoff) for `seconds`.
    func throttled(seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        guard let latest else { return }
        let text = "waiting \(Int(seconds.rounded(.up)))s for Target's rate limit"
        waiting = text
        switch style {
        case .bar: draw(latest)
        case .lines: write("\(latest.address): segments: \(text)\n")
        case .json: emit(["type": "segments-throttled", "address": latest.address.description, "waitSeconds": seconds])
        }
    }

    private func draw(_ progress: SegmentProgress) {
        let counts = "+\(progress.counts.create) ~\(progress.counts.update) -\(progress.counts.delete)"
        let rate = "\(Int(progress.rate.rounded()))/s"
        let eta = progress.etaSeconds.map { "ETA \(Self.duration($0))" } ?? "ETA --"
        switch style {
        case .json:
            var object: [String: Any] = [
                "type": progress.finished ? "segments-done" : "segments-progress",
                "address": progress.address.description, "pass": progress.pass.rawValue,
                "audiencesRead": progress.audiencesRead, "created": progress.counts.create,
                "updated": progress.counts.update, "deleted": progress.counts.delete,
                "unchanged": progress.counts.unchanged, "ratePerSecond": progress.rate,
                "elapsedSeconds": progress.elapsedSeconds,
            ]
            object["total"] = progress.total
            object["etaSeconds"] = progress.etaSeconds
            emit(object)
        case .lines:
            let of = progress.total.map { " of \($0)" } ?? ""
            write(
                "\(progress.address): segments: \(progress.audiencesRead)\(of) audiences read, \(counts), \(rate), \(eta)\n"
            )
        case .bar:
            let width = 24
            let fraction = progress.total.map { $0 > 0 ? min(1, Double(progress.audiencesRead) / Double($0)) : 1 } ?? 0
            let filled = Int((Double(width) * fraction).rounded(.down))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let of = progress.total.map { "/\($0)" } ?? ""
            let tail = waiting ?? "\(rate) \(eta)"
            var line = "\r\(progress.address.name) [\(bar)] \(progress.audiencesRead)\(of) \(counts) \(tail)\u{1B}[K"
            if progress.finished { line += "\n" }
            write(line)
        }
    }

    private func emit(_ object: [String: Any]) {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        write(String(decoding: data, as: UTF8.self) + "\n")
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 60 ? "\(total / 60)m\(String(format: "%02d", total % 60))s" : "\(total)s"
    }
}
