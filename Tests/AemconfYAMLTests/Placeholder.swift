import Testing

@Test func AemconfYAMLTestsBuilds() { #expect(Bool(true)) }
