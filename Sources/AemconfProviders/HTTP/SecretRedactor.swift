import AemconfModel
import Foundation

/// Remembers the secret values sent during a run and removes them from any text shown to the user.
///
/// A second line of defence: messages are built without secrets, but a remote service may echo
/// a value back (e.g. in an error description); the redactor replaces it with `(sensitive)`. A value is echoed in
/// the forms it was sent in too, so each is also scrubbed percent-encoded (hex digits in any case, `+` for a
/// space), JSON-escaped, and base64-encoded (standard and URL alphabets) at each of the three byte alignments it
/// may have inside a longer base64 text such as `Authorization: Basic base64(user:password)`.
///
/// Scrub before shortening: a cut through a secret leaves a part that no longer matches.
///
/// A run registers a secret per token and per secret read (thousands at scale) and scrubs only when it builds an
/// error message, so registering only remembers the value; its encoded forms are worked out by the first scrub
/// that follows.
public final class SecretRedactor: @unchecked Sendable {
    private let lock = NSLock()
    private var values: Set<String> = []
    /// Registered values whose forms are not in ``formSet`` yet.
    private var pending: [String] = []
    /// Every form to remove.
    private var formSet: Set<String> = []
    /// ``formSet`` longest first (so a longer form is not half-replaced by a shorter one), sorted when a scrub
    /// needs it: a run registers thousands of secrets and scrubs rarely, so registering must not sort.
    private var sortedForms: [String] = []
    private var sortedIsCurrent = true
    /// The value registered last (already in ``values``).
    private var lastRegistered = ""

    /// Creates an empty redactor.
    public init() {}

    /// Registers a secret so that ``scrub(_:)`` removes it; values shorter than 6 characters are ignored.
    public func register(_ secret: Secret) {
        secret.withRevealedValue { value in
            // At least 6 characters, without counting every character of a long token.
            guard !value.dropFirst(5).isEmpty else { return }
            lock.withLock {
                // The same token or password is registered for request after request: an equal string (often the
                // same storage) is compared without hashing it again.
                guard value != lastRegistered else { return }
                lastRegistered = value
                if values.insert(value).inserted { pending.append(value) }
            }
        }
    }

    /// `text` with every registered secret, in every encoded form, replaced by `(sensitive)`.
    public func scrub(_ text: String) -> String {
        let current = lock.withLock {
            for value in pending {
                for form in Self.encodedForms(of: value) where form.count >= 6 && formSet.insert(form).inserted {
                    sortedIsCurrent = false
                }
            }
            pending.removeAll()
            if !sortedIsCurrent {
                sortedForms = formSet.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
                sortedIsCurrent = true
            }
            return sortedForms
        }
        var result = text
        for form in current {
            // Percent-encoding may come back in either case of hex digit, or in a mix of both.
            if form.contains("%") {
                result = result.replacingOccurrences(of: form, with: Secret.redacted, options: .caseInsensitive)
            } else if result.contains(form) {
                result = result.replacingOccurrences(of: form, with: Secret.redacted)
            }
        }
        return result
    }

    /// The value and its encodings.
    static func encodedForms(of value: String) -> Set<String> {
        var forms: Set<String> = [value]
        for allowed in PercentEncodingSets.all {
            guard let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed.plain) else { continue }
            forms.insert(encoded)
            // Form encoding: a space as `+`.
            if let form = value.replacing(" ", with: "\u{1}").addingPercentEncoding(withAllowedCharacters: allowed.form)
            {
                forms.insert(form.replacing("%01", with: "+"))
            }
        }
        if let json = try? JSONEncoder().encode(value), json.count >= 2 {
            forms.insert(String(decoding: json.dropFirst().dropLast(), as: UTF8.self))
        }
        let bytes = Array(value.utf8)
        for alignment in 0..<3 {
            let core = base64Core(bytes, alignment: alignment)
            forms.insert(core)
            forms.insert(
                String(String.UnicodeScalarView(core.unicodeScalars.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })))
        }
        return forms
    }

    /// The character sets a client may percent-encode with, each also without `+&=` for form encoding; built
    /// once, since a run registers thousands of secrets.
    private enum PercentEncodingSets {
        static let all: [(plain: CharacterSet, form: CharacterSet)] = {
            var unreserved = CharacterSet.alphanumerics.intersection(
                CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(0x80))
            )
            unreserved.insert(charactersIn: "-._~")
            return [unreserved, .urlQueryAllowed, .urlPathAllowed, .urlUserAllowed, .urlPasswordAllowed].map { plain in
                var form = plain
                form.remove(charactersIn: "+&=")
                return (plain, form)
            }
        }()
    }

    /// The base64 characters determined by `bytes` alone when they start `alignment` bytes into a 3-byte group:
    /// whatever precedes and follows them, a base64 text holding them holds this run.
    static func base64Core(_ bytes: [UInt8], alignment: Int) -> String {
        let encoded = Array((Data(repeating: 0, count: alignment) + Data(bytes)).base64EncodedString().utf8)
        let first = (8 * alignment + 5) / 6
        let end = (8 * (alignment + bytes.count)) / 6
        guard first < end, end <= encoded.count else { return "" }
        return String(decoding: encoded[first..<end], as: UTF8.self)
    }
}
