import AemconfYAML
import Foundation

extension ConfigLoader {
    /// What parsing one file gave: its single document (`nil` when it has none), or a positioned diagnostic.
    enum ParsedFile {
        case document(Node?)
        case failure(Diagnostic)
    }

    /// Parses one file's bytes with the system libyaml front end.
    static func parse(_ data: Data, file: String) -> ParsedFile {
        do {
            let root = try data.withUnsafeBytes { raw in
                try YAMLParser.parseSingleDocument(bytes: raw.bindMemory(to: UInt8.self), file: file)
            }
            return .document(root)
        } catch let failure as YAMLError {
            return .failure(.yaml(failure))
        } catch {
            return .failure(.yamlSyntax("cannot parse the file: \(error)", at: SourceLocation(file: file, line: 1, column: 1)))
        }
    }
}
