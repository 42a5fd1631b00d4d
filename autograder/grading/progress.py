"""A progress bar on standard error: one line redrawn in a terminal, a line now and then elsewhere."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, label: str, stream=None, enabled: bool = True):
        self.total = total
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.done = 0
        self.started = time.monotonic()
        self._last_line = 0.0
        self._terminal = hasattr(self.stream, "isatty") and self.stream.isatty()

    def advance(self, note: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if not self._terminal and self.done < self.total and now - self._last_line < 10:
            return
        self._last_line = now
        self.stream.write(("\r" if self._terminal else "") + self.line(note) + ("" if self._terminal else "\n"))
        self.stream.flush()

    def line(self, note: str = "") -> str:
        elapsed = time.monotonic() - self.started
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        rate = self.done / elapsed * 60 if elapsed > 0 else 0.0
        remaining = (self.total - self.done) / (self.done / elapsed) if self.done and elapsed > 0 else 0.0
        text = (f"{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                f"{rate:5.1f}/min, {_duration(remaining)} left")
        return f"{text}  {note}"[:120].ljust(120) if self._terminal else f"{text}  {note}".rstrip()

    def close(self) -> None:
        if self.enabled and self._terminal:
            self.stream.write("\n")
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"
