/// What apply does to one resource. A closed set (Terraform's `plans.Action`).
public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nothing changes.
    case noOp = "no-op"
    /// Create the remote objects.
    case create
    /// Change attributes in place.
    case update
    /// Create new remote objects, then delete the old ones (the change cannot be made in place).
    case replace
    /// Delete the remote objects (the resource left the config).
    case delete
    /// Only verify (Check Health, Connect to Target) without changing anything.
    case verify

    /// Whether apply writes anything remote.
    public var changesRemote: Bool {
        switch self {
        case .create, .update, .replace, .delete: true
        case .noOp, .verify: false
        }
    }

    /// The symbol the human plan shows.
    public var symbol: String {
        switch self {
        case .noOp: " "
        case .create: "+"
        case .update: "~"
        case .replace: "-/+"
        case .delete: "-"
        case .verify: "?"
        }
    }
}
