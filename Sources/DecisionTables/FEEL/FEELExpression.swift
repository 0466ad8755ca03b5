import Foundation

/// A compiled FEEL expression of the subset this module evaluates: literals, names and paths,
/// arithmetic, and the `date` and `date and time` functions.
///
/// Evaluation follows FEEL's null rules instead of failing: a missing name, arithmetic on
/// values of the wrong kind, a division by zero and an unreadable date all give null.
indirect enum FEELExpression: Sendable, Equatable {
    case literal(FEELValue)
    /// A variable read from the context, then members of nested objects: `customer.age` is
    /// `["customer", "age"]`.
    case path([String])
    case negation(FEELExpression)
    case arithmetic(ArithmeticOperator, FEELExpression, FEELExpression)
    /// `date("2024-01-31")`, or `date(dateTimeValue)` for the date part of a date-time.
    case date(FEELExpression)
    /// `date(2024, 1, 31)`.
    case dateFromParts(year: FEELExpression, month: FEELExpression, day: FEELExpression)
    /// `date and time("2024-01-31T09:30:00")`.
    case dateAndTime(FEELExpression)

    enum ArithmeticOperator: String, Sendable {
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"
        case power = "**"
    }

    /// Evaluates the expression against `context`, the decision's input variables.
    func evaluate(in context: [String: DMNValue]) -> FEELValue {
        switch self {
        case .literal(let value):
            return value
        case .path(let names):
            return Self.read(names, in: context)
        case .negation(let operand):
            guard case .number(let number) = operand.evaluate(in: context) else { return .null }
            return .number(-number)
        case .arithmetic(let operation, let left, let right):
            return Self.apply(operation, left.evaluate(in: context), right.evaluate(in: context))
        case .date(let argument):
            return Self.date(from: argument.evaluate(in: context))
        case .dateFromParts(let year, let month, let day):
            return Self.date(
                year: year.evaluate(in: context), month: month.evaluate(in: context),
                day: day.evaluate(in: context))
        case .dateAndTime(let argument):
            return Self.dateAndTime(from: argument.evaluate(in: context))
        }
    }

    private static func read(_ names: [String], in context: [String: DMNValue]) -> FEELValue {
        guard let first = names.first, var value = context[first] else { return .null }

        for name in names.dropFirst() {
            guard case .object(let members) = value, let member = members[name] else {
                return .null
            }
            value = member
        }
        return FEELValue(value)
    }

    private static func apply(
        _ operation: ArithmeticOperator, _ left: FEELValue, _ right: FEELValue
    ) -> FEELValue {
        if operation == .add, case .string(let a) = left, case .string(let b) = right {
            return .string(a + b)
        }
        guard case .number(let a) = left, case .number(let b) = right else { return .null }

        let result: Double
        switch operation {
        case .add: result = a + b
        case .subtract: result = a - b
        case .multiply: result = a * b
        case .divide: result = a / b
        case .power: result = pow(a, b)
        }
        return result.isFinite ? .number(result) : .null
    }

    private static func date(from argument: FEELValue) -> FEELValue {
        switch argument {
        case .string(let text):
            guard !text.contains(where: { $0 == "T" || $0 == "t" }),
                let date = FEELDate(iso: Substring(text))
            else { return .null }
            return .date(date)
        case .date:
            return argument
        case .dateTime(let dateTime):
            return .date(dateTime.date)
        default:
            return .null
        }
    }

    private static func date(year: FEELValue, month: FEELValue, day: FEELValue) -> FEELValue {
        guard case .number(let y) = year, case .number(let m) = month, case .number(let d) = day,
            y == y.rounded(), m == m.rounded(), d == d.rounded(), abs(y) < 1e6,
            abs(m) < 1e6, abs(d) < 1e6,
            let date = FEELDate(year: Int(y), month: Int(m), day: Int(d))
        else { return .null }
        return .date(date)
    }

    private static func dateAndTime(from argument: FEELValue) -> FEELValue {
        switch argument {
        case .string(let text):
            return FEELDateTime(iso: Substring(text)).map(FEELValue.dateTime) ?? .null
        case .date(let date):
            return .dateTime(
                FEELDateTime(date: date, hour: 0, minute: 0, second: 0, utcOffset: nil))
        case .dateTime:
            return argument
        default:
            return .null
        }
    }
}
