import AemconfModel

/// What the config asks for, for one resource: canonical attributes (defaults filled, no source positions,
/// secrets as fingerprints, other resources' outputs as references).
public struct DesiredResource: Sendable, Hashable {
    /// The resource's address.
    public var address: ResourceAddress
    /// The attributes, by name.
    public var attributes: [String: DesiredValue]
    /// The resources this one depends on (references and `dependsOn`).
    public var dependencies: [ResourceAddress]
    /// Attributes whose change cannot be made in place, with the reason shown for a replace.
    public var replaceTriggers: [String: String]
    /// Why this resource cannot be planned at all (e.g. a JWT configuration on AEM SP20), if so.
    public var refusal: String?
    /// Parts the services let expire or policy renews (certificates, client secrets).
    public var renewals: [Renewal]

    /// Creates a desired resource.
    public init(
        address: ResourceAddress,
        attributes: [String: DesiredValue],
        dependencies: [ResourceAddress] = [],
        replaceTriggers: [String: String] = [:],
        refusal: String? = nil,
        renewals: [Renewal] = []
    ) {
        self.address = address
        self.attributes = attributes
        self.dependencies = dependencies
        self.replaceTriggers = replaceTriggers
        self.refusal = refusal
        self.renewals = renewals
    }
}
