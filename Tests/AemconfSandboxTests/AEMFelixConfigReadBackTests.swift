import Testing

@testable import AemconfSandbox

/// A configuration written by configMgr is known from the properties it was written from, not parsed back:
/// ``AEMFelixConfigFormat/readBack(_:)`` must answer exactly what parsing the written text answers, or `nil`; and the
/// text is written byte by byte, as the general writer wrote it.
@Suite struct AEMFelixConfigReadBackTests {
    typealias Property = (name: String, value: AEMOSGiConfiguration.Value)

    static let names = [
        "auth.token.provider.client.id", "service.ranking", "a", "x=y", "with space", "back\\slash", "#comment",
        "!bang", "", "tab\tname", "é", "quote\"d", "semi;colon", "line\nbreak",
    ]
    static let types = [
        "String", "Integer", "Long", "Boolean", "Float", "Double", "Short", "Byte", "Character", "Password", "",
    ]
    static let values = [
        "", "plain", "https://ims-na1.adobelogin.com", "with space", "a=b", "{braces}", "quote\"d", "back\\slash",
        "line\nbreak\r\t", "é", "e\u{301}", "\u{1}\u{7f}", "日本", "😀", "true", "-42",
        "0123456789ABCDEF@AdobeOrg",
    ]

    /// Random property lists, the same for every run.
    static func propertyLists(_ count: Int) -> [[Property]] {
        var generator = SplitMix64(seed: 7)
        return (0..<count).map { _ in
            (0..<generator.below(5)).map { _ in
                let isArray = generator.below(3) == 0
                let count = isArray ? generator.below(4) : generator.below(3)
                let values = (0..<count).map { _ in Self.values[generator.below(Self.values.count)] }
                return (
                    Self.names[generator.below(Self.names.count)],
                    .init(type: Self.types[generator.below(Self.types.count)], values: values, isArray: isArray)
                )
            }
        }
    }

    /// What `write` wrote before it wrote bytes: a line per property through `quote`, joined.
    static func referenceWrite(_ properties: [Property]) -> String {
        let lines = properties.map { name, value in
            let code = AEMFelixConfigFormat.typeCode(for: value.type)
            if value.isArray {
                return "\(name)=\(code)[\(value.values.map(AEMFelixConfigFormat.quote).joined(separator: ","))]"
            }
            return "\(name)=\(code)\(AEMFelixConfigFormat.quote(value.values.first ?? ""))"
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func writesWhatTheLineByLineWriterWrote() {
        for properties in Self.propertyLists(3_000) {
            #expect(AEMFelixConfigFormat.write(properties) == Self.referenceWrite(properties), "\(properties)")
        }
        let everyASCII = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        let properties: [Property] = everyASCII.map { ("p", .init(type: "String", values: [$0 + "x"], isArray: false)) }
        #expect(AEMFelixConfigFormat.write(properties) == Self.referenceWrite(properties))
    }

    @Test func readsBackWhatParsingTheWrittenTextReads() {
        var fast = 0
        for properties in Self.propertyLists(3_000) {
            guard let readBack = AEMFelixConfigFormat.readBack(properties) else { continue }
            fast += 1
            let parsed = AEMFelixConfigFormat.parse(AEMFelixConfigFormat.write(properties))
            #expect(parsed?.map(\.name) == readBack.map(\.name), "\(properties)")
            #expect(parsed?.map(\.value) == readBack.map(\.value), "\(properties)")
        }
        #expect(fast > 300)
    }

    @Test func anIMSConfigurationIsReadBackWithoutParsing() {
        let properties: [Property] = [
            ("name", .init(type: "String", values: ["Adobe Target (aemconf)"], isArray: false)),
            ("auth.token.provider.scope", .init(type: "String", values: ["openid", "AdobeID"], isArray: true)),
            ("auth.token.provider.reuse.access.token", .init(type: "Boolean", values: ["true"], isArray: false)),
            ("auth.token.validator.enabled", .init(type: "Boolean", values: [], isArray: false)),
        ]
        let readBack = AEMFelixConfigFormat.readBack(properties)
        #expect(readBack?.map(\.value.values) == [["Adobe Target (aemconf)"], ["openid", "AdobeID"], ["true"], [""]])
        #expect(AEMFelixConfigFormat.readBack([("😀", properties[0].value)]) == nil)
        #expect(AEMFelixConfigFormat.readBack([("a", .init(type: "String", values: ["😀"], isArray: false))]) == nil)
    }
}

extension SplitMix64 {
    /// A value in `0..<bound`.
    fileprivate mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
