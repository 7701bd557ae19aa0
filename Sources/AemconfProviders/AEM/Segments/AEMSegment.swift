import AemconfModel

/// A Target audience as an AEM segment page (aem.md §6, the layout of ``ServiceAssumptions``), with the
/// ownership marker aemconf writes on its `jcr:content`: owning cloud service, audience id, workspace, Target's
/// `modifiedAt` and a fingerprint of the content.
public struct AEMSegment: Sendable, Hashable {
    /// The Target audience id.
    public var audienceID: Int64
    /// The audience name (the page title).
    public var name: String
    /// The audience description.
    public var description: String
    /// The audience's workspace id (`""` when Target names none).
    public var workspace: String
    /// Target's `modifiedAt`.
    public var modifiedAt: String

    /// Creates a segment value.
    public init(audienceID: Int64, name: String, description: String, workspace: String, modifiedAt: String) {
        self.audienceID = audienceID
        self.name = name
        self.description = description
        self.workspace = workspace
        self.modifiedAt = modifiedAt
    }

    /// The page name: `t` and the id zero-padded to 19 digits, so path order is id order and a rename never moves it.
    public var pageName: String { Self.pageName(audienceID) }

    /// The page name of the segment of audience `id`.
    public static func pageName(_ id: Int64) -> String {
        let digits = String(id)
        return "t" + String(repeating: "0", count: max(0, 19 - digits.count)) + digits
    }

    /// FNV-1a 64 of the content the page carries (not `modifiedAt`: a touch without change writes nothing).
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in [String(audienceID), name, description, workspace] {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0x1f
            hash = hash &* 0x100_0000_01b3
        }
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    /// The marker's property names on `jcr:content` (aemconf's own, so never an assumption about AEM).
    public enum Marker {
        /// The owning cloud service address.
        public static let owner = "aemconfOwner"
        /// The Target audience id (Long).
        public static let audienceID = "aemconfAudienceId"
        /// The workspace id.
        public static let workspace = "aemconfWorkspace"
        /// Target's `modifiedAt`.
        public static let modifiedAt = "aemconfModifiedAt"
        /// ``AEMSegment/fingerprint``.
        public static let fingerprint = "aemconfFingerprint"
    }

    /// The page as the JSON `:operation=import` takes, marked as owned by `owner`.
    public func importJSON(owner: String) -> JSONValue {
        let trait: JSONValue = .object([
            "jcr:primaryType": .string("nt:unstructured"),
            "sling:resourceType": .string(ServiceAssumptions.segmentTargetTraitResourceType),
            ServiceAssumptions.segmentTargetAudienceIDProperty: .string(String(audienceID)),
        ])
        let content: JSONValue = .object([
            "jcr:primaryType": .string("cq:PageContent"),
            "jcr:title": .string(name),
            "jcr:description": .string(description),
            "sling:resourceType": .string(ServiceAssumptions.segmentPageResourceType),
            Marker.owner: .string(owner),
            Marker.audienceID: .number(Double(audienceID)),
            Marker.workspace: .string(workspace),
            Marker.modifiedAt: .string(modifiedAt),
            Marker.fingerprint: .string(fingerprint),
            "traits": .object(["jcr:primaryType": .string("nt:unstructured"), "tandt": trait]),
        ])
        return .object(["jcr:primaryType": .string("cq:Page"), "jcr:content": content])
    }
}

/// What the marker of a segment page in AEM says (read back through QueryBuilder).
public struct AEMSegmentMarker: Sendable, Hashable {
    /// The page path.
    public var path: String
    /// The audience id.
    public var audienceID: Int64
    /// The content fingerprint written with it.
    public var fingerprint: String
}
