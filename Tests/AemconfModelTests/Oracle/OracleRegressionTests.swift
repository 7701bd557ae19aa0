import AemconfModel
import AemconfTestSupport
import Testing

/// Disagreements the differential oracle found between aemconf's front end and PyYAML, fixed in aemconf.
@Suite struct OracleRegressionTests {
    /// `!!str true` and `!!str 365` are strings in every YAML implementation; the decoder used to read them as
    /// the boolean and the number because it looked only at the scalar's style.
    @Test func aStrTaggedScalarIsAStringNotABooleanOrANumber() {
        let result = ConfigFixture.decode(
            """
            version: 1
            targetCloudServices:
              wknd:
                title: !!str true
                clientCode: !!str 12345
                imsConfiguration: nope
                accurateTargeting: !!str true
            """
        )
        let wrongTypes = result.diagnostics.filter { $0.code == .wrongType }
        #expect(wrongTypes.count == 1)
        #expect(wrongTypes.first?.message.contains("the string 'true'") == true, "\(wrongTypes)")
        #expect(wrongTypes.first?.message.contains("remove the '!!str' tag") == true, "\(wrongTypes)")
        #expect(wrongTypes.first?.location.line == 7)
    }

    @Test func anUntaggedPlainBooleanIsStillABoolean() {
        let result = ConfigFixture.decode(
            """
            version: 1
            targetCloudServices:
              wknd:
                title: WKND
                clientCode: wknd
                imsConfiguration: nope
                accurateTargeting: true
            """
        )
        #expect(!result.diagnostics.contains { $0.code == .wrongType })
    }
}
