import Foundation

extension WorkflowEngine {
    /// Loads every `.js` file of `directory` (in name order) as a services file: each adds
    /// functions to a `services` object, such as
    /// `services.add = (input, context) => ({ sum: input.v1 + input.v2 })`. Service tasks
    /// call them by their `implementation` (or `camunda:delegateExpression`/`camunda:class`)
    /// name with `(input, context)`; scripts reach them as `appServices`.
    /// - Returns: the files loaded.
    /// - Throws: `EngineError.serviceLoadFailed` naming the file that failed.
    @discardableResult
    public func loadServices(from directory: URL) throws -> [String] {
        servicesLocation = directory.path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var loaded: [String] = []
        for name in names.filter({ $0.hasSuffix(".js") }).sorted() {
            let url = directory.appendingPathComponent(name)
            let source: String
            do {
                source = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw EngineError.serviceLoadFailed(file: url.path, message: "it cannot be read as UTF-8 text (\(error.localizedDescription))")
            }
            try scripts.loadServices(source: source, file: url.path)
            loaded.append(url.path)
        }
        return loaded
    }
}
