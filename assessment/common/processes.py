"""How many processes the machine lets this program run at once."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """Cores this process may run on (its affinity, which containers narrow), else all."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1
