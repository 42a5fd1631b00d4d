"""Time a cold build and a warm rebuild of the whole book, and measure the built site.

Cold: an empty output folder, so the execution cache is empty and every chapter
runs. Warm: the same build again with nothing changed. Targets on the course's
2-core machine: a cold build under 3 minutes, a warm rebuild under 20 seconds.

    python benchmarks/book_build.py [--output DIR]

Prints one line per measure, with its ratio to the target (below 1 meets it).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
JUPYTER_BOOK = str(Path(sys.executable).with_name("jupyter-book"))
TARGET_SECONDS = {"cold build": 180.0, "warm rebuild": 20.0}


def build(output: Path) -> float:
    """Seconds that one warnings-as-errors build of the book into ``output`` takes."""
    command = [JUPYTER_BOOK, "build", str(REPO), "--path-output", str(output)]
    command += ["--warningiserror", "--nitpick", "--keep-going"]
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if completed.returncode != 0:
        sys.exit(f"the build failed:\n{completed.stdout[-3000:]}{completed.stderr[-3000:]}")
    return seconds


def folder_size(folder: Path) -> tuple[int, int]:
    files = [path for path in folder.rglob("*") if path.is_file()]
    return sum(path.stat().st_size for path in files), len(files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, help="build here (emptied first) instead of a temporary folder")
    arguments = parser.parse_args()
    output = arguments.output or Path(tempfile.mkdtemp(prefix="book-benchmark-"))
    shutil.rmtree(output, ignore_errors=True)
    output.mkdir(parents=True)
    try:
        times = {"cold build": build(output), "warm rebuild": build(output)}
        size, count = folder_size(output / "_build" / "html")
    finally:
        if arguments.output is None:
            shutil.rmtree(output, ignore_errors=True)
    for name, seconds in times.items():
        target = TARGET_SECONDS[name]
        verdict = "meets the target" if seconds < target else "MISSES the target"
        print(f"{name:13s} {seconds:7.1f} s   target {target:5.0f} s   ratio {seconds / target:.2f}   {verdict}")
    print(f"{'site size':13s} {size / 2**20:7.1f} MiB in {count} files (_build/html)")


if __name__ == "__main__":
    main()
