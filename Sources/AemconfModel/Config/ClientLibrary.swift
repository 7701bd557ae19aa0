/// The Target client library AEM delivers to pages.
public enum ClientLibrary: String, ConfigEnumeration {
    /// AT.js. The default.
    case atJs = "at.js"
    /// mbox.js (deprecated by Adobe).
    case mboxJs = "mbox.js"
}
