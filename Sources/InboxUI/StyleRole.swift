/// The purpose of a piece of the screen, independent of the theme's colours. Screens
/// store roles: the ncurses screen maps them to colour pairs, and tests compare them.
public enum StyleRole: String, CaseIterable, Sendable {
    case normal
    case header
    case paneTitle
    case paneTitleFocused
    case selection
    case selectionInactive
    case separator
    case message
    case error
    case success
    case statusBar
    case hintKey
    case detailHeading
    case detailKey
    case dim
    case formBorder
    case formTitle
    case formLabel
    case formValue
    case formValueFocused
    case formError
    case helpKey
    /// A task view tab that is not the current one, and the current one.
    case tab
    case tabActive
    /// A row marked with Space for a bulk action.
    case marked

    /// The element name in theme files: the case name in kebab case (`pane-title-focused`).
    public var themeKey: String {
        var key = ""
        for character in rawValue {
            if character.isUppercase {
                key += "-" + character.lowercased()
            } else {
                key.append(character)
            }
        }
        return key
    }

    /// The role whose theme key is `key`, if any.
    public init?(themeKey key: String) {
        guard let role = StyleRole.allCases.first(where: { $0.themeKey == key }) else { return nil }
        self = role
    }
}
