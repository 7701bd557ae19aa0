import AemconfModel
import AemconfYAML

/// The libFuzzer entry point (built only by `scripts/fuzz`, with `-sanitize=fuzzer,address`): every input is
/// parsed by the YAML front end (all documents, then as a config's single document, streamed as the loader
/// streams it) and decoded into a config, whose diagnostics are rendered. Any crash, sanitizer report, hang or
/// leak is a finding; a thrown `YAMLError` or a diagnostic is the expected answer to bad input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    // Small limits keep each input fast: the limits themselves are what is under test, not their size.
    let configuration = YAMLParser.Configuration(maxAliasExpansion: 100_000, maxDepth: 128)
    do {
        for document in try YAMLParser.parseDocuments(bytes: bytes, file: "fuzz.yaml", configuration: configuration) {
            _ = (document.mark, document.endMark)
        }
    } catch let error as YAMLError {
        _ = error.description
    } catch {}
    do {
        _ = try YAMLParser.parseSingleDocument(bytes: bytes, file: "fuzz.yaml", configuration: configuration)
    } catch let error as YAMLError {
        _ = error.description
    } catch {}
    var decoder = ConfigDecoder()
    decoder.add(yaml: bytes, file: "fuzz.yaml")
    let result = decoder.finish()
    for diagnostic in result.diagnostics {
        _ = (diagnostic.message, diagnostic.location)
    }
    return 0
}

/// libFuzzer's driver (in the fuzzer runtime that `-sanitize=fuzzer` links).
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The program's entry point. SwiftPM links an executable target with `main` pointing at `<module>_main`, so
/// libFuzzer's own `main` is never used: this one hands the command line to libFuzzer's driver.
@_cdecl("aemconf_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
