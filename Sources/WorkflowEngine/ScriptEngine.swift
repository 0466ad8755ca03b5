import CJavaScriptCore
import Foundation

/// The objects a script or condition can read: `this`/`item`, `data`, `input`, `output`,
/// `instance`. Values travel as JSON, so Dates become ISO 8601 strings.
struct ScriptScope {
    /// The item's fields (`id`, `elementId`, `assignee`, ...); `item.data` is `data`.
    var item: JSONValue
    /// The token's data scope; writes to it are returned in `ScriptOutcome.data`.
    var data: JSONValue
    /// The enclosing scopes' data, outermost (the instance root) first. `data` reads fall
    /// through to them for keys it lacks; writes stay in `data`.
    var parentScopes: [JSONValue] = []
    var input: JSONValue = .emptyObject
    var output: JSONValue = .null
    /// The instance fields without items (`id`, `name`, `data`, `startedAt`, ...).
    var instance: JSONValue = .emptyObject
    /// The engine clock's time; `new Date()` and `Date.now()` in the script return it.
    var now: Date = Date()
    /// The instance's items, returned by `this.context.getItems()`; filled only for scripts
    /// that mention `getItems`, since building it costs a pass over every item.
    var items: JSONValue = .array([])
}

/// The result of running JavaScript, with the scope objects the script changed. `data`,
/// `item`, `output` and `input` are nil when their JSON text after the run equals the text of
/// the scope's value.
struct ScriptOutcome {
    /// The returned value; nil when the script returned `undefined`.
    var value: JSONValue?
    var data: JSONValue?
    var item: JSONValue?
    var output: JSONValue?
    /// Lines written with `console.log` or `item.log`, at most 100 per run.
    var logs: [(level: String, message: String)]
    /// `this.context.messageMatchingKey` as the script left it (a correlation query).
    var messageMatchingKey: JSONValue
    /// A BPMN error or escalation the script raised: `item.throwError(code)`,
    /// `throw new BpmnError(code)`, or a returned `{bpmnError: code}` / `{escalation: code}`.
    var thrown: ThrownEvent?
    /// Whether the script called `this.token.loop.end()` to stop a standard loop.
    var loopEnded: Bool = false
    /// The item's `input` as the script left it (listeners may prepare a service's input).
    var input: JSONValue?
    /// The service name a `.service` run could not find among the loaded services.
    var missingService: String?
}

/// A BPMN error or escalation raised by model code, to be caught by a boundary event or
/// an event sub-process.
struct ThrownEvent: Equatable {
    enum Kind: String { case error, escalation }

    var kind: Kind
    var code: String?
    var message: String?
}

/// Runs JavaScript conditions and scripts in JavaScriptCore, in one context reused for the
/// engine's lifetime. Each run gets fresh `item`/`data` objects built from JSON, so runs
/// cannot see each other's state except through globals a script sets on purpose.
///
/// Not thread-safe; one per engine.
final class ScriptEngine {
    /// The form of a source text.
    enum Kind: String {
        /// A JavaScript expression; its value is returned.
        case expression
        /// A function body; `return` gives the value.
        case body
        /// A JUEL-style `${expr}`, whose data keys are variables of the expression.
        case dataExpression
        /// A call of the service named by the source (a dotted path into the services), with
        /// `(input, context)`.
        case service
    }

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

    init(timeLimit: Double) {
        self.timeLimit = timeLimit
        group = JSContextGroupCreate()
        context = JSGlobalContextCreateInGroup(group, nil)
        runner = Self.installRunner(in: context)
        texts = ScriptTextCache(context: context)
        emptyArrayText = Self.makeString("[]", in: context)
        JSValueProtect(context, emptyArrayText)
        let flag = Unmanaged.passUnretained(terminationFlag).toOpaque()
        // NOTE: JavaScriptCore's C API has no heap limit, so only this CPU time limit bounds what
        // a script allocates. A loop that allocates fast can take much memory before it stops.
        JSContextGroupSetExecutionTimeLimit(group, timeLimit, { _, pointer in
            guard let pointer else { return true }
            Unmanaged<TerminationFlag>.fromOpaque(pointer).takeUnretainedValue().fired = true
            return true
        }, flag)
    }

    deinit {
        texts.removeAll()
        JSValueUnprotect(context, emptyArrayText)
        JSGlobalContextRelease(context)
        JSContextGroupRelease(group)
    }

    /// Runs `source` as `kind` with the scope bound; `elementId` names the element in errors.
    /// - Throws: `EngineError.scriptFailed` with the JavaScript message, or
    ///   `EngineError.scriptTimedOut` after `timeLimit` seconds of CPU time.
    func run(_ kind: Kind, source: String, scope: ScriptScope, elementId: String) throws -> ScriptOutcome {
        terminationFlag.fired = false
        let arguments = callArguments(kind, source: source, scope: scope)
        defer { for argument in arguments { JSValueUnprotect(context, argument) } }
        var exception: JSValueRef?
        let result = arguments.withUnsafeBufferPointer { buffer in
            JSObjectCallAsFunction(context, runner, nil, arguments.count, buffer.baseAddress, &exception)
        }
        if terminationFlag.fired {
            throw EngineError.scriptTimedOut(elementId: elementId, seconds: timeLimit)
        }
        if let exception {
            throw EngineError.scriptFailed(elementId: elementId, message: describe(exception))
        }
        guard let result, let text = string(from: result) else {
            throw EngineError.scriptFailed(elementId: elementId, message: "the script produced no result")
        }
        return try decodeOutcome(text, elementId: elementId)
    }

    /// Evaluates a condition or attribute expression as bpmn-server does: one leading `$`
    /// is dropped (`$(a > 1)`, `$data.x`), `${…}` reads the data keys as variables, `#…` is
    /// a function body, anything else is a plain JavaScript expression.
    func evaluate(expression raw: String, scope: ScriptScope, elementId: String) throws -> ScriptOutcome {
        let text = raw.trimmingWhitespace(includingNewlines: true)
        if text.hasPrefix("=") {
            // Zeebe writes FEEL expressions with a leading '=' and no language attribute.
            throw EngineError.unsupportedExpressionLanguage(elementId: elementId, language: "FEEL", expression: text)
        }
        if text.hasPrefix("${"), text.hasSuffix("}") {
            let inner = String(text.dropFirst(2).dropLast())
            return try run(.dataExpression, source: inner, scope: scope, elementId: elementId)
        }
        if text.hasPrefix("#") {
            return try run(.body, source: "return " + text.dropFirst(), scope: scope, elementId: elementId)
        }
        let expression = text.hasPrefix("$") ? String(text.dropFirst()) : text
        return try run(.expression, source: expression, scope: scope, elementId: elementId)
    }

    /// Runs one services file. The file sees a `services` object and adds its functions to it
    /// (`services.add = (input, context) => input.v1 + input.v2`); service tasks call them by
    /// name, and scripts reach them as `appServices`.
    /// - Throws: `EngineError.serviceLoadFailed` with the file and the JavaScript message.
    func loadServices(source: String, file: String) throws {
        terminationFlag.fired = false
        let wrapped = "(function (services) {\n" + source + "\n})(globalThis.__bpmnServices);"
        let script = JSStringCreateWithUTF8CString(wrapped)
        defer { JSStringRelease(script) }
        let url = JSStringCreateWithUTF8CString(file)
        defer { JSStringRelease(url) }
        var exception: JSValueRef?
        JSEvaluateScript(context, script, nil, url, 0, &exception)
        if terminationFlag.fired {
            throw EngineError.serviceLoadFailed(file: file, message: "it ran longer than \(JSONValue.format(number: timeLimit)) s")
        }
        if let exception {
            throw EngineError.serviceLoadFailed(file: file, message: describe(exception))
        }
    }

    // MARK: - JavaScriptCore plumbing

    /// Builds the runner's arguments in `runnerSource` order. After kind and source come the
    /// JSON texts of the item, the data, the instance with its `data` replaced by 0, the
    /// instance's data (null when it has none), input, output, parent scopes and items. The
    /// clock's time in milliseconds is last. The two data texts come from `texts`, so data
    /// shared by consecutive runs is rendered once. Each argument is protected from garbage
    /// collection, because the array is not on the stack that JavaScriptCore scans, and the
    /// caller unprotects them after the call.
    private func callArguments(_ kind: Kind, source: String, scope: ScriptScope) -> [JSValueRef?] {
        var instanceFields = scope.instance.objectValue
        let rootData = instanceFields?["data"]
        if rootData != nil { instanceFields?["data"] = .number(0) }
        let instanceText = instanceFields.map { JSONValue.object($0) } ?? scope.instance

        var arguments: [JSValueRef?] = []
        arguments.reserveCapacity(11)
        func add(_ value: JSValueRef?) {
            JSValueProtect(context, value)
            arguments.append(value)
        }
        add(makeString(kind.rawValue))
        add(makeString(source))
        add(makeString(scope.item.jsonText))
        add(texts.string(for: scope.data))
        add(makeString(instanceText.jsonText))
        add(rootData.map { texts.string(for: $0) } ?? JSValueMakeNull(context))
        add(makeString(scope.input.jsonText))
        add(makeString(scope.output.jsonText))
        add(scope.parentScopes.isEmpty ? emptyArrayText : makeString(JSONValue.array(scope.parentScopes).jsonText))
        add(scope.items.arrayValue?.isEmpty == true ? emptyArrayText : makeString(scope.items.jsonText))
        add(JSValueMakeNumber(context, (scope.now.timeIntervalSince1970 * 1000).rounded()))
        return arguments
    }

    private static func installRunner(in context: JSGlobalContextRef) -> JSObjectRef {
        let source = JSStringCreateWithUTF8CString(runnerSource)
        defer { JSStringRelease(source) }
        var exception: JSValueRef?
        let value = JSEvaluateScript(context, source, nil, nil, 1, &exception)
        guard exception == nil, let value, let object = JSValueToObject(context, value, nil) else {
            fatalError("the built-in JavaScript runner failed to compile; JavaScriptCore is broken")
        }
        JSValueProtect(context, object)
        return object
    }

    private func makeString(_ text: String) -> JSValueRef? {
        Self.makeString(text, in: context)
    }

    /// Returns a JavaScript string of `text`. The value is not protected: it lives only until
    /// the next garbage collection unless it is passed to a call or protected.
    static func makeString(_ text: String, in context: JSGlobalContextRef) -> JSValueRef {
        let string = JSStringCreateWithUTF8CString(text)
        defer { JSStringRelease(string) }
        return JSValueMakeString(context, string)
    }

    private func string(from value: JSValueRef) -> String? {
        guard let string = JSValueToStringCopy(context, value, nil) else { return nil }
        defer { JSStringRelease(string) }
        let capacity = JSStringGetMaximumUTF8CStringSize(string)
        var buffer = [CChar](repeating: 0, count: capacity)
        JSStringGetUTF8CString(string, &buffer, capacity)
        return String(cString: buffer)
    }

    private func describe(_ exception: JSValueRef) -> String {
        string(from: exception) ?? "unknown JavaScript exception"
    }

    private func decodeOutcome(_ text: String, elementId: String) throws -> ScriptOutcome {
        let json: JSONValue
        do {
            json = try JSONValue.parse(text)
        } catch {
            throw EngineError.scriptFailed(elementId: elementId, message: "the result is not JSON: \(error)")
        }
        let hasValue = json["hasValue"]?.boolValue ?? false
        return ScriptOutcome(
            value: hasValue ? json["value"] ?? .null : nil,
            data: json["data"],
            item: json["item"],
            output: json["output"],
            logs: (json["logs"]?.arrayValue ?? []).map {
                (level: $0["level"]?.stringValue ?? "log", message: $0["message"]?.stringValue ?? "")
            },
            messageMatchingKey: json["messageMatchingKey"] ?? .null,
            thrown: json["thrown"].flatMap { value -> ThrownEvent? in
                guard let kind = value["kind"]?.stringValue.flatMap(ThrownEvent.Kind.init(rawValue:)) else { return nil }
                return ThrownEvent(kind: kind, code: value["code"]?.stringValue, message: value["message"]?.stringValue)
            },
            loopEnded: json["loopEnded"] == .bool(true),
            input: json["input"],
            missingService: json["missingService"]?.stringValue)
    }
}
