/// A `multipart/form-data` body: ordered text fields and file parts.
public struct MultipartBody: Sendable {
    /// One part of the body.
    public struct Part: Sendable {
        /// The form field name.
        public var name: String
        /// The file name, for file parts.
        public var filename: String?
        /// The part's content type, for file parts.
        public var contentType: String?
        /// The part's bytes.
        public var data: [UInt8]
    }

    /// The parts in order.
    public private(set) var parts: [Part] = []
    /// The boundary string.
    public let boundary: String

    /// Creates an empty body with a boundary that is unlikely to occur in the data.
    public init(boundary: String = "aemconf-boundary-7c3f9d1e2b4a") {
        self.boundary = boundary
    }

    /// Appends a text field.
    public mutating func append(_ name: String, _ value: String) {
        parts.append(Part(name: name, filename: nil, contentType: nil, data: Array(value.utf8)))
    }

    /// Appends a file part.
    public mutating func appendFile(_ name: String, filename: String, contentType: String, data: [UInt8]) {
        parts.append(Part(name: name, filename: filename, contentType: contentType, data: data))
    }

    /// The `Content-Type` header value, with the boundary.
    public var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// The encoded body bytes.
    public var encoded: [UInt8] {
        var out: [UInt8] = []
        for part in parts {
            out += Array("--\(boundary)\r\n".utf8)
            var disposition = "Content-Disposition: form-data; name=\"\(part.name)\""
            if let filename = part.filename { disposition += "; filename=\"\(filename)\"" }
            out += Array("\(disposition)\r\n".utf8)
            if let type = part.contentType { out += Array("Content-Type: \(type)\r\n".utf8) }
            out += Array("\r\n".utf8)
            out += part.data
            out += Array("\r\n".utf8)
        }
        out += Array("--\(boundary)--\r\n".utf8)
        return out
    }
}
