"""The HTML emitter: one self-contained page (no script, no network), every text through escape.html_text."""

from __future__ import annotations

from collections.abc import Callable

from cqsc.output.settings import Settings
from cqsc.text.escape import html_text
from cqsc.views.model import Cell, Heading, Kind, Lines, Pairs, Table, View, cell

CSS = (
    "body{font:15px/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:70rem;margin:2rem auto;padding:0 1rem}"
    "table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0 1rem}"
    "th,td{text-align:left;padding:.25rem .4rem;border-bottom:1px solid #e3e3e3;vertical-align:top}"
    "td.num,th.num{text-align:right;white-space:nowrap}td.nowrap{white-space:nowrap}.note{color:#555;font-size:.9rem}"
)


def e(text: str) -> str:
    return html_text(text).replace("\n", "<br>")


def _cell(x: object, kind: Kind, html: Callable[[Cell], str] | None = None) -> str:
    c = cell(x)  # type: ignore[arg-type]
    if kind is Kind.bar:
        width = 0 if c.share is None else float(c.share) * 100
        return f'<td style="width:40%"><span class="bar" style="width:{width:.2f}%"></span></td>'
    body = html(c) if html is not None else e(c.text)
    if c.link and c.link.startswith(("http://", "https://")):
        body = f'<a href="{html_text(c.link)}">{body}</a>'
    cls = "num" if kind.numeric else "nowrap" if not kind.wraps else ""
    style = f' style="padding-left:{0.4 + 1.2 * c.depth:.1f}rem"' if c.depth else ""
    return f"<td{f' class={chr(34)}{cls}{chr(34)}' if cls else ''}{style}>{body}</td>"


def table(
    block: Table,
    *,
    caption: str | None = None,
    row_attrs: list[dict[str, str]] | None = None,
    table_id: str | None = None,
    link_column: str | None = None,
    row_links: list[str] | None = None,
    scroll: bool = False,
    cell_html: dict[str, Callable[[Cell], str]] | None = None,
) -> str:
    """The table; ``row_attrs`` gives each row's data-* attributes, ``row_links`` a relative link for its ``link_column`` cell.

    ``scroll`` puts it in a box that scrolls sideways on its own; ``cell_html`` renders a column's cells (HTML out).
    """
    cols = [c for c in block.columns if c.documents]
    head = "".join(f'<th scope="col"{" class=" + chr(34) + "num" + chr(34) if c.kind.numeric else ""}>{e(c.label)}</th>' for c in cols)
    rows = []
    for i, r in enumerate(block.rows):
        extra = "".join(f' data-{attr(k)}="{attr(v)}"' for k, v in (row_attrs[i] if row_attrs else {}).items())
        cells = []
        for c in cols:
            td = _cell(r.get(c.key), c.kind, (cell_html or {}).get(c.key))
            if row_links and c.key == link_column:
                start = td.index(">") + 1
                td = f'{td[:start]}<a href="{attr(row_links[i])}">{td[start:-5]}</a></td>'
            cells.append(td)
        rows.append(f"<tr{extra}>" + "".join(cells) + "</tr>")
    cap = f"<caption>{e(caption)}</caption>" if caption else ""
    ident = f' id="{attr(table_id)}"' if table_id else ""
    out = f"<table{ident}>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return scroller(out) if scroll else out


def blocks(
    view: View, settings: Settings, *, heading: int = 1, scroll: bool = False, cell_html: dict[str, Callable[[Cell], str]] | None = None
) -> list[str]:
    """The view's title and blocks as HTML elements, every text escaped; ``heading`` is the title's level."""
    body: list[str] = []
    sub = min(heading + 1, 6)
    if view.title:
        body.append(f"<h{heading}>{e(view.title)}</h{heading}>")
    for block in view.blocks:
        if isinstance(block, Table):
            if block.title:
                body.append(f"<h{sub}>{e(block.title)}</h{sub}>")
            if block.rows:
                body.append(table(block, scroll=scroll, cell_html=cell_html))
            elif block.empty:
                body.append(f"<p>{e(block.empty)}</p>")
        elif isinstance(block, Lines):
            if not block.lines or (block.role == "note" and settings.quiet):
                continue
            if block.title:
                body.append(f"<h{sub}>{e(block.title)}</h{sub}>")
            if block.role == "list":
                body.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in block.lines) + "</ul>")
            else:
                cls = ' class="note"' if block.role == "note" else ""
                body.append(f"<p{cls}>" + "<br>".join(e(line.strip()) for line in block.lines) + "</p>")
        elif isinstance(block, Pairs):
            body.append("<dl>" + "".join(f"<dt>{e(k)}</dt><dd>{e(cell(v).text)}</dd>" for k, v in block.pairs) + "</dl>")
        elif isinstance(block, Heading):
            level = min(block.level + heading - 1, 6)
            body.append(f"<h{level}>{e(block.text)}</h{level}>")
    return body


def emit(view: View, settings: Settings) -> str:
    title = view.title or "cqsc"
    lang = settings.lang.value
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n'
        + "\n".join(blocks(view, settings))
        + "\n</body>\n</html>\n"
    )


def attr(text: str) -> str:
    """Text as an attribute value (without its quotes)."""
    return html_text(text)


def json_script(value: object, element_id: str) -> str:
    """``value`` as JSON data in a page: no text in it can close the element or open a comment."""
    import json

    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/json" id="{attr(element_id)}">{text}</script>'


# --- elements and the page, for documents that assemble pages (the site, the report) ----------------

_VOID = {"meta", "link", "br", "img", "input"}


def el(tag: str, content: str = "", /, **attrs: str | None) -> str:
    """An element around ``content`` (already HTML); attribute values escaped, ``None`` ones left out, ``_`` for ``-``."""
    parts = "".join(f' {k.rstrip("_").replace("_", "-")}="{attr(v)}"' for k, v in attrs.items() if v is not None)
    return f"<{tag}{parts}>" if tag in _VOID else f"<{tag}{parts}>{content}</{tag}>"


def text(tag: str, value: str, /, **attrs: str | None) -> str:
    """An element holding ``value`` as text (escaped)."""
    return el(tag, e(value), **attrs)


def link(href: str, content: str, /, **attrs: str | None) -> str:
    """A link; ``content`` is HTML (escape text with e() first)."""
    return el("a", content, href=href, **attrs)


def items(values: list[str], tag: str = "ul", /, **attrs: str | None) -> str:
    """A list of items, each already HTML."""
    return el(tag, "".join(f"<li>{v}</li>" for v in values), **attrs)


def lines(parts: list[str]) -> str:
    """Parts that are already HTML, one to a line."""
    return "<br>".join(parts)


def refs(numbers: list[int], prefix: str = "s") -> str:
    """Numbered references as superscript links to the source list's entries (#s1...)."""
    return "<sup>" + ",".join(f'<a href="#{prefix}{n}">{n}</a>' for n in numbers) + "</sup>" if numbers else ""


def grid(headers: list[tuple[str, bool]], rows: list[list[str]], *, caption: str | None = None, row_ids: list[str | None] | None = None) -> str:
    """A table of cells that are already HTML; each header is (text, numeric). In a scrolling container."""
    head = "".join(f'<th scope="col"{" class=" + chr(34) + "num" + chr(34) if num else ""}>{e(label)}</th>' for label, num in headers)
    body = []
    for i, r in enumerate(rows):
        ident = row_ids[i] if row_ids else None
        cells = "".join(f'<td{" class=" + chr(34) + "num" + chr(34) if headers[j][1] else ""}>{c}</td>' for j, c in enumerate(r))
        body.append(el("tr", cells, id=ident))
    cap = f"<caption>{e(caption)}</caption>" if caption else ""
    return scroller(f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def scroller(table_html: str) -> str:
    """A wide table scrolls inside its own box, never the page."""
    return f'<div class="scroll" tabindex="0" role="region" aria-label="table">{table_html}</div>'


FAVICON = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E"
    "%3Crect width='16' height='16' rx='3' fill='%231f4e79'/%3E%3Cpath d='M3 12h2V7H3zm4 0h2V4H7zm4 0h2V9h-2z' fill='%23fff'/%3E%3C/svg%3E"
)


def page(
    *,
    lang: str,
    title: str,
    description: str,
    body: str,
    style: str | None = None,
    stylesheet: str | None = None,
    alternates: list[tuple[str, str]] = (),  # type: ignore[assignment]
    header: str = "",
    footer: str = "",
    scripts: list[str] = (),  # type: ignore[assignment]
    skip: str = "Skip to the content",
    icon: str = FAVICON,
) -> str:
    """A whole page: head (description, favicon, hreflang twins), a skip link, the header, ``<main>``, the footer."""
    head = [
        '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>", el("meta", name="description", content=description), el("link", rel="icon", href=icon),
        *(el("link", rel="alternate", hreflang=code, href=href) for code, href in alternates),
    ]
    if stylesheet:
        head.append(el("link", rel="stylesheet", href=stylesheet))
    if style:
        head.append(f"<style>{style}</style>")
    tail = "".join(el("script", src=src) for src in scripts)
    return (
        f'<!doctype html>\n<html lang="{attr(lang)}">\n<head>\n' + "\n".join(head) + "\n</head>\n<body>\n"
        + f'<a class="skip" href="#main">{e(skip)}</a>\n' + (header + "\n" if header else "")
        + f'<main id="main">\n{body}\n</main>\n' + (footer + "\n" if footer else "") + (tail + "\n" if tail else "") + "</body>\n</html>\n"
    )
