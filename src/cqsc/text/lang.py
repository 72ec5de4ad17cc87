"""The words cqsc writes itself, in English and Chinese.

Labels from the data (names, titles, group labels) are never translated here: they are shown as the
data has them, in Chinese only where a source gives a Chinese text, else the English
marked "(en)" (``pick``, ``english``). Everything else cqsc writes goes through the catalogue: sentences,
headers and notes through ``t``, codes (statuses, milestone kinds, bases, subsectors) through ``code``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from cqsc.model.options import Lang
from cqsc.model.problems import Count, English, Said, Value
from cqsc.model.records import PROVINCE_LABELS, SECTOR_LABELS, SUBSECTOR_LABELS, Province, Sector, Subsector

# One catalogue per language, cqsc.text.en and cqsc.text.zh; these names are the ones callers use.
from cqsc.text.en import CODES as CODES_EN
from cqsc.text.zh import CODES as CODES_ZH
from cqsc.text.zh import NOUNS as NOUNS_ZH
from cqsc.text.zh import ZH as ZH

__all__ = [
    "CODES_EN", "CODES_ZH", "MISSING", "NOUNS_ZH", "ZH", "code", "english", "join", "locale_lang", "pick",
    "extend", "province_label", "punct", "render", "say", "sector_label", "subsector_label", "t",
]

MISSING: set[str] = set()  # English texts asked for in Chinese that have no translation (tests read it)


def t(lang: Lang, english: str, **values: Any) -> str:
    """``english`` (a str.format template) in ``lang``, filled with ``values`` (never interpreted)."""
    template = english
    if lang is Lang.zh:
        template = ZH.get(english, english)
        if english not in ZH:
            MISSING.add(english)
    return template.format(**values) if values else template


def pick(en: str, zh: str | None, lang: Lang) -> str:
    """A label from the data: the Chinese text in zh where there is one, else the English, marked (en)."""
    if lang is Lang.zh:
        return zh if zh else english(en, lang)
    return en


def english(text: str, lang: Lang) -> str:
    """A text from the data that exists only in English (a milestone, a note, a place): marked (en) in Chinese.

    The one place the mark is made. A text with no Latin letter in it (a Chinese search query, a number)
    is not English, and is left unmarked.
    """
    if lang is Lang.zh and any("a" <= c.lower() <= "z" for c in text):
        return f"{text} (en)"
    return text


PUNCT = {
    Lang.en: {":": ": ", ";": "; ", ",": ", ", "(": " (", ")": ")"},
    Lang.zh: {":": "：", ";": "；", ",": "，", "(": "（", ")": "）"},
}


def punct(lang: Lang, mark: str) -> str:
    """A punctuation mark (one of : ; , ( )) as the language writes it, with its spaces: "; " or "；"."""
    return PUNCT[lang][mark]


def join(lang: Lang, items: Iterable[str]) -> str:
    """Items of a list in a sentence: "a, b" in English, "a、b" in Chinese."""
    return ("、" if lang is Lang.zh else ", ").join(items)


def sector_label(sector: Sector, lang: Lang) -> str:
    """A sector in words: the sources' Chinese wording where there is one, else cqsc's own words in the catalogue."""
    en, zh = SECTOR_LABELS[sector]
    return en if lang is Lang.en else zh or CODES_ZH.get(sector.value, en)


def subsector_label(sub: Subsector, lang: Lang) -> str:
    """A subsector in words, as sector_label: cqsc's own vocabulary, so never marked (en)."""
    en, zh = SUBSECTOR_LABELS[sub]
    return en if lang is Lang.en else zh or CODES_ZH.get(sub.value, en)


def province_label(province: Province, lang: Lang) -> str:
    en, zh = PROVINCE_LABELS[province]
    return zh if lang is Lang.zh else en


def locale_lang(environ: Mapping[str, str] = os.environ) -> Lang:
    """The language the locale asks for when neither --lang nor CQSC_LANG says: zh for a zh_* locale.

    POSIX precedence for messages: the first of LC_ALL, LC_MESSAGES and LANG that is set and not empty.
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return Lang.zh if value.lower().startswith("zh") else Lang.en
    return Lang.en


def code(lang: Lang, value: str) -> str:
    """A code from a code list (a status, a milestone kind, a basis) as words."""
    if lang is Lang.zh:
        if value not in CODES_ZH:
            MISSING.add(value)
        return CODES_ZH.get(value, value.replace("_", " "))
    return CODES_EN.get(value, value.replace("_", " "))


def say(template: str, **values: Any) -> Said:
    """A message from the catalogue's ``template`` (its English, a key of ZH) and its values, written in English.

    Values are kept as the cache can keep them: whole numbers, Count, English, and everything else as its text.
    """
    kept: dict[str, Value] = {}
    for name, value in values.items():
        kept[name] = value if isinstance(value, (Count, English)) or (type(value) is int) else str(value)
    said = Said("", template, tuple(kept.items()))
    return said._replace(english=render(said, Lang.en))


def extend(said: Said, template: str, **values: Any) -> Said:
    """``said`` with more words after it (``template``, a piece such as " ({more} more in this file)"): one
    message, whose template is the two together, a key of the catalogue as every template is."""
    return say(said.template + template, **dict(said.values), **values)


def render(said: Said, lang: Lang) -> str:
    """A message in ``lang``: counted nouns with the language's measure words, English-only text marked (en)."""
    from cqsc.text.numbers import counted

    values: dict[str, Any] = {}
    for name, value in said.values:
        if isinstance(value, Count):
            values[name] = counted(value.n, value.noun, lang)
        elif isinstance(value, English):
            values[name] = english(value.text, lang)
        else:
            values[name] = value
    return t(lang, said.template, **values)
