"""The HTML emitter: one self-contained page (no script, no network), every text through escape.html_text."""

from __future__ import annotations

from cqsc.output.settings import Settings
from cqsc.text.escape import html_text
from cqsc.views.model import Heading, Kind, Lines, Pairs, Table, View, cell

CSS = (
    "body{font:15px/1.5 system-ui,sans-serif;color:#1a1a1a;max-width:70rem;margin:2rem auto;padding:0 1rem}"
    "table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0 1rem}"
    "th,td{text-align:left;padding:.25rem .4rem;border-bottom:1px solid #e3e3e3;vertical-align:top}"
    "td.num,th.num{text-align:right;white-space:nowrap}td.nowrap{white-space:nowrap}.note{color:#555;font-size:.9rem}"
)


def e(text: str) -> str:
    return html_text(text).replace("\n", "<br>")


def _cell(x: object, kind: Kind) -> str:
    c = cell(x)  # type: ignore[arg-type]
    if kind is Kind.bar:
        width = 0 if c.share is None else float(c.share) * 100
        return f'<td style="width:40%"><span class="bar" style="width:{width:.2f}%"></span></td>'
    body = e(c.text)
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
) -> str:
    """The table; ``row_attrs`` gives each row's data-* attributes, ``row_links`` a relative link for its ``link_column`` cell."""
    cols = [c for c in block.columns if c.documents]
    head = "".join(f'<th scope="col"{" class=" + chr(34) + "num" + chr(34) if c.kind.numeric else ""}>{e(c.label)}</th>' for c in cols)
    rows = []
    for i, r in enumerate(block.rows):
        extra = "".join(f' data-{attr(k)}="{attr(v)}"' for k, v in (row_attrs[i] if row_attrs else {}).items())
        cells = []
        for c in cols:
            td = _cell(r.get(c.key), c.kind)
            if row_links and c.key == link_column:
                start = td.index(">") + 1
                td = f'{td[:start]}<a href="{attr(row_links[i])}">{td[start:-5]}</a></td>'
            cells.append(td)
        rows.append(f"<tr{extra}>" + "".join(cells) + "</tr>")
    cap = f"<caption>{e(caption)}</caption>" if caption else ""
    ident = f' id="{attr(table_id)}"' if table_id else ""
    return f"<table{ident}>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def blocks(view: View, settings: Settings, *, heading: int = 1) -> list[str]:
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
                body.append(table(block))
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
