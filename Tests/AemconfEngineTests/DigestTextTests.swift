import AemconfModel
import Foundation
import Testing

@testable import AemconfResources

/// The config digest writes each attribute with the canonical writer and trims configMgr's scopes without
/// Foundation when it can; both must give the text they gave before.
@Suite struct DigestTextTests {
    @Test func aJSONValuesTextIsJSONEncodersText() {
        let values: [JSONValue?] = [
            nil, .null, .bool(true), .number(3), .number(0.5), .string("a/b \"c\" é"), .strings(["b", "a"]),
            .object(["b": .number(1), "a": .array([.string("x"), .null]), "B": .object([:])]),
        ]
        for value in values {
            #expect(
                CanonicalJSON.text(value) == CanonicalJSON.text(AnyEncodable(value)), "\(String(describing: value))")
        }
    }

    @Test func scopesAreTrimmedAsFoundationTrimsThem() {
        let parts = [
            "openid", " openid", "openid ", "\topenid\t", "", " ", "\u{00A0}openid", "openid\u{3000}", "é", " é ",
            "a b", "\nopenid\n", "AdobeID,", "\u{2003}",
        ]
        for part in parts {
            #expect(
                IMSConfigurationObservation.trimmedOfWhitespace(Substring(part))
                    == part.trimmingCharacters(in: .whitespaces), "\(part.debugDescription)")
        }
    }
}

/// Forces the generic (`Encodable`, `JSONEncoder`) overload.
private struct AnyEncodable: Encodable {
    let value: JSONValue?
    init(_ value: JSONValue?) { self.value = value }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
