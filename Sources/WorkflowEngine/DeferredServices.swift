import Foundation

extension WorkflowEngine {
    /// Reads every `.js` file of `directory` (in name order) like `loadServices(from:)`, but
    /// runs them only when the first script, condition or service task runs. Commands that run
    /// no JavaScript then never load JavaScriptCore. A file that fails to run fails that first
    /// engine call, and every later one that runs JavaScript, with
    /// `EngineError.serviceLoadFailed` naming the file.
    ///
    /// The CLI uses it for `count`, which runs no JavaScript; other commands call
    /// `loadServices(from:)`, so that a broken services file fails them at once.
    /// - Returns: the files read.
    /// - Throws: `EngineError.serviceLoadFailed` when a file cannot be read as UTF-8 text.
    @discardableResult
    public func deferServices(from directory: URL) throws -> [String] {
        servicesLocation = directory.path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var read: [(source: String, file: String)] = []
        for name in names.filter({ $0.hasSuffix(".js") }).sorted() {
            let url = directory.appendingPathComponent(name)
            do {
                read.append((source: try String(contentsOf: url, encoding: .utf8), file: url.path))
            } catch {
                throw EngineError.serviceLoadFailed(file: url.path, message: "it cannot be read as UTF-8 text (\(error.localizedDescription))")
            }
        }

        for file in read {
            try scripts.deferServices(source: file.source, file: file.file)
        }
        return read.map(\.file)
    }
}
