import Foundation
import Testing

@testable import AemconfSandbox

/// Target's audience bodies are written from their ``SandboxJSON`` form: the bytes `JSONEncoder` writes for them
/// with sorted keys and unescaped slashes.
@Suite struct TargetAudienceJSONTests {
    static func encoderBytes(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static let audiences: [TargetAudience] = [
        TargetAudience(
            id: 1, name: "plain", description: nil, targetRule: nil, workspace: "1",
            createdAt: Date(timeIntervalSince1970: 1_795_600_805)),
        TargetAudience(
            id: 9_007_199_254_740_993, name: "a/b \"quoted\" \\ é 😀 \u{1}", description: "line\nbreak / tab\t",
            origin: "aem", targetRule: .object(["and": .array([.object(["page": .string("/x"), "n": .integer(-3)])])]),
            workspace: "ws/2", createdAt: Date(timeIntervalSince1970: 0),
            modifiedAt: Date(timeIntervalSince1970: 86_399)),
        TargetAudience(
            id: 3, name: "combined", description: "", targetRule: nil,
            audienceRule: .object(["or": .array([.integer(1), .bool(true), .null])]), workspace: "1",
            createdAt: Date(timeIntervalSince1970: 951_782_400)),
    ]

    @Test func fullAudiencesAreWhatTheEncoderWrites() throws {
        for audience in Self.audiences {
            let full = TargetAudienceOperation.full(audience)
            #expect(TargetAPI.encode(full) == (try Self.encoderBytes(full)), "\(audience.name)")
        }
    }

    @Test func listsAreWhatTheEncoderWrites() throws {
        let items = Self.audiences.map {
            TargetAudienceOperation.ListItem(
                id: $0.id, name: $0.name, description: $0.description, origin: $0.origin,
                modifiedAt: TargetTimestamp.string($0.modifiedAt), workspace: $0.workspace)
        }
        for count in 0...items.count {
            let list = TargetAudienceOperation.List(
                offset: 2, limit: Int(Int32.max), total: 40, audiences: Array(items.prefix(count)))
            #expect(TargetAPI.encode(list) == (try Self.encoderBytes(list)), "\(count) audiences")
        }
    }

    @Test func aRuleWithAFractionalNumberIsLeftToTheEncoder() throws {
        var audience = Self.audiences[0]
        audience.targetRule = .object(["score": .number(0.25)])
        let full = TargetAudienceOperation.full(audience)
        #expect(TargetAPI.encode(full) == (try Self.encoderBytes(full)))
    }
}
