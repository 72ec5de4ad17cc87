"""The terminal emitter: tables laid out for the width there is, plain when piped, styled on a terminal.

Layout rules (issue 10, revised): ids, numbers, dates, statuses and percentages are never split or cut, and a
number stays on the line of its unit. Prose and labels wrap between words (after the hyphen of a compound
in prose, and between CJK characters, measured in display cells); only a word longer than the whole column
is split, and the split is marked with …. An address stays on one line, shortened in the middle with …
when it is longer than its column (a terminal's hyperlink keeps the whole address). Bars give way first.

A row takes at most two lines where the table can make it so: spare width goes to prose first; when width
is short, columns give way in the order the view gives them (Column.gives_way: a column moves under
another, or leaves the table, and a line after the tables says which left), and a name a view lets be cut
(Column.cut) is cut at a word boundary, marked …, when only a few rows need it or no column is left to give
way. A run with --columns shows what it asked for, whole. Below the width of the columns that never give
way, each row becomes a block of its own (a stacked record layout).

Tree indentation is kept on every wrapped line. Lines carry no trailing spaces. Text from the data is
shown through escape.visible, so no control, bidi or zero-width character reaches the terminal, and it is
never read as markup: styles are applied to Text objects, never parsed from strings.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from dataclasses import dataclass, field

from rich.cells import cell_len

from cqsc.model.options import Lang
from cqsc.output.settings import Settings
from cqsc.text.escape import visible
from cqsc.text.lang import t
from cqsc.text.numbers import bar
from cqsc.views.model import Cell, Column, Heading, Kind, Lines, Pairs, Table, View, cell

GAP = 2  # spaces between columns
BAR_WIDTH = 20  # a bar column's width when there is room
PROSE_MIN = 16  # the narrowest a prose column gets before the table is stacked
URL_MIN = 16
WORD_MAX = 20  # prose keeps words up to this long whole, in a table that fits
ROW_LINES = 2  # the lines a row may take where columns can give way or names be cut to keep it so
CUT_SHARE = 4  # a table may cut the names of one row in this many (one at least) before another column gives way
# After a number, these stay on its line ("45.155 km", "8.1 bn").
UNITS = frozenset({"km", "m", "bn", "yi", "mu", "ha", "kV", "MW", "GW", "t", "%"})
TRIM = " ,;:(/+-–—、，（"  # what a cut line does not end on before its …
CLOSING = frozenset(")]}>,.;:!?%、，。；：！？）》」』】")
OPENING = frozenset("([{<（《「『【")

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
    return ch >= "\u1100" and unicodedata.east_asian_width(ch) in ("W", "F")


_SPACES = re.compile(r"( +)")


# A compound of prose breaks after its hyphen, between letters: "Chengdu-|Dazhou", "navigation-|power";
# never in a date, a number or an id with digits ("2020-12", "cri-acd5de").
_HYPHEN = re.compile(r"(?<=[^\W\d_]{2}-)(?=[^\W\d_]{2,}(?:[^\w]|$))")
_NUMBER = re.compile(r"[~≈]?[\d][\d.,]*%?")


@functools.lru_cache(maxsize=4096)  # a table is measured in several forms: each text is split once
def _tokens(text: str) -> tuple[str, ...]:
    """Words, runs of spaces, and single wide (CJK) characters: the places a line may break are between them.

    A number and its unit are one word, and so is a bracket or a stop with the word it belongs to.
    """
    out: list[str] = []
    word = ""
    if text.isascii():  # no wide character: words and runs of spaces, found at C speed
        out = [tok for tok in _SPACES.split(text) if tok]
        text = ""
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
    glued: list[str] = []
    for tok in out:
        if len(glued) >= 2 and tok in UNITS and glued[-1] == " " and _NUMBER.fullmatch(glued[-2]):
            glued[-2:] = [glued[-2] + " " + tok]
        elif glued and not glued[-1].startswith(" ") and (tok[0] in CLOSING or glued[-1][-1] in OPENING):
            glued[-1] += tok  # no line starts with a closing bracket or ends with an opening one
        else:
            glued.append(tok)
    return tuple(glued)


def _pieces(word: str, prose: bool) -> list[str]:
    """A word too long for its line in the places it may break: after a compound's hyphens, in prose."""
    return [p for p in _HYPHEN.split(word) if p] if prose and "-" in word else [word]


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


def _split_word(word: str, width: int, mark: str) -> list[str]:
    """A word longer than the whole column, in pieces that fit, each but the last marked as continued."""
    if width <= cell_len(mark):
        return chop(word, width)
    out, rest = [], word
    while cell_len(rest) > width:
        head = chop(rest, width - cell_len(mark))[0]
        out.append(head + mark)
        rest = rest[len(head) :]
    return [*out, rest]


def wrap(text: str, width: int, *, prose: bool = False, mark: str = "…") -> list[str]:
    """Lines of at most ``width`` cells, breaking at spaces and around CJK characters (and in prose after a
    compound's hyphen); a word longer than ``width`` is split, marked."""
    width = max(1, width)
    out: list[str] = []
    for para in text.split("\n"):
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
                continue
            for piece in _pieces(tok, prose):  # a word longer than the line: after its hyphens, else split
                pw = cell_len(piece)
                if lw + pw <= width:
                    line, lw = line + piece, lw + pw
                    continue
                if line.strip():
                    lines.append(line.rstrip())
                if pw <= width:
                    line, lw = piece, pw
                else:
                    *full, line = _split_word(piece, width, mark)
                    lines.extend(full)
                    lw = cell_len(line)
        lines.append(line.rstrip())
        out.extend(lines)
    return out


def cut(lines: list[str], keep: int, width: int, *, mark: str = "…") -> list[str]:
    """The first ``keep`` of ``lines``, the last one ending at a word boundary with ``mark`` if any were left out."""
    if len(lines) <= keep:
        return lines
    kept = lines[:keep]
    toks = [piece for tok in _tokens(kept[-1]) for piece in _pieces(tok, True)]  # a compound may end after a hyphen
    while toks and cell_len("".join(toks).rstrip(TRIM) + mark) > width:
        toks.pop()
    last = "".join(toks).rstrip(TRIM)
    if not last:  # one word wider than the column: its start, marked
        last = chop(kept[-1], max(1, width - cell_len(mark)))[0]
    kept[-1] = last + mark
    return kept


def shorten(url: str, width: int, mark: str = "…") -> str:
    """An address on one line of at most ``width`` cells: its start and its end, the middle left out, marked."""
    if cell_len(url) <= width:
        return url
    room = width - cell_len(mark)
    if room < 4:
        return chop(url, width)[0]
    tail_w = room // 3
    head = chop(url, room - tail_w)[0]
    tail = "".join(reversed(chop(url[::-1], tail_w)[0]))
    return head + mark + tail


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


def _mark(settings: Settings) -> str:
    return "…" if settings.utf8 else "..."


# --- tables ------------------------------------------------------------------------------------


@dataclass
class _Part:
    """One column's value in a cell: the column's own, or one shown under it."""

    column: Column
    cell: Cell
    text: str  # cleaned
    laid: dict[tuple[int, int], list[str]] = field(default_factory=dict)  # its lines by (width, depth), once each
    bounds: dict[int, tuple[int, int]] = field(default_factory=dict)  # (min, natural) by depth, once each


@dataclass
class _Col:
    column: Column  # the column whose place this is (its kind aligns the cell)
    label: str
    rows: list[list[_Part]]  # per row: the column's own part, then those shown under it (the empty left out)
    min: int = 0
    natural: int = 0
    head_min: int = 0
    head_full: int = 0
    width: int = 0


@dataclass
class _Form:
    """A table as a terminal may show it: each column with those shown under it, and the columns left out."""

    groups: list[tuple[Column, list[Column], bool]]  # (column, columns under it, label them in the header)
    left_out: list[Column] = field(default_factory=list)


def _words(text: str, kind: Kind) -> list[str]:
    if kind is Kind.text:  # a short label keeps its words whole, a CJK run counted as one word
        return text.replace("\n", " ").split()
    return [tok for tok in _tokens(text.replace("\n", " ")) if not tok.startswith(" ")]


def _part_bounds(p: _Part, depth: int) -> tuple[int, int]:
    """The narrowest and the natural width of one part: (min, natural)."""
    if depth not in p.bounds:
        p.bounds[depth] = _bounds(p, depth)
    return p.bounds[depth]


def _bounds(p: _Part, depth: int) -> tuple[int, int]:
    kind = p.column.kind
    paras = p.text.split("\n")
    first, indent = 2 * depth, _indent(depth)
    if not kind.wraps:  # lines of their own where narrow, one line where there is room
        return max(cell_len(x) for x in paras) + first, cell_len(" ".join(x for x in paras if x)) + first
    natural = max(cell_len(x) for x in paras) + first
    if kind is Kind.url:
        return min(natural, URL_MIN), natural
    longest = max((cell_len(w) for w in _words(p.text, kind)), default=0) + indent
    if kind is Kind.text:
        low = longest
    elif p.column.cut:  # a name that may be cut reads at this width, a long compound breaking at its hyphens
        low = PROSE_MIN
    else:
        low = max(PROSE_MIN, min(longest, WORD_MAX))
    return min(natural, low), natural


def _measure(col: _Col) -> None:
    words = [w for line in col.label.split("\n") for w in line.split() if w] or [""]
    col.head_min = max(cell_len(w) for w in words)
    col.head_full = max(cell_len(line) for line in col.label.split("\n"))
    if col.column.kind is Kind.bar:
        col.min, col.natural = 0, BAR_WIDTH
        return
    lo = hi = 0
    for parts in col.rows:
        for p in parts:
            a, b = _part_bounds(p, parts[0].cell.depth)
            lo, hi = max(lo, a), max(hi, b)
    col.min = max(col.head_min, lo)
    col.natural = max(col.min, hi)


def _indent(depth: int) -> int:
    """A tree's indentation on a wrapped line: two cells a level, and two more."""
    return 2 * depth + (2 if depth else 0)


def _join(cols: list[_Col], room: int) -> int:
    """Widen the columns of lines that are never wrapped (a status and its date) to hold each cell on one line."""
    for c in cols:
        if c.column.kind is not Kind.bar and not c.column.kind.wraps and c.width < c.natural <= c.width + room:
            room -= c.natural - c.width
            c.width = c.natural
    return room


def _layout(cols: list[_Col], width: int, join_first: bool = False) -> bool:
    """Set each column's width; False when even the narrowest layout does not fit.

    ``join_first``: cells of lines that are never wrapped go on one line before prose grows.
    """
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
    if join_first:
        room = _join(main, room)
    # Prose to a readable width first, then short labels (they read badly wrapped), then prose to a
    # comfortable width, a small bar if there is room for one, prose and addresses to their full
    # width, a status with its date on one line, and a chart's bar takes what is left.
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
    room = _join(main, room)
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


def _part_lines(p: _Part, width: int, depth: int, mark: str) -> list[str]:
    """One part's lines at ``width`` cells, without the tree's indentation (two cells more on a wrapped line)."""
    key = (width, depth)
    if key not in p.laid:  # each form of a table is measured at a few widths: lay each out once
        p.laid[key] = _lay(p, width, depth, mark)
    return p.laid[key]


def _lay(p: _Part, width: int, depth: int, mark: str) -> list[str]:
    kind = p.column.kind
    w = max(1, width - 2 * depth)
    if kind is Kind.url:
        return [shorten(x, w, mark) for x in p.text.split("\n")]
    if not kind.wraps:
        paras = p.text.split("\n")
        joined = " ".join(x for x in paras if x)
        return [joined] if cell_len(joined) <= w else paras
    if "\n" not in p.text and cell_len(p.text) <= w:
        return [p.text]
    return wrap(p.text, max(1, width - _indent(depth)), prose=kind is Kind.prose, mark=mark)


def _budget(counts: list[int], cuttable: list[bool], limit: int) -> list[int]:
    """The lines each part of a cell keeps when the cell is held to ``limit`` lines: every part one at least."""
    room = limit - sum(n for n, c in zip(counts, cuttable, strict=True) if not c)
    out = []
    for n, c in zip(counts, cuttable, strict=True):
        out.append(1 if c else n)
        room -= 1 if c else 0
    for k, (n, c) in enumerate(zip(counts, cuttable, strict=True)):
        if c and room > 0:
            extra = min(room, n - 1)
            out[k] += extra
            room -= extra
    return out


def _cell_text(col: _Col, i: int, mark: str, cutting: bool) -> list[tuple[_Part, list[str]]]:
    """The lines of each part of column ``col`` in row ``i``, cut to the row's lines if ``cutting``."""
    parts = col.rows[i]
    depth = parts[0].cell.depth
    lines = [_part_lines(p, col.width, depth, mark) for p in parts]
    cuttable = [p.column.cut for p in parts]
    if cutting and any(cuttable) and sum(len(x) for x in lines) > ROW_LINES:
        keep = _budget([len(x) for x in lines], cuttable, ROW_LINES)
        lines = [cut(x, k, col.width - _indent(depth), mark=mark) if c else x for x, k, c in zip(lines, keep, cuttable, strict=True)]
    return list(zip(parts, lines, strict=True))


def _height(cols: list[_Col], i: int, mark: str, cutting: bool) -> int:
    return max((sum(len(x) for _, x in _cell_text(c, i, mark, cutting)) for c in cols if c.column.kind is not Kind.bar), default=1)


def _cell_lines(col: _Col, i: int, settings: Settings, cutting: bool) -> list[Line]:
    w = col.width
    if col.column.kind is Kind.bar:
        c = col.rows[i][0].cell
        drawn = bar(c.share, w, not (settings.color and settings.utf8)) if c.share is not None else ""
        return [[Piece(drawn, "cyan" if settings.color else None)]] if drawn else [[]]
    depth = col.rows[i][0].cell.depth
    out: list[Line] = []
    for p, lines in _cell_text(col, i, _mark(settings), cutting):
        style, link = _style_for(p.cell, p.column, settings.color)
        for line in lines:
            prefix = "  " * depth + ("  " if out and depth and col.column.kind.wraps else "")
            out.append([Piece(prefix + line, style, link)])
    return out or [[]]


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


def _forms(table: Table, give_way: bool) -> list[_Form]:
    """The ways a terminal may show ``table``, fullest first: each next one with the next columns given way.

    Columns a terminal does not show are left out of all; one shown always under another (stack_under) is.
    """
    shown = [c for c in table.columns if c.terminal]
    keys = {c.key for c in shown}
    under = {c.key for c in shown if c.stack_under in keys}

    def form(gone: set[str]) -> _Form:
        groups, left_out = [], []
        for col in shown:
            if col.key in under:
                continue
            if col.key in gone:
                if not (col.folds_into in keys and col.folds_into not in gone):
                    left_out.append(col)
                continue
            below = [(c, False) for c in shown if c.key in under and c.stack_under == col.key]
            below += [(c, True) for c in shown if c.key in gone and c.folds_into == col.key]
            groups.append((col, [c for c, _ in below], any(labelled for _, labelled in below)))
        return _Form(groups, left_out)

    forms = [form(set())]
    if give_way:
        gone: set[str] = set()
        for rank in sorted({c.gives_way for c in shown if c.gives_way}):
            gone |= {c.key for c in shown if c.gives_way == rank}
            forms.append(form(set(gone)))
    return forms


def _columns(table: Table, f: _Form, made: dict[tuple[int, str], _Part]) -> list[_Col]:
    """The form's columns with their parts (``made``: the parts of earlier forms, by row and key, to reuse)."""

    # Amounts line up on the decimal point: padded once, for every form.
    on_point = {
        c.key: _on_the_point([clean(cell(r.get(c.key)).text) for r in table.rows]) for c in table.columns if c.kind is Kind.amount
    }

    def part(i: int, col: Column) -> _Part:
        if (i, col.key) not in made:
            x = cell(table.rows[i].get(col.key))
            made[i, col.key] = _Part(col, x, on_point[col.key][i] if col.key in on_point else clean(x.text))
        return made[i, col.key]

    cols = []
    for col, below, labelled in f.groups:
        label = "\n".join([col.label, *(c.label for c in below)]) if labelled else col.label
        per_row = []
        for i in range(len(table.rows)):
            per_row.append([part(i, col), *(x for x in (part(i, c) for c in below) if x.text)])
        cols.append(_Col(col, label, per_row))
    for built in cols:
        _measure(built)
    return cols


def _table_lines(table: Table, settings: Settings, left_out: list[str]) -> list[Line]:
    out: list[Line] = []
    if table.title:
        out += [[Piece(line, "bold" if settings.color else None)] for line in wrap(clean(table.title), settings.width)]
    # --columns shows what it asked for, whole: nothing gives way and no name is cut.
    choosing = not settings.columns
    mark = _mark(settings)
    forms = _forms(table, choosing)
    made: dict[tuple[int, str], _Part] = {}
    chosen: tuple[list[_Col], _Form, bool] | None = None
    fallback: tuple[list[_Col], _Form, bool] | None = None
    n = len(table.rows)
    for f in forms:
        cols = _columns(table, f, made)
        if not _layout(cols, settings.width):
            continue
        heights = [_height(cols, i, mark, False) for i in range(n)]
        # Spare width goes to prose first, unless a status and its date on one line save more lines.
        if max(heights, default=1) > 1 and any(not c.column.kind.wraps and c.width < c.natural for c in cols):
            alt = _columns(table, f, made)
            _layout(alt, settings.width, join_first=True)
            alt_heights = [_height(alt, i, mark, False) for i in range(n)]
            if sum(alt_heights) < sum(heights):
                cols, heights = alt, alt_heights
        fallback = (cols, f, choosing)
        if max(heights, default=1) <= ROW_LINES:
            chosen = (cols, f, False)
            break
        if choosing:
            tall = sum(1 for h in heights if h > ROW_LINES)
            if tall <= max(1, n // CUT_SHARE) and all(_height(cols, i, mark, True) <= ROW_LINES for i in range(n)):
                chosen = (cols, f, True)
                break
    chosen = chosen or fallback
    if chosen is None:
        return out + _stacked(_columns(table, forms[0], made), settings)
    cols, f, cutting = chosen
    left_out += [c.label for c in f.left_out if c.label not in left_out]
    shown = [c for c in cols if c.width > 0]
    bold = "bold" if settings.color else None
    heads = [wrap(c.label, c.width) if c.column.kind is not Kind.bar else [""] for c in shown]
    for k in range(max(len(h) for h in heads)):
        line: Line = []
        for j, (c, h) in enumerate(zip(shown, heads, strict=True)):
            text = h[k] if k < len(h) else ""
            line += ([Piece(" " * GAP)] if j else []) + _pad([Piece(text, bold)], c.width, c.column.kind.numeric)
        out.append(line)
    total = sum(c.width for c in shown) + GAP * (len(shown) - 1)
    out.append([Piece(("─" if settings.utf8 else "-") * total)])
    for i in range(n):
        cells = [_cell_lines(c, i, settings, cutting) for c in shown]
        for k in range(max(len(x) for x in cells)):
            line = []
            for j, (c, lines) in enumerate(zip(shown, cells, strict=True)):
                part = lines[k] if k < len(lines) else []
                line += ([Piece(" " * GAP)] if j else []) + _pad(part, c.width, c.column.kind.numeric)
            out.append(line)
    return out


def _stacked(cols: list[_Col], settings: Settings) -> list[Line]:
    """One block per row: the first column as its heading, then each other column as a labelled line."""
    width = settings.width
    mark = _mark(settings)
    first, rest = cols[0], [c for c in cols[1:] if c.column.kind is not Kind.bar]
    keyw = min(max((cell_len(c.label) for c in rest), default=0), max(4, width // 3))
    out: list[Line] = []
    for i in range(len(first.rows)):
        if i:
            out.append([])
        for p in first.rows[i]:
            style, link = _style_for(p.cell, p.column, settings.color)
            indent = "  " * p.cell.depth
            for text in _part_lines(p, width - len(indent), 0, mark):
                out.append([Piece(indent + text, style or ("bold" if settings.color else None), link)])
        for c in rest:
            parts = [p for p in c.rows[i] if p.text]
            if not parts:
                continue
            avail = width - 2 - keyw - 2
            beside = [(p, _part_lines(p, max(avail, 8), 0, mark)) for p in parts]
            label = wrap(c.label.replace("\n", " "), keyw)
            if all(max(cell_len(x) for x in lines) <= avail for _, lines in beside):
                values = [(p, v) for p, lines in beside for v in lines]
                for k in range(max(len(label), len(values))):
                    key = label[k] if k < len(label) else ""
                    row: Line = [Piece("  " + key + " " * (keyw - cell_len(key)) + "  ")]
                    if k < len(values):
                        p, v = values[k]
                        c_style, c_link = _style_for(p.cell, p.column, settings.color)
                        row.append(Piece(v, c_style, c_link))
                    out.append(row)
            else:
                # Too long to sit beside its label: the value on lines of its own, below it.
                out += [[Piece("  " + key)] for key in label]
                for p in parts:
                    c_style, c_link = _style_for(p.cell, p.column, settings.color)
                    out += [[Piece("    "), Piece(v, c_style, c_link)] for v in _part_lines(p, width - 4, 0, mark)]
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
    left_out: list[str] = []  # the labels of columns that gave way to the width
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
                lines = _table_lines(block, settings, left_out)
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
    if left_out and not settings.quiet:
        note = t(settings.lang, "Not shown at this width: {columns} (a wider terminal or --columns shows them).", columns=("、" if settings.lang is Lang.zh else ", ").join(left_out))
        out += [[], *[[Piece(line)] for line in wrap(note, settings.width)]]
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
