import AemconfProviders
import Foundation
import Testing

/// The console sends ids as strings in some answers and numbers in others (adobe-io-console.md); every model
/// reads both the same way through one type.
@Suite struct ConsoleIDTests {
    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    @Test func numericAndTextIdsReadAlike() throws {
        let numeric = try decode(Console.Workspace.self, #"{"id": 4566206088344794932, "name": "Production"}"#)
        let text = try decode(Console.Workspace.self, #"{"id": "4566206088344794932", "name": "Production"}"#)
        #expect(numeric.id == "4566206088344794932")
        #expect(numeric == text)
        let credential = try decode(
            Console.WorkspaceCredential.self, #"{"id_integration": 100003, "flow_type": "entp"}"#)
        #expect(credential.id_integration == "100003")
    }

    @Test func anOptionalIdMayBeMissingNullOrANumber() throws {
        let missing = try decode(Console.CreatedCredential.self, #"{"id": "7", "apiKey": "k"}"#)
        #expect(missing.orgId == nil)
        let null = try decode(Console.CreatedCredential.self, #"{"id": 7, "apiKey": "k", "orgId": null}"#)
        #expect(null.orgId == nil)
        let number = try decode(Console.CreatedCredential.self, #"{"id": 7, "apiKey": "k", "orgId": 918273}"#)
        #expect(number.orgId == "918273")
        #expect(number.id == "7")
    }

    @Test func aRequiredIdThatIsMissingOrNotAnIdIsAnError() {
        #expect(throws: DecodingError.self) { try decode(Console.Project.self, #"{"name": "p"}"#) }
        #expect(throws: DecodingError.self) { try decode(Console.Project.self, #"{"id": true, "name": "p"}"#) }
    }

    @Test func licenseConfigsRoundTripWithoutNullIds() throws {
        let profile = try decode(Console.LicenseConfig.self, #"{"id": 7100000, "name": "Default Workspace"}"#)
        #expect(profile.id == "7100000")
        #expect(profile.productId == nil)
        let encoded = String(decoding: try JSONEncoder().encode(profile), as: UTF8.self)
        #expect(encoded.contains(#""id":"7100000""#))
        #expect(!encoded.contains("productId"))
        #expect(try decode(Console.LicenseConfig.self, encoded) == profile)
    }
}
