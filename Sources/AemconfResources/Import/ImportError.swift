import AemconfModel

/// Why `aemconf import` adopted nothing. Never carries a secret.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The address is not a resource of the config.
    case notInConfig(ResourceAddress)
    /// State already records the address.
    case alreadyManaged(ResourceAddress)
    /// Another state row already owns the remote object.
    case ownedByAnother(ResourceAddress, id: String, owner: ResourceAddress)
    /// No remote object has the id.
    case notFound(ResourceAddress, id: String, what: String)
    /// A resource this one refers to is not in state yet.
    case dependencyNotImported(ResourceAddress, dependency: String)
    /// The object exists but cannot be adopted, with the reason and the way out.
    case refused(ResourceAddress, reason: String)

    /// A stable dotted code.
    public var code: String {
        switch self {
        case .notInConfig: "import.not-in-config"
        case .alreadyManaged: "import.already-managed"
        case .ownedByAnother: "import.owned-by-another"
        case .notFound: "import.not-found"
        case .dependencyNotImported: "import.dependency-not-imported"
        case .refused: "import.refused"
        }
    }

    /// A lower-case message naming the resource and what to do.
    public var description: String {
        switch self {
        case .notInConfig(let address):
            "'\(address)' is not in the config; write its block first (or let 'aemconf import --generate-config DIR' "
                + "write it), then import"
        case .alreadyManaged(let address):
            "'\(address)' is already in state; 'aemconf state rm \(address)' first to import another object under it"
        case .ownedByAnother(let address, let id, let owner):
            "\(address): '\(id)' is already managed as '\(owner)'; one object cannot belong to two resources"
        case .notFound(let address, let id, let what):
            "\(address): no \(what) '\(id)' exists"
        case .dependencyNotImported(let address, let dependency):
            "\(address): it refers to '\(dependency)', which is not in state; import '\(dependency)' first"
        case .refused(let address, let reason):
            "\(address): \(reason)"
        }
    }
}
