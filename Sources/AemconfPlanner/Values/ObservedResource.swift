import AemconfModel

/// What a refresh read back from the live services for one resource.
public enum ObservedResource: Sendable, Hashable {
    /// The remote object exists; `attributes` holds the attributes the services let aemconf read back
    /// (a subset of the desired ones: secrets and write-only values are never observed).
    case present(attributes: [String: JSONValue])
    /// No remote object (it was never made, or it was deleted outside aemconf).
    case absent
    /// An interrupted run left this object half made: an open intent names it. Apply adopts it by name.
    case interrupted(remoteName: String)
    /// An object exists under the resource's deterministic name, but neither state nor an intent says
    /// aemconf made it: someone else did. Never adopted silently.
    case foreign(description: String)
}
