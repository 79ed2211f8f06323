"""Building many objects at once without the cyclic garbage collector in the way."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_inside = 0  # how many bulk_allocation blocks are running (in any thread)
_was_enabled = True
_freeze = False


@contextmanager
def bulk_allocation(freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that form no cycles.

    Loading 100,000 events allocates millions of objects, and the collector would walk the
    growing heap again and again: pausing it halves the load time.  A worker thread
    reading a big file pauses it too: a full collection holds the interpreter lock for
    half a second, and the window cannot paint meanwhile.  ``freeze`` (loading a document
    only) also moves everything alive into the permanent generation, so re-enabling the
    collector does not walk it all once more; never after an edit or a search slice,
    which would make any garbage alive at that moment permanent.  Blocks may overlap (a
    thread and the GUI): the collector comes back when the last one ends.
    """
    global _inside, _was_enabled, _freeze
    with _lock:
        if _inside == 0:
            _was_enabled = gc.isenabled()
            _freeze = False
            gc.disable()
        _inside += 1
        _freeze = _freeze or freeze
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0 and _was_enabled:
                if _freeze:
                    # what was just loaded is long-lived: move it out of the collector's
                    # sight, or re-enabling would walk all of it once more (0.2 s at 100,000)
                    gc.freeze()
                gc.enable()
