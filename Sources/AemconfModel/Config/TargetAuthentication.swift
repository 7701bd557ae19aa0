/// How an AEM Target cloud service authenticates to Target.
public enum TargetAuthentication: String, ConfigEnumeration {
    /// Through an AEM IMS configuration (the Target Standard API).
    case ims
}
