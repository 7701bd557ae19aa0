import Testing

@Test func AemconfProvidersTestsBuilds() { #expect(Bool(true)) }
