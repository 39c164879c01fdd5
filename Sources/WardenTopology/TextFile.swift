import Foundation

/// Reads a UTF-8 text file or says why it cannot, in the words every YAML loader of the
/// project reports (topologies, the service configuration).
public enum TextFile {
    /// Why a file could not be read and what to do about it.
    public struct Failure: Error, Sendable {
        public let reason: String
        public let fix: String
    }

    public static func read(_ path: String) -> Result<String, Failure> {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            return .failure(Failure(reason: exists ? "cannot read the file" : "no such file",
                                    fix: exists ? "check its permissions and that it is a regular file" : "check the path"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(Failure(reason: "the file is not UTF-8 text", fix: "save it as UTF-8"))
        }
        return .success(text)
    }
}
