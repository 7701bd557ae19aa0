import Testing

@testable import AemconfSandbox

/// A configuration written by configMgr is known from the properties it was written from, not parsed back:
/// ``AEMFelixConfigFormat/readBack(_:)`` must answer exactly what parsing the written text answers, or `nil`.
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
        "line\nbreak\r\t", "é", "e\u{301}", "\u{1}\u{7f}", "日本", "😀", "true", "-42", "0123456789ABCDEF@AdobeOrg",
    ]

    @Test func readsBackWhatParsingTheWrittenTextReads() {
        var generator = SplitMix64(seed: 7)
        var fast = 0
        for _ in 0..<3_000 {
            var properties: [Property] = []
            for _ in 0..<generator.below(5) {
                let isArray = generator.below(3) == 0
                let count = isArray ? generator.below(4) : generator.below(3)
                let values = (0..<count).map { _ in Self.values[generator.below(Self.values.count)] }
                properties.append(
                    (
                        Self.names[generator.below(Self.names.count)],
                        .init(type: Self.types[generator.below(Self.types.count)], values: values, isArray: isArray)
                    ))
            }
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
