"""One BLAS thread while scoring runs its own threads.

threadpoolctl sets the limit for the whole process: when two threads each set and later
restore it, the second restores the first's limit and leaves BLAS on one thread for good. So
the limit is taken by the first scoring thread in and given back by the last one out. (It is
a request: some OpenBLAS builds ignore it from threads other than the one that raised it.)
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from threadpoolctl import threadpool_limits

_lock = threading.Lock()
_holders = 0
_limit: Any = None


@contextmanager
def one_blas_thread() -> Iterator[None]:
    global _holders, _limit
    with _lock:
        if _holders == 0:
            _limit = threadpool_limits(limits=1, user_api="blas")
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                _limit.restore_original_limits()
                _limit = None
