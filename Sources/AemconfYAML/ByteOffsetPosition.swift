/// The 1-based line and column (in Unicode scalars) of a byte offset in UTF-8 text.
///
/// libyaml reports encoding errors as a byte offset, not a mark; this converts it the way libyaml counts
/// marks: a leading byte order mark is not counted, `\r\n`, `\n` and `\r` end a line, and a column
/// advances once per character (every byte that is not a UTF-8 continuation byte).
struct ByteOffsetPosition {
    /// 1-based line.
    var line = 1
    /// 1-based column, in Unicode scalars.
    var column = 1

    /// The start of a text.
    init() {}

    /// The position of `offset` in `bytes`.
    init(bytes: UnsafeBufferPointer<UInt8>, offset: Int) {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
        }
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            index += 1
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte == 0x0D {
                if index < end, bytes[index] == 0x0A {
                    index += 1
                }
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
    }
}
