/// Reading multi-instance and standard loop characteristics.
extension ModelReader {
    /// Reads the first `multiInstanceLoopCharacteristics` or `standardLoopCharacteristics`
    /// child of an activity. Returns nil when it has neither.
    ///
    /// Expression bodies (`loopCardinality`, `completionCondition`, `loopCondition`) are
    /// trimmed, and an empty body gives nil.
    ///
    /// - Throws: `BPMNParseError.invalidElement` when `isSequential` or `testBefore` is not a
    ///   boolean, or `loopMaximum` is not a whole number.
    func readLoopCharacteristics(_ element: XMLTreeElement) throws -> LoopCharacteristics? {
        for child in element.children {
            if child.isBPMN("multiInstanceLoopCharacteristics") {
                return try readMultiInstance(child)
            }
            if child.isBPMN("standardLoopCharacteristics") {
                return try readStandardLoop(child)
            }
        }
        return nil
    }

    private func readMultiInstance(_ element: XMLTreeElement) throws -> LoopCharacteristics {
        var attributes = AttributeReader(element)
        let isSequential = try attributes.takeBoolean("isSequential", default: false)

        var loop = LoopCharacteristics(
            kind: isSequential ? .sequentialMultiInstance : .parallelMultiInstance)
        loop.loopCardinality = element.bpmnChild("loopCardinality")?.trimmedText
        loop.completionCondition = element.bpmnChild("completionCondition")?.trimmedText
        loop.collection = attributes.takeCamunda("collection")
        loop.elementVariable = attributes.takeCamunda("elementVariable")
        return loop
    }

    private func readStandardLoop(_ element: XMLTreeElement) throws -> LoopCharacteristics {
        var attributes = AttributeReader(element)

        var loop = LoopCharacteristics(kind: .standard)
        loop.loopCondition = element.bpmnChild("loopCondition")?.trimmedText
        loop.testBefore = try attributes.takeBoolean("testBefore", default: false)
        loop.loopMaximum = try attributes.takeInteger("loopMaximum")
        return loop
    }
}
