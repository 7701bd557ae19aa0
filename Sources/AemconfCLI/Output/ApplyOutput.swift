import AemconfEngine
import AemconfModel
import AemconfPlanner
import Foundation

/// Renders apply's progress: plain lines (`targetCloudServices.wknd: creating…`), or one JSON object per line.
struct ApplyOutput: Sendable {
    let json: Bool
    let terminal: Terminal

    func event(_ event: ApplyEvent) {
        if json {
            emit(Self.jsonObject(event))
            return
        }
        switch event {
        case .started(let address, let action):
            print("\(address): \(Self.progressive(action))…")
        case .finished(let address, let action, let seconds):
            print("\(address): \(Self.past(action)) [\(Int(seconds.rounded()))s]")
        case .failed(let address, _, let message):
            Terminal.writeToStandardError("aemconf: error: \(address): \(message)\n")
        case .skipped(let address, _, let reason):
            print("\(address): not started: \(reason)")
        case .segmentsStarted(let address):
            print("\(address): synchronising segments…")
        case .segmentsProgress:
            break
        case .segmentsFinished(let address, let counts, let seconds, let completed):
            let state = completed ? "segments synchronised" : "segment sync stopped at its checkpoint"
            print("\(address): \(state): \(counts.text) [\(Int(seconds.rounded()))s]")
        case .segmentsFailed(let address, let message):
            Terminal.writeToStandardError("aemconf: error: \(address): segment sync: \(message)\n")
        }
        StandardOutput.flush()
    }

    func summary(_ summary: ApplySummary, plan: Plan) {
        let line = Self.summaryLine(summary)
        if json {
            var object: [String: Any] = [
                "type": "summary", "succeeded": summary.succeeded, "interrupted": summary.interrupted,
                "created": summary.count(.create), "updated": summary.count(.update),
                "replaced": summary.count(.replace),
                "deleted": summary.count(.delete), "verified": summary.count(.verify),
                "failed": summary.failed.keys.map(\.description).sorted(),
                "notStarted": summary.skipped.keys.map(\.description).sorted(),
                "segmentsFailed": summary.segmentsFailed.keys.map(\.description).sorted(),
            ]
            object["message"] = line
            emit(object)
        } else {
            print(line)
        }
    }

    static func summaryLine(_ summary: ApplySummary) -> String {
        let done =
            "\(summary.count(.create)) created, \(summary.count(.update)) updated, \(summary.count(.replace)) replaced, \(summary.count(.delete)) deleted"
        let segments = summary.segmentsDone.values.reduce(SegmentCounts(), +)
        let synced = summary.segmentsDone.isEmpty ? "" : "; segments \(segments.text)"
        if summary.succeeded {
            return summary.done.isEmpty && summary.segmentsDone.isEmpty
                ? "No changes. Nothing to apply." : "Apply complete: \(done)\(synced)."
        }
        var parts = ["Apply stopped: \(done)\(synced)"]
        if !summary.segmentsFailed.isEmpty {
            parts.append(
                "segment sync failed: "
                    + summary.segmentsFailed.keys.map(\.description).sorted().joined(separator: ", "))
        }
        if !summary.failed.isEmpty {
            parts.append("failed: " + summary.failed.keys.map(\.description).sorted().joined(separator: ", "))
        }
        if !summary.skipped.isEmpty {
            parts.append("not started: " + summary.skipped.keys.map(\.description).sorted().joined(separator: ", "))
        }
        if summary.interrupted {
            parts.append("interrupted; state holds every finished step, run apply again to continue")
        }
        return parts.joined(separator: "; ") + "."
    }

    func emit(_ object: [String: Any]) {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        print(String(decoding: data, as: UTF8.self))
        StandardOutput.flush()
    }

    static func jsonObject(_ event: ApplyEvent) -> [String: Any] {
        switch event {
        case .started(let address, let action):
            ["type": "start", "address": address.description, "action": action.rawValue]
        case .finished(let address, let action, let seconds):
            ["type": "done", "address": address.description, "action": action.rawValue, "seconds": seconds]
        case .failed(let address, let action, let message):
            ["type": "error", "address": address.description, "action": action.rawValue, "message": message]
        case .skipped(let address, let action, let reason):
            ["type": "skipped", "address": address.description, "action": action.rawValue, "reason": reason]
        case .segmentsStarted(let address):
            ["type": "segments-start", "address": address.description]
        case .segmentsProgress(let progress):
            [
                "type": "segments-progress", "address": progress.address.description, "pass": progress.pass.rawValue,
                "audiencesRead": progress.audiencesRead, "total": progress.total ?? NSNull(),
                "created": progress.counts.create, "updated": progress.counts.update, "deleted": progress.counts.delete,
                "ratePerSecond": progress.rate, "etaSeconds": progress.etaSeconds ?? NSNull(),
            ]
        case .segmentsFinished(let address, let counts, let seconds, let completed):
            [
                "type": "segments-done", "address": address.description, "created": counts.create,
                "updated": counts.update, "deleted": counts.delete, "unchanged": counts.unchanged, "seconds": seconds,
                "completed": completed,
            ]
        case .segmentsFailed(let address, let message):
            ["type": "segments-error", "address": address.description, "message": message]
        }
    }

    static func progressive(_ action: Action) -> String {
        switch action {
        case .create: "creating"
        case .update: "updating"
        case .replace: "replacing"
        case .delete: "deleting"
        case .verify: "verifying"
        case .noOp: "checking"
        }
    }

    static func past(_ action: Action) -> String {
        switch action {
        case .create: "created"
        case .update: "updated"
        case .replace: "replaced"
        case .delete: "deleted"
        case .verify: "verified"
        case .noOp: "unchanged"
        }
    }
}
