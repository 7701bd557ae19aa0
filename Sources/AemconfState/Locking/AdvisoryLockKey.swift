import Crypto
import Foundation

/// The 64-bit key of a named state's PostgreSQL advisory lock: the first 8 bytes of
/// SHA-256("aemconf-state-lock" ‖ 0 ‖ workspace), big-endian, as a signed integer.
package enum AdvisoryLockKey {
    /// The key for `workspace`.
    package static func forWorkspace(_ workspace: String) -> Int64 {
        let digest = SHA256.hash(data: Data("aemconf-state-lock\u{0}\(workspace)".utf8))
        var value: UInt64 = 0
        for byte in digest.prefix(8) { value = value << 8 | UInt64(byte) }
        return Int64(bitPattern: value)
    }
}
