/// The "Cloud Configuration" an AEM IMS configuration is created for.
public enum CloudSolution: String, ConfigEnumeration {
    /// Adobe Target.
    case adobeTarget = "adobe-target"
}
