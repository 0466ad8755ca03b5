extension ScriptEngine {
    /// The JavaScript side: compiles each source once (cached by kind and text), builds the
    /// scope objects from the JSON texts of its arguments, calls the function with `this` =
    /// item and returns the outcome as one JSON text (see `ScriptEngine.decodeOutcome`).
    /// `item.data` is an accessor onto `data`, so `this.data.x = 1` and `data.x = 1` write the
    /// same object. `Date` is replaced by a wrapper whose current time is the engine clock's,
    /// so scripts and timers agree on "now".
    ///
    /// The outcome leaves out `data`, `item`, `output` and `input` when their JSON text after
    /// the run equals their text before it, so unchanged data is not sent back to Swift. The
    /// serialized form of the last data text received is kept (`lastData`, `dataJSON`),
    /// because consecutive runs often share the data.
    static let runnerSource = """
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
          let lastData = { text: null, wrapped: false, json: null };
          function dataJSON(text, wrapped, data) {
            if (lastData.text !== text || lastData.wrapped !== wrapped) {
              lastData = { text: text, wrapped: wrapped, json: JSON.stringify(data) };
            }
            return lastData.json;
          }
          function objectOrEmpty(value) {
            return value === null || typeof value !== 'object' ? {} : value;
          }
          return function (kind, source, itemText, dataText, instanceText, rootDataText, inputText, outputText,
                           parentsText, itemsText, nowMilliseconds) {
            clockNow = nowMilliseconds;
            logs = [];
            const item = JSON.parse(itemText) || {};
            const itemBefore = JSON.stringify(item);
            const parsedData = JSON.parse(dataText);
            let data = objectOrEmpty(parsedData);
            // Data that was no object is replaced by {}, which must reach Swift as a change.
            const replaced = data !== parsedData;
            const parents = JSON.parse(parentsText) || [];
            let chain = Object.prototype;
            for (const parent of parents) {
              chain = Object.assign(Object.create(chain), parent && typeof parent === 'object' ? parent : {});
            }
            const wrapped = chain !== Object.prototype;
            if (wrapped) data = Object.assign(Object.create(chain), data);
            const dataBefore = replaced ? null : dataJSON(dataText, wrapped, data);
            const instance = JSON.parse(instanceText) || {};
            if (rootDataText !== null) instance.data = JSON.parse(rootDataText);
            const items = JSON.parse(itemsText);
            let loopEnded = false;
            const context = {
              id: instance.id, name: instance.name, instance: instance, item: item,
              userName: item.userName, messageMatchingKey: null, appDelegate: services,
              getItems() { return items || []; },
              appendData(values) { if (values && typeof values === 'object') Object.assign(data, values); }
            };
            const parentToken = { data: parents.length ? parents[parents.length - 1] : data };
            const token = {
              id: item.tokenId, dataPath: '', execution: context, parentToken: parentToken,
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
            const parsedInput = JSON.parse(inputText);
            const input = objectOrEmpty(parsedInput);
            const inputBefore = input === parsedInput ? JSON.stringify(input) : null;
            const parsedOutput = JSON.parse(outputText);
            const outputBefore = JSON.stringify(parsedOutput);
            item.input = input;
            item.output = parsedOutput;
            let value;
            let thrown = null;
            let missingService = null;
            try {
              if (kind === 'service') {
                const service = source.split('.').reduce((target, part) => target == null ? undefined : target[part], services);
                if (typeof service !== 'function') throw new ServiceNotFound(source);
                value = service(input, context);
              } else {
                value = compile(kind, source).call(item, item, data, input, parsedOutput, instance, services, appUtils);
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
            // The parts are serialized in the order of the outcome's keys, so the error for a
            // value that cannot be serialized (a BigInt, a cycle) is the one that a single
            // JSON.stringify of the whole outcome would raise.
            let outcome = '{"hasValue":' + (value !== undefined);
            const valueJSON = JSON.stringify(value === undefined ? null : value);
            if (valueJSON !== undefined) outcome += ',"value":' + valueJSON;
            const dataAfter = JSON.stringify(data);
            if (dataAfter !== dataBefore) outcome += ',"data":' + dataAfter;
            const itemAfter = JSON.stringify(item);
            if (itemAfter !== itemBefore) outcome += ',"item":' + itemAfter;
            const outputAfter = JSON.stringify(output === undefined ? null : output);
            if (outputAfter !== outputBefore) outcome += ',"output":' + (outputAfter === undefined ? 'null' : outputAfter);
            if (logs.length > 0) outcome += ',"logs":' + JSON.stringify(logs);
            const matchingKey = JSON.stringify(context.messageMatchingKey);
            if (matchingKey !== undefined && matchingKey !== 'null') outcome += ',"messageMatchingKey":' + matchingKey;
            if (thrown) outcome += ',"thrown":' + JSON.stringify(thrown);
            if (loopEnded) outcome += ',"loopEnded":true';
            const inputAfter = JSON.stringify(input);
            if (inputAfter !== inputBefore) outcome += ',"input":' + (inputAfter === undefined ? '{}' : inputAfter);
            if (missingService !== null) outcome += ',"missingService":' + JSON.stringify(missingService);
            return outcome + '}';
          };
        })()
        """
}
