/// Target's versioned media types (target.md §1): `application/vnd.adobe.target.v<N>+json`.
public enum TargetMediaType {
    /// The media type of version `version`.
    public static func version(_ version: Int) -> String { "application/vnd.adobe.target.v\(version)+json" }
}
