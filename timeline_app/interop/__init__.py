"""Exchanging timelines with other tools, without Qt.

* :mod:`~timeline_app.interop.csv_io`: events to and from a spreadsheet (CSV, one event a
  row), with formula neutralisation, and an import that is one undoable change.
* :mod:`~timeline_app.interop.timelinejs`: export to and import from the JSON that
  TimelineJS 3 (Knight Lab) reads.

Importers never raise on bad input: they return the problems they found (where and what),
and an import with any error imports nothing.
"""
