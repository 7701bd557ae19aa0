import AemconfTestSupport
import Foundation
import Testing

/// The differential oracle (issue 14, part 3): seeded documents with anchors, aliases, `<<` merges, nested
/// flow collections and every scalar style, read by aemconf's front end and by PyYAML's SafeLoader, must give
/// equal trees; the only differences allowed are the deliberate ones docs/config.md lists ("YAML dialect").
///
/// `scripts/yaml-oracle --cases N --seed S` runs more (it sets AEMCONF_ORACLE_CASES and AEMCONF_ORACLE_SEED).
@Suite struct DifferentialOracleTests {
    static let environment = ProcessInfo.processInfo.environment
    static let cases = environment["AEMCONF_ORACLE_CASES"].flatMap { Int($0) } ?? 3000
    static let seed = environment["AEMCONF_ORACLE_SEED"].flatMap { UInt64($0) } ?? 20_261_128

    @Test func aemconfAndPyYAMLReadGeneratedDocumentsAlike() async throws {
        var generator = YAMLCaseGenerator(seed: Self.seed)
        let documents = (0..<Self.cases).map { _ in generator.document() }
        let answers = try await YAMLOracle.python(documents)
        var agreed = 0
        var deliberate: [String: Int] = [:]
        var disagreements: [(index: Int, problem: String)] = []
        for (index, (document, answer)) in zip(documents, answers).enumerated() {
            let (outcome, notes) = try YAMLOracle.compare(document, python: answer)
            for note in Set(notes) { deliberate[note, default: 0] += 1 }
            switch outcome {
            case .agree: agreed += 1
            case .deliberate(let name): if notes.isEmpty { deliberate[name, default: 0] += 1 }
            case .disagree(let problem): disagreements.append((index, problem))
            }
        }
        let differences = deliberate.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print(
            "differential oracle: \(Self.cases) cases (seed \(Self.seed)): \(agreed) identical, deliberate differences: "
                + "[\(differences)], \(disagreements.count) disagreements"
        )
        for (index, problem) in disagreements.prefix(5) {
            Issue.record("case \(index) (seed \(Self.seed)): \(problem)\n--- document ---\n\(documents[index])---")
        }
        // The generator must reach what it is meant to test, or the agreement proves little.
        #expect(agreed > Self.cases / 2)
    }

    @Test func theGeneratorIsDeterministicAndCoversEveryFeature() {
        var first = YAMLCaseGenerator(seed: 7)
        var second = YAMLCaseGenerator(seed: 7)
        let documents = (0..<500).map { _ in first.document() }
        #expect(documents == (0..<500).map { _ in second.document() })
        let text = documents.joined()
        for feature in [
            "&n", "*n", "<<: *", "<<: [", "[", "{", "'", "\"", ": |", ": >", "|-", ">+", "!!str", "\\u00e9", "\r\n",
            "\u{FEFF}", "# a comment", "'<<':", ", x]:",
        ] {
            #expect(text.contains(feature), "no generated document uses \(feature)")
        }
    }
}
