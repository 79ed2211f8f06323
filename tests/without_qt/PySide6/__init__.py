"""Stands in for PySide6 where the tests prove that the core and interop need no Qt."""

raise ImportError("PySide6 is blocked: the core and interop tests must run without Qt")
