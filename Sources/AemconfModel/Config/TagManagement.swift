/// The tag management system that delivers the Target client library, if any.
public enum TagManagement: String, ConfigEnumeration {
    /// AEM delivers the client library itself. The default.
    case none
    /// Adobe Experience Platform Launch (tags).
    case launch
    /// Dynamic Tag Management (deprecated by Adobe).
    case dtm
    /// Another tag management system.
    case other
}
