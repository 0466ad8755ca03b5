import BPMNModel

/// `camunda:inputOutput` parameters, evaluated as bpmn-server does.
extension InstanceRun {
    /// Evaluates the node's input parameters into the item's `input` when it is entered. A node
    /// without input parameters evaluates its output parameters into `output` instead (this is
    /// how throw events build their payload).
    func evaluateInputParameters(of node: FlowNode, itemId: String, tokenId: Int) throws {
        if !node.inputParameters.isEmpty {
            var input: [String: JSONValue] = [:]
            for parameter in node.inputParameters {
                input[parameter.name] = try parameterValue(parameter, node: node, itemId: itemId, tokenId: tokenId)
            }
            itemInputs[itemId] = .object(input)
        } else if !node.outputParameters.isEmpty {
            var output = item(itemId)?.output.objectValue ?? [:]
            for parameter in node.outputParameters where parameter.value != nil {
                output[parameter.name] = try parameterValue(parameter, node: node, itemId: itemId, tokenId: tokenId)
            }
            updateItem(itemId) { $0.output = .object(output) }
        }
    }

    /// Applies the node's output parameters to the token's data when the item ends: a body is
    /// evaluated as an expression, and an empty body copies the item's whole `output`.
    func applyOutputParameters(of node: FlowNode, itemId: String, tokenId: Int) throws {
        guard !node.outputParameters.isEmpty else { return }
        var values: [String: JSONValue] = [:]
        for parameter in node.outputParameters {
            if let body = parameter.value, !body.isEmpty {
                let expression = body.hasPrefix("$") || parameter.isScript ? body : "$" + body
                values[parameter.name] = try evaluate(expression, itemId: itemId, tokenId: tokenId, elementId: node.id) ?? .null
            } else {
                values[parameter.name] = item(itemId)?.output ?? .null
            }
        }
        mergeData(.object(values), tokenId: tokenId, itemId: nil)
    }

    /// A parameter's value: a script, list or map, or a body starting with `$`, is an
    /// expression; any other body is the literal string (as in bpmn-server).
    private func parameterValue(_ parameter: IOParameter, node: FlowNode, itemId: String, tokenId: Int) throws -> JSONValue {
        guard let body = parameter.value else { return .null }
        if parameter.isScript || body.hasPrefix("$") {
            return try evaluate(body, itemId: itemId, tokenId: tokenId, elementId: node.id) ?? .null
        }
        return .string(body)
    }
}
