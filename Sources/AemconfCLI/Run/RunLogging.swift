import Foundation
import Logging

/// The run's logger: text or JSON lines on standard error at the chosen level. Messages come from the
/// clients, which never log a secret.
enum RunLogging {
    static func logger(level: String, format: String) -> Logger {
        var logger = Logger(label: "aemconf") { label in
            StandardErrorLogHandler(label: label, json: format == "json")
        }
        logger.logLevel = Logger.Level(rawValue: level) ?? .warning
        return logger
    }
}

/// Writes log records to standard error, as text or one JSON object per line.
struct StandardErrorLogHandler: LogHandler {
    let label: String
    let json: Bool
    var logLevel: Logger.Level = .warning
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        let line: String
        if json {
            var object: [String: String] = [
                "level": event.level.rawValue, "message": "\(event.message)", "label": label,
            ]
            for (key, value) in fields { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        } else {
            let rendered = fields.keys.sorted().map { "\($0)=\(fields[$0].map { "\($0)" } ?? "")" }.joined(
                separator: " ")
            line = "aemconf: \(event.level.rawValue): \(event.message)\(rendered.isEmpty ? "" : " " + rendered)"
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
