import AemconfModel
import AemconfYAML
import Testing

/// Inputs from `scripts/fuzz` (Fuzz/aemconf-fuzz), replayed through what the fuzz target runs: every crash,
/// hang or sanitizer report it finds is added here (as bytes, with the date and what it was) once fixed.
@Suite struct FuzzRegressionTests {
    /// What the fuzz target does with one input: parse every document, parse as a config's single document,
    /// decode as a config and render the diagnostics.
    static func replay(_ bytes: [UInt8]) {
        let configuration = YAMLParser.Configuration(maxAliasExpansion: 100_000, maxDepth: 128)
        _ = try? YAMLParser.parseDocuments(bytes: bytes, file: "fuzz.yaml", configuration: configuration)
        _ = try? YAMLParser.parseSingleDocument(bytes: bytes, file: "fuzz.yaml", configuration: configuration)
        var decoder = ConfigDecoder()
        decoder.add(yaml: bytes, file: "fuzz.yaml")
        for diagnostic in decoder.finish().diagnostics {
            _ = (diagnostic.message, diagnostic.location)
        }
    }

    /// Inputs of the kinds the fuzzer reaches first (truncated escapes, stray indicators, invalid UTF-8, a
    /// merge of an alias of a scalar, a streamed collection with a merge), kept as a smoke test of `replay`.
    static let inputs: [[UInt8]] = [
        Array("version: 1\nioIntegrations: {<<: *".utf8),
        Array("a: \"\\U0010".utf8),
        [0xEF, 0xBB, 0xBF, 0xC3, 0x28, 0x3A, 0x20, 0xFF],
        Array("x-a: &a 1\nioIntegrations:\n  <<: *a\n".utf8),
        Array("x-a: &a {t: {name: n}}\nioIntegrations:\n  <<: *a\n  t: {name: m}\n".utf8),
        Array("? [a, {b: c}]\n: d\nversion: !!str 1\n".utf8),
        Array(String(repeating: "[", count: 200).utf8),
    ]

    @Test(arguments: inputs.indices) func replaysWithoutCrashing(index: Int) {
        Self.replay(Self.inputs[index])
    }
}
