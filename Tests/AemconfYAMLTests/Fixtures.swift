import AemconfTestSupport
import AemconfYAML
import Testing

/// A config in the shape of PRODUCT.md's example, using every scalar style, anchors, aliases and merges.
let realConfig = """
    # yaml-language-server: $schema=../../schemas/aemconf.schema.json
    version: 1
    aem:
      url: https://author.wknd.example.com:4502
      username: admin
      password: ${env:AEM_PASSWORD}
    adobe:
      imsOrg: 0123456789ABCDEF01234567@AdobeOrg
      console:
        token: ${env:ADOBE_CONSOLE_TOKEN}      # user token for the Developer Console API
        project: 'aem-target'
    defaults:
      integration: &integration
        credential: oauth-server-to-server
        api: adobe-target
        productProfiles: &profiles [Default Workspace, Marketing]
    ioIntegrations:
      target-prod:
        <<: *integration
        name: aem-target-prod
        description: "AEM author -> Adobe Target (prod) \\u00e9"
      target-legacy:
        <<: [*integration, {credential: jwt}]
        credential: jwt
        certificate: { alias: aem-target-legacy, validityDays: 365, renewBeforeDays: 30 }
    imsConfigurations:
      target-prod:
        title: Adobe Target (prod)
        cloudSolution: adobe-target
        authorizationServer: https://ims-na1.adobelogin.com
        integration: target-prod
    targetCloudServices:
      wknd:
        title: WKND Target
        name: wknd-target
        clientCode: wkndclient
        imsConfiguration: target-prod
        accurateTargeting: true
        notes: |
          Line one
          Line two
        summary: >
          folded
          text
        segmentSync:
          mode: aemconf
          workspaces: *profiles
          prune: true
          maxDeletes: 50

    """

/// Parses a single-document fixture.
func parse(_ text: String, file: String = "aemconf.yaml") throws -> Node {
    try #require(try YAMLParser.parseSingleDocument(text, file: file))
}

/// The error parsing `fixture` throws, checked to point at the fixture's `1️⃣` marker.
@discardableResult
func expectError(
    _ code: YAMLError.Code,
    in fixture: MarkedText,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> YAMLError {
    var thrown: YAMLError?
    do {
        _ = try YAMLParser.parseSingleDocument(fixture.text, file: "bad.yaml")
    } catch let error as YAMLError {
        thrown = error
    }
    let error = try #require(thrown, "expected a '\(code)' error", sourceLocation: sourceLocation)
    #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    let expected = try #require(
        fixture.location(of: "1️⃣"), "the fixture has no 1️⃣ marker", sourceLocation: sourceLocation)
    #expect(
        MarkedText.Location(line: error.mark.line, column: error.mark.column) == expected,
        "\(error)",
        sourceLocation: sourceLocation
    )
    #expect(error.mark.file == "bad.yaml", sourceLocation: sourceLocation)
    return error
}

extension Node {
    /// The value of the mapping pair whose scalar key is `key`.
    func value(_ key: String) -> Node? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { pair in
            if case .scalar(let scalar) = pair.key.content { return scalar.value == key }
            return false
        }?.value
    }

    /// The pair whose scalar key is `key`.
    func pair(_ key: String) -> Pair? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { pair in
            if case .scalar(let scalar) = pair.key.content { return scalar.value == key }
            return false
        }
    }

    /// The scalar text, or `nil` for a collection.
    var text: String? {
        if case .scalar(let scalar) = content { return scalar.value }
        return nil
    }

    /// The scalar style, or `nil` for a collection.
    var style: Scalar.Style? {
        if case .scalar(let scalar) = content { return scalar.style }
        return nil
    }

    /// The mapping's pairs, or `nil` for a scalar or sequence.
    var pairs: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The mapping's keys in order.
    var keys: [String] {
        guard case .mapping(let pairs) = content else { return [] }
        return pairs.compactMap(\.key.text)
    }

    /// The sequence's items.
    var items: [Node] {
        if case .sequence(let items) = content { return items }
        return []
    }

    /// Line and column as a `MarkedText.Location`.
    var location: MarkedText.Location { MarkedText.Location(line: mark.line, column: mark.column) }
}
