import Foundation
import Testing

@testable import AemconfSandbox

/// The sandbox's hand-rolled text codecs against what the Servlet and JCR specifications say they produce.
@Suite struct SandboxFormatTests {
    @Test func urlEncodedFieldsDecodePlusAndPercentEscapes() {
        let form = SandboxForm.urlEncoded("a=1+2&b=%C3%A9t%C3%A9&c=&d=%2B%26%3D&e")
        #expect(form.value("a") == "1 2")
        #expect(form.value("b") == "été")
        #expect(form.value("c") == "")
        #expect(form.value("d") == "+&=")
        #expect(form.value("e") == "")
    }

    @Test func aMalformedEscapeIsKeptAsSent() {
        #expect(SandboxForm.decodeComponent("100%+sure") == "100% sure")
        #expect(SandboxForm.decodeComponent("%zz") == "%zz")
        #expect(SandboxForm.decodeComponent("%C3") == "%C3")
        #expect(SandboxForm.decodeComponent("x%4") == "x%4")
    }

    @Test func jcrDatesRenderInSlingsECMAFormatAndRoundTripInISO() throws {
        let date = Date(timeIntervalSince1970: 1_795_600_800.25)  // 2026-11-25T10:00:00.250Z, a Wednesday
        let iso = AEMDateFormat.iso(date)
        #expect(iso == "2026-11-25T10:00:00.250Z")
        #expect(AEMDateFormat.parse(iso) == date)
        #expect(AEMDateFormat.parse("2026-11-25T10:00:00Z") == Date(timeIntervalSince1970: 1_795_600_800))
        #expect(AEMDateFormat.ecma(iso) == "Wed Nov 25 2026 10:00:00 GMT+0000")
        #expect(AEMDateFormat.ecma("2026-01-04T03:04:05Z") == "Sun Jan 04 2026 03:04:05 GMT+0000")
        #expect(AEMDateFormat.ecma("not a date") == "not a date")
    }
}
