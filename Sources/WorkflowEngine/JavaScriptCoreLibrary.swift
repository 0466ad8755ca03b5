import CJavaScriptCore
import Foundation

/// JavaScriptCore's functions, resolved from libjavascriptcoregtk-4.1 the first time a script
/// runs. The program does not link the library, so commands that run no script start faster
/// and work where it is not installed.
struct JavaScriptCoreLibrary {
    /// The soname the engine opens by default.
    static let defaultFile = "libjavascriptcoregtk-4.1.so.0"

    /// The Debian package that installs `defaultFile`.
    static let package = "libjavascriptcoregtk-4.1-0"

    let file: String
    let functions: CJSCFunctions

    private static let lock = NSLock()
    /// The outcome of each file opened so far, so a process calls dlopen once per file.
    nonisolated(unsafe) private static var outcomes: [String: Result<JavaScriptCoreLibrary, JavaScriptUnavailableError>] = [:]

    /// Opens `file` and resolves the functions, or returns the earlier outcome for that file.
    /// Thread-safe.
    /// - Throws: `JavaScriptUnavailableError` when the file cannot be opened or lacks a function.
    static func load(file: String = defaultFile) throws -> JavaScriptCoreLibrary {
        lock.lock()
        defer { lock.unlock() }

        if let outcome = outcomes[file] { return try outcome.get() }
        let outcome = open(file)
        outcomes[file] = outcome
        return try outcome.get()
    }

    private static func open(_ file: String) -> Result<JavaScriptCoreLibrary, JavaScriptUnavailableError> {
        var functions = CJSCFunctions()
        var problem: UnsafePointer<CChar>?
        let status = cjsc_load(file, &functions, &problem)
        let text = problem.map { String(cString: $0) } ?? "no reason given"

        switch status {
        case CJSCLoaded:
            return .success(JavaScriptCoreLibrary(file: file, functions: functions))
        case CJSCFunctionMissing:
            return .failure(JavaScriptUnavailableError(file: file, reason: .functionMissing(text)))
        default:
            return .failure(JavaScriptUnavailableError(file: file, reason: .notOpened(text)))
        }
    }
}

/// The reason no script can run: JavaScriptCore could not be loaded. The engine call that
/// needed a script fails and leaves the database as it was.
public struct JavaScriptUnavailableError: Error, Equatable, CustomStringConvertible {
    public enum Reason: Equatable {
        /// dlopen failed, with dlerror's text.
        case notOpened(String)
        /// The file opened but lacks this function, so it is not JavaScriptCore 4.1.
        case functionMissing(String)
    }

    /// The library file the engine tried to open.
    public let file: String
    public let reason: Reason

    public var description: String {
        let failure: String
        switch reason {
        case .notOpened(let detail):
            failure = "cannot open the JavaScriptCore library '\(file)' (\(detail))"
        case .functionMissing(let name):
            failure = "the library '\(file)' lacks the JavaScriptCore function '\(name)'"
        }
        return "scripts and conditions cannot run: \(failure); install it with "
            + "'apt-get install \(JavaScriptCoreLibrary.package)'"
    }
}
