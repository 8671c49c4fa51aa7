"""Worker processes that end when their parent does, however the parent ended.

A forked pool worker waits on a pipe whose writing end every other worker also holds,
so a parent killed with SIGKILL leaves its workers blocked there forever (each holding
the models it loaded). On Linux the kernel sends the worker SIGKILL when the parent
dies; elsewhere, and for a parent that died before that was set up, a watchdog thread
notices the new parent id within a second.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 1.0


def _kernel_lifeline() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # the watchdog still covers it


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_POLL_SECONDS)
    os._exit(1)  # the parent is gone: nobody will read what this worker makes


def die_with_parent(parent: int) -> None:
    """End this process when process ``parent`` (the one that started it) ends."""
    _kernel_lifeline()
    if os.getppid() != parent:  # the parent died before the lifeline was in place
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True,
                     name="rashomon-lifeline").start()
