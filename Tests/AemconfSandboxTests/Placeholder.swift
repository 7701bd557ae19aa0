import Testing

@Test func AemconfSandboxTestsBuilds() { #expect(Bool(true)) }
