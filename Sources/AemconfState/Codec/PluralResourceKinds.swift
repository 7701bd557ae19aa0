/// The SQL of the migration `0006-plural-resource-kinds`, shared by the SQLite and PostgreSQL stores (both accept it
/// as written): rows written with the singular kind spelling (`ioIntegration`, `imsConfiguration`,
/// `targetCloudService`) in `kind`, in an address (`ioIntegration.prod`) or in a dependency list are rewritten to
/// the kind's raw value (`ioIntegrations`), the one spelling ``ResourceKind`` parses.
///
/// Literal strings only, never app types: a shipped migration must not change when the model does. An address is
/// only rewritten when no row of the same state already has the rewritten address (such a row is left to be
/// reported as corrupt rather than overwritten).
package enum PluralResourceKinds {
    /// Singular spelling → raw value, as shipped in 0006.
    package static let spellings: [(singular: String, plural: String)] = [
        ("ioIntegration", "ioIntegrations"),
        ("imsConfiguration", "imsConfigurations"),
        ("targetCloudService", "targetCloudServices"),
    ]

    /// The statements, in order; each is idempotent.
    package static var statements: [String] {
        var statements: [String] = []
        for (singular, plural) in spellings {
            let old = singular + "."
            let new = plural + "."
            let length = old.count
            let matches = "substr(address, 1, \(length)) = '\(old)'"
            let rewritten = "'\(new)' || substr(address, \(length + 1))"
            for table in ["resource", "resource_history"] {
                statements.append("UPDATE \(table) SET kind = '\(plural)' WHERE kind = '\(singular)'")
                statements.append(
                    "UPDATE \(table) SET dependencies = replace(dependencies, '\"\(old)', '\"\(new)') "
                        + "WHERE dependencies LIKE '%\"\(old)%'"
                )
            }
            statements.append(
                """
                UPDATE resource SET address = \(rewritten) WHERE \(matches) AND NOT EXISTS (
                    SELECT 1 FROM resource other WHERE other.workspace = resource.workspace
                    AND other.address = \(rewritten.replacingOccurrences(of: "address", with: "resource.address")))
                """
            )
            statements.append(
                """
                UPDATE resource_history SET address = \(rewritten) WHERE \(matches) AND NOT EXISTS (
                    SELECT 1 FROM resource_history other WHERE other.workspace = resource_history.workspace
                    AND other.serial = resource_history.serial
                    AND other.address = \(rewritten.replacingOccurrences(of: "address", with: "resource_history.address")))
                """
            )
            statements.append("UPDATE intent SET address = \(rewritten) WHERE \(matches)")
        }
        return statements
    }
}
