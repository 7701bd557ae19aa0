import AemconfYAML
import Foundation

// Every config message aemconf prints is worded here, and nowhere else (the `ErrorMessageGenerator` habit).
// Rules: lower-case, user values in single quotes, say what was expected, end with the fix; never a secret.

extension Diagnostic {
    /// Longest user value quoted verbatim; longer ones are shortened with `…`.
    static let maximumQuotedLength = 60

    /// `'value'`, shortened when long; newlines shown as `\n`.
    static func quoted(_ value: String) -> String {
        var text = value.replacingOccurrences(of: "\n", with: "\\n")
        if text.count > maximumQuotedLength {
            text = String(text.prefix(maximumQuotedLength - 1)) + "…"
        }
        return "'\(text)'"
    }

    static func listed(_ values: [String]) -> String {
        values.map { "'\($0)'" }.joined(separator: ", ")
    }

    private static func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(severity: .error, code: code, message: message, location: location)
    }

    private static func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(severity: .warning, code: code, message: message, location: location)
    }

    // MARK: files and YAML

    /// The YAML parser's own message (already lower-case and positioned by the parser).
    static func yamlSyntax(_ message: String, at location: SourceLocation) -> Diagnostic {
        error(.yamlSyntax, message, at: location)
    }

    /// A parser error, with the parser's own wording and position.
    static func yaml(_ failure: YAMLError) -> Diagnostic {
        Diagnostic(failure)
    }
}

extension Diagnostic {
    /// The diagnostic for a YAML parser error: the parser's own wording and position, a stable code.
    public init(_ failure: YAMLError) {
        let code: DiagnosticCode
        switch failure.code {
        case .duplicateKey: code = .duplicateKey
        case .unknownAlias, .recursiveAlias, .aliasExpansionLimit, .invalidMerge: code = .yamlAlias
        case .multipleDocuments: code = .multipleDocuments
        default: code = .yamlSyntax
        }
        self.init(severity: .error, code: code, message: failure.message, location: SourceLocation(failure.mark))
    }
}

extension Diagnostic {

    static func unreadableFile(_ path: String, reason: String) -> Diagnostic {
        error(
            .unreadableFile, "cannot read \(quoted(path)): \(reason)",
            at: SourceLocation(file: path, line: 1, column: 1))
    }

    static func noConfigFiles(inDirectory path: String) -> Diagnostic {
        error(
            .unreadableFile,
            "directory \(quoted(path)) holds no '*.yaml' or '*.yml' files; point 'aemconf validate' at a config file or directory",
            at: SourceLocation(file: path, line: 1, column: 1)
        )
    }

    static func notAMapping(file: String, found: String, at location: SourceLocation) -> Diagnostic {
        error(
            .wrongType,
            "a config file must be a mapping with 'version: \(Config.currentVersion)' at the top, found \(found)",
            at: location)
    }

    static func emptyFile(_ file: String) -> Diagnostic {
        error(
            .missingKey,
            "config file \(quoted(file)) is empty; start it with 'version: \(Config.currentVersion)'",
            at: SourceLocation(file: file, line: 1, column: 1)
        )
    }

    // MARK: keys and types

    static func unknownKey(
        _ key: String, in subject: DiagnosticSubject, suggestion: String?, at location: SourceLocation
    )
        -> Diagnostic
    {
        var message = "unknown key \(quoted(key)) \(subject.located)"
        if let suggestion { message += "; did you mean '\(suggestion)'?" }
        return error(.unknownKey, message, at: location)
    }

    static func nonScalarKey(in subject: DiagnosticSubject, found: String, at location: SourceLocation) -> Diagnostic {
        error(.wrongType, "keys \(subject.located) must be strings, found \(found)", at: location)
    }

    static func wrongType(
        _ key: String,
        in subject: DiagnosticSubject,
        expected: String,
        found: String,
        hint: String? = nil,
        at location: SourceLocation
    ) -> Diagnostic {
        var message = "expected \(expected) for \(quoted(key)) \(subject.located), found \(found)"
        if let hint { message += "; \(hint)" }
        return error(.wrongType, message, at: location)
    }

    static func wrongItemType(
        _ key: String, in subject: DiagnosticSubject, expected: String, found: String, at location: SourceLocation
    )
        -> Diagnostic
    {
        error(.wrongType, "expected \(expected) in the list \(quoted(key)) of \(subject), found \(found)", at: location)
    }

    static func expectedMapping(for subject: DiagnosticSubject, found: String, at location: SourceLocation)
        -> Diagnostic
    {
        error(.wrongType, "expected a mapping for \(subject), found \(found)", at: location)
    }

    static func missingKey(_ key: String, in subject: DiagnosticSubject, at location: SourceLocation) -> Diagnostic {
        error(.missingKey, "missing required key \(quoted(key)) \(subject.located)", at: location)
    }

    static func missingValue(_ key: String, in subject: DiagnosticSubject, at location: SourceLocation) -> Diagnostic {
        error(.missingKey, "\(quoted(key)) in \(subject) has no value", at: location)
    }

    static func consoleRequired(integration: String, at location: SourceLocation) -> Diagnostic {
        error(
            .missingKey,
            "io integration \(quoted(integration)) needs the Developer Console, but 'adobe' has no 'console' block; "
                + "add 'console: { token: ${env:ADOBE_CONSOLE_TOKEN}, project: <name> }' under 'adobe'",
            at: location
        )
    }

    static func missingBlock(_ key: String, file: String) -> Diagnostic {
        error(
            .missingKey,
            "missing required key \(quoted(key)) at the top level; add an '\(key):' block to one of the config files",
            at: SourceLocation(file: file, line: 1, column: 1)
        )
    }

    static func emptyList(_ key: String, in subject: DiagnosticSubject, at location: SourceLocation) -> Diagnostic {
        error(.missingKey, "\(quoted(key)) in \(subject) must list at least one entry", at: location)
    }

    // MARK: values

    static func invalidValue(
        _ value: String,
        for key: String,
        in subject: DiagnosticSubject,
        allowed: [String],
        suggestion: String?,
        at location: SourceLocation
    ) -> Diagnostic {
        var message = "invalid value \(quoted(value)) for \(quoted(key)) in \(subject); expected "
        message += allowed.count == 1 ? "'\(allowed[0])'" : "one of \(listed(allowed))"
        if let suggestion { message += "; did you mean '\(suggestion)'?" }
        return error(.invalidValue, message, at: location)
    }

    static func unsupportedVersion(_ value: String, at location: SourceLocation) -> Diagnostic {
        error(
            .unsupportedVersion,
            "unsupported config version \(quoted(value)); this aemconf reads 'version: \(Config.currentVersion)'",
            at: location
        )
    }

    static func invalidURL(
        _ value: String, for key: String, in subject: DiagnosticSubject, reason: String, at location: SourceLocation
    )
        -> Diagnostic
    {
        error(.invalidURL, "invalid URL \(quoted(value)) for \(quoted(key)) in \(subject): \(reason)", at: location)
    }

    static func invalidOrgID(
        _ value: String, for key: String, in subject: DiagnosticSubject, at location: SourceLocation
    )
        -> Diagnostic
    {
        error(
            .invalidOrgID,
            "invalid IMS organization id \(quoted(value)) for \(quoted(key)) in \(subject); expected 24 hexadecimal digits followed by '@AdobeOrg', such as '0123456789ABCDEF01234567@AdobeOrg'",
            at: location
        )
    }

    static func invalidName(_ value: String, for what: String, rule: String, at location: SourceLocation) -> Diagnostic
    {
        error(.invalidName, "invalid \(what) \(quoted(value)); \(rule)", at: location)
    }

    static func outOfRange(
        _ value: Int, for key: String, in subject: DiagnosticSubject, range: String, at location: SourceLocation
    )
        -> Diagnostic
    {
        error(.outOfRange, "\(quoted(key)) in \(subject) is \(value); expected \(range)", at: location)
    }

    static func renewalNotBeforeExpiry(
        in subject: DiagnosticSubject, renew: Int, validity: Int, at location: SourceLocation
    )
        -> Diagnostic
    {
        error(
            .outOfRange,
            "'renewBeforeDays' (\(renew)) in \(subject) must be smaller than 'validityDays' (\(validity))",
            at: location
        )
    }

    static func invalidAddress(
        _ value: String, for key: String, in subject: DiagnosticSubject, at location: SourceLocation
    )
        -> Diagnostic
    {
        error(
            .invalidValue,
            "invalid resource address \(quoted(value)) in \(quoted(key)) of \(subject); expected '<kind>.<name>' with a kind of \(listed(ResourceKind.allCases.map(\.rawValue)))",
            at: location
        )
    }

    // MARK: references

    static func danglingReference(
        _ reference: ResourceReference,
        key: String,
        in subject: DiagnosticSubject,
        suggestion: String?
    ) -> Diagnostic {
        var message =
            "\(quoted(key)) of \(subject) refers to \(reference.address.kind.displayName) \(quoted(reference.name)), which is not defined"
        if let suggestion {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += "; define it under '\(reference.address.kind.collectionKey)'"
        }
        return error(.danglingReference, message, at: reference.location)
    }

    static func referenceCycle(_ cycle: [ResourceAddress], at location: SourceLocation) -> Diagnostic {
        let path = cycle.map(\.description).joined(separator: " -> ")
        return error(.referenceCycle, "reference cycle: \(path); remove one of these references", at: location)
    }

    // MARK: names defined twice

    static func duplicateResource(
        _ address: ResourceAddress, firstAt first: SourceLocation, at location: SourceLocation
    )
        -> Diagnostic
    {
        error(
            .duplicateName,
            "\(address.kind.displayName) \(quoted(address.name)) is defined twice: here and at \(first.formatted); rename or remove one",
            at: location
        )
    }

    static func duplicateBlock(_ key: String, firstAt first: SourceLocation, at location: SourceLocation) -> Diagnostic
    {
        error(
            .duplicateName,
            "\(quoted(key)) is defined twice: here and at \(first.formatted); keep one '\(key)' block",
            at: location
        )
    }

    static func duplicateUniqueValue(
        _ value: String,
        key: String,
        in subject: DiagnosticSubject,
        usedBy other: DiagnosticSubject,
        firstAt first: SourceLocation,
        at location: SourceLocation
    ) -> Diagnostic {
        error(
            .duplicateName,
            "\(quoted(key)) \(quoted(value)) of \(subject) is already used by \(other) at \(first.formatted); each must be unique",
            at: location
        )
    }

    // MARK: secrets

    static func literalSecret(
        _ key: String, in subject: DiagnosticSubject, suggestedVariable: String, at location: SourceLocation
    )
        -> Diagnostic
    {
        error(
            .literalSecret,
            "\(quoted(key)) in \(subject) holds a literal secret; secrets never go in config files: write '${env:\(suggestedVariable)}' (or '${file:PATH}') and set the value outside the file",
            at: location
        )
    }

    static func invalidSecretReference(_ key: String, in subject: DiagnosticSubject, at location: SourceLocation)
        -> Diagnostic
    {
        error(
            .invalidSecretReference,
            "\(quoted(key)) in \(subject) is not a valid secret reference; write '${env:NAME}' (NAME of letters, digits and '_') or '${file:PATH}'",
            at: location
        )
    }

    static func unresolvedSecret(_ failure: SecretResolutionError) -> Diagnostic {
        error(.unresolvedSecret, "cannot resolve '\(failure.reference)': \(failure)", at: failure.reference.location)
    }

    // MARK: combinations

    static func missingCertificate(in subject: DiagnosticSubject, at location: SourceLocation) -> Diagnostic {
        error(
            .missingCertificate,
            "\(subject) uses credential 'jwt' but has no 'certificate'; add 'certificate: { alias: <keystore alias> }' or use 'oauth-server-to-server'",
            at: location
        )
    }

    static func secretRotationWithoutOAuth(in subject: DiagnosticSubject, at location: SourceLocation) -> Diagnostic {
        error(
            .conflictingKeys,
            "'rotateSecretEveryDays' applies only to credential 'oauth-server-to-server', but \(subject) uses 'jwt' "
                + "(its certificate is renewed by 'certificate.renewBeforeDays'); remove 'rotateSecretEveryDays'",
            at: location
        )
    }

    static func certificateWithoutJWT(
        in subject: DiagnosticSubject, credential: CredentialType, at location: SourceLocation
    )
        -> Diagnostic
    {
        error(
            .conflictingKeys,
            "'certificate' applies only to credential 'jwt', but \(subject) uses '\(credential.rawValue)'; remove 'certificate'",
            at: location
        )
    }

    static func conflictingKeys(
        _ first: String, _ second: String, in subject: DiagnosticSubject, reason: String, at location: SourceLocation
    )
        -> Diagnostic
    {
        error(.conflictingKeys, "\(subject) sets both \(quoted(first)) and \(quoted(second)); \(reason)", at: location)
    }

    static func requiresKey(
        _ key: String, needs other: String, in subject: DiagnosticSubject, at location: SourceLocation
    )
        -> Diagnostic
    {
        error(.missingKey, "\(quoted(key)) in \(subject) needs \(quoted(other)) as well", at: location)
    }

    static func missingCredential(in subject: DiagnosticSubject, at location: SourceLocation) -> Diagnostic {
        error(
            .missingKey,
            "\(subject) needs 'integration' (an io integration aemconf manages), or 'clientId' and 'clientSecret' for a credential managed elsewhere",
            at: location
        )
    }

    static func customAtJsNeedsAtJs(
        in subject: DiagnosticSubject, clientLibrary: ClientLibrary, at location: SourceLocation
    )
        -> Diagnostic
    {
        error(
            .conflictingKeys,
            "'customAtJs' in \(subject) needs 'clientLibrary: at.js', but the client library is '\(clientLibrary.rawValue)'",
            at: location
        )
    }

    static func customAtJsIgnored(
        in subject: DiagnosticSubject, tagManagement: TagManagement, at location: SourceLocation
    )
        -> Diagnostic
    {
        warning(
            .conflictingKeys,
            "'customAtJs' in \(subject) is ignored because 'tagManagement' is '\(tagManagement.rawValue)' (the tag manager delivers AT.js); remove it or set 'tagManagement: none'",
            at: location
        )
    }

    static func keyIgnored(
        _ key: String, in subject: DiagnosticSubject, because reason: String, at location: SourceLocation
    )
        -> Diagnostic
    {
        warning(.conflictingKeys, "\(quoted(key)) in \(subject) is ignored \(reason)", at: location)
    }

    static func restWithoutSegmentSync(in subject: DiagnosticSubject, at location: SourceLocation) -> Diagnostic {
        warning(
            .missingKey,
            "\(subject) uses 'apiType: rest' without 'segmentSync'; with the REST API AEM has no inline segments, so add 'segmentSync'",
            at: location
        )
    }

    static func missingReferencedFile(
        _ path: String, key: String, in subject: DiagnosticSubject, at location: SourceLocation
    )
        -> Diagnostic
    {
        error(.missingFile, "\(quoted(key)) of \(subject) names \(quoted(path)), which does not exist", at: location)
    }

    // MARK: deprecations

    static func deprecatedJWT(in subject: DiagnosticSubject, at location: SourceLocation) -> Diagnostic {
        warning(
            .deprecated,
            "\(subject) uses the legacy 'jwt' credential (no new ones since 2024-06-03, end of life 2025-06-30); migrate to 'oauth-server-to-server'",
            at: location
        )
    }

    static func deprecatedValue(
        _ value: String, for key: String, in subject: DiagnosticSubject, at location: SourceLocation
    )
        -> Diagnostic
    {
        warning(.deprecated, "\(quoted(value)) for \(quoted(key)) in \(subject) is deprecated by Adobe", at: location)
    }
}
