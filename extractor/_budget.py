"""A time budget per paper, enforced: work past it is interrupted, not waited for.

In the main thread of a process (the CLI, each pool worker, most library callers) the
budget is a real-time interval timer (``signal.setitimer``): when it fires, the
``SIGALRM`` handler raises :class:`OverBudget` wherever the pipeline stands, Python code
or a long match of the ``regex`` module (which checks for signals while it runs). Where
signals cannot be used (another thread, a platform without ``setitimer``, or a caller's
own real-time timer already running) the budget is cooperative: :meth:`Budget.check` is
called between pipeline components, so one component may overrun it, the next one does
not start.

:class:`OverBudget` derives from ``BaseException`` so that no ``except Exception`` on the
way up swallows it; :func:`extractor._extract.process_items` turns it into an error record
(:class:`extractor._errors.BudgetExceededError`, ``E302``).
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TypeVar

#: Seconds one paper may take by default (a normal abstract takes about a millisecond).
DEFAULT_BUDGET = 5.0

# Once the budget is spent the timer fires again at this interval: an exception raised
# while a finaliser runs (``__del__`` during a garbage collection) is ignored by Python,
# so one alarm alone could be lost.
_REPEAT_SECONDS = 0.05

T = TypeVar("T")

_HAS_TIMER = hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")


class OverBudget(BaseException):
    """Raised inside the pipeline when a paper's budget has run out."""


class Budget:
    """Runs one paper's work at a time within ``seconds``; ``None`` or 0 means no limit.

    >>> Budget(2.5).run(lambda: "done")
    'done'
    >>> Budget(None).seconds is None
    True

    For a run of many papers, :meth:`installed` puts the alarm handler in place once, so
    each paper only sets and clears the timer (installing a Python signal handler for
    every paper cost about 3% of the throughput), and :meth:`within` stops a group of
    papers run together after a few tenths of a second.
    """

    def __init__(self, seconds: float | None) -> None:
        if seconds is not None and seconds < 0:
            raise ValueError(f"a budget is a number of seconds >= 0, not {seconds}")
        self.seconds = seconds or None
        self._deadline: float | None = None  # set while a paper runs
        self._handler = self._on_alarm  # one bound method, so that it can be recognised
        self._owner: int | None = None  # the thread that installed the handler

    def check(self) -> None:
        """Raise :class:`OverBudget` when the running paper's deadline has passed."""
        deadline = self._deadline
        if deadline is not None and time.monotonic() >= deadline:
            raise OverBudget

    @contextmanager
    def installed(self) -> Iterator[None]:
        """The alarm handler in place for the papers run inside (in the main thread, when
        no real-time timer of the caller's runs; else nothing is installed).

        Also without a budget: papers run in groups (:meth:`within`) only under the timer.
        """
        if not _HAS_TIMER or not _can_use_timer():
            yield
            return
        previous = signal.signal(signal.SIGALRM, self._handler)
        previous_hook = sys.unraisablehook
        sys.unraisablehook = hook = _quiet_over_budget(previous_hook)
        self._owner = threading.get_ident()
        try:
            yield
        finally:
            self._owner = None
            if signal.getsignal(signal.SIGALRM) is self._handler:
                signal.signal(signal.SIGALRM, previous)
            if sys.unraisablehook is hook:
                sys.unraisablehook = previous_hook

    def run(self, work: Callable[[], T]) -> T:
        """``work()``, interrupted by :class:`OverBudget` once the budget is spent."""
        if self.seconds is None:
            return work()
        if self._is_installed():
            if signal.getitimer(signal.ITIMER_REAL)[0] != 0.0:
                return self._checked(work)  # a timer of the caller's is running
            return self._timed(work, self.seconds)
        if _HAS_TIMER and _can_use_timer():
            with self.installed():
                return self._timed(work, self.seconds)
        return self._checked(work)

    def can_interrupt(self) -> bool:
        """Whether :meth:`within` can stop work now: inside :meth:`installed`, in the
        thread that installed it, and no real-time timer of the caller's running."""
        return self._is_installed() and signal.getitimer(signal.ITIMER_REAL)[0] == 0.0

    def within(self, seconds: float, work: Callable[[], T]) -> T:
        """``work()``, interrupted by :class:`OverBudget` after ``seconds`` (whatever the
        budget); only where :meth:`can_interrupt`."""
        assert self.can_interrupt()
        return self._timed(work, seconds)

    def _is_installed(self) -> bool:
        return (
            self._owner == threading.get_ident()
            and signal.getsignal(signal.SIGALRM) is self._handler
        )

    def _checked(self, work: Callable[[], T]) -> T:
        """The cooperative budget: only :meth:`check` stops the work."""
        assert self.seconds is not None
        self._deadline = time.monotonic() + self.seconds
        try:
            return work()
        finally:
            self._deadline = None

    def _timed(self, work: Callable[[], T], seconds: float) -> T:
        """``work()`` stopped by the interval timer; the handler is installed already."""
        self._deadline = time.monotonic() + seconds
        signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT_SECONDS)
        try:
            try:
                return work()
            finally:
                self._deadline = None  # first: a late alarm now finds nothing to stop
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        # A signal that arrives after the paper ended (it was pending while the timer was
        # cleared) finds no deadline and is ignored.
        if self._deadline is not None:
            raise OverBudget


def _quiet_over_budget(
    previous: Callable[[sys.UnraisableHookArgs], object],
) -> Callable[[sys.UnraisableHookArgs], object]:
    """An unraisable-exception hook that drops the alarms a finaliser swallowed (the
    next one stops the paper) and passes anything else on."""

    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        if not isinstance(unraisable.exc_value, OverBudget):
            previous(unraisable)

    return hook


def _can_use_timer() -> bool:
    """Whether this thread may own ``SIGALRM``: the main thread, no real-time timer running."""
    if threading.current_thread() is not threading.main_thread():
        return False
    return signal.getitimer(signal.ITIMER_REAL)[0] == 0.0
