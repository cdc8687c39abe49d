"""Python's cyclic garbage collector run less often while a block makes many objects at once.

The collector looks at the youngest objects after every 700 made, and now and then at every
object the process holds. A block that makes hundreds of thousands of objects and keeps
them to its end (a PDF's boxes, a comparison's units, one for each pupil, measure and term)
pays for many collections that find nothing: objects without cycles are freed as soon as
they are dropped, whatever the collector does. Inside `fewer_collections()` it runs after
every FEWER_THRESHOLD objects instead; afterwards the thresholds are as they were.

Blocks may nest and overlap (threads of one process): the first to start raises the
threshold, the last to end puts it back.
"""

import gc
import threading
from contextlib import contextmanager

# New objects between two collections of Python's youngest generation inside a block
# (Python's default is 700).
FEWER_THRESHOLD = 100_000

_lock = threading.Lock()
_active = 0
_before: tuple[int, ...] = ()


@contextmanager
def fewer_collections():
    """Run the block (or, as a decorator, the function) with fewer collections."""
    global _active, _before
    with _lock:
        if _active == 0:
            _before = gc.get_threshold()
            gc.set_threshold(FEWER_THRESHOLD, *_before[1:])
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0:
                gc.set_threshold(*_before)
