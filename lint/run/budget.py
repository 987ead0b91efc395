"""The per-file time budget: a file that takes longer than ``--timeout`` seconds is given up.

Why: one pathological input (a text path that is still slow on it, a plugin rule that loops)
must not hold a batch run hostage; the file gets one BL001 ("too slow to check") and the run
goes on with the next file, in this process or in a worker alike.

How: where this is the main thread of the process and no one else uses ``SIGALRM`` (a test
harness's own alarm, an embedding application), an interval timer raises :class:`TooSlow`
in whatever Python code is running when the budget is spent. Elsewhere (another thread, a
platform without ``setitimer``), :func:`check` between the rules raises it once the budget
is spent, which bounds every file whose rules each finish. ``TooSlow`` derives from
``BaseException`` so the ``except Exception`` that turns a crashing rule into a failure does
not swallow it.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

#: Seconds a file may take when neither ``--timeout`` nor the ``timeout`` key says otherwise.
DEFAULT_TIMEOUT = 60.0

#: When the file being checked must be done (``time.monotonic()``), None outside a budget.
_deadline: float | None = None


class TooSlow(BaseException):
    """The file's time budget is spent (raised by the timer or by :func:`check`)."""


def effective(timeout: float | None) -> float | None:
    """The budget in seconds for a configured ``timeout`` (None: the default; 0: no limit)."""
    if timeout is None:
        return DEFAULT_TIMEOUT
    return timeout if timeout > 0 else None


def check() -> None:
    """Raise :class:`TooSlow` when the current file's budget is spent (called between rules)."""
    if _deadline is not None and time.monotonic() >= _deadline:
        raise TooSlow


def _expire(signum: int, frame: object) -> None:
    if _deadline is not None:  # not once the block is over (the timer is being disarmed)
        raise TooSlow


def _timer_is_free() -> bool:
    """May the budget arm ``SIGALRM``? Only on the main thread, with no handler or timer set."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    if signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, None):
        return False
    return signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the block under a budget of ``seconds`` (None: unlimited); raises :class:`TooSlow`.

    Nested budgets keep the outer one (a joined document is one file)."""
    global _deadline
    if seconds is None or _deadline is not None:
        yield
        return
    armed = _timer_is_free()
    _deadline = time.monotonic() + seconds
    if armed:
        signal.signal(signal.SIGALRM, _expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        _deadline = None
        if armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
