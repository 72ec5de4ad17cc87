"""Storage below the data: the cache (key / get / put), its record codec and rows, and atomic file writes."""
