import AemconfModel
import ArgumentParser

/// Every command-line usage error of aemconf, worded in one place (STYLE.md: messages are produced in one place
/// per layer). Each becomes ArgumentParser's `ValidationError`: printed with the command's usage, exit 64.
enum UsageError {
    static func parallelism(_ value: Int) -> ValidationError {
        ValidationError("'--parallelism' must be between 1 and 256, got \(value)")
    }

    static let logLevel = ValidationError(
        "'--log-level' must be one of trace, debug, info, notice, warning, error, critical"
    )

    static let logFormat = ValidationError("'--log-format' must be 'text' or 'json'")

    static func noSuchPath(_ path: String) -> ValidationError {
        ValidationError("no such file or directory: '\(path)'")
    }

    static func workspaceName(_ workspace: String) -> ValidationError {
        ValidationError("workspace '\(workspace)' may only use letters, digits, '-', '_' and '.'")
    }

    static func lockTimeout(_ text: String) -> ValidationError {
        ValidationError("'--lock-timeout' expects a duration such as '30s', '5m' or '500ms', got '\(text)'")
    }

    static func exclusive(_ first: String, _ second: String) -> ValidationError {
        ValidationError("choose one of '\(first)' and '\(second)'")
    }

    static func notWithSavedPlan(_ what: String, because reason: String? = nil) -> ValidationError {
        ValidationError(
            reason.map { "\(what) \($0); it takes a config, not a saved plan" }
                ?? "\(what) takes a config, not a saved plan"
        )
    }

    static let refreshOnlyWithoutRefresh = ValidationError(
        "'--refresh-only' cannot be combined with '--refresh false'"
    )

    static let generateConfigTakesNoAddress = ValidationError(
        "'--generate-config' takes no ADDRESS and ID, only the config PATH"
    )

    static let importNeedsAddressAndID = ValidationError(
        "give an ADDRESS and an ID (e.g. 'imsConfigurations.target-prod PID'), or '--generate-config DIR'"
    )

    static func notAnAddress(_ text: String) -> ValidationError {
        ValidationError(
            "'\(text)' is not a resource address; write "
                + ResourceKind.allCases.map { "'\($0.rawValue).NAME'" }.joined(separator: ", ")
        )
    }

    static func notAnIntegrationAddress(_ text: String) -> ValidationError {
        ValidationError(
            "'\(text)' is not an integration address; expected '\(ResourceKind.ioIntegration.rawValue).NAME'")
    }

    static func port(_ value: Int) -> ValidationError {
        ValidationError("invalid port '\(value)': expected 0 or 1 to 65532")
    }

    static func servicePack(_ value: Int) -> ValidationError {
        ValidationError("invalid service pack '\(value)': expected 0 to 99")
    }

    /// A sandbox setting the sandbox itself refused, in its own words.
    static func sandboxSetting(_ message: String) -> ValidationError {
        ValidationError(message)
    }
}
