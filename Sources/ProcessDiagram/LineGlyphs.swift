/// Box-drawing characters for line cells, chosen from which neighbours a cell connects to.
enum LineGlyphs {
    static let up = Direction.up.bit
    static let down = Direction.down.bit
    static let left = Direction.left.bit
    static let right = Direction.right.bit

    /// Returns the character for a cell that connects in the directions of `mask`.
    /// `heavyMask` contains the directions that belong to a taken flow: a straight run or
    /// corner is heavy when all its arms are, and a junction of several lines mixes light
    /// and heavy arms so the taken path stays continuous through it. `dotted` (message
    /// flows, associations) applies to straight runs only.
    static func glyph(_ mask: UInt8, heavyMask: UInt8, dotted: Bool) -> Character {
        let heavy = heavyMask != 0 && heavyMask & mask == mask
        switch mask {
        case left | right, left, right:
            if dotted { return "┄" }
            return heavy ? "━" : "─"
        case up | down, up, down:
            if dotted { return "┆" }
            return heavy ? "┃" : "│"
        case right | down: return heavy ? "┏" : "┌"
        case left | down: return heavy ? "┓" : "┐"
        case right | up: return heavy ? "┗" : "└"
        case left | up: return heavy ? "┛" : "┘"
        default: break
        }
        let arms = mask == 0 ? up | down | left | right : mask
        if let mixed = junctions[arms << 4 | (heavyMask & arms)] { return mixed }
        switch arms {
        case left | right | down: return "┬"
        case left | right | up: return "┴"
        case up | down | right: return "├"
        case up | down | left: return "┤"
        default: return "┼"
        }
    }

    /// Junctions with at least one heavy arm, by `mask << 4 | heavyMask` (the Unicode box
    /// drawing block has every mix of light and heavy arms).
    private static let junctions: [UInt8: Character] = [
        0xB8: "┝", 0xB1: "┞", 0xB2: "┟", 0xB3: "┠", 0xB9: "┡", 0xBA: "┢", 0xBB: "┣",
        0x74: "┥", 0x71: "┦", 0x72: "┧", 0x73: "┨", 0x75: "┩", 0x76: "┪", 0x77: "┫",
        0xE4: "┭", 0xE8: "┮", 0xEC: "┯", 0xE2: "┰", 0xE6: "┱", 0xEA: "┲", 0xEE: "┳",
        0xD4: "┵", 0xD8: "┶", 0xDC: "┷", 0xD1: "┸", 0xD5: "┹", 0xD9: "┺", 0xDD: "┻",
        0xF4: "┽", 0xF8: "┾", 0xFC: "┿", 0xF1: "╀", 0xF2: "╁", 0xF3: "╂", 0xF5: "╃",
        0xF9: "╄", 0xF6: "╅", 0xFA: "╆", 0xFD: "╇", 0xFE: "╈", 0xF7: "╉", 0xFB: "╊",
        0xFF: "╋",
    ]

    static func arrow(_ direction: Direction, open: Bool) -> Character {
        switch direction {
        case .right: return open ? "▷" : "▶"
        case .left: return open ? "◁" : "◀"
        case .up: return open ? "△" : "▲"
        case .down: return open ? "▽" : "▼"
        }
    }
}
