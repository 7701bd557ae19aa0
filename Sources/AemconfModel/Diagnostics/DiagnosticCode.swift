/// The stable identifier of a kind of config problem, printed in `--json` output.
///
/// Raw values never change once released; scripts and editors may match on them.
public enum DiagnosticCode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The YAML text itself is malformed (syntax, duplicate key, alias problems, several documents).
    case yamlSyntax = "yaml-syntax"
    /// The same key twice in one YAML mapping.
    case duplicateKey = "duplicate-key"
    /// An unknown, recursive or over-expanding YAML alias, or a malformed `<<` merge.
    case yamlAlias = "yaml-alias"
    /// More than one YAML document in a config file.
    case multipleDocuments = "multiple-documents"
    /// A config file or directory could not be read, or holds no config files.
    case unreadableFile = "unreadable-file"
    /// A key the config language does not know.
    case unknownKey = "unknown-key"
    /// A value of the wrong type (a string where a boolean is expected, …).
    case wrongType = "wrong-type"
    /// A required key is absent or has no value.
    case missingKey = "missing-key"
    /// A value outside the allowed set of an enumeration.
    case invalidValue = "invalid-value"
    /// A malformed URL.
    case invalidURL = "invalid-url"
    /// A malformed Adobe IMS organization id.
    case invalidOrgID = "invalid-org-id"
    /// A malformed resource name, node name or other identifier.
    case invalidName = "invalid-name"
    /// A number outside its allowed range.
    case outOfRange = "out-of-range"
    /// A reference to a resource that is not defined.
    case danglingReference = "dangling-reference"
    /// Resources that depend on each other in a circle.
    case referenceCycle = "reference-cycle"
    /// A `jwt` credential without its `certificate` block.
    case missingCertificate = "missing-certificate"
    /// A name defined twice (across files, or a unique `name` used by two resources).
    case duplicateName = "duplicate-name"
    /// Keys that cannot be used together, or a key that needs another one.
    case conflictingKeys = "conflicting-keys"
    /// A literal secret in a secret field.
    case literalSecret = "literal-secret"
    /// A `${…}` secret reference of an unknown form.
    case invalidSecretReference = "invalid-secret-reference"
    /// A secret reference that cannot be resolved (unset variable, unreadable file).
    case unresolvedSecret = "unresolved-secret"
    /// A `version` this aemconf does not read.
    case unsupportedVersion = "unsupported-version"
    /// A file named by the config does not exist.
    case missingFile = "missing-file"
    /// A deprecated option that still works.
    case deprecated = "deprecated"
}
