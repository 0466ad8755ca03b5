/// A request the inbox itself rejects before calling the engine, with the reason and what
/// to do instead.
struct InboxRejection: Error, CustomStringConvertible, Equatable {
    var message: String

    var description: String { message }
}
