import AemconfTestSupport
import Foundation
import Testing

@testable import AemconfProviders

/// The configMgr `Location` header is read as Foundation read it (`range(of:)` and `removingPercentEncoding`).
@Suite struct PercentDecodingTests {
    /// The rule before: Foundation's search and decoding.
    static func pidAsBefore(_ location: String) -> String? {
        guard let range = location.range(of: "/configMgr/") else { return nil }
        return String(location[range.upperBound...]).removingPercentEncoding ?? ""
    }

    @Test func aemsLocationHeadersGiveThePIDAsBefore() {
        let locations = [
            "http://localhost:4502/system/console/configMgr/com.adobe.granite.auth.oauth.accesstoken.provider.1a2b",
            "/system/console/configMgr/com.adobe.granite.auth.ims.impl.IMSAccessTokenRequestCustomizerImpl.x",
            "/system/console/configMgr/a%2Eb%2ec%20d", "/system/console/configMgr/", "/system/console/configMgr",
            "/configMgr/a/configMgr/b", "/configMgr/%", "/configMgr/%4", "/configMgr/%zz", "/configMgr/%C3%A9",
            "/configMgr/%C3", "/configMgr/%FF", "/configMgr/é%20x", "/confé/configMgr/ü", "", "no marker",
        ]
        for location in locations {
            #expect(AEMClient.locationPID(location) == Self.pidAsBefore(location), "\(location)")
        }
        #expect(AEMClient.locationPID(locations[2]) == "a.b.c d")
    }

    @Test func randomHeadersGiveThePIDAsBefore() {
        var random = SplitMix64(seed: 3986)
        let pieces = [
            "/configMgr/", "/config", "Mgr/", "%", "%2", "%2E", "%e9", "%C3%A9", "%F0%9F%98%80", "%C3",
            "a", "Z", ".", "-", "/", " ", "+", "é", "~",
        ]
        for _ in 0..<5_000 {
            let location = (0..<Int.random(in: 0..<8, using: &random)).map { _ in
                pieces[Int.random(in: 0..<pieces.count, using: &random)]
            }.joined()
            #expect(AEMClient.locationPID(location) == Self.pidAsBefore(location), "\(location)")
        }
    }
}
