import AemconfModel

/// Why the engine stopped, in words a user can act on. Never carries a secret.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A step must seal a secret and no state key is configured.
    case stateKeyRequired(ResourceAddress)
    /// The config has no `adobe.console` block but a step needs the console.
    case consoleNotConfigured
    /// A write was read back and differs from what was planned.
    case readBackMismatch(ResourceAddress, attribute: String, expected: String, found: String)
    /// A verify step failed (Check Health, Connect to Target).
    case verificationFailed(ResourceAddress, step: String, message: String)
    /// A resource the step needs is missing from state.
    case missingDependency(ResourceAddress, dependency: ResourceAddress)
    /// The plan names a resource the config does not have.
    case notInConfig(ResourceAddress)
    /// `aemconf rotate` names an integration state does not record (nothing to rotate yet).
    case notApplied(ResourceAddress)
    /// A remote object the step expected is gone or malformed.
    case unexpectedRemote(ResourceAddress, String)
    /// A segment sync would delete more segments than `maxDeletes` allows (`segments.mass-delete`).
    case massDelete(ResourceAddress, deletes: Int, maxDeletes: Int)

    /// A lower-case message naming the resource and what to do.
    public var description: String {
        switch self {
        case .stateKeyRequired(let address):
            "\(address): a state key is needed to seal its secrets, and none is configured; "
                + "run 'aemconf state new-key' (it writes a key file, mode 0600) and set AEMCONF_STATE_KEY or '--state-key-file'"
        case .consoleNotConfigured:
            "the config has no 'adobe.console' block, but an 'ioIntegrations' resource needs the Developer Console"
        case .readBackMismatch(let address, let attribute, let expected, let found):
            "\(address): after the write, '\(attribute)' reads back as \(found), not \(expected)"
        case .verificationFailed(let address, let step, let message):
            "\(address): \(step) failed: \(message)"
        case .missingDependency(let address, let dependency):
            "\(address): '\(dependency)' is not in state; apply it first"
        case .notInConfig(let address):
            "\(address): the plan names a resource the config does not have; run 'aemconf plan' again"
        case .unexpectedRemote(let address, let message):
            "\(address): \(message)"
        case .notApplied(let address):
            "\(address): not an integration of the config that state records, so there is no credential to rotate "
                + "(check the name, or run 'aemconf apply' first)"
        case .massDelete(let address, let deletes, let maxDeletes):
            "\(address): segments.mass-delete: the segment sync would delete \(deletes) segments, more than 'maxDeletes' "
                + "(\(maxDeletes)); nothing more was deleted; raise 'maxDeletes' or pass '--allow-mass-delete'"
        }
    }
}
