import Testing

@Test func AemconfModelTestsBuilds() { #expect(Bool(true)) }
