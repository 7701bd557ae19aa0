import Foundation

/// The default state of a new sandbox and the reading of `--seed FILE`.
public enum SandboxSeed {
    /// The default seed: one org with Target entitled and its product profiles, a tenant with a few
    /// audiences, AEM at SP20 with the `authentication-service` user.
    public static func defaultState(at now: Date = Date()) -> SandboxState {
        let adobe = AdobeSeed().slices(at: now)
        return SandboxState(aem: AEMState.defaultSeed(), ims: adobe.ims, console: adobe.console, target: adobe.target)
    }

    private struct PartialState: Decodable {
        var aem: AEMState?
        var ims: IMSState?
        var console: ConsoleState?
        var target: TargetState?
    }

    /// Reads a seed file: a JSON object with any of the keys `aem`, `ims`, `console`, `target`
    /// (the admin API's dump format); missing slices take the default seed.
    public static func load(from path: String) throws -> SandboxState {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SandboxConfigurationError.badSeed(path, reason: "it cannot be read")
        }
        return try decode(data, source: path)
    }

    /// Decodes seed JSON (see ``load(from:)``); `source` names it in errors.
    public static func decode(_ data: Data, source: String) throws -> SandboxState {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let partial: PartialState
        do {
            partial = try decoder.decode(PartialState.self, from: data)
        } catch {
            throw SandboxConfigurationError.badSeed(source, reason: "it is not a sandbox state (\(error))")
        }
        let defaults = defaultState()
        return SandboxState(
            aem: partial.aem ?? defaults.aem,
            ims: partial.ims ?? defaults.ims,
            console: partial.console ?? defaults.console,
            target: partial.target ?? defaults.target
        )
    }
}
