import AemconfModel
import Foundation

/// Canonical JSON text (sorted keys, no escaped slashes): equal values give equal bytes.
enum CanonicalJSON {
    static func text<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}
