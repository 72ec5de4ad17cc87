"""The terminal emitter: tables laid out for the width there is, plain when piped, styled on a terminal.

Layout rules (issue 10): ids, numbers, dates, statuses and percentages are never split or cut; bars give
way first, then prose and labels wrap (between words, and between CJK characters, measured in display
cells); below the width a table needs, each row becomes a block of its own (a stacked record layout).
Tree indentation is kept on every wrapped line. Lines carry no trailing spaces. Text from the data is
shown through escape.visible, so no control, bidi or zero-width character reaches the terminal, and it is
never read as markup: styles are applied to Text objects, never parsed from strings.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass

from rich.cells import cell_len

from cqsc.output.settings import Settings
from cqsc.text.escape import visible
from cqsc.text.numbers import bar
from cqsc.views.model import Cell, Column, Heading, Kind, Lines, Pairs, Table, View, cell

GAP = 2  # spaces between columns
BAR_WIDTH = 20  # a bar column's width when there is room
PROSE_MIN = 16  # the narrowest a prose column gets before the table is stacked
URL_MIN = 16
WORD_MAX = 20  # prose keeps words up to this long whole, in a table that fits

# Colour by stage, on a terminal only: what is known plainly, what is not dimmed.
STAGE_STYLE = {
    "identification": "yellow", "preparation": "yellow", "implementation": "cyan", "completion": "green",
    "maintenance": "green", "suspended": "red", "cancelled": "red", "decommissioning": "magenta",
    "decommissioned": "magenta", "unknown": "dim", "dim": "dim",
    "not_started": "yellow", "in_progress": "cyan", "completed": "green", "late": "red", "stale": "red",
}


def clean(text: str) -> str:
    """Data text made safe to show: controls, bidi and zero-width characters as visible escapes; tabs as spaces."""
    return visible(text).replace("\t", " ")


# --- wrapping -----------------------------------------------------------------------------


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _tokens(text: str) -> list[str]:
    """Words, runs of spaces, and single wide (CJK) characters: the places a line may break are between them."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch == " " or _wide(ch):
            if word:
                out.append(word)
                word = ""
            if ch == " " and out and out[-1].startswith(" "):
                out[-1] += ch
            else:
                out.append(ch)
        else:
            word += ch
    if word:
        out.append(word)
    return out


def chop(text: str, width: int) -> list[str]:
    """``text`` cut into pieces of at most ``width`` cells, between characters (never inside one)."""
    pieces, cur, w = [], "", 0
    for ch in text:
        cw = cell_len(ch)
        if cur and w + cw > width:
            pieces.append(cur)
            cur, w = "", 0
        cur += ch
        w += cw
    pieces.append(cur)
    return pieces


def wrap(text: str, width: int, *, anywhere: bool = False) -> list[str]:
    """Lines of at most ``width`` cells, breaking at spaces and around CJK characters (anywhere, for URLs)."""
    width = max(1, width)
    out: list[str] = []
    for para in text.split("\n"):
        if anywhere:
            out.extend(chop(para, width))
            continue
        line, lw = "", 0
        lines: list[str] = []
        for tok in _tokens(para):
            tw = cell_len(tok)
            if tok.startswith(" "):
                if line:
                    line, lw = line + tok, lw + tw
                elif not lines:
                    line, lw = tok, tw  # leading spaces of the text are its own
                continue
            if lw + tw <= width:
                line, lw = line + tok, lw + tw
                continue
            if line.strip():
                lines.append(line.rstrip())
            line, lw = "", 0
            if tw <= width:
                line, lw = tok, tw
            else:
                *full, line = chop(tok, width)
                lines.extend(full)
                lw = cell_len(line)
        lines.append(line.rstrip())
        out.extend(lines)
    return out


# --- styled lines ----------------------------------------------------------------------------


@dataclass
class Piece:
    text: str
    style: str | None = None
    link: str | None = None


Line = list[Piece]


def _style_for(c: Cell, column: Column | None, color: bool) -> tuple[str | None, str | None]:
    if not color:
        return None, None
    style = STAGE_STYLE.get(c.tone) if c.tone else None
    link = c.link if c.link and clean(c.link) == c.link else None
    return style, link


# --- tables ------------------------------------------------------------------------------------


@dataclass
class _Col:
    column: Column
    cells: list[Cell]
    texts: list[str]  # cleaned
    min: int = 0
    natural: int = 0
    head_min: int = 0
    head_full: int = 0
    width: int = 0


def _measure(col: _Col) -> None:
    kind = col.column.kind
    words = [w for w in col.column.label.split() if w] or [""]
    col.head_min = max(cell_len(w) for w in words)
    col.head_full = cell_len(col.column.label)
    if kind is Kind.bar:
        col.min, col.natural = 0, BAR_WIDTH
        return
    widths = [cell_len(line) + 2 * c.depth for c, text in zip(col.cells, col.texts, strict=True) for line in text.split("\n")]
    natural = max(widths, default=0)
    if kind.wraps:
        # A short label keeps its words whole, a CJK run counted as one word; prose breaks between CJK characters.
        split = (lambda x: x.split()) if kind is Kind.text else (lambda x: [tok for tok in _tokens(x) if not tok.startswith(" ")])
        longest_word = max((cell_len(w) + 2 * c.depth for c, text in zip(col.cells, col.texts, strict=True) for w in split(text.replace("\n", " "))), default=0)
        if kind is Kind.text:
            low = longest_word  # a label's words are never cut
        elif kind is Kind.url:
            low = URL_MIN
        else:
            low = max(PROSE_MIN, min(longest_word, WORD_MAX))  # prose cuts only a word longer than WORD_MAX
        col.min = max(col.head_min, min(natural, low))
    else:
        col.min = max(col.head_min, natural)
    col.natural = max(col.min, natural)


def _layout(cols: list[_Col], width: int) -> bool:
    """Set each column's width; False when even the narrowest layout does not fit (stack the rows instead)."""
    main = [c for c in cols if c.column.kind is not Kind.bar]
    need = sum(c.min for c in main) + GAP * (len(main) - 1)
    if need > width:
        return False
    for c in cols:
        c.width = c.min
    room = width - need
    # Headers on one line where they fit, then the wrapping columns toward their natural width.
    for c in main:
        extra = min(room, max(0, c.head_full - c.width)) if not c.column.kind.wraps else 0
        c.width += extra
        room -= extra
    # Prose to a readable width first, then short labels (they read badly wrapped), then prose to a
    # comfortable width, a small bar if there is room for one, prose and addresses to their full
    # width, and a chart's bar takes what is left.
    room = _grow_to([c for c in main if c.column.kind is Kind.prose], room, 28)
    room = _grow([c for c in main if c.column.kind is Kind.text and c.natural > c.width], room)
    bars = [c for c in cols if c.column.kind is Kind.bar]
    for c in bars:
        if c.column.fill:  # a chart's bar is its point: some of it before prose grows further
            room = _bar(c, room, min(BAR_WIDTH, room // 2))
    room = _grow_to([c for c in main if c.column.kind is Kind.prose], room, 48)
    for c in bars:
        if not c.column.fill:
            room = _bar(c, room, BAR_WIDTH)
    room = _grow([c for c in main if c.column.kind in (Kind.prose, Kind.url) and c.natural > c.width], room)
    for c in bars:
        if c.column.fill:
            if c.width:
                c.width, room = c.width + room, 0
            else:
                room = _bar(c, room, room)
    return True


def _bar(c: _Col, room: int, want: int) -> int:
    """Give a bar column up to ``want`` cells of the room left (none if fewer than 4 would fit); the room left."""
    width = min(want, room - GAP)
    c.width = width if width >= 4 else 0
    return room - (c.width + GAP if c.width else 0)


def _grow_to(cols: list[_Col], room: int, cap: int) -> int:
    """Widen ``cols`` toward their natural widths but no wider than ``cap``; the room left."""
    saved = {id(c): c.natural for c in cols}
    for c in cols:
        c.natural = max(c.width, min(c.natural, cap))
    room = _grow([c for c in cols if c.natural > c.width], room)
    for c in cols:
        c.natural = saved[id(c)]
    return room


def _grow(growing: list[_Col], room: int) -> int:
    """Widen ``growing`` toward their natural widths, in proportion to what each lacks; the room left."""
    deficit = sum(c.natural - c.width for c in growing)
    if not deficit or room <= 0:
        return room
    if room >= deficit:
        for c in growing:
            c.width = c.natural
        return room - deficit
    given = 0
    for c in growing:
        share = (c.natural - c.width) * room // deficit
        c.width += share
        given += share
    room -= given
    for c in sorted(growing, key=lambda c: c.natural - c.width, reverse=True):
        if room <= 0:
            break
        if c.width < c.natural:
            c.width += 1
            room -= 1
    return room


def _cell_lines(col: _Col, i: int, settings: Settings) -> list[Line]:
    c, text, kind, w = col.cells[i], col.texts[i], col.column.kind, col.width
    style, link = _style_for(c, col.column, settings.color)
    if kind is Kind.bar:
        drawn = bar(c.share, w, not (settings.color and settings.utf8)) if c.share is not None else ""
        return [[Piece(drawn, "cyan" if settings.color else None)]] if drawn else [[]]
    indent = "  " * c.depth
    if kind.wraps:
        lines = wrap(text, w - len(indent), anywhere=kind is Kind.url)
    else:
        lines = text.split("\n")
    out = []
    for n, line in enumerate(lines):
        prefix = indent + ("  " if n and c.depth and kind.wraps else "")
        out.append([Piece(prefix + line, style, link)])
    return out


def _pad(line: Line, width: int, right: bool) -> Line:
    used = sum(cell_len(p.text) for p in line)
    space = Piece(" " * max(0, width - used))
    return [space, *line] if right else [*line, space]


def _tail(text: str) -> int:
    """The cells of an amount from its decimal point on (from the end of its digits, for a whole number); -1: no number."""
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if not digits:
        return -1
    point = text.find(".")
    return cell_len(text[point if point >= 0 else digits[-1] + 1 :])


def _on_the_point(texts: list[str]) -> list[str]:
    """Amounts padded on the right so that, right-aligned, their decimal points line up (a mark after one stays after it)."""
    tails = [_tail(x) if "\n" not in x else -1 for x in texts]
    widest = max(tails, default=-1)
    return [x + " " * (widest - n) if n >= 0 else x for x, n in zip(texts, tails, strict=True)]


def _columns(table: Table) -> list[_Col]:
    rows = [[cell(r.get(col.key)) for col in table.columns] for r in table.rows]
    cols = [_Col(col, [r[i] for r in rows], [clean(r[i].text) for r in rows]) for i, col in enumerate(table.columns)]
    for c in cols:
        if c.column.kind is Kind.amount:
            c.texts = _on_the_point(c.texts)
    for c in cols:
        _measure(c)
    return cols


def _folded(table: Table, always: bool = False) -> Table | None:
    """The table with each column that may fold into another shown under it, in the same cell; None if none may.

    ``always``: the columns a terminal always shows under another (stack_under), and none it does not show.
    """
    keys = {c.key for c in table.columns}
    if always:
        table = Table([c for c in table.columns if c.terminal], table.rows, table.title, table.empty, table.name)
        folding = [Column(c.key, c.label, c.kind, folds_into=c.stack_under) for c in table.columns if c.stack_under in keys]
    else:
        folding = [c for c in table.columns if c.folds_into in keys]
    if not folding:
        return table if always else None
    into = {c.folds_into: c for c in folding}
    skip = {c.key for c in folding}
    columns = []
    for col in table.columns:
        if col.key in skip:
            continue
        extra = into.get(col.key)
        label = f"{col.label}\n{extra.label}" if extra and not always else col.label
        columns.append(Column(col.key, label, col.kind, col.documents, col.fill, col.folds_into))
    rows = []
    for r in table.rows:
        new = dict(r)
        for col in folding:
            assert col.folds_into is not None  # folding holds only the columns that fold into another
            top, below = cell(r.get(col.folds_into)), cell(r.get(col.key))
            if below.text:
                new[col.folds_into] = Cell(f"{top.text}\n{below.text}" if top.text else below.text, top.tone, top.link, top.depth, top.share)
        rows.append(new)
    return Table(columns, rows, table.title, table.empty, table.name)


def _table_lines(table: Table, settings: Settings) -> list[Line]:
    table = _folded(table, always=True) or table
    cols = _columns(table)
    out: list[Line] = []
    if table.title:
        out += [[Piece(line, "bold" if settings.color else None)] for line in wrap(clean(table.title), settings.width)]
    if not _layout(cols, settings.width):
        folded = _folded(table)
        if folded is not None:
            cols = _columns(folded)
            if _layout(cols, settings.width):
                table = folded
            else:
                return out + _stacked(table, _columns(table), settings)
        else:
            return out + _stacked(table, cols, settings)
    shown = [c for c in cols if c.width > 0]
    bold = "bold" if settings.color else None
    heads = [wrap(c.column.label, c.width) if c.column.kind is not Kind.bar else [""] for c in shown]
    for n in range(max(len(h) for h in heads)):
        line: Line = []
        for k, (c, h) in enumerate(zip(shown, heads, strict=True)):
            text = h[n] if n < len(h) else ""
            line += ([Piece(" " * GAP)] if k else []) + _pad([Piece(text, bold)], c.width, c.column.kind.numeric)
        out.append(line)
    total = sum(c.width for c in shown) + GAP * (len(shown) - 1)
    out.append([Piece(("─" if settings.utf8 else "-") * total)])
    for i in range(len(table.rows)):
        cells = [_cell_lines(c, i, settings) for c in shown]
        for n in range(max(len(x) for x in cells)):
            line = []
            for k, (c, lines) in enumerate(zip(shown, cells, strict=True)):
                part = lines[n] if n < len(lines) else []
                line += ([Piece(" " * GAP)] if k else []) + _pad(part, c.width, c.column.kind.numeric)
            out.append(line)
    return out


def _stacked(table: Table, cols: list[_Col], settings: Settings) -> list[Line]:
    """One block per row: the first column as its heading, then each other column as a labelled line."""
    width = settings.width
    first, rest = cols[0], [c for c in cols[1:] if c.column.kind is not Kind.bar]
    keyw = min(max((cell_len(c.column.label) for c in rest), default=0), max(4, width // 3))
    out: list[Line] = []
    for i in range(len(first.cells)):
        if i:
            out.append([])
        head = first.cells[i]
        style, link = _style_for(head, first.column, settings.color)
        indent = "  " * head.depth
        for line in wrap(first.texts[i], width - len(indent)) if first.column.kind.wraps else first.texts[i].split("\n"):
            out.append([Piece(indent + line, style or ("bold" if settings.color else None), link)])
        for c in rest:
            text = c.texts[i]
            if not text:
                continue
            c_style, c_link = _style_for(c.cells[i], c.column, settings.color)
            avail = width - 2 - keyw - 2
            if c.column.kind.wraps:
                lines = wrap(text, max(avail, 8), anywhere=c.column.kind is Kind.url)
                if max(cell_len(x) for x in lines) > avail:
                    lines = []
            else:
                lines = text.split("\n")
                if max(cell_len(x) for x in lines) > avail:
                    lines = []
            label = wrap(c.column.label, keyw)
            if lines:
                for n in range(max(len(label), len(lines))):
                    key = label[n] if n < len(label) else ""
                    value = lines[n] if n < len(lines) else ""
                    out.append([Piece("  " + key + " " * (keyw - cell_len(key)) + "  "), Piece(value, c_style, c_link)])
            else:
                # Too long to sit beside its label: the value on lines of its own, below it.
                out += [[Piece("  " + key)] for key in label]
                below = wrap(text, width - 4, anywhere=c.column.kind is Kind.url) if c.column.kind.wraps else text.split("\n")
                out += [[Piece("    "), Piece(v, c_style, c_link)] for v in below]
    return out


# --- other blocks ----------------------------------------------------------------------------


def _lines_block(block: Lines, settings: Settings) -> list[Line]:
    out: list[Line] = []
    if block.title:
        out += [[Piece(line, "bold" if settings.color else None)] for line in wrap(clean(block.title), settings.width)]
    for raw in block.lines:
        text = clean(raw)
        if block.role == "list":
            lines = wrap(text, settings.width - 2)
            out += [[Piece(("- " if n == 0 else "  ") + line)] for n, line in enumerate(lines)]
        else:
            # A line cqsc indents (a part of a total) keeps its indent on every wrapped line.
            indent = len(text) - len(text.lstrip(" "))
            lines = wrap(text.lstrip(" "), settings.width - indent)
            out += [[Piece(" " * indent + line)] for line in lines]
    return out


def _pairs_block(block: Pairs, settings: Settings) -> list[Line]:
    width = settings.width
    keyw = max((cell_len(k) for k, _ in block.pairs), default=0)
    avail = width - keyw - GAP
    bold = "bold" if settings.color else None
    out: list[Line] = []
    for key, value in block.pairs:
        c = cell(value)
        style, link = _style_for(c, None, settings.color)
        text = clean(c.text)
        if avail >= PROSE_MIN:
            lines = wrap(text, avail)
            for n, line in enumerate(lines):
                k = key if n == 0 else ""
                out.append([Piece(k, bold), Piece(" " * (keyw - cell_len(k) + GAP)), Piece(line, style, link)])
        else:
            out.append([Piece(key, bold)])
            out += [[Piece("  "), Piece(line, style, link)] for line in wrap(text, width - 2)]
    return out


def blocks_lines(view: View, settings: Settings) -> list[Line]:
    out: list[Line] = []
    for block in view.blocks:
        if isinstance(block, Lines) and block.role == "note" and settings.quiet:
            continue
        if isinstance(block, Table):
            if not block.rows:
                if block.empty:
                    lines = [[Piece(line)] for line in wrap(clean(block.empty), settings.width)]
                else:
                    continue
            else:
                lines = _table_lines(block, settings)
        elif isinstance(block, Lines):
            if not block.lines:
                continue
            lines = _lines_block(block, settings)
        elif isinstance(block, Pairs):
            lines = _pairs_block(block, settings)
        else:
            assert isinstance(block, Heading)
            lines = [[Piece(line, "bold" if settings.color else None)] for line in wrap(clean(block.text), settings.width)]
        if out:
            out.append([])
        out += lines
    return out


def _plain(line: Line) -> str:
    return "".join(p.text for p in line).rstrip()


def emit(view: View, settings: Settings) -> str:
    lines = blocks_lines(view, settings)
    if not settings.color:
        return "".join(_plain(line) + "\n" for line in lines)
    # Only a terminal needs rich's styles: a piped run does without importing them.
    from rich.console import Console
    from rich.style import Style
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system=Console().color_system or "standard", width=10_000, markup=False, emoji=False, highlight=False)  # type: ignore[arg-type]  # color_system reads back a name it takes
    for whole in lines:
        text = Text(no_wrap=True, end="\n")
        line = whole
        while line and not line[-1].text.strip() and not line[-1].style:
            line = line[:-1]
        for p in line:
            style = Style.parse(p.style) if p.style else Style()
            if p.link:
                style += Style(link=p.link)
            text.append(p.text, style)
        console.print(text, soft_wrap=True)
    return buffer.getvalue()
