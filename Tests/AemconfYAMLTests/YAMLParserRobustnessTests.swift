import AemconfYAML
import AemconfTestSupport
import Testing

/// Malformed input never traps: every prefix of a real config and hundreds of random inputs give either a
/// tree or a positioned `YAMLError`.
@Suite struct YAMLParserRobustnessTests {
    @Test func everyTruncatedPrefixOfARealConfigParsesOrFailsWithAPosition() throws {
        let bytes = Array(realConfig.utf8)
        var errors = 0
        for length in 0...bytes.count {
            let prefix = Array(bytes[0..<length])
            if let error = outcome(of: prefix) {
                errors += 1
                expectPositioned(error, in: prefix)
            }
        }
        #expect(errors > 0, "some prefixes end inside a quoted scalar or flow collection")
    }

    @Test func randomBytesParseOrFailWithAPosition() {
        var generator = SplitMix64(seed: 0xAE3C_0F16)
        for _ in 0..<300 {
            let length = Int(generator.next() % 160)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if let error = outcome(of: bytes) {
                expectPositioned(error, in: bytes)
            }
        }
    }

    @Test func randomYAMLishTextParsesOrFailsWithAPosition() {
        let alphabet = Array("ab: -[]{},&*!|>'\"#\n\n  \t?<<.~%@`ä€😀\r\u{FEFF}0".utf8)
        var generator = SplitMix64(seed: 42)
        var trees = 0
        for _ in 0..<300 {
            let length = Int(generator.next() % 120)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            if let error = outcome(of: bytes) {
                expectPositioned(error, in: bytes)
            } else {
                trees += 1
            }
        }
        #expect(trees > 0)
    }

    @Test func mutatedRealConfigsParseOrFailWithAPosition() {
        let original = Array(realConfig.utf8)
        let specials = Array("[]{}:-&*!|>'\"#\n\t<,".utf8) + [0xFF, 0xC3, 0x00]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let index = Int(generator.next() % UInt64(bytes.count))
                let byte = specials[Int(generator.next() % UInt64(specials.count))]
                switch generator.next() % 3 {
                case 0: bytes[index] = byte
                case 1: bytes.insert(byte, at: index)
                default: bytes.remove(at: index)
                }
            }
            if let error = outcome(of: bytes) {
                expectPositioned(error, in: bytes)
            }
        }
    }

    /// `nil` when `bytes` parsed, the error otherwise (any other error fails the test).
    private func outcome(of bytes: [UInt8]) -> YAMLError? {
        do {
            _ = try YAMLParser.parseSingleDocument(bytes: bytes, file: "fuzz.yaml")
            return nil
        } catch let error as YAMLError {
            return error
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    /// The error names the file and a line and column inside (or just past the end of) the input.
    private func expectPositioned(_ error: YAMLError, in bytes: [UInt8]) {
        let lineCount = bytes.filter { $0 == 0x0A || $0 == 0x0D }.count + 1
        #expect(error.mark.file == "fuzz.yaml")
        #expect(error.mark.line >= 1 && error.mark.line <= lineCount, "\(error)")
        #expect(error.mark.column >= 1 && error.mark.column <= bytes.count + 1, "\(error)")
        #expect(!error.message.isEmpty)
    }
}
