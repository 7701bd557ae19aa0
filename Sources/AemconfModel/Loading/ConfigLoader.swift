import AemconfYAML
import Foundation

/// Loads a config from a file or a directory of `*.yaml`/`*.yml` files: parse, decode, validate.
///
/// This is the one place of the model that does I/O (reading the config files, checking that files the
/// config names exist, and resolving secrets when asked).
public enum ConfigLoader {
    /// The largest config file read, in bytes; a larger one (or `/dev/zero`) is refused.
    public static let maximumFileSize = YAMLFile.defaultMaximumSize

    /// What loading should check besides the config itself.
    public struct Options: Sendable {
        /// Resolve every `${env:…}`/`${file:…}` reference and report those that cannot be resolved.
        public var resolveSecrets: Bool
        /// Resolves secrets when `resolveSecrets` is on.
        public var secretResolver: SecretResolver

        /// Creates options.
        public init(resolveSecrets: Bool = false, secretResolver: SecretResolver = .live) {
            self.resolveSecrets = resolveSecrets
            self.secretResolver = secretResolver
        }
    }

    /// Loads the config at `path` (a file, or a directory whose `*.yaml`/`*.yml` files are merged by kind,
    /// read in name order, not recursively).
    public static func load(path: String, options: Options = Options()) -> ConfigLoadResult {
        var decoder = ConfigDecoder(fileExists: { FileManager.default.fileExists(atPath: $0) })
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return ConfigLoadResult(
                config: nil, diagnostics: [.unreadableFile(path, reason: "no such file or directory")])
        }
        let files: [String]
        if isDirectory.boolValue {
            do {
                files = try configFiles(inDirectory: path)
            } catch {
                return ConfigLoadResult(
                    config: nil, diagnostics: [.unreadableFile(path, reason: "the directory cannot be listed")])
            }
            if files.isEmpty {
                return ConfigLoadResult(config: nil, diagnostics: [.noConfigFiles(inDirectory: path)])
            }
        } else {
            files = [path]
        }
        for file in files {
            do {
                // A file found in a directory is never followed: a planted `zz.yaml -> /proc/self/environ`
                // must not be read. A file the user names may be a link, but must lead to a regular file.
                decoder.add(try YAMLFile(path: file, followSymlinks: !isDirectory.boolValue))
            } catch {
                decoder.add(.unreadableFile(file, reason: error.reason), file: file)
            }
        }
        var result = decoder.finish()
        if options.resolveSecrets, let config = result.config {
            let failures = unresolvedSecrets(in: config, resolver: options.secretResolver)
            if !failures.isEmpty {
                result.diagnostics = ConfigDecoder.sorted(result.diagnostics + failures, fileOrder: result.files)
                result.config = nil
            }
        }
        return result
    }

    /// One diagnostic per secret reference that does not resolve.
    public static func unresolvedSecrets(in config: Config, resolver: SecretResolver) -> [Diagnostic] {
        config.secretReferences.compactMap { reference -> Diagnostic? in
            do throws(SecretResolutionError) {
                _ = try resolver.resolve(reference)
                return nil
            } catch {
                return .unresolvedSecret(error)
            }
        }
    }

    /// The `*.yaml`/`*.yml` entries directly in `directory`, sorted by name; hidden files and directories are
    /// skipped. Symbolic links, FIFOs and devices are kept, so that opening them reports them as refused.
    static func configFiles(inDirectory directory: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return
            names
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
            .sorted()
            .map { prefix + $0 }
            .filter { file in
                // lstat: a link is judged as a link, never by what it points at.
                var status = stat()
                guard lstat(file, &status) == 0 else { return true }
                return (status.st_mode & S_IFMT) != S_IFDIR
            }
    }
}
