import AemconfModel

/// Why a plan cannot be applied: a resource that cannot be planned, or an object someone else made.
public struct PlanProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The resource concerned.
    public var address: ResourceAddress
    /// What is wrong, lower-case, with what to do.
    public var message: String

    /// Creates a problem.
    public init(address: ResourceAddress, message: String) {
        self.address = address
        self.message = message
    }

    /// `<address>: <message>`.
    public var description: String { "\(address): \(message)" }
}
