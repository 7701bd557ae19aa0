/// Who synchronises Target audiences into AEM segments.
public enum SegmentSyncMode: String, ConfigEnumeration {
    /// aemconf pages through Target's audiences and converges AEM's segments to them. The default.
    case aemconf
    /// AEM's own background import ("Synchronize segments from Adobe Target").
    case aem
}
