import Testing

@testable import AemconfSandbox

/// The OSGi filter (RFC 1960, OSGi Core §3.2.7) the sandbox's configMgr listing selects with, as values: what
/// parses, and what a filter matches. Parts HTTP cannot reach (Felix refuses `&`, `<`, `>` in a request) are
/// covered here, since Felix itself builds `(&(service.pid=…)…)`.
@Suite struct AEMOSGiFilterTests {
    static let attributes = AEMOSGiFilter.attributes(
        of: AEMOSGiConfiguration(
            pid: "com.example.Factory.a1", factoryPid: "com.example.Factory",
            properties: [
                ("name", .init(type: "String", values: ["target (prod)*"], isArray: false)),
                ("timeout", .init(type: "Integer", values: ["30000"], isArray: false)),
                ("tags", .init(type: "String", values: ["blue", "green"], isArray: true)),
            ],
            nodePath: "/apps/system/config/com.example.Factory-a1.config"
        ))

    @Test(arguments: [
        "*", "", "service.pid=x", "(service.pid=x", "(service.pid=x))", "(=x)", "(a=b(c)", "(&(a=b)x)",
        "(!(a=b)(c=d))", "(a>x)", "(a>=*)", "com.adobe.granite.auth.oauth.accesstoken.provider.abc",
    ])
    func whatDoesNotParseIsAPlainPid(text: String) {
        #expect(AEMOSGiFilter(parsing: text) == nil)
    }

    @Test(arguments: [
        ("(service.pid=*)", true), ("(service.factoryPid=com.example.Factory)", true),
        ("(SERVICE.FACTORYPID=com.example.*)", true), ("(service.pid=*.Factory.*)", true),
        ("(service.pid=com.example.Factory)", false), ("( name = target \\(prod\\)\\*)", false),
        ("(name=target \\(prod\\)\\*)", true), ("(name=target*\\*)", true), ("(name=target*x)", false),
        ("(tags=green)", true), ("(tags=red)", false), ("(timeout>=29999)", true), ("(timeout<=29999)", false),
        ("(timeout=30000.0)", false), ("(timeout= 30000 )", true), ("(timeout=abc)", false),
        ("(name~=TARGET \\(PROD\\)\\*)", true), ("(&(service.pid=*)(|(tags=red)(tags=blue)))", true),
        ("(&(service.pid=*)(!(tags=blue)))", false), ("(&)", true), ("(|)", false), ("(missing=*)", false),
    ])
    func aFilterMatchesServicePropertiesAndTheConfigurationsOwn(text: String, matches: Bool) throws {
        let filter = try #require(AEMOSGiFilter(parsing: text), "\(text) parses")
        #expect(filter.matches(Self.attributes) == matches, "\(text)")
    }
}
