"""The codes of the problems met while loading, registered beside the rules of `cqsc check` (registry.py).

Loading reports them; the registry lists them with the other rules, and select/ignore/baseline treat them alike.
"""

# Loading problems: stable codes, like the consistency rules (registry.py).
READ = ("CQ001", "file-unreadable")
IO_ERROR = ("CQ006", "io-error")
NUMBER = ("CQ007", "number-form")
SYNTAX = ("CQ002", "yaml-syntax")
YAML_FEATURE = ("CQ003", "yaml-feature")
SCHEMA = ("CQ004", "schema")
ENCODING = ("CQ005", "encoding")
LINE_BREAK = ("CQ008", "line-break")
LOADING_RULES = {
    READ: "A data file is missing, is a directory, a FIFO, a device or a broken link, or is too large.",
    IO_ERROR: "A data file cannot be read: the operating system refused (permissions, an I/O error); exit code 3.",
    NUMBER: "A number is not written as a plain decimal in ASCII digits (no leading zeros, 0x, 0o, 1_000, +5, 1e3 or 1:30).",
    ENCODING: "A data file is not valid UTF-8.",
    SYNTAX: "A data file is not valid YAML (including tabs used for indentation).",
    YAML_FEATURE: "Duplicate keys, anchors, aliases, tags, several documents or too deep nesting.",
    SCHEMA: "A value has the wrong type, a required key is missing or a key is unknown.",
    LINE_BREAK: "A line break YAML reads but editors do not (a lone CR, NEL, U+2028, U+2029) or a byte order mark past the start: write it escaped.",
}
