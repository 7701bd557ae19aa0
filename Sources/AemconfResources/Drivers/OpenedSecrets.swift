import AemconfModel
import AemconfState
import Foundation

/// The values a run has sealed or opened, by the exact sealed value, field, address, state and key they belong
/// to: each sealed value is opened (AES-GCM) once per run instead of in every step that reads it.
///
/// A stack's integration seals its client secret, reads it back for its outputs, and its IMS configuration and
/// cloud service each open it again (about 1 % of an apply's CPU). A hit needs the same sealed bytes (a fresh
/// nonce per seal, so a changed or tampered value never hits), field, address, state and key id; anything else
/// is opened by ``SecretSealer/open(_:address:field:scope:)`` as before, and a value that does not open is never
/// remembered. The values stay in this process's memory only, as the clients' credentials already do.
final class OpenedSecrets: @unchecked Sendable {
    private struct Key: Hashable {
        var sealed: SealedSecret
        var field: String
        var address: String
        var scope: SealScope
        var keyID: String
    }

    private let lock = NSLock()
    private var values: [Key: Secret] = [:]

    /// An empty memo.
    init() {}

    /// `sealed` opened with `sealer` (remembered after the first time).
    func open(_ sealed: SealedSecret, address: String, field: String, scope: SealScope, sealer: SecretSealer) throws
        -> Secret
    {
        let key = Key(
            sealed: sealed, field: field, address: address, scope: scope, keyID: sealer.key.id)
        if let known = lock.withLock({ values[key] }) { return known }
        let secret = try sealer.open(sealed, address: address, field: field, scope: scope)
        lock.withLock { values[key] = secret }
        return secret
    }

    /// `secret` sealed with `sealer`, remembered as what the sealed value opens to.
    func seal(_ secret: Secret, address: String, field: String, scope: SealScope, sealer: SecretSealer) throws
        -> SealedSecret
    {
        let sealed = try sealer.seal(secret, address: address, field: field, scope: scope)
        let key = Key(
            sealed: sealed, field: field, address: address, scope: scope, keyID: sealer.key.id)
        lock.withLock { values[key] = secret }
        return sealed
    }

    /// How many values are remembered.
    var count: Int { lock.withLock { values.count } }
}
