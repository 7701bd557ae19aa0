import AemconfState

/// Canonical JSON text, as state stores it (``JSONDocument``): equal values give equal bytes.
enum CanonicalJSON {
    static func text<Value: Encodable>(_ value: Value) -> String {
        (try? JSONDocument(encoding: value))?.text ?? "null"
    }
}
