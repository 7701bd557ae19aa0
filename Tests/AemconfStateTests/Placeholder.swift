import Testing

@Test func AemconfStateTestsBuilds() { #expect(Bool(true)) }
