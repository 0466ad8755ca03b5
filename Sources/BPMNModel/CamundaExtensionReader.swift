import Foundation

/// Reading the Camunda extension elements inside `extensionElements`: listeners, form fields
/// and input/output parameters. Elements of other namespaces (including a prefix `camunda:`
/// bound to a URI other than Camunda's) are ignored.
extension ModelReader {
    /// Reads the `camunda:executionListener` and `camunda:taskListener` children of
    /// `element`'s `extensionElements`, in document order.
    ///
    /// A listener without an `event` attribute gets `take` on a sequence flow, the only event
    /// a flow has in Camunda, and an empty event elsewhere.
    func readListeners(_ element: XMLTreeElement) -> [Listener] {
        let defaultEvent = element.isBPMN("sequenceFlow") ? "take" : ""

        return element.bpmnChildren("extensionElements").flatMap(\.children).compactMap {
            child -> Listener? in
            let kind: Listener.Kind
            if child.isCamunda("executionListener") {
                kind = .execution
            } else if child.isCamunda("taskListener") {
                kind = .task
            } else {
                return nil
            }

            // NOTE: a `camunda:script` with a `resource` attribute (a script file) gives a
            // listener with neither script nor javaReference.
            let script = child.camundaChild("script")
            let javaReference = ["class", "expression", "delegateExpression"]
                .lazy.compactMap { child.attribute($0) }.first { !$0.isEmpty }

            return Listener(
                kind: kind,
                event: child.attribute("event")?.trimmed ?? defaultEvent,
                script: script?.rawText,
                scriptFormat: script?.attribute("scriptFormat"),
                javaReference: javaReference)
        }
    }

    /// Reads the `camunda:formField`s of every `camunda:formData`, in document order.
    /// A field without an id cannot receive a value and is skipped.
    func readFormFields(_ element: XMLTreeElement) -> [FormField] {
        element.camundaExtensions("formData")
            .flatMap { $0.camundaChildren("formField") }
            .compactMap(readFormField)
    }

    private func readFormField(_ element: XMLTreeElement) -> FormField? {
        guard let id = element.id else { return nil }

        let values = element.camundaChildren("value").compactMap { value -> FormField.EnumValue? in
            guard let valueId = value.attribute("id") else { return nil }
            return FormField.EnumValue(id: valueId, name: value.attribute("name"))
        }

        let constraints = element.camundaChildren("validation")
            .flatMap { $0.camundaChildren("constraint") }
            .compactMap { constraint -> FormField.Constraint? in
                guard let name = constraint.attribute("name")?.trimmed, !name.isEmpty else {
                    return nil
                }
                return FormField.Constraint(name: name, config: constraint.attribute("config"))
            }

        var properties: [String: String] = [:]
        for property in element.camundaChildren("properties").flatMap({
            $0.camundaChildren("property")
        }) {
            guard let propertyId = property.attribute("id") else { continue }
            properties[propertyId] = property.attribute("value") ?? ""
        }

        let type = element.attribute("type")?.trimmed ?? ""
        return FormField(
            id: id, label: element.attribute("label"), type: type.isEmpty ? "string" : type,
            defaultValue: element.attribute("defaultValue"), values: values,
            constraints: constraints, properties: properties)
    }

    /// Reads the `camunda:in` or `camunda:out` (by `localName`) mappings of a call activity.
    func readVariableMappings(_ element: XMLTreeElement, named localName: String) -> [VariableMapping] {
        element.camundaExtensions(localName).map { mapping in
            VariableMapping(
                source: mapping.attribute("source"), sourceExpression: mapping.attribute("sourceExpression"),
                target: mapping.attribute("target"), all: mapping.attribute("variables") == "all")
        }
    }

    /// Reads the `camunda:inputParameter` or `camunda:outputParameter` children (by
    /// `localName`) of every `camunda:inputOutput`.
    ///
    /// A text body is trimmed (nil when empty). A nested `camunda:script`, `camunda:list` or
    /// `camunda:map` gives a JavaScript expression with `isScript` set: the script body, an
    /// array literal of the list's values, or an object literal of the map's entries.
    func readParameters(_ element: XMLTreeElement, named localName: String) -> [IOParameter] {
        element.camundaExtensions("inputOutput")
            .flatMap { $0.camundaChildren(localName) }
            .compactMap { parameter -> IOParameter? in
                guard let name = parameter.attribute("name"), !name.isEmpty else { return nil }

                if let expression = nestedExpression(parameter) {
                    return IOParameter(name: name, value: expression, isScript: true)
                }
                return IOParameter(name: name, value: parameter.trimmedText)
            }
    }

    /// Returns the JavaScript expression of the first `camunda:script`, `camunda:list` or
    /// `camunda:map` child, or nil when there is none.
    private func nestedExpression(_ element: XMLTreeElement) -> String? {
        for child in element.children where child.namespace == BPMNNamespace.camunda {
            switch child.localName {
            case "script":
                return child.rawText ?? "undefined"
            case "list":
                let items = child.camundaChildren("value").map(valueExpression)
                return "[" + items.joined(separator: ", ") + "]"
            case "map":
                let entries = child.camundaChildren("entry").map { entry in
                    let key = javaScriptStringLiteral(entry.attribute("key") ?? "")
                    return key + ": " + valueExpression(entry)
                }
                return "({" + entries.joined(separator: ", ") + "})"
            default:
                continue
            }
        }
        return nil
    }

    /// Returns a list value or map entry as an expression: its nested script, list or map, else
    /// its trimmed text (an expression, as bpmn-server reads it, with one leading `$` dropped),
    /// else `null`.
    private func valueExpression(_ element: XMLTreeElement) -> String {
        if let nested = nestedExpression(element) {
            return "(" + nested + ")"
        }
        guard let text = element.trimmedText else { return "null" }
        return "(" + (text.hasPrefix("$") ? String(text.dropFirst()) : text) + ")"
    }

    /// Returns `text` as a double-quoted JavaScript string literal.
    private func javaScriptStringLiteral(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            case "\u{2028}": literal += "\\u2028"
            case "\u{2029}": literal += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    literal += String(format: "\\u%04x", scalar.value)
                } else {
                    literal.unicodeScalars.append(scalar)
                }
            }
        }
        return literal + "\""
    }
}
