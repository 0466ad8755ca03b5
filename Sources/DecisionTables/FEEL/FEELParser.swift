/// Compiles FEEL text into `FEELExpression` and `UnaryTests` by recursive descent.
///
/// The grammar, lowest precedence first:
///
///     unary tests  = "-" | "" | "not" "(" tests ")" | tests
///     tests        = test { "," test }
///     test         = ("<" | "<=" | ">" | ">=" | "=" | "!=") sum | interval | sum
///     interval     = ("[" | "(" | "]") sum ".." sum ("]" | ")" | "[")
///     sum          = product { ("+" | "-") product }
///     product      = power { ("*" | "/") power }
///     power        = negation { "**" negation }
///     negation     = "-" negation | member
///     member       = primary { "." name }
///     primary      = number | string | "true" | "false" | "null" | "@" string
///                  | "(" sum ")" | name [ "(" sum { "," sum } ")" ]
///
/// A name is one or more words separated by spaces, such as `years of service`.
struct FEELParser {
    /// Words that start or join FEEL operators this evaluator does not implement. A name that
    /// contains one would otherwise silently read as a variable that does not exist.
    private static let operatorWords: Set<String> = [
        "and", "or", "between", "if", "then", "else", "for", "some", "every", "instance",
        "function",
    ]

    private static let listLiteralsUnsupported = FEELError.unsupported(
        feature: "list literals; list the values as separate tests, such as \"a\",\"b\"")

    /// The deepest nesting of parentheses, function arguments and signs accepted. The parser
    /// recurses once per level, so this bounds its stack use. Table entries nest far less.
    static let maximumDepth = 64

    private let tokens: [FEELToken]
    private var index = 0
    private var depth = 0

    private init(_ text: String) throws {
        tokens = try FEELLexer.tokenize(text)
    }

    /// Compiles an input entry. Blank text and `-` match every value.
    ///
    /// - Throws: `FEELError.syntax` with the character where the text stopped making sense,
    ///   or `.unsupported` for FEEL this evaluator does not implement.
    static func parseUnaryTests(_ text: String) throws -> UnaryTests {
        var parser = try FEELParser(text)

        if parser.peek.kind == .end {
            return .any
        }
        if parser.peek.kind == .symbol("-"), parser.tokens[1].kind == .end {
            return .any
        }

        let tests: UnaryTests
        if parser.peek.kind == .word("not"), parser.tokens[1].kind == .symbol("(") {
            parser.index += 2
            let negated = try parser.parseTests()
            try parser.expect(")", after: "the tests inside not(")
            tests = .not(negated)
        } else {
            tests = .anyOf(try parser.parseTests())
        }

        try parser.expectEnd()
        return tests
    }

    /// Compiles an input expression or an output entry.
    ///
    /// - Throws: `FEELError`, as `parseUnaryTests` does. Blank text is a syntax error.
    static func parseExpression(_ text: String) throws -> FEELExpression {
        var parser = try FEELParser(text)
        let expression = try parser.parseSum()
        try parser.expectEnd()
        return expression
    }

    /// Compiles a comma-separated list of literals, such as the `outputValues` of an output:
    /// `"high","medium","low"`.
    ///
    /// - Throws: `FEELError.syntax` when an element is not a literal.
    static func parseLiterals(_ text: String) throws -> [FEELValue] {
        var parser = try FEELParser(text)
        var values: [FEELValue] = []

        repeat {
            let start = parser.peek.position
            guard case .literal(let value) = try parser.parseSum() else {
                throw FEELError.syntax(
                    position: start,
                    reason: "expected a literal such as \"high\" or 3; a list of allowed "
                        + "values holds literals only")
            }
            values.append(value)
        } while parser.consume(",")

        try parser.expectEnd()
        return values
    }

    // MARK: - Unary tests

    private mutating func parseTests() throws -> [PositiveUnaryTest] {
        var tests = [try parseTest()]
        while consume(",") {
            tests.append(try parseTest())
        }
        return tests
    }

    private mutating func parseTest() throws -> PositiveUnaryTest {
        if case .symbol(let symbol) = peek.kind,
            let comparison = PositiveUnaryTest.ComparisonOperator(rawValue: symbol)
        {
            index += 1
            return .comparison(comparison, try parseSum())
        }

        if peek.kind == .symbol("[") || peek.kind == .symbol("]") {
            return try parseInterval()
        }

        // "(" starts an open interval such as (1..10], or a parenthesized expression.
        if peek.kind == .symbol("(") {
            let start = index
            index += 1
            _ = try parseSum()
            let isInterval = peek.kind == .symbol("..")
            index = start
            if isInterval {
                return try parseInterval()
            }
        }

        return .equality(try parseSum())
    }

    private mutating func parseInterval() throws -> PositiveUnaryTest {
        let opening = advance()
        let includesStart = opening.kind == .symbol("[")
        let start = try parseSum()
        if opening.kind == .symbol("["), peek.kind == .symbol(",") {
            throw Self.listLiteralsUnsupported
        }
        try expect("..", after: "the start of the range; write a range as [1..10]")
        let end = try parseSum()

        let closing = advance()
        switch closing.kind {
        case .symbol("]"):
            return .interval(
                start: start, includesStart: includesStart, end: end, includesEnd: true)
        case .symbol(")"), .symbol("["):
            return .interval(
                start: start, includesStart: includesStart, end: end, includesEnd: false)
        default:
            throw FEELError.syntax(
                position: closing.position,
                reason: "expected ']', ')' or '[' to close the range, found "
                    + Self.describe(closing))
        }
    }

    // MARK: - Expressions

    private mutating func parseSum() throws -> FEELExpression {
        try enterNestedLevel()
        defer { depth -= 1 }

        var expression = try parseProduct()
        while let operation = consumeOperator(.add, .subtract) {
            expression = .arithmetic(operation, expression, try parseProduct())
        }
        return expression
    }

    private mutating func parseProduct() throws -> FEELExpression {
        var expression = try parsePower()
        while let operation = consumeOperator(.multiply, .divide) {
            expression = .arithmetic(operation, expression, try parsePower())
        }
        return expression
    }

    private mutating func parsePower() throws -> FEELExpression {
        var expression = try parseNegation()
        while let operation = consumeOperator(.power) {
            expression = .arithmetic(operation, expression, try parseNegation())
        }
        return expression
    }

    private mutating func parseNegation() throws -> FEELExpression {
        guard consume("-") else { return try parseMember() }

        try enterNestedLevel()
        defer { depth -= 1 }
        let operand = try parseNegation()
        // Fold -5 into a literal, so that lists of allowed values may hold negative numbers.
        if case .literal(.number(let number)) = operand {
            return .literal(.number(-number))
        }
        return .negation(operand)
    }

    private mutating func parseMember() throws -> FEELExpression {
        var expression = try parsePrimary()

        while consume(".") {
            let memberStart = peek.position
            let member = try parseName()
            guard case .path(let names) = expression else {
                throw FEELError.syntax(
                    position: memberStart,
                    reason: "'.\(member)' can only follow a name, such as customer.\(member)")
            }
            expression = .path(names + [member])
        }
        return expression
    }

    private mutating func parsePrimary() throws -> FEELExpression {
        let token = peek

        switch token.kind {
        case .number(let number):
            index += 1
            return .literal(.number(number))
        case .string(let text):
            index += 1
            return .literal(.string(text))
        case .keyword("true"):
            index += 1
            return .literal(.bool(true))
        case .keyword("false"):
            index += 1
            return .literal(.bool(false))
        case .keyword:
            index += 1
            return .literal(.null)
        case .symbol("@"):
            index += 1
            return try parseTemporalLiteral()
        case .symbol("("):
            index += 1
            let expression = try parseSum()
            try expect(")", after: "the expression in parentheses")
            return expression
        case .symbol("["):
            throw Self.listLiteralsUnsupported
        case .word:
            let name = try parseName()
            if consume("(") {
                return try parseCall(name, at: token.position)
            }
            return .path([name])
        default:
            throw FEELError.syntax(
                position: token.position, reason: "expected a value, found \(Self.describe(token))")
        }
    }

    /// Reads one or more words as one name, such as `years of service`.
    private mutating func parseName() throws -> String {
        var words: [String] = []
        while case .word(let word) = peek.kind {
            words.append(word)
            index += 1
        }

        guard !words.isEmpty else {
            throw FEELError.syntax(
                position: peek.position, reason: "expected a name, found \(Self.describe(peek))")
        }

        let name = words.joined(separator: " ")
        if name != "date and time",
            let word = words.first(where: { Self.operatorWords.contains($0) })
        {
            throw FEELError.unsupported(
                feature: "the operator '\(word)' (in '\(name)'); split the condition into "
                    + "separate input columns, or rename the variable")
        }
        return name
    }

    /// Compiles a call of `date` or `date and time`, whose opening parenthesis is consumed.
    private mutating func parseCall(_ name: String, at position: Int) throws -> FEELExpression {
        var arguments: [FEELExpression] = []
        if !consume(")") {
            repeat {
                arguments.append(try parseSum())
            } while consume(",")
            try expect(")", after: "the arguments of \(name)(")
        }

        switch (name, arguments.count) {
        case ("date", 1):
            try Self.checkLiteralDate(arguments[0], function: name, at: position)
            return .date(arguments[0])
        case ("date", 3):
            return .dateFromParts(year: arguments[0], month: arguments[1], day: arguments[2])
        case ("date and time", 1):
            try Self.checkLiteralDate(arguments[0], function: name, at: position)
            return .dateAndTime(arguments[0])
        case ("date", _), ("date and time", _):
            throw FEELError.syntax(
                position: position,
                reason: "\(name)() takes \(name == "date" ? "1 or 3 arguments" : "1 argument"), "
                    + "not \(arguments.count)")
        case ("not", _):
            throw FEELError.unsupported(
                feature: "not() inside other tests; use it around the whole input entry, such "
                    + "as not(\"a\", \"b\")")
        default:
            throw FEELError.unsupported(
                feature: "the function '\(name)'; only date() and date and time() are available")
        }
    }

    /// Rejects `date("2024-13-01")` when the model is read instead of when a rule is tested.
    private static func checkLiteralDate(
        _ argument: FEELExpression, function: String, at position: Int
    ) throws {
        guard case .literal(.string(let text)) = argument else { return }

        let isValid: Bool
        if function == "date" {
            isValid = !text.contains("T") && FEELDate(iso: Substring(text)) != nil
        } else {
            isValid = FEELDateTime(iso: Substring(text)) != nil
        }
        guard isValid else {
            let form = function == "date" ? "YYYY-MM-DD" : "YYYY-MM-DDTHH:MM:SS"
            throw FEELError.syntax(
                position: position,
                reason: "\"\(text)\" is not a valid \(function); write \(function)(\"\(form)\")")
        }
    }

    /// Compiles `@"2024-01-31"` or `@"2024-01-31T09:30:00Z"`, whose `@` is consumed.
    private mutating func parseTemporalLiteral() throws -> FEELExpression {
        let token = advance()
        guard case .string(let text) = token.kind else {
            throw FEELError.syntax(
                position: token.position,
                reason: "'@' must be followed by a date string, such "
                    + "as @\"2024-01-31\"")
        }
        guard let value = FEELValue.temporal(fromISO: text) else {
            throw FEELError.unsupported(
                feature: "the temporal literal @\"\(text)\"; only dates and date-times with "
                    + "a UTC offset are supported, such as @\"2024-01-31T09:30:00Z\"")
        }
        return .literal(value)
    }

    // MARK: - Tokens

    private mutating func enterNestedLevel() throws {
        guard depth < Self.maximumDepth else {
            throw FEELError.syntax(
                position: peek.position,
                reason: "the expression nests more than \(Self.maximumDepth) levels deep; "
                    + "simplify it")
        }
        depth += 1
    }

    private var peek: FEELToken { tokens[index] }

    private mutating func advance() -> FEELToken {
        let token = tokens[index]
        if token.kind != .end { index += 1 }
        return token
    }

    private mutating func consume(_ symbol: String) -> Bool {
        guard peek.kind == .symbol(symbol) else { return false }
        index += 1
        return true
    }

    private mutating func consumeOperator(
        _ candidates: FEELExpression.ArithmeticOperator...
    ) -> FEELExpression.ArithmeticOperator? {
        guard case .symbol(let symbol) = peek.kind,
            let operation = candidates.first(where: { $0.rawValue == symbol })
        else { return nil }
        index += 1
        return operation
    }

    private mutating func expect(_ symbol: String, after context: String) throws {
        guard !consume(symbol) else { return }
        throw FEELError.syntax(
            position: peek.position,
            reason: "expected '\(symbol)' after \(context), found \(Self.describe(peek))")
    }

    private func expectEnd() throws {
        guard peek.kind != .end else { return }

        if case .symbol(let symbol) = peek.kind,
            PositiveUnaryTest.ComparisonOperator(rawValue: symbol) != nil
        {
            throw FEELError.unsupported(
                feature: "the comparison '\(symbol)' inside an expression; only input entries "
                    + "compare, such as '> 5' in a rule")
        }
        throw FEELError.syntax(
            position: peek.position, reason: "unexpected \(Self.describe(peek))")
    }

    private static func describe(_ token: FEELToken) -> String {
        switch token.kind {
        case .number(let number): return "the number \(DMNValue.formatNumber(number))"
        case .string(let text): return "the string \"\(text)\""
        case .word(let word): return "'\(word)'"
        case .keyword(let keyword): return "'\(keyword)'"
        case .symbol(let symbol): return "'\(symbol)'"
        case .end: return "the end of the text"
        }
    }
}
