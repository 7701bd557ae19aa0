import AemconfEngine
import AemconfModel
import Foundation
import Prometheus

/// `drift --metrics-file`: the run as Prometheus text for node_exporter's textfile collector, rendered by
/// swift-prometheus and written atomically (a temp file beside the target, then rename), so the collector
/// never reads half a file.
enum DriftMetrics {
    static let up = "aemconf_drift_up"
    static let driftedObjects = "aemconf_drift_drifted_objects"
    static let expiringCredentials = "aemconf_drift_expiring_credentials"
    static let credentialExpiry = "aemconf_drift_credential_expiry_seconds"
    static let lastSuccess = "aemconf_drift_last_success_timestamp_seconds"
    static let lastRun = "aemconf_drift_last_run_timestamp_seconds"
    static let duration = "aemconf_drift_run_duration_seconds"

    /// The text: `report` is `nil` when the run failed (then `up` is 0, and the last success is kept from the
    /// previous file).
    static func render(_ report: DriftReport?, duration: Duration, now: Date, previousLastSuccess: Double?) -> String {
        let registry = PrometheusCollectorRegistry()
        registry.makeGauge(name: up, help: "1 when the last drift run succeeded, 0 when it failed").set(
            report == nil ? 0.0 : 1.0)
        registry.makeGauge(name: lastRun, help: "When drift last ran (Unix seconds)").set(now.timeIntervalSince1970)
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        registry.makeGauge(name: Self.duration, help: "How long the last drift run took").set(seconds)
        if let report {
            registry.makeGauge(name: lastSuccess, help: "When a drift run last succeeded (Unix seconds)").set(
                now.timeIntervalSince1970)
            let counts = report.driftedObjects
            for kind in ResourceKind.allCases {
                registry.makeGauge(
                    name: driftedObjects, labels: [("kind", kind.rawValue)],
                    help: "Managed objects changed or gone outside aemconf, per kind"
                ).set(Double(counts[kind] ?? 0))
            }
            registry.makeGauge(name: expiringCredentials, help: "Certificates within their renewBeforeDays")
                .set(Double(report.expiring.count))
            if let earliest = report.credentials.first {
                registry.makeGauge(
                    name: credentialExpiry,
                    help: "Seconds until the earliest credential expires (negative once expired)"
                )
                .set(earliest.secondsLeft.rounded(.down))
            }
        } else if let previousLastSuccess {
            registry.makeGauge(name: lastSuccess, help: "When a drift run last succeeded (Unix seconds)").set(
                previousLastSuccess)
        }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Renders and writes atomically; a failure to write is reported on standard error, never fatal.
    static func write(_ report: DriftReport?, duration: Duration, to path: String, now: Date) {
        let text = render(report, duration: duration, now: now, previousLastSuccess: previousLastSuccess(path))
        do {
            try writeAtomically(Data(text.utf8), to: path)
        } catch {
            Terminal.writeToStandardError("aemconf: warning: could not write the metrics file '\(path)': \(error)\n")
        }
    }

    /// The last success recorded in the previous file, kept when this run fails.
    static func previousLastSuccess(_ path: String) -> Double? {
        guard let data = FileManager.default.contents(atPath: path), data.count < 1_000_000 else { return nil }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix(lastSuccess + " ")
        {
            return Double(line.dropFirst(lastSuccess.count + 1).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// A temp file in the target's folder (same file system), mode 0644, flushed, then renamed over the target.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/." + url.lastPathComponent + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw MetricsFileError(path: temporary, errno: errno) }
        var failure: Int32 = 0
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw MetricsFileError(path: path, errno: failure)
        }
    }
}

struct MetricsFileError: Error, CustomStringConvertible {
    var path: String
    var errno: Int32
    var description: String { "\(path): \(String(cString: strerror(errno)))" }
}
