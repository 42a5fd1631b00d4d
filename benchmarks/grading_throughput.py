"""Grading throughput: plain ``nbgrader autograde`` against ``python -m autograder grade``.

Builds one course with a realistic batch of backpropagation submissions
(correct, partly wrong, broken), copies it, grades one copy with each tool
in turn on this machine, checks that every cell got the same score from
both, and prints notebooks per minute, their ratio, and the time per notebook
that is not the student's own code (starting a kernel, imports, grading
overhead).

    python benchmarks/grading_throughput.py [--submissions 60] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.conftest import catalogues  # noqa: E402
from tests.course_folder import (  # noqa: E402
    cell_scores,
    filled_in,
    make_course,
    reference_answers,
    released_notebook,
    source_as,
    submit,
)

ASSIGNMENT = "backprop"
BROKEN = {
    "syntax-error": ("back_propagate", "def back_propagate(x, y, w, out_o1, out_o2, out_h1, out_h2)\n    return 0"),
    "raises": ("update_w", "def update_w(w, grads, step):\n    raise ValueError('unfinished')"),
    "wrong-name": ("forward_propagate", "def forward(x, y, w):\n    return 0"),
}


def build_batch(course: Path, size: int) -> dict[str, int]:
    """About 40% correct, 40% with one catalogued mistake, 20% broken; returns the mix."""
    answers = reference_answers(ASSIGNMENT)
    mistakes, alternatives = catalogues(ASSIGNMENT)
    mistake_list = [(name, m) for name, group in mistakes.items() for m in group]
    correct = [dict(answers)] + [
        {**answers, **{name: source_as(group[i % len(group)], name) for name, group in alternatives.items()}}
        for i in range(4)
    ]
    mix = {"correct": 0, "one mistake": 0, "broken": 0}
    for index in range(size):
        kind = ("correct", "one mistake", "correct", "one mistake", "broken")[index % 5]
        if kind == "correct":
            notebook = filled_in(course, ASSIGNMENT, correct[index % len(correct)])
        elif kind == "one mistake":
            name, mistake = mistake_list[index % len(mistake_list)]
            notebook = filled_in(course, ASSIGNMENT, {**answers, name: source_as(mistake.implementation, name)})
        elif index % 4 == 0:
            notebook = released_notebook(course, ASSIGNMENT)
        else:
            name, source = list(BROKEN.values())[index % len(BROKEN)]
            notebook = filled_in(course, ASSIGNMENT, {**answers, name: source})
        mix[kind] += 1
        submit(course, f"student-{index:03d}", ASSIGNMENT, notebook)
    return mix


def timed(command: list[str], cwd: Path) -> float:
    started = time.monotonic()
    path = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")  # nbgrader runs alembic
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                               env={**os.environ, "PATH": path, "PYTHONDONTWRITEBYTECODE": "1"})
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stdout[-3000:]}{completed.stderr[-3000:]}")
    return time.monotonic() - started


def our_timings(course: Path) -> list[dict]:
    with sqlite3.connect(course / "gradebook.db") as db:
        return [json.loads(details)["timing"] for (details,) in db.execute("select details from autograder_ledger")]


def main() -> None:
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=60)
    parser.add_argument("--workers", type=int, default=0, help="grade's workers (default: one per core)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="grading-benchmark-") as folder:
        plain_course = make_course(Path(folder) / "plain", ASSIGNMENT)
        mix = build_batch(plain_course, args.submissions)
        ours_course = Path(folder) / "ours"
        shutil.copytree(plain_course, ours_course)
        n = args.submissions
        print(f"{n} submissions of '{ASSIGNMENT}': " + ", ".join(f"{v} {k}" for k, v in mix.items()))
        print(f"machine: {os.cpu_count()} cores")

        plain = timed([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--create"], plain_course)
        ours = timed([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--quiet"]
                     + (["--workers", str(args.workers)] if args.workers else []), ours_course)

        plain_scores, our_scores = cell_scores(plain_course, ASSIGNMENT), cell_scores(ours_course, ASSIGNMENT)
        differing = sorted(s for s in plain_scores if plain_scores[s] != our_scores.get(s))
        total = {name: sum(sum(cells.values()) for cells in scores.values())
                 for name, scores in (("plain", plain_scores), ("ours", our_scores))}

        timings = our_timings(ours_course)
        cells = statistics.mean(t.get("cells", 0.0) for t in timings)
        per_notebook = statistics.mean(t.get("total", 0.0) for t in timings)
        kernel_wait = statistics.mean(t.get("kernel_wait", 0.0) for t in timings)
        kernel_start = statistics.mean(t.get("kernel_start", 0.0) for t in timings)

        print(f"plain nbgrader autograde : {n / plain * 60:7.1f} notebooks/min  ({plain:6.1f} s)")
        print(f"python -m autograder grade: {n / ours * 60:7.1f} notebooks/min  ({ours:6.1f} s)")
        print(f"ratio                     : {plain / ours:7.2f}x  (target: at least 3x)")
        print(f"scores                    : {'identical' if not differing else 'DIFFERENT for ' + ', '.join(differing)}"
              f" (class total {total['plain']:g} and {total['ours']:g} points, {len(plain_scores)} students)")
        print("time per notebook that is not the student's code:")
        print(f"  plain nbgrader (one kernel started per notebook, in turn): "
              f"{plain / n - cells:5.2f} s  (wall time per notebook {plain / n:.2f} s minus {cells:.2f} s in cells)")
        print(f"  grade, per worker: {per_notebook - cells:5.2f} s  (waiting for a pre-started kernel "
              f"{kernel_wait:.2f} s; a kernel takes {kernel_start:.2f} s to start, in the background)")
        if differing:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
