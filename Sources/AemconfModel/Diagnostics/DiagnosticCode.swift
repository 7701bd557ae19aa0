/// The stable identifier of a kind of config problem, printed in `--json` output.
///
/// Raw values follow the house convention for error codes, `<layer>.<kebab-case-name>` (`yaml.` for problems of the
/// YAML text, `config.` for problems of its meaning); they never change once released, since scripts and editors
/// match on them.
public enum DiagnosticCode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The YAML text itself is malformed (syntax, duplicate key, alias problems, several documents).
    case yamlSyntax = "yaml.syntax"
    /// The same key twice in one YAML mapping.
    case duplicateKey = "yaml.duplicate-key"
    /// An unknown, recursive or over-expanding YAML alias, or a malformed `<<` merge.
    case yamlAlias = "yaml.alias"
    /// More than one YAML document in a config file.
    case multipleDocuments = "yaml.multiple-documents"
    /// A config file or directory could not be read, or holds no config files.
    case unreadableFile = "config.unreadable-file"
    /// A key the config language does not know.
    case unknownKey = "config.unknown-key"
    /// A value of the wrong type (a string where a boolean is expected, …).
    case wrongType = "config.wrong-type"
    /// A required key is absent or has no value.
    case missingKey = "config.missing-key"
    /// A value outside the allowed set of an enumeration.
    case invalidValue = "config.invalid-value"
    /// A malformed URL.
    case invalidURL = "config.invalid-url"
    /// A malformed Adobe IMS organization id.
    case invalidOrgID = "config.invalid-org-id"
    /// A malformed resource name, node name or other identifier.
    case invalidName = "config.invalid-name"
    /// A number outside its allowed range.
    case outOfRange = "config.out-of-range"
    /// A reference to a resource that is not defined.
    case danglingReference = "config.dangling-reference"
    /// Resources that depend on each other in a circle.
    case referenceCycle = "config.reference-cycle"
    /// A `jwt` credential without its `certificate` block.
    case missingCertificate = "config.missing-certificate"
    /// A name defined twice (across files, or a unique `name` used by two resources).
    case duplicateName = "config.duplicate-name"
    /// Keys that cannot be used together, or a key that needs another one.
    case conflictingKeys = "config.conflicting-keys"
    /// A literal secret in a secret field.
    case literalSecret = "config.literal-secret"
    /// A `${…}` secret reference of an unknown form.
    case invalidSecretReference = "config.invalid-secret-reference"
    /// A secret reference that cannot be resolved (unset variable, unreadable file).
    case unresolvedSecret = "config.unresolved-secret"
    /// A `version` this aemconf does not read.
    case unsupportedVersion = "config.unsupported-version"
    /// A file named by the config does not exist.
    case missingFile = "config.missing-file"
    /// A deprecated option that still works.
    case deprecated = "config.deprecated"
}
