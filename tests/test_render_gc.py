"""Rendering changes the garbage collector's settings only while it runs."""

from __future__ import annotations

import gc

import pytest

from assessment.report.render import fewer_collections


def test_settings_come_back_even_after_an_error() -> None:
    if gc.get_freeze_count():
        pytest.skip("something in this process froze objects already")
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        assert gc.get_threshold() != before and gc.get_freeze_count() > 0
        raise RuntimeError
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_a_callers_own_freeze_is_left_in_place() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with fewer_collections():
            pass
        assert gc.get_freeze_count() >= frozen > 0
    finally:
        gc.unfreeze()
