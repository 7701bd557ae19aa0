import AemconfModel

extension ServiceResponse {
    /// Decodes the body with `fast` from its parsed JSON, or with `JSONDecoder` (``decode(_:decoder:)``) when the
    /// body is not JSON that `fast` reads (``JSONFields/Unsupported``, a repeated key, a malformed text): the answer
    /// or error is `JSONDecoder`'s either way.
    ///
    /// `JSONDecoder` copies the body into `Data`, maps it and walks the model's coding keys through the `Decoder`
    /// protocol; the answers read once per created object (a credential's details, a token, an audience page) were
    /// a few per cent of an apply's CPU.
    func decode<T: Decodable>(_ type: T.Type, fast: (JSONValue) throws -> T) throws -> T {
        if let value = try? JSONValue.parse(body, rejectingDuplicateKeys: true), let decoded = try? fast(value) {
            return decoded
        }
        return try decode(T.self)
    }
}
