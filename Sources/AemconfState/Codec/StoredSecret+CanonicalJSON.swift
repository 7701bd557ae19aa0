import AemconfModel

/// The `secrets` column written directly: the same text `JSONEncoder` with sorted keys gives through
/// ``StoredSecret``'s `Encodable` conformance (`{"fingerprint":"…"}` or
/// `{"sealed":{"aad":2,"box":"…","keyId":"…"}}`, `box` in base64, `aad` only from version 2), without `Encoder`
/// containers: every commit of a resource with a secret wrote it through `JSONEncoder`, about 1 % of an apply's CPU.
extension StoredSecret: CanonicalJSONWritable {
    /// Writes `{"fingerprint":"…"}` or `{"sealed":{…}}`.
    public func write(to writer: inout CanonicalJSONWriter) {
        switch self {
        case .fingerprint(let fingerprint):
            writer.writeSingleMember("fingerprint") { $0.write(fingerprint.value) }
        case .sealed(let sealed):
            writer.writeSingleMember("sealed") { writer in
                // Keys in `.sortedKeys` order: aad, box, keyId.
                writer.append("{")
                if sealed.aadVersion > 1 { writer.append("\"aad\":\(sealed.aadVersion),") }
                writer.append("\"box\":")
                writer.write(sealed.box.base64EncodedString())
                writer.append(",\"keyId\":")
                writer.write(sealed.keyID)
                writer.append("}")
            }
        }
    }
}
