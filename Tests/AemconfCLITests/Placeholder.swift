import Testing

@Test func AemconfCLITestsBuilds() { #expect(Bool(true)) }
