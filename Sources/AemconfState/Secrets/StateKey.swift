import AemconfModel
import Crypto
import Foundation

/// The 32-byte AES-256 key that seals secret values in state.
///
/// Read from `AEMCONF_STATE_KEY` (base64) or a key file (base64 text or 32 raw bytes). Prints only its kind and
/// id, never the key. The id is the first 8 bytes of HMAC-SHA256(key, "aemconf-state-key-id"), in hex: it
/// tells keys apart without revealing them.
public struct StateKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The environment variable holding a base64 key.
    public static let environmentVariable = "AEMCONF_STATE_KEY"

    let symmetricKey: SymmetricKey
    /// Identifies the key in sealed values.
    public let id: String

    /// Wraps exactly 32 key bytes.
    public init(rawBytes: Data) throws {
        guard rawBytes.count == 32 else {
            throw StateError(.stateKeyInvalid, "a state key must be 32 bytes, got \(rawBytes.count)")
        }
        self.init(symmetricKey: SymmetricKey(data: rawBytes))
    }

    /// Decodes a base64 key of 32 bytes.
    public init(base64: String) throws {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw StateError(.stateKeyInvalid, "a state key must be base64 of 32 bytes")
        }
        try self.init(rawBytes: data)
    }

    init(symmetricKey: SymmetricKey) {
        self.symmetricKey = symmetricKey
        let mac = HMAC<SHA256>.authenticationCode(for: Data("aemconf-state-key-id".utf8), using: symmetricKey)
        self.id = Hex.encode(Data(mac).prefix(8))
    }

    /// A fresh random key.
    public static func generate() -> StateKey {
        StateKey(symmetricKey: SymmetricKey(size: .bits256))
    }

    /// The key as base64, for writing a new key file; handle like any secret.
    public var base64Secret: Secret {
        Secret(symmetricKey.withUnsafeBytes { Data($0).base64EncodedString() })
    }

    /// Loads the key from `keyFile` when given, else from the environment variable `variable`
    /// (default `AEMCONF_STATE_KEY`); `nil` when neither is set.
    public static func load(
        keyFile: String?,
        environment: [String: String],
        variable: String = environmentVariable
    ) throws -> StateKey? {
        if let keyFile {
            guard let data = FileManager.default.contents(atPath: keyFile) else {
                throw StateError(.stateKeyInvalid, "cannot read state key file '\(keyFile)'")
            }
            if data.count == 32 {
                // 32 printable characters are a passphrase, not 32 random bytes: used as a raw key it would have a
                // fraction of the strength it claims. (Random bytes are all printable once in 10^14.)
                if data.allSatisfy({ (0x20...0x7E).contains($0) }) {
                    throw StateError(
                        .stateKeyInvalid,
                        "state key file '\(keyFile)' holds 32 printable characters, a passphrase rather than a key; "
                            + "write a random key with 'aemconf state new-key'"
                    )
                }
                return try StateKey(rawBytes: data)
            }
            do {
                return try StateKey(base64: String(decoding: data, as: UTF8.self))
            } catch {
                throw StateError(
                    .stateKeyInvalid,
                    "state key file '\(keyFile)' must hold 32 raw bytes or their base64"
                )
            }
        }
        if let value = environment[variable], !value.isEmpty {
            do {
                return try StateKey(base64: value)
            } catch {
                throw StateError(.stateKeyInvalid, "\(variable) must be base64 of 32 bytes")
            }
        }
        return nil
    }

    /// A warning when the key file at `path` can be read by its group or by others, else `nil`.
    public static func permissionWarning(keyFile path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & 0o077 != 0 else { return nil }
        return
            "state key file '\(path)' can be read by other users (mode \(String(status.st_mode & 0o777, radix: 8))); "
            + "run 'chmod 600 \(path)'"
    }

    /// `StateKey(aes-256-gcm, id …)`.
    public var description: String { "StateKey(aes-256-gcm, id \(id))" }
    /// Same as ``description``.
    public var debugDescription: String { description }
}
