"""Read YAML data files safely: plain values built from the parser's events.

PyYAML's loaders compose a node graph and then construct values from it, which
is slow, follows aliases without limit (the "billion laughs"), silently keeps the
last of two duplicate keys and recurses once per nesting level. Data files need
none of YAML's object features, so this reader builds dicts, lists and scalars
straight from the event stream, iteratively, and refuses what a data file has no
use for:

- anchors and aliases (so an alias bomb fails at its first anchor),
- explicit tags such as ``!!python/object`` (nothing is ever constructed),
- duplicate keys, non-scalar keys, more than one document,
- nesting deeper than ``MAX_DEPTH``.

Plain scalars are resolved with PyYAML's safe resolver rules, except that
floats become exact ``Decimal`` values and timestamps stay text (the models
check dates themselves, with partial dates allowed).

Positions are optional: the fast path builds values only; ``positions=True``
also records the line and column of every key and value, which the error paths
ask for.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from yaml.resolver import Resolver

from cqsc.model.parsed import Mark as Mark
from cqsc.model.parsed import Parsed as Parsed
from cqsc.model.parsed import YamlProblem as YamlProblem
from cqsc.model.problems import English, Said
from cqsc.text.lang import extend, say

MAX_DEPTH = 64

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVERS = Resolver.yaml_implicit_resolvers
_WILDCARD = _RESOLVERS.get(None, [])
_TAG = "tag:yaml.org,2002:"


def _mark(ev: Any) -> Mark:
    m = ev.start_mark
    return Mark(m.line + 1, m.column + 1)


def _marker(text: str | bytes) -> Any:
    """Marks in lines as editors and git count them: libyaml also breaks lines at a lone CR."""
    if isinstance(text, bytes) or "\r" not in text:
        return lambda m: Mark(m.line + 1, m.column + 1)
    import bisect

    newlines = [i for i, c in enumerate(text) if c == "\n"]

    def convert(m: Any) -> Mark:
        line = bisect.bisect_left(newlines, m.index)
        start = newlines[line - 1] + 1 if line else 0
        return Mark(line + 1, m.index - start + 1)

    return convert


# The only number forms a data file may use: plain decimals in ASCII digits. YAML 1.1 would also
# read 031 as 25 (octal), 0x15bb as 5563, 58:15.5 as 3495.5 (base 60), 1_000 as 1000, and 1e3 is
# text to it but a number to a reader; each of these is refused rather than reinterpreted.
_PLAIN_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,17})(?:\.[0-9]{1,12})?")
_NUMBER_LIKE = re.compile(r"[-+]?(?:\.?[0-9][0-9_]*(?:[.:][0-9_]*)*(?:[eE][-+]?[0-9_]+)?|0[xXoObB][0-9a-fA-F_]+)")
_SPECIAL = {".inf", "-.inf", "+.inf", ".nan", ".Inf", "-.Inf", "+.Inf", ".INF", "-.INF", "+.INF", ".NaN", ".NAN"}


class Refused:
    """A plain scalar a data file may not hold as written; ``why`` says what to write instead."""

    __slots__ = ("text", "why")

    def __init__(self, text: str, why: Said) -> None:
        self.text, self.why = text, why

    def __repr__(self) -> str:
        return self.text


def number_problem(text: str) -> Said | None:
    """Why a plain scalar that reads as a number is not one a data file may hold, or None."""
    if text in _SPECIAL or _PLAIN_NUMBER.fullmatch(text) or not _NUMBER_LIKE.fullmatch(text):
        return None
    if re.fullmatch(r"-?0[0-9]+(\.[0-9]*)?", text):
        return say("{text} has a leading zero (YAML would read it as octal); write it without", text=repr(text))
    if _PLAIN_NUMBER.fullmatch(text.replace("_", "")) is None and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text.replace("_", "")):
        if "." not in text:
            return say("{text} has too many digits; write at most 18 digits before the point and 12 after", text=repr(text))
        return say("{text} has too many digits or decimal places; write at most 18 digits before the point and 12 after", text=repr(text))
    if "_" in text:
        return say("{text} uses _ as a digit separator; write the number without it", text=repr(text))
    if text.startswith("+"):
        return say("{text} has a + sign; write it without", text=repr(text))
    if re.fullmatch(r"[-+]?0[xXoObB].*", text):
        return say("{text} is hexadecimal, octal or binary; write the number in decimal", text=repr(text))
    if ":" in text:
        return say("{text} would be read as a base-60 number; quote it if it is text, or write the number in decimal", text=repr(text))
    if "e" in text.lower():
        return say("{text} is in exponent notation; write the number out in decimal", text=repr(text))
    if re.fullmatch(r"-?0[0-9]+(\.[0-9]*)?", text):
        return say("{text} has a leading zero (YAML would read it as octal); write it without", text=repr(text))
    return say("{text} is not a plain decimal number; write digits with at most one decimal point", text=repr(text))


def _resolve_plain(text: str) -> Any:
    if text and (text[0] in "+-.0123456789"):
        why = number_problem(text)
        if why is not None:
            return Refused(text, why)
    resolvers = _RESOLVERS.get(text[0] if text else "", [])
    for tag, regexp in (*resolvers, *_WILDCARD):
        if regexp.match(text):
            kind = tag[len(_TAG) :] if tag.startswith(_TAG) else tag
            if kind == "null":
                return None
            if kind == "bool":
                return text.lower() in ("yes", "true", "on")
            if kind == "int":
                return _to_int(text)
            if kind == "float":
                return _to_decimal(text)
            # timestamps stay text; "merge" (<<) and "value" (=) stay text too
            return text
    return text


def _to_int(text: str) -> int:
    # PyYAML's YAML 1.1 integer forms: sign, 0b, 0x, leading-0 octal, sexagesimal.
    value = text.replace("_", "")
    sign = -1 if value[0] == "-" else 1
    if value[0] in "+-":
        value = value[1:]
    if value == "0":
        return 0
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value[0] == "0":
        return sign * int(value, 8)
    if ":" in value:
        total = 0
        for part in value.split(":"):
            total = total * 60 + int(part)
        return sign * total
    return sign * int(value)


def _to_decimal(text: str) -> Decimal:
    value = text.replace("_", "").lower()
    sign = -1 if value[0] == "-" else 1
    if value[0] in "+-":
        value = value[1:]
    if value == ".inf":
        return Decimal(sign) * Decimal("Infinity")
    if value == ".nan":
        return Decimal("NaN")
    if ":" in value:
        total = Decimal(0)
        for part in value.split(":"):
            total = total * 60 + Decimal(part)
        return sign * total
    try:
        return sign * Decimal(value)
    except InvalidOperation:  # pragma: no cover - the resolver's regexp admits only numbers
        return Decimal("NaN")


_SAFE_TAGS = {"!", None}


class _Careful(Exception):
    """The fast reader met something to refuse or report: read again, carefully."""


_NOKEY = object()
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAP_START, _SEQ_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAP_END, _SEQ_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_DOC_START, _STREAM_END = yaml.DocumentStartEvent, yaml.StreamEndEvent


def _fast(text: str | bytes, max_depth: int) -> Parsed:
    """Values only, no positions: the common case of a clean file, kept tight because it is the cold path."""
    parser = _Parser(text)
    get_event = parser.get_event
    resolve = _resolve_plain
    safe_tags = _SAFE_TAGS
    # Scalars repeat (keys, codes, source ids, dates): resolve each text once and share the one
    # immutable value, which also lets the cache's pickle write repeats as references.
    plain: dict[str, Any] = {}
    quoted: dict[str, str] = {}
    stack: list[tuple[Any, bool, Any]] = []
    value: Any
    top: Any = None
    is_map = False
    key: Any = _NOKEY
    out = Parsed()
    documents = 0
    try:
        while True:
            ev = get_event()
            cls = ev.__class__
            if cls is _SCALAR:
                if ev.anchor is not None or ev.tag not in safe_tags:
                    raise _Careful
                text_ = ev.value
                if ev.implicit[0]:
                    value = plain.get(text_, _NOKEY)
                    if value is _NOKEY:
                        value = plain[text_] = resolve(text_)
                    if value.__class__ is Refused:
                        raise _Careful
                else:
                    value = quoted.setdefault(text_, text_)
            elif cls is _MAP_START or cls is _SEQ_START:
                if ev.anchor is not None or ev.tag not in safe_tags or len(stack) >= max_depth:
                    raise _Careful
                stack.append((top, is_map, key))
                is_map = cls is _MAP_START
                top = {} if is_map else []
                key = _NOKEY
                continue
            elif cls is _MAP_END or cls is _SEQ_END:
                value = top
                top, is_map, key = stack.pop()
            elif cls is _STREAM_END:
                break
            elif cls is _DOC_START:
                documents += 1
                if documents > 1:
                    raise _Careful
                continue
            elif cls is _ALIAS:
                raise _Careful
            else:  # stream start, document end
                continue
            if not stack:
                out.value, out.empty = value, False
            elif not is_map:
                top.append(value)
            elif key is _NOKEY:
                if value.__class__ is not str or value in top:
                    raise _Careful  # a key that is not text, or a duplicate
                key = value
            else:
                top[key] = value
                key = _NOKEY
    except (yaml.YAMLError, TypeError) as exc:  # TypeError: an unhashable key such as NaN
        raise _Careful from exc
    finally:
        parser.dispose()
    return out


def parse(text: str | bytes, *, positions: bool = False, max_depth: int = MAX_DEPTH) -> Parsed:
    """Read one YAML document into plain values; never raises on bad input.

    Without ``positions`` a clean file takes the fast path; anything to refuse or
    report sends it through the careful reader below, which records every problem
    with its line and column.
    """
    refused = _odd_breaks(text)
    if refused is not None:
        return refused
    if not positions:
        try:
            return _fast(text, max_depth)
        except _Careful:
            pass
    return _careful(text, positions=positions, max_depth=max_depth)


MAX_ODD_SHOWN = 10  # a file pasted from elsewhere may hold thousands; the first few say what to do


def _odd_breaks(text: str | bytes) -> Parsed | None:
    """The file refused at each line break YAML reads but editors do not (linebreaks.py), or None."""
    from cqsc.text import linebreaks

    found = linebreaks.find_odd(text if isinstance(text, str) else text.decode("utf-8", "replace"))
    if not found:
        return None
    out = Parsed()
    out.problems = [YamlProblem(Mark(line, col), linebreaks.message(char), "linebreak") for line, col, char in found[:MAX_ODD_SHOWN]]
    if len(found) > MAX_ODD_SHOWN:
        last = out.problems[-1]
        last.said = _more(last.said, len(found) - MAX_ODD_SHOWN)
    return out


def _more(said: Said, n: int) -> Said:
    """``said`` with the count of the like problems of the file that are not listed."""
    return extend(said, " ({more} more in this file)", more=n)


def _careful(text: str | bytes, *, positions: bool, max_depth: int) -> Parsed:
    out = Parsed()
    problems = _OncePerKind(out.problems)
    # Each open container: [container, path, pending_key, pending_key_mark, is_mapping]
    stack: list[list[Any]] = []
    documents = 0

    def add(value: Any, mark: Mark, written: str | None = None) -> bool:
        """Attach a finished value to the open container; False if it must be dropped."""
        if not stack:
            out.value = value
            out.empty = False
            if positions:
                out.marks[()] = mark
            return True
        top = stack[-1]
        container, path = top[0], top[1]
        if top[4]:  # mapping
            if top[2] is _NO_KEY:
                if isinstance(value, (dict, list)):
                    problems.append(YamlProblem(mark, say("a mapping key must be a plain value, not a list or mapping")))
                    top[2] = _BAD_KEY
                    return False
                if not isinstance(value, str):
                    shown = written if written is not None else repr(value)
                    problems.append(YamlProblem(mark, say(f"the key {{key}} is not text (it reads as {_kind_of(value)}); quote it: '{{key}}'", key=shown)))
                    top[2] = _BAD_KEY
                    return False
                # 1 and true are equal in Python; as keys they are different words, so compare type and value.
                seen_as = (type(value), value) if not isinstance(value, Refused) else (str, value.text)
                first = top[5].get(seen_as)
                if first is not None:
                    shown = written if written is not None else repr(value)
                    problems.append(YamlProblem(mark, say("duplicate key {key} (first at line {line}): each key may appear once", key=repr(shown), line=first.line)))
                    top[2] = _BAD_KEY
                    return False
                top[2] = value
                top[3] = mark
                top[5][seen_as] = mark
                return True
            key = top[2]
            top[2] = _NO_KEY
            if key is _BAD_KEY:
                return False
            container[key] = value
            if positions:
                out.marks[(*path, key)] = mark
                out.key_marks[(*path, key)] = top[3]
            return True
        if positions:
            out.marks[(*path, len(container))] = mark
        container.append(value)
        return True

    def child_path() -> tuple[Any, ...]:
        if not stack:
            return ()
        top = stack[-1]
        if top[4]:
            return (*top[1], top[2])
        return (*top[1], len(top[0]))

    mk = _marker(text)
    deep = _flow_overflow(text, max_depth)
    if deep is not None:
        # Found by cqsc's own scan, before the parser runs: a parser with a nesting limit of its own
        # (libyaml's scanner reads a whole run of brackets ahead) must not decide which limit is met first.
        out.problems.append(YamlProblem(deep, say("nesting deeper than {depth} levels", depth=max_depth)))
        return out
    last_quoted: tuple[Mark, Mark] | None = None  # the latest quoted text that ran over several lines
    root_scalar: Mark | None = None  # where the document began, when its top level is a single value
    last_tag: Mark | None = None  # the latest explicit tag (a stray ! changes how what follows is read)
    ev: Any  # events are told apart by exact type (faster than isinstance), which mypy does not narrow
    try:
        for ev in yaml.parse(text, Loader=_Parser):
            kind = type(ev)
            if kind is yaml.ScalarEvent:
                mark = mk(ev.start_mark)
                if ev.tag is not None:
                    last_tag = mark
                if ev.style in ('"', "'") and ev.end_mark.line > ev.start_mark.line:
                    last_quoted = (mark, mk(ev.end_mark))
                if not stack:
                    root_scalar = mark
                if ev.anchor is not None:
                    problems.append(YamlProblem(mark, say("anchors (&{anchor}) are not allowed in data files", anchor=ev.anchor)))
                if ev.tag not in _SAFE_TAGS:
                    problems.append(YamlProblem(mark, _tag_message(ev.tag)))
                    value: Any = ev.value
                elif ev.implicit[0]:  # a plain (unquoted) scalar
                    value = _resolve_plain(ev.value)
                    if isinstance(value, Refused):
                        problems.append(YamlProblem(mark, value.why, "number"))
                else:
                    value = ev.value
                add(value, mark, ev.value)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                mark = mk(ev.start_mark)
                if ev.tag is not None:
                    last_tag = mark
                if ev.anchor is not None:
                    problems.append(YamlProblem(mark, say("anchors (&{anchor}) are not allowed in data files", anchor=ev.anchor)))
                if ev.tag not in _SAFE_TAGS:
                    problems.append(YamlProblem(mark, _tag_message(ev.tag)))
                if len(stack) >= max_depth:
                    problems.append(YamlProblem(mark, say("nesting deeper than {depth} levels", depth=max_depth)))
                    return out
                is_map = kind is yaml.MappingStartEvent
                container: Any = {} if is_map else []
                path = child_path()
                stack.append([container, path, _NO_KEY, None, is_map, {}, mark, bool(ev.flow_style)])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                top = stack.pop()
                add(top[0], top[6])
            elif kind is yaml.AliasEvent:
                problems.append(YamlProblem(mk(ev.start_mark), say("aliases (*{anchor}) are not allowed in data files", anchor=ev.anchor)))
                add(None, mk(ev.start_mark))
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.append(YamlProblem(mk(ev.start_mark), say("only one YAML document is allowed per file")))
                    return out
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (a NUL, say): the reader gives an offset, not a mark.
        problems.append(YamlProblem(_offset_mark(text, exc.position), _reader_message(exc), "syntax"))
    except yaml.MarkedYAMLError as exc:
        m = exc.problem_mark or exc.context_mark
        # An unclosed quote or bracket is found only where the file ends or the next line breaks off;
        # the place to mend is where it opened, which the context mark holds.
        context = exc.context or ""
        if exc.context_mark is not None and ("quoted" in context or "flow" in context or "simple key" in context):
            m = exc.context_mark
        mark = mk(m) if m is not None else Mark(1, 1)
        message = _syntax_message(exc, text, mark)
        flow = next((top[6] for top in stack if top[7]), None)  # the outermost: where the stray [ or { opened
        if flow is None and "flow" in context:
            flow = _unclosed_bracket(text, mark.line)
        if "document start" in (exc.problem or "") and not stack and root_scalar is not None and root_scalar.line < mark.line - 1:
            # The whole file was read as one value (a stray | or > or quote at the top): point at where it began.
            message = extend(message, " (found at line {line}: the file's top level was read as one text value beginning here)", line=mark.line)
            mark = root_scalar
        elif flow is not None and flow.line < mark.line - 1:
            # A stray [ or { : everything after it was read as its contents until the error.
            message = extend(message, " (found at line {line}, inside a [ or {{ opened here that is not closed where expected)", line=mark.line)
            mark = flow
        elif last_quoted is not None and last_quoted[1].line == mark.line and last_quoted[0].line < mark.line - 1:
            # A stray or missing quote: the text it opened swallowed the lines up to the error.
            opened, closed = last_quoted
            message = extend(
                message, " (found at line {line}, right after a quoted text that runs from here to line {end}: is a quote missing or extra?)", line=mark.line, end=closed.line
            )
            mark = opened
        elif last_tag is not None and mark.line - last_tag.line > 1:
            # A stray ! (a YAML tag) makes the lines after it read differently until something breaks.
            message = extend(message, " (found at line {line}, a few lines after a ! here, which YAML reads as a tag)", line=mark.line)
            mark = last_tag
        elif len(stack) == 1 and not stack[0][4] and stack[0][6].line < mark.line - 1:
            # The file's top level became a list (a key such as `sources:` lost above its items).
            message = extend(
                message, " (found at line {line}; the file's top level was read as a list beginning here, but data files are mappings: is a key missing above it?)", line=mark.line
            )
            mark = stack[0][6]
        problems.append(YamlProblem(mark, message))
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports marks for all it raises
        problems.append(YamlProblem(Mark(1, 1), say("YAML error: {error}", error=English(str(exc)))))
    finally:
        problems.close()
    return out


class _OncePerKind:
    """Collects problems, keeping only the first anchor, alias and tag problem, with a count of the rest.

    An alias bomb has thousands of aliases; one line that says so is more use than thousands.
    """

    _KINDS = ("anchors (", "aliases (", "tags (")

    def __init__(self, sink: list[YamlProblem]) -> None:
        self.sink = sink
        self.first: dict[str, YamlProblem] = {}
        self.more: dict[str, int] = {}

    def append(self, problem: YamlProblem) -> None:
        kind = next((k for k in self._KINDS if problem.message.startswith(k)), None)
        if kind is None:
            self.sink.append(problem)
        elif kind not in self.first:
            self.first[kind] = problem
            self.sink.append(problem)
        else:
            self.more[kind] = self.more.get(kind, 0) + 1

    def close(self) -> None:
        for kind, n in self.more.items():
            first = self.first[kind]
            first.said = _more(first.said, n)


class _Sentinel:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:  # pragma: no cover
        return self.name


_NO_KEY = _Sentinel("NO_KEY")
_BAD_KEY = _Sentinel("BAD_KEY")

def _tag_message(tag: str) -> Said:
    shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
    return say("tags ({tag}) are not allowed in data files; write plain values", tag=shown)


def _char_at(text: str | bytes, mark: Mark) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    lines = text.split("\n", mark.line)
    if len(lines) < mark.line:
        return ""
    line = lines[mark.line - 1]
    return line[mark.col - 1] if 0 < mark.col <= len(line) else ""


def _syntax_message(exc: yaml.MarkedYAMLError, text: str | bytes, mark: Mark) -> Said:
    problem = exc.problem or "invalid YAML"
    if "\t" in problem or _char_at(text, mark) == "\t":
        return say("YAML syntax error: a tab character; indent with spaces")
    context = f" {exc.context}" if exc.context else ""
    # PyYAML's own words, which exist only in English.
    whole = f"YAML syntax error:{context} {problem}".replace("  ", " ")
    return say("YAML syntax error: {detail}", detail=English(whole.removeprefix("YAML syntax error: ")))


def _offset_mark(text: str | bytes, position: int) -> Mark:
    """Line and column of a reader error's offset: bytes of UTF-8 for libyaml, characters for PyYAML's own reader."""
    data = text.encode("utf-8") if isinstance(text, str) and _Parser is not yaml.SafeLoader else text
    before = data[:position]
    nl = "\n" if isinstance(before, str) else b"\n"
    line_start = before.rfind(nl) + 1  # type: ignore[arg-type]
    column = len(before[line_start:].decode("utf-8", "replace")) if isinstance(before, bytes) else position - line_start
    return Mark(before.count(nl) + 1, column + 1)  # type: ignore[arg-type]


def _reader_message(exc: yaml.reader.ReaderError) -> Said:
    char = exc.character
    code = ord(char) if isinstance(char, str) else char
    if code == 0:
        return say("YAML syntax error: a NUL byte is not allowed in a YAML file; remove it")
    return say("YAML syntax error: the control character {char} is not allowed in a YAML file; remove it", char=f"U+{code:04X}")


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    return "a number"


def _unclosed_bracket(text: str | bytes, before: int) -> Mark | None:
    """The nearest line above ``before`` with a [ or { that its own line does not close (quotes ignored)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    lines = text.split("\n")
    for n in range(min(before, len(lines)) - 1, max(before - 2000, 0) - 1, -1):
        line = re.sub(r"'[^']*'|\"[^\"]*\"|#.*$", "", lines[n])
        depth = first = 0
        for i, c in enumerate(line):
            if c in "[{":
                depth += 1
                if depth == 1:
                    first = i
            elif c in "]}" and depth:
                depth -= 1
        if depth > 0:
            return Mark(n + 1, first + 1)
    return None


def _char_mark(text: str, index: int) -> Mark:
    from cqsc.text import linebreaks

    return Mark(*linebreaks.position(text, index))


_FLOW_TOKEN = re.compile(r"""[\[\]{}"'#]""")
_BLOCK_LEAD = re.compile(r"[ \t]*(?:-(?=[ \t]|$)[ \t]*)*")


def _flow_overflow(text: str | bytes, max_depth: int) -> Mark | None:
    """Where ``[`` and ``{`` first nest deeper than ``max_depth``, by a scan of the text alone.

    Conservative: it counts only flow brackets that YAML reads as brackets (not those inside quotes,
    comments, block scalars or plain text), so it may find a limit later than the parser would but
    never where there is none.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    if text.count("[") + text.count("{") <= max_depth:
        return None
    depth = 0
    block_parent = -1  # inside a block scalar (| or >): the indentation its lines must exceed
    i, n = 0, len(text)
    while i < n:
        if depth == 0:
            end = text.find("\n", i)
            end = n if end < 0 else end
            line = text[i:end]
            indent = len(line) - len(line.lstrip(" "))
            if block_parent >= 0:
                if not line.strip() or indent > block_parent:
                    i = end + 1
                    continue
                block_parent = -1
            j = _value_start(line)
            if j is None:
                i = end + 1
                continue
            c = line[j] if j < len(line) else ""
            if c in "|>":
                block_parent = indent
                i = end + 1
                continue
            if c in "\"'":
                i = _skip_quoted(text, i + j)
                continue
            if c not in "[{":
                i = end + 1
                continue
            i += j  # a flow collection opens here
        m = _FLOW_TOKEN.search(text, i)
        if m is None:
            return None
        i, c = m.start(), m.group()
        if c in "[{":
            depth += 1
            if depth > max_depth:
                return _char_mark(text, i)
            i += 1
        elif c in "]}":
            depth -= 1
            i += 1
            if depth == 0:  # back in block context: the rest of this line is no value start
                end = text.find("\n", i)
                i = n if end < 0 else end + 1
        elif c == "#":
            if i == 0 or text[i - 1] in " \t\n":
                end = text.find("\n", i)
                i = n if end < 0 else end + 1
            else:
                i += 1
        elif i == 0 or text[i - 1] in " \t\n[{,:?":  # a quote that starts a value
            i = _skip_quoted(text, i)
        else:
            i += 1
    return None


def _value_start(line: str) -> int | None:
    """Where a value that may be a flow collection, a quote or a block scalar starts on a block line."""
    j = _BLOCK_LEAD.match(line).end()  # type: ignore[union-attr]
    rest = line[j:]
    if not rest or rest[0] == "#":
        return None
    if rest[0] in "[{\"'|>":  # a quoted key is skipped as a whole, like a quoted value
        return j
    colon = re.search(r":(?:[ \t]+|$)", rest)  # a plain key ends at ": "
    if colon is None:
        return None
    k = j + colon.end()
    if k >= len(line) or line[k] == "#":
        return None
    return k


def _skip_quoted(text: str, i: int) -> int:
    """The index just past the quoted text that starts at ``i`` (the whole rest if it never closes)."""
    q = text[i]
    j = i + 1
    n = len(text)
    while j < n:
        c = text[j]
        if q == "'" and c == "'":
            if j + 1 < n and text[j + 1] == "'":
                j += 2
                continue
            return j + 1
        if q == '"':
            if c == "\\":
                j += 2
                continue
            if c == '"':
                return j + 1
        j += 1
    return n
