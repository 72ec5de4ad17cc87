"""Words and numbers: the translation catalogue, amounts and dates as text, escaping for each medium, line breaks."""
