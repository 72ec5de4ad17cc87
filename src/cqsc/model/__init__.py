"""The ground floor: records, dates, and the one walk over a record's citations, dates and texts."""
