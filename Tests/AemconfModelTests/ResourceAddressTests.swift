import AemconfModel
import Foundation
import Testing

@Suite struct ResourceAddressTests {
    @Test func parsesAndPrints() throws {
        let address = try #require(ResourceAddress("targetCloudServices.wknd"))
        #expect(address == ResourceAddress(kind: .targetCloudService, name: "wknd"))
        #expect(address.description == "targetCloudServices.wknd")
        #expect(ResourceAddress("imsConfigurations.a.b")?.name == "a.b")
    }

    @Test(arguments: ["wknd", "targetCloudService.wknd", "ioIntegrations.", ".x", ""])
    func rejectsMalformedAddresses(_ text: String) {
        #expect(ResourceAddress(text) == nil)
    }

    @Test func ordersByApplyOrderThenName() {
        let addresses = ["targetCloudServices.a", "imsConfigurations.b", "ioIntegrations.c", "imsConfigurations.a"]
            .compactMap(ResourceAddress.init)
        #expect(
            addresses.sorted().map(\.description) == [
                "ioIntegrations.c", "imsConfigurations.a", "imsConfigurations.b", "targetCloudServices.a",
            ])
    }

    @Test func codableAsAString() throws {
        let data = try JSONEncoder().encode([ResourceAddress(kind: .ioIntegration, name: "prod")])
        #expect(String(decoding: data, as: UTF8.self) == #"["ioIntegrations.prod"]"#)
        #expect(try JSONDecoder().decode([ResourceAddress].self, from: data).first?.name == "prod")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ResourceAddress].self, from: Data(#"["x"]"#.utf8))
        }
    }
}
