import AemconfModel
import Foundation

/// Remembers the secret values sent during a run and removes them from any text shown to the user.
///
/// A second line of defence: messages are built without secrets, but a remote service may echo
/// a value back (e.g. in an error description); the redactor replaces it with `(sensitive)`.
public final class SecretRedactor: @unchecked Sendable {
    private let lock = NSLock()
    private var values: Set<String> = []

    /// Creates an empty redactor.
    public init() {}

    /// Registers a secret so that ``scrub(_:)`` removes it; values shorter than 6 characters are ignored.
    public func register(_ secret: Secret) {
        secret.withRevealedValue { value in
            guard value.count >= 6 else { return }
            lock.withLock { _ = values.insert(value) }
        }
    }

    /// `text` with every registered secret replaced by `(sensitive)`.
    public func scrub(_ text: String) -> String {
        let current = lock.withLock { values }
        var result = text
        for value in current where result.contains(value) {
            result = result.replacingOccurrences(of: value, with: Secret.redacted)
        }
        return result
    }
}
