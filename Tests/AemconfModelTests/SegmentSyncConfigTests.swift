import AemconfModel
import AemconfTestSupport
import Testing

/// `segmentSync`'s keys: decoded with their defaults, checked with the position of each bad value.
struct SegmentSyncConfigTests {
    private func service(_ segmentSync: String) -> String {
        """
        version: 1
        imsConfigurations:
          prod: {title: T, clientId: abc, clientSecret: "${env:S}"}
        targetCloudServices:
          wknd:
            title: WKND
            clientCode: wkndclient
            imsConfiguration: prod
            segmentSync:
        \(segmentSync)
        """
    }

    @Test func decodesIncludeExcludeRootAndTheResyncInterval() throws {
        let result = ConfigFixture.decode(
            service(
                """
                        include: ["Campaign*", "?VIP"]
                        exclude: ["*draft*"]
                        root: /etc/segmentation/wknd
                        fullResyncEveryDays: 3
                """))
        #expect(result.diagnostics.filter(\.isError).isEmpty, "\(result.diagnostics)")
        let sync = try #require(result.config?.targetCloudServices.first?.segmentSync)
        #expect(sync.include == ["Campaign*", "?VIP"])
        #expect(sync.exclude == ["*draft*"])
        #expect(sync.root == "/etc/segmentation/wknd")
        #expect(sync.fullResyncEveryDays == 3)
        #expect(sync.workspaces.isEmpty, "no workspace filter by default")
        #expect(SegmentSync().fullResyncEveryDays == SegmentSync.defaultFullResyncEveryDays)
    }

    @Test func reportsABadRootAndIntervalAtTheirValues() throws {
        let fixture = MarkedText(
            service(
                """
                        root: 1️⃣etc/segmentation
                        fullResyncEveryDays: 2️⃣0
                """))
        let result = ConfigFixture.decode(fixture.text)
        let errors = result.diagnostics.filter(\.isError)
        #expect(
            errors.map(\.location) == [
                try #require(fixture.location(of: "1️⃣")).source(),
                try #require(fixture.location(of: "2️⃣")).source(),
            ], "\(errors)")
        #expect(
            Set(errors.map(\.code)).isSubset(of: [.invalidValue, .invalidName, .outOfRange]), "\(errors.map(\.code))")
    }

    @Test func keysBesidesModeAreIgnoredWithAWarningInAEMMode() throws {
        let fixture = MarkedText(
            service(
                """
                        mode: aem
                        1️⃣include: ["x*"]
                """))
        let result = ConfigFixture.decode(fixture.text)
        let warning = try #require(result.diagnostics.first { $0.code == .conflictingKeys })
        #expect(warning.location == (try #require(fixture.location(of: "1️⃣")).source()))
    }

    @Test func namePatternsMatchWholeNames() {
        #expect(NamePattern.matches("Campaign*", "Campaign 2026"))
        #expect(!NamePattern.matches("Campaign*", "Old Campaign"))
        #expect(NamePattern.matches("*draft*", "Summer draft v2"))
        #expect(NamePattern.matches("?VIP", "AVIP"))
        #expect(!NamePattern.matches("?VIP", "VIP"))
        #expect(NamePattern.matches("a*b*c", "aXXbYYc"))
        #expect(!NamePattern.matches("a*b*c", "aXXbYY"))
        let sync = SegmentSync(workspaces: ["42"], include: ["C*"], exclude: ["*x"])
        #expect(sync.accepts(name: "Cat", workspace: "42"))
        #expect(!sync.accepts(name: "Cat", workspace: "7"))
        #expect(!sync.accepts(name: "Cox", workspace: "42"))
        #expect(!sync.accepts(name: "Dog", workspace: "42"))
    }
}
