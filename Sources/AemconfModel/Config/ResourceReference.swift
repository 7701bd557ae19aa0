/// A reference from one resource to another (`imsConfiguration: target-prod`, a `dependsOn` entry),
/// with the place it was written so a dangling reference can be reported there.
public struct ResourceReference: Sendable, Hashable {
    /// The resource referred to.
    public var address: ResourceAddress
    /// Where the reference is written.
    public var location: SourceLocation

    /// Creates a reference.
    public init(address: ResourceAddress, location: SourceLocation) {
        self.address = address
        self.location = location
    }

    /// The referred resource's name.
    public var name: String { address.name }
}
