"""The instructor's command line: ``python -m autograder VERB`` (or ``backprop-course VERB``).

Each verb is a thin layer over nbgrader's own applications, run in the course
directory (the repository root, where ``nbgrader_config.py`` lives).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from autograder.kit import build_student_kit


def _course_root(path: str) -> Path:
    root = Path(path).resolve()
    if not (root / "nbgrader_config.py").is_file():
        raise SystemExit(
            f"error: {root} is not a course directory (it has no nbgrader_config.py); "
            "run the command from the repository root or pass --course PATH."
        )
    return root


def release(args: argparse.Namespace) -> int:
    root = _course_root(args.course)
    if not (root / "solutions" / args.name).is_dir():
        available = sorted(p.name for p in (root / "solutions").iterdir() if p.is_dir())
        raise SystemExit(f"error: no assignment '{args.name}' in solutions/ (available: {', '.join(available)})")
    command = [sys.executable, "-m", "nbgrader", "generate_assignment", args.name, "--force"]
    return subprocess.run(command, cwd=root).returncode


def student_kit(args: argparse.Namespace) -> int:
    root = _course_root(args.course)
    output = Path(args.output) if args.output else root / "dist" / "student-kit.zip"
    try:
        path = build_student_kit(root, output)
    except FileNotFoundError as error:
        raise SystemExit(f"error: {error}") from None
    print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m autograder",
        description="Instructor tools of the backpropagation course (on top of nbgrader).",
    )
    parser.add_argument("--course", default=".", help="the course directory (default: the current one)")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    release_parser = verbs.add_parser("release", help="generate the student version of an assignment")
    release_parser.add_argument("name", help="the assignment, a folder in solutions/")
    release_parser.set_defaults(run=release)

    kit_parser = verbs.add_parser("student-kit", help="zip the exercises with the public helpers")
    kit_parser.add_argument("--output", help="where to write the zip (default: dist/student-kit.zip)")
    kit_parser.set_defaults(run=student_kit)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
