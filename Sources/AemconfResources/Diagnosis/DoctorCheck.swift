/// One link of `aemconf doctor`'s chain: what was checked, whether it passed, and on failure the cause and fix.
public struct DoctorCheck: Sendable, Equatable, Codable {
    /// The link, e.g. `aem`, `ims-token`, `ims-reference`, `target-read`, `tenant`, `a4t`, `segment-import`.
    public var link: String
    /// What it is about: `aem`, or a resource address.
    public var subject: String
    /// Whether it passed.
    public var passed: Bool
    /// What was found.
    public var message: String
    /// On failure: the cause's stable code.
    public var code: String?
    /// On failure: what is wrong.
    public var cause: String?
    /// On failure: what to do.
    public var fix: String?

    /// A passed link.
    public static func pass(_ link: String, _ subject: String, _ message: String) -> DoctorCheck {
        DoctorCheck(link: link, subject: subject, passed: true, message: message)
    }

    /// A failed link.
    public static func fail(_ link: String, _ subject: String, _ message: String, _ cause: FailureCause) -> DoctorCheck
    {
        // Errors that already start with the address are not prefixed twice when printed as `subject: message`.
        let text = message.hasPrefix(subject + ": ") ? String(message.dropFirst(subject.count + 2)) : message
        return DoctorCheck(
            link: link, subject: subject, passed: false, message: text, code: cause.code, cause: cause.cause,
            fix: cause.fix)
    }
}
