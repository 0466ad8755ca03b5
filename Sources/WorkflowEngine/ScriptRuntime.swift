import CJavaScriptCore
import Foundation

/// One JavaScriptCore context group and global context with the runner installed, called
/// through the functions of a loaded `JavaScriptCoreLibrary`. A `ScriptEngine` creates it
/// when its first script or services file runs.
///
/// Not thread-safe, like the `ScriptEngine` that owns it.
final class ScriptRuntime {
    /// The number of runtimes this process has created, so tests can check that a call did
    /// not start JavaScriptCore. Read and written under `countLock`.
    nonisolated(unsafe) private static var createdCount = 0
    private static let countLock = NSLock()

    static var created: Int {
        countLock.lock()
        defer { countLock.unlock() }
        return createdCount
    }

    let js: CJSCFunctions
    let timeLimit: Double
    private let group: JSContextGroupRef
    private let context: JSGlobalContextRef
    private let runner: JSObjectRef
    private let terminationFlag = TerminationFlag()
    /// The JavaScript strings of recently passed data, reused while the data is unchanged.
    private let texts: ScriptTextCache
    private let emptyArrayText: JSValueRef

    /// Set by JavaScriptCore's watchdog callback when a run passes the time limit.
    final class TerminationFlag {
        var fired = false
    }

    /// Whether the last `call` or `evaluate` was stopped by the time limit.
    var timedOut: Bool { terminationFlag.fired }

    /// Creates the context and installs the runner, stopping each run after `timeLimit`
    /// seconds of CPU time.
    init(library: JavaScriptCoreLibrary, timeLimit: Double) {
        js = library.functions
        self.timeLimit = timeLimit
        // Both return null only when memory runs out.
        guard let group = js.JSContextGroupCreate(), let context = js.JSGlobalContextCreateInGroup(group, nil) else {
            fatalError("JavaScriptCore could not create a context; the process is out of memory")
        }
        self.group = group
        self.context = context
        runner = Self.installRunner(in: context, js: js)
        texts = ScriptTextCache(context: context, js: js)
        emptyArrayText = js.makeString("[]", in: context)
        js.JSValueProtect(context, emptyArrayText)
        let flag = Unmanaged.passUnretained(terminationFlag).toOpaque()
        // NOTE: JavaScriptCore's C API has no heap limit, so only this CPU time limit bounds what
        // a script allocates. A loop that allocates fast can take much memory before it stops.
        js.JSContextGroupSetExecutionTimeLimit(group, timeLimit, { _, pointer in
            guard let pointer else { return true }
            Unmanaged<TerminationFlag>.fromOpaque(pointer).takeUnretainedValue().fired = true
            return true
        }, flag)

        Self.countLock.lock()
        Self.createdCount += 1
        Self.countLock.unlock()
    }

    deinit {
        texts.removeAll()
        js.JSValueUnprotect(context, emptyArrayText)
        js.JSGlobalContextRelease(context)
        js.JSContextGroupRelease(group)
    }

    /// Calls the runner with `kind`, `source` and the scope, and returns the outcome's JSON
    /// text, or the JavaScript exception's message as the error.
    func call(_ kind: ScriptEngine.Kind, source: String, scope: ScriptScope) -> Result<String?, ScriptException> {
        terminationFlag.fired = false
        let arguments = callArguments(kind, source: source, scope: scope)
        defer { for argument in arguments { js.JSValueUnprotect(context, argument) } }

        var exception: JSValueRef?
        let result = arguments.withUnsafeBufferPointer { buffer in
            js.JSObjectCallAsFunction(context, runner, nil, arguments.count, buffer.baseAddress, &exception)
        }
        if let exception { return .failure(ScriptException(message: describe(exception))) }
        return .success(result.flatMap { string(from: $0) })
    }

    /// Evaluates `source` as a global script; `file` names it in JavaScript stack traces.
    func evaluate(_ source: String, file: String) -> Result<Void, ScriptException> {
        terminationFlag.fired = false
        let script = js.JSStringCreateWithUTF8CString(source)
        defer { js.JSStringRelease(script) }
        let url = js.JSStringCreateWithUTF8CString(file)
        defer { js.JSStringRelease(url) }

        var exception: JSValueRef?
        _ = js.JSEvaluateScript(context, script, nil, url, 0, &exception)
        if let exception { return .failure(ScriptException(message: describe(exception))) }
        return .success(())
    }

    /// Builds the runner's arguments in `runnerSource` order. After kind and source come the
    /// JSON texts of the item, the data, the instance with its `data` replaced by 0, the
    /// instance's data (null when it has none), input, output, parent scopes and items. The
    /// clock's time in milliseconds is last. The two data texts come from `texts`, so data
    /// shared by consecutive runs is rendered once. Each argument is protected from garbage
    /// collection, because the array is not on the stack that JavaScriptCore scans, and the
    /// caller unprotects them after the call.
    private func callArguments(_ kind: ScriptEngine.Kind, source: String, scope: ScriptScope) -> [JSValueRef?] {
        var instanceFields = scope.instance.objectValue
        let rootData = instanceFields?["data"]
        if rootData != nil { instanceFields?["data"] = .number(0) }
        let instanceText = instanceFields.map { JSONValue.object($0) } ?? scope.instance

        var arguments: [JSValueRef?] = []
        arguments.reserveCapacity(11)
        func add(_ value: JSValueRef?) {
            js.JSValueProtect(context, value)
            arguments.append(value)
        }
        add(makeString(kind.rawValue))
        add(makeString(source))
        add(makeString(scope.item.jsonText))
        add(texts.string(for: scope.data))
        add(makeString(instanceText.jsonText))
        add(rootData.map { texts.string(for: $0) } ?? js.JSValueMakeNull(context))
        add(makeString(scope.input.jsonText))
        add(makeString(scope.output.jsonText))
        add(scope.parentScopes.isEmpty ? emptyArrayText : makeString(JSONValue.array(scope.parentScopes).jsonText))
        add(scope.items.arrayValue?.isEmpty == true ? emptyArrayText : makeString(scope.items.jsonText))
        add(js.JSValueMakeNumber(context, (scope.now.timeIntervalSince1970 * 1000).rounded()))
        return arguments
    }

    private static func installRunner(in context: JSGlobalContextRef, js: CJSCFunctions) -> JSObjectRef {
        let source = js.JSStringCreateWithUTF8CString(ScriptEngine.runnerSource)
        defer { js.JSStringRelease(source) }
        var exception: JSValueRef?
        let value = js.JSEvaluateScript(context, source, nil, nil, 1, &exception)
        guard exception == nil, let value, let object = js.JSValueToObject(context, value, nil) else {
            fatalError("the built-in JavaScript runner failed to compile; JavaScriptCore is broken")
        }
        js.JSValueProtect(context, object)
        return object
    }

    private func makeString(_ text: String) -> JSValueRef {
        js.makeString(text, in: context)
    }

    private func string(from value: JSValueRef) -> String? {
        guard let string = js.JSValueToStringCopy(context, value, nil) else { return nil }
        defer { js.JSStringRelease(string) }
        let capacity = js.JSStringGetMaximumUTF8CStringSize(string)
        var buffer = [CChar](repeating: 0, count: capacity)
        _ = js.JSStringGetUTF8CString(string, &buffer, capacity)
        return String(cString: buffer)
    }

    private func describe(_ exception: JSValueRef) -> String {
        string(from: exception) ?? "unknown JavaScript exception"
    }
}

/// A JavaScript exception's message.
struct ScriptException: Error {
    let message: String
}

extension CJSCFunctions {
    /// Returns a JavaScript string of `text`. The value is not protected: it lives only until
    /// the next garbage collection unless it is passed to a call or protected.
    func makeString(_ text: String, in context: JSGlobalContextRef) -> JSValueRef {
        let string = JSStringCreateWithUTF8CString(text)
        defer { JSStringRelease(string) }
        guard let value = JSValueMakeString(context, string) else {
            fatalError("JavaScriptCore could not create a string; the process is out of memory")
        }
        return value
    }
}
