import AemconfModel
import AemconfTestSupport
import AemconfPlanner
import AemconfResources
import AemconfState
import Foundation
import Testing

/// A state row's attributes are written by `CanonicalJSONWriter`: the same bytes `JSONEncoder` with sorted keys
/// wrote before, so rows written by either compare equal and read back the same.
struct StateRowEncodingTests {
    struct EncodedBody: Encodable {
        var attributes: PlanAttributes
        var outputs: PlanAttributes
    }

    static func randomAttributes(_ generator: inout SplitMix64) -> PlanAttributes {
        var attributes: PlanAttributes = [:]
        let names = ["clientId", "title", "scopes", "a4t", "ÄÖ", "name/with/slash", "quote\"d", "Z", "z", "10", "9"]
        for name in names where Bool.random(using: &generator) {
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: attributes[name] = .unknown
            case 1:
                attributes[name] = .sensitive(
                    fingerprint: "hmac-sha256:\(UInt64.random(in: 0...UInt64.max, using: &generator))")
            case 2: attributes[name] = .known(.array([.string("b"), .string("a/c"), .string("\u{1}")]))
            case 3: attributes[name] = .known(.number(Double(Int.random(in: -5...5, using: &generator)) / 4))
            default: attributes[name] = .known(.object(["x": .bool(true), "y": .null, "é": .string("漢\n")]))
            }
        }
        return attributes
    }

    @Test func theWrittenRowIsWhatJSONEncoderWrote() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<500 {
            var resource = StoredResource(address: ResourceAddress("ioIntegrations.target-prod")!)
            resource.attributes = Self.randomAttributes(&generator)
            resource.outputs = Self.randomAttributes(&generator)
            let record = try resource.record()
            let expected = String(
                decoding: try encoder.encode(EncodedBody(attributes: resource.attributes, outputs: resource.outputs)),
                as: UTF8.self)
            #expect(record.attributes.text == expected)
            let read = try #require(StoredResource(record: record))
            #expect(read.attributes == resource.attributes)
            #expect(read.outputs == resource.outputs)
        }
    }
}
