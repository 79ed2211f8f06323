"""The core: dates, records, files, quotes, index, filters and layout maths.  No Qt here."""
