#!/usr/bin/env python3
"""Render a terminal capture with ANSI colours (tmux capture-pane -e -N) as an SVG.

Every character is placed at its cell (column x cell width), so CJK text and box lines
line up as in the terminal. Wide characters (East Asian Wide/Fullwidth) take two cells
and combining marks none. Understood SGR codes: reset, bold, dim, underline, reverse,
the 16 ANSI colours, 256-colour (38;5 / 48;5) and 24-bit (38;2 / 48;2) colours.

Usage: ansi2svg.py [--light] < capture.ans > screen.svg
"""

import html
import re
import sys
import unicodedata

CELL_WIDTH = 8.43  # DejaVu Sans Mono advance at 14 px (0.602 em)
CELL_HEIGHT = 17
FONT_SIZE = 14
PADDING = 8

ANSI_16 = [
    "#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
    "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff",
]


def palette_color(index):
    """Return the hex colour of xterm palette entry `index` (0-255)."""
    if index < 16:
        return ANSI_16[index]
    if index < 232:
        index -= 16
        steps = [0, 95, 135, 175, 215, 255]
        red, green, blue = steps[index // 36], steps[(index // 6) % 6], steps[index % 6]
        return "#%02x%02x%02x" % (red, green, blue)
    grey = 8 + (index - 232) * 10
    return "#%02x%02x%02x" % (grey, grey, grey)


class Style:
    def __init__(self):
        self.foreground = None
        self.background = None
        self.bold = False
        self.dim = False
        self.underline = False
        self.reverse = False

    def copy(self):
        other = Style()
        other.__dict__.update(self.__dict__)
        return other

    def apply(self, codes):
        """Update the style with one SGR sequence's numeric codes."""
        codes = codes or [0]
        index = 0
        while index < len(codes):
            code = codes[index]
            if code == 0:
                self.__init__()
            elif code == 1:
                self.bold = True
            elif code == 2:
                self.dim = True
            elif code == 4:
                self.underline = True
            elif code == 7:
                self.reverse = True
            elif code == 22:
                self.bold = self.dim = False
            elif code == 24:
                self.underline = False
            elif code == 27:
                self.reverse = False
            elif 30 <= code <= 37:
                self.foreground = palette_color(code - 30)
            elif 90 <= code <= 97:
                self.foreground = palette_color(code - 90 + 8)
            elif code == 39:
                self.foreground = None
            elif 40 <= code <= 47:
                self.background = palette_color(code - 40)
            elif 100 <= code <= 107:
                self.background = palette_color(code - 100 + 8)
            elif code == 49:
                self.background = None
            elif code in (38, 48) and index + 1 < len(codes):
                if codes[index + 1] == 5 and index + 2 < len(codes):
                    color = palette_color(codes[index + 2])
                    index += 2
                elif codes[index + 1] == 2 and index + 4 < len(codes):
                    color = "#%02x%02x%02x" % tuple(codes[index + 2:index + 5])
                    index += 4
                else:
                    color = None
                if code == 38:
                    self.foreground = color
                else:
                    self.background = color
            index += 1


def cell_width(character):
    if unicodedata.combining(character):
        return 0
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def parse(text):
    """Return rows of cells: (character, style, width) per starting cell."""
    rows = []
    style = Style()
    for line in text.rstrip("\n").split("\n"):
        cells = []
        position = 0
        for match in re.finditer(r"\x1b\[([0-9;]*)m|([^\x1b])", line):
            if match.group(1) is not None:
                codes = [int(part) for part in match.group(1).split(";") if part != ""]
                style.apply(codes)
                continue
            character = match.group(2)
            width = cell_width(character)
            if width == 0 and cells:
                previous = cells[-1]
                cells[-1] = (previous[0] + character, previous[1], previous[2], previous[3])
                continue
            cells.append((character, style.copy(), width, position))
            position += width
        rows.append(cells)
    return rows


def render(rows, light):
    default_foreground = "#1f1f1f" if light else "#d4d4d4"
    default_background = "#fafafa" if light else "#1e1e1e"
    columns = max((cells[-1][3] + cells[-1][2] for cells in rows if cells), default=80)
    width = columns * CELL_WIDTH + 2 * PADDING
    height = len(rows) * CELL_HEIGHT + 2 * PADDING

    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d">' % (width, height),
        '<rect width="100%%" height="100%%" fill="%s"/>' % default_background,
        '<g font-family="DejaVu Sans Mono" font-size="%d">' % FONT_SIZE,
    ]
    for row_index, cells in enumerate(rows):
        top = PADDING + row_index * CELL_HEIGHT
        for character, style, cell_count, column in cells:
            foreground = style.foreground or default_foreground
            background = style.background
            if style.reverse:
                foreground, background = (style.background or default_background), (style.foreground or default_foreground)
            left = PADDING + column * CELL_WIDTH
            if background:
                parts.append('<rect x="%.2f" y="%d" width="%.2f" height="%d" fill="%s"/>' % (
                    left, top, cell_count * CELL_WIDTH + 0.5, CELL_HEIGHT, background))
            if character.strip() == "":
                continue
            attributes = ['x="%.2f"' % left, 'y="%d"' % (top + CELL_HEIGHT - 4), 'fill="%s"' % foreground]
            if style.bold:
                attributes.append('font-weight="bold"')
            if style.dim:
                attributes.append('opacity="0.6"')
            if style.underline:
                attributes.append('text-decoration="underline"')
            if cell_count == 2:
                attributes.append('textLength="%.2f" lengthAdjust="spacingAndGlyphs"' % (2 * CELL_WIDTH))
            parts.append("<text %s>%s</text>" % (" ".join(attributes), html.escape(character)))
    parts.append("</g></svg>")
    return "\n".join(parts)


def main():
    light = "--light" in sys.argv[1:]
    sys.stdout.write(render(parse(sys.stdin.read()), light))


if __name__ == "__main__":
    main()
