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

/// The result of running JavaScript, with the scope objects as the script left them.
struct ScriptOutcome {
    /// The returned value; nil when the script returned `undefined`.
    var value: JSONValue?
    var data: JSONValue
    var item: JSONValue
    var output: JSONValue
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
    var input: JSONValue = .emptyObject
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

    /// Set by JavaScriptCore's watchdog callback when a run passes the time limit.
    final class TerminationFlag {
        var fired = false
    }

    init(timeLimit: Double) {
        self.timeLimit = timeLimit
        group = JSContextGroupCreate()
        context = JSGlobalContextCreateInGroup(group, nil)
        runner = Self.installRunner(in: context)
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
        JSGlobalContextRelease(context)
        JSContextGroupRelease(group)
    }

    /// Runs `source` as `kind` with the scope bound; `elementId` names the element in errors.
    /// - Throws: `EngineError.scriptFailed` with the JavaScript message, or
    ///   `EngineError.scriptTimedOut` after `timeLimit` seconds of CPU time.
    func run(_ kind: Kind, source: String, scope: ScriptScope, elementId: String) throws -> ScriptOutcome {
        terminationFlag.fired = false
        let scopeText = JSONValue.object([
            "item": scope.item, "data": scope.data, "input": scope.input,
            "output": scope.output, "instance": scope.instance, "items": scope.items,
            "parents": .array(scope.parentScopes),
        ]).jsonText
        let arguments: [JSValueRef?] = [
            makeString(kind.rawValue), makeString(source), makeString(scopeText),
            JSValueMakeNumber(context, (scope.now.timeIntervalSince1970 * 1000).rounded()),
        ]
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
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
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

    /// The JavaScript side: compiles each source once (cached by kind and text), builds the
    /// scope objects from JSON, calls the function with `this` = item and returns everything
    /// as one JSON text. `item.data` is an accessor onto `data`, so `this.data.x = 1` and
    /// `data.x = 1` write the same object. `Date` is replaced by a wrapper whose current time
    /// is the engine clock's, so scripts and timers agree on "now".
    private static let runnerSource = """
        (function () {
          const SystemDate = Date;
          let clockNow = null;
          function ClockDate(...args) {
            const current = clockNow === null ? SystemDate.now() : clockNow;
            if (!new.target) return new SystemDate(current).toString();
            return args.length === 0 ? new SystemDate(current) : new SystemDate(...args);
          }
          ClockDate.prototype = SystemDate.prototype;
          ClockDate.now = function () { return clockNow === null ? SystemDate.now() : clockNow; };
          ClockDate.parse = SystemDate.parse;
          ClockDate.UTC = SystemDate.UTC;
          globalThis.Date = ClockDate;
          const compiled = new Map();
          const parameters = ['item', 'data', 'input', 'output', 'instance', 'appServices', 'appUtils'];
          function compile(kind, source) {
            const key = kind + '\\u0000' + source;
            let fn = compiled.get(key);
            if (fn) return fn;
            if (kind === 'expression') {
              fn = new Function(...parameters, 'return (' + source + '\\n);');
            } else if (kind === 'dataExpression') {
              fn = new Function(...parameters, 'with (data) { return (' + source + '\\n); }');
            } else {
              fn = new Function(...parameters, source);
            }
            compiled.set(key, fn);
            return fn;
          }
          const units = {
            year: 'FullYear', years: 'FullYear', month: 'Month', months: 'Month',
            week: 'Week', weeks: 'Week', day: 'Date', days: 'Date', hour: 'Hours', hours: 'Hours',
            minute: 'Minutes', minutes: 'Minutes', second: 'Seconds', seconds: 'Seconds'
          };
          const appUtils = {
            dateAdd(date, amount, unit) {
              const result = new SystemDate(date === undefined || date === null ? ClockDate.now() : date);
              const field = units[String(unit).toLowerCase()];
              if (!field) throw new TypeError('appUtils.dateAdd: unknown unit ' + unit + '; use year, month, week, day, hour, minute or second');
              if (field === 'Week') { result.setUTCDate(result.getUTCDate() + 7 * amount); return result; }
              result['setUTC' + field](result['getUTC' + field]() + amount);
              return result;
            }
          };
          let logs = [];
          function record(level, values) {
            if (logs.length >= 100) return;
            const text = values.map(v => typeof v === 'string' ? v : JSON.stringify(v)).join(' ');
            logs.push({ level: level, message: String(text).slice(0, 1000) });
          }
          class BpmnError extends Error {
            constructor(code, message) {
              super(message || String(code));
              this.code = code;
              this.kind = 'error';
            }
          }
          class BpmnEscalation extends BpmnError {
            constructor(code, message) {
              super(code, message);
              this.kind = 'escalation';
            }
          }
          class ServiceNotFound extends Error {
            constructor(name) {
              super('service ' + name + ' is not defined');
              this.serviceName = name;
            }
          }
          const services = {};
          globalThis.__bpmnServices = services;
          globalThis.BpmnError = BpmnError;
          globalThis.BpmnEscalation = BpmnEscalation;
          globalThis.console = {
            log: (...v) => record('log', v), info: (...v) => record('info', v),
            warn: (...v) => record('warn', v), error: (...v) => record('error', v),
            debug: (...v) => record('debug', v)
          };
          return function (kind, source, scopeText, nowMilliseconds) {
            clockNow = nowMilliseconds;
            logs = [];
            const scope = JSON.parse(scopeText);
            const item = scope.item || {};
            let data = scope.data;
            if (data === null || typeof data !== 'object') data = {};
            let chain = Object.prototype;
            for (const parent of scope.parents || []) {
              chain = Object.assign(Object.create(chain), parent && typeof parent === 'object' ? parent : {});
            }
            if (chain !== Object.prototype) data = Object.assign(Object.create(chain), data);
            const instance = scope.instance || {};
            let loopEnded = false;
            const context = {
              id: instance.id, name: instance.name, instance: instance, item: item,
              userName: item.userName, messageMatchingKey: null, appDelegate: services,
              getItems() { return scope.items || []; },
              appendData(values) { if (values && typeof values === 'object') Object.assign(data, values); }
            };
            const parents = scope.parents || [];
            const parentToken = { data: parents.length ? parents[parents.length - 1] : data };
            const token = {
              id: item.tokenId, dataPath: scope.dataPath || '', execution: context, parentToken: parentToken,
              loop: { end() { loopEnded = true; } },
              log: (...v) => record('log', v),
              get data() { return data; },
              appendData(values) { if (values && typeof values === 'object') Object.assign(data, values); }
            };
            const hidden = { enumerable: false, configurable: true };
            Object.defineProperty(item, 'data', Object.assign({
              get() { return data; },
              set(value) { if (value && typeof value === 'object') Object.assign(data, value); }
            }, hidden));
            Object.defineProperty(item, 'token', Object.assign({ value: token }, hidden));
            Object.defineProperty(item, 'context', Object.assign({ value: context }, hidden));
            Object.defineProperty(item, 'log', Object.assign({ value: (...v) => record('log', v) }, hidden));
            Object.defineProperty(item, 'throwError', Object.assign({
              value: (code, message) => { throw new BpmnError(code, message); }
            }, hidden));
            Object.defineProperty(item, 'throwEscalation', Object.assign({
              value: (code, message) => { throw new BpmnEscalation(code, message); }
            }, hidden));
            if (scope.input === null || typeof scope.input !== 'object') scope.input = {};
            item.input = scope.input;
            item.output = scope.output;
            let value;
            let thrown = null;
            let missingService = null;
            try {
              if (kind === 'service') {
                const service = source.split('.').reduce((target, part) => target == null ? undefined : target[part], services);
                if (typeof service !== 'function') throw new ServiceNotFound(source);
                value = service(scope.input, context);
              } else {
                value = compile(kind, source).call(item, item, data, scope.input, scope.output, instance, services, appUtils);
              }
            } catch (error) {
              if (error instanceof ServiceNotFound) {
                missingService = error.serviceName;
              } else if (error instanceof BpmnError) {
                thrown = { kind: error.kind, code: error.code === undefined ? null : String(error.code), message: error.message };
              } else {
                throw error;
              }
            }
            if (!thrown && value && typeof value === 'object') {
              if (value.bpmnError !== undefined) thrown = { kind: 'error', code: String(value.bpmnError), message: value.message || null };
              else if (value.escalation !== undefined) thrown = { kind: 'escalation', code: String(value.escalation), message: value.message || null };
            }
            const output = item.output;
            delete item.input;
            delete item.output;
            return JSON.stringify({
              hasValue: value !== undefined,
              value: value === undefined ? null : value,
              data: data,
              item: item,
              output: output === undefined ? null : output,
              logs: logs,
              messageMatchingKey: context.messageMatchingKey,
              thrown: thrown,
              loopEnded: loopEnded,
              input: scope.input,
              missingService: missingService
            });
          };
        })()
        """

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
            data: json["data"] ?? .emptyObject,
            item: json["item"] ?? .emptyObject,
            output: json["output"] ?? .null,
            logs: (json["logs"]?.arrayValue ?? []).map {
                (level: $0["level"]?.stringValue ?? "log", message: $0["message"]?.stringValue ?? "")
            },
            messageMatchingKey: json["messageMatchingKey"] ?? .null,
            thrown: json["thrown"].flatMap { value -> ThrownEvent? in
                guard let kind = value["kind"]?.stringValue.flatMap(ThrownEvent.Kind.init(rawValue:)) else { return nil }
                return ThrownEvent(kind: kind, code: value["code"]?.stringValue, message: value["message"]?.stringValue)
            },
            loopEnded: json["loopEnded"] == .bool(true),
            input: json["input"] ?? .emptyObject,
            missingService: json["missingService"]?.stringValue)
    }
}
