"""Fewer garbage collections inside a block; the thresholds back afterwards, whatever the
nesting, the threads or the exceptions."""

import gc
import threading

import pytest

from senco.lib.collector import FEWER_THRESHOLD, fewer_collections


def test_the_threshold_is_raised_inside_and_put_back_after():
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == (FEWER_THRESHOLD, *before[1:])
    assert gc.get_threshold() == before


def test_as_a_decorator_and_when_the_block_fails():
    before = gc.get_threshold()

    @fewer_collections()
    def broken():
        assert gc.get_threshold()[0] == FEWER_THRESHOLD
        raise RuntimeError("failed")

    with pytest.raises(RuntimeError):
        broken()
    with pytest.raises(RuntimeError):
        broken()  # a decorated function may run again
    assert gc.get_threshold() == before


def test_nested_blocks_keep_it_raised_until_the_outermost_ends():
    before = gc.get_threshold()
    with fewer_collections():
        with fewer_collections():
            pass
        assert gc.get_threshold()[0] == FEWER_THRESHOLD
    assert gc.get_threshold() == before


def test_overlapping_threads_leave_the_thresholds_as_they_found_them():
    """One thread's block ends while another's is still running: the first must not put
    the threshold back under the second, nor the second leave it raised for good."""
    before = gc.get_threshold()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with fewer_collections():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second():
        first_in.wait(5)
        with fewer_collections():
            second_in.set()
            first_out.wait(5)
            seen["while the other ended"] = gc.get_threshold()[0]

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"while the other ended": FEWER_THRESHOLD}
    assert gc.get_threshold() == before
