/// The Target API an AEM Target cloud service uses.
public enum TargetAPIType: String, ConfigEnumeration {
    /// The REST (Target Standard) API, the one that works with IMS authentication.
    case rest
}
