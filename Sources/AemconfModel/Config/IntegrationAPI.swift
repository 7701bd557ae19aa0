/// The Adobe API an I/O integration is subscribed to.
public enum IntegrationAPI: String, ConfigEnumeration {
    /// Adobe Target (the only API aemconf manages).
    case adobeTarget = "adobe-target"
}
