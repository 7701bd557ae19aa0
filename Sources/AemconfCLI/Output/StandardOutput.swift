#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Flushes buffered standard output so progress lines appear as they happen.
enum StandardOutput {
    static func flush() {
        fflush(nil)
    }
}
