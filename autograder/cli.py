"""The instructor's command line: ``python -m autograder VERB`` (or ``backprop-course VERB``).

Each verb works on the course folder (where ``nbgrader_config.py`` lives) and
on nbgrader's gradebook (``--db`` for one other than the course's SQLite
file, such as a PostgreSQL server shared by several graders):

    release NAME       generate the student version of an assignment
    student-kit        zip the exercises with the public helpers
    collect PATH       place an LMS export (zip or folder) into submitted/
    grade NAME         autograde every submission, in parallel, resumably
    feedback NAME      feedback pages for the students, without hidden tests
    export             grades as CSV: per student and assignment, and per cell
    report NAME        a class report (HTML): scores, points lost, mistakes
"""

from __future__ import annotations

import argparse
import os
import re
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


def _course(args: argparse.Namespace):
    from autograder.grading.course import Course

    return Course(_course_root(args.course), args.db)


def release(args: argparse.Namespace) -> int:
    root = _course_root(args.course)
    if not (root / "solutions" / args.name).is_dir():
        available = sorted(p.name for p in (root / "solutions").iterdir() if p.is_dir())
        raise SystemExit(f"error: no assignment '{args.name}' in solutions/ (available: {', '.join(available)})")
    command = [sys.executable, "-m", "nbgrader", "generate_assignment", args.name, "--force"]
    if args.db:
        command.append(f"--db={args.db}")
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


def collect(args: argparse.Namespace) -> int:
    from autograder.grading.collect import collect as collect_submissions

    try:
        report = collect_submissions(_course(args), Path(args.path), args.assignment, args.pattern, args.dry_run,
                                     lms=args.lms, max_file_mb=args.max_file_mb, max_total_mb=args.max_total_mb)
    except (ValueError, FileNotFoundError) as error:
        raise SystemExit(f"error: {error}") from None
    if report.lms:
        print(f"format: {report.lms} ({report.lms_reason})")
    counts = {status: sum(p.status == status for p in report.placed) for status in ("new", "replaced", "unchanged")}
    verb = "would place" if args.dry_run else "placed"
    print(f"{verb} {len(report.placed)} notebooks ({counts['new']} new, {counts['replaced']} replaced, "
          f"{counts['unchanged']} unchanged); {len(report.new_students)} new students")
    for placed in report.placed:
        print(f"  {placed.status:9s} {placed.source} -> submitted/{placed.student}/{placed.assignment}/"
              f"{placed.notebook}.ipynb")
    if report.unplaced:
        print(f"could not place {len(report.unplaced)} files:")
        for source, reason in report.unplaced:
            print(f"  {source if source.isprintable() else ascii(source)}: {reason}")
    return 0


def _size(text: str) -> int:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?", text.strip().lower())
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (for example 2G or 512M)")
    number, unit = float(match.group(1)), match.group(2)
    return int(number * 1024 ** " kmgt".index(unit or " "))


def grade(args: argparse.Namespace) -> int:
    from autograder.grading.isolation import landlock
    from autograder.grading.autograde import GradingOptions, grade_assignment
    from autograder.grading.course import CourseError
    from autograder.grading.isolation.sandbox import Limits

    course = _course(args)
    limits = Limits(
        cell_seconds=args.cell_timeout or course.cell_timeout(), notebook_seconds=args.notebook_timeout,
        memory_bytes=args.memory_limit, output_bytes=args.output_limit,
    )
    if not args.no_landlock and not landlock.available():
        print("note: this Linux kernel has no Landlock; notebooks are confined by the audit hook and the "
              "resource limits only (see README: For instructors)", file=sys.stderr)
    options = GradingOptions(workers=args.workers, limits=limits, force=args.force, students=tuple(args.student),
                             landlock=not args.no_landlock, progress=not args.quiet, insecure=args.insecure)
    try:
        summary = grade_assignment(course, args.name, options)
    except CourseError as error:
        raise SystemExit(f"error: {error}") from None
    graded = summary.graded
    if summary.isolation_missing:
        print("WARNING: graded WITHOUT isolation (--insecure): a hostile notebook could reach other students' "
              "kernels, the grader or the course folder; every result is marked, and the report says so.",
              file=sys.stderr)
    if summary.hidden_in_kernel:
        print(f"note: {summary.hidden_in_kernel}: its hidden checks ran inside the students' kernels, as in plain "
              "nbgrader (sandboxed, but less protected against tampering)", file=sys.stderr)
    print(f"{args.name}: graded {len(graded)} notebooks in {summary.seconds:.1f} s "
          f"({summary.skipped} already graded and unchanged)")
    for status in sorted({g.status for g in graded} - {"graded"}):
        students = ", ".join(g.student for g in graded if g.status == status)
        print(f"  {status}: {students}")
    flagged = [g for g in graded if any(f["kind"] in ("tampering", "sandbox") for f in g.flags)]
    if flagged:
        print(f"  flagged for review: {', '.join(g.student for g in flagged)} (see `report {args.name}`)")
    if summary.interrupted:
        print("interrupted: what was graded is saved; run the same command again to grade the rest")
        return 130
    return 0


def feedback(args: argparse.Namespace) -> int:
    from autograder.grading.feedback import generate_feedback

    generate_feedback(_course(args), args.name, args.student or "*")
    print(f"wrote feedback/*/{args.name}/ (hidden tests and expected values withheld)")
    return 0


def export(args: argparse.Namespace) -> int:
    from nbgrader.api import Gradebook

    from autograder.grading.export import CellGradesExportPlugin

    course = _course(args)
    plugin = CellGradesExportPlugin(to=args.output, assignment=args.assignment or [])
    with Gradebook(course.db_url, course.course_id) as gradebook:
        plugin.export(gradebook)
    print(f"wrote {args.output}")
    return 0


def report(args: argparse.Namespace) -> int:
    from autograder.grading.report import collect as collect_report
    from autograder.grading.report import write_report

    course = _course(args)
    try:
        data = collect_report(course, args.name)
    except ValueError as error:
        raise SystemExit(f"error: {error}") from None
    path = write_report(data, Path(args.output or course.root / "reports" / f"{args.name}.html"))
    print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m autograder",
        description="Instructor tools of the backpropagation course (on top of nbgrader).",
        epilog="A term: release NAME; student-kit; collect EXPORT.zip; grade NAME; feedback NAME; "
               "report NAME; export.",
    )
    parser.add_argument("--course", default=".", help="the course directory (default: the current one)")
    parser.add_argument("--db", default=os.environ.get("AUTOGRADER_DB"),
                        help="the gradebook's database URL, e.g. postgresql://user:pw@host/db "
                             "(default: the course's gradebook.db, or $AUTOGRADER_DB)")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    release_parser = verbs.add_parser("release", help="generate the student version of an assignment")
    release_parser.add_argument("name", help="the assignment, a folder in solutions/")
    release_parser.set_defaults(run=release)

    kit_parser = verbs.add_parser("student-kit", help="zip the exercises with the public helpers")
    kit_parser.add_argument("--output", help="where to write the zip (default: dist/student-kit.zip)")
    kit_parser.set_defaults(run=student_kit)

    collect_parser = verbs.add_parser(
        "collect", help="place submissions (an LMS zip export or a folder) into submitted/",
        description="Copy each notebook byte for byte to submitted/<student>/<assignment>/, with a timestamp; "
                    "add unknown students to the gradebook; report what could not be placed.")
    collect_parser.add_argument("path", help="a zip file or a folder")
    collect_parser.add_argument("--assignment", help="the assignment of every file (default: from the file names)")
    collect_parser.add_argument("--lms", choices=("canvas", "moodle", "blackboard", "tree", "plain"),
                                help="the system the export comes from (default: detected from all its file "
                                     "names; asked for when that is ambiguous)")
    collect_parser.add_argument("--pattern", help="a custom format instead of --lms: a regular expression with a "
                                                  "(?P<student>...) group, matched against file names")
    collect_parser.add_argument("--max-file-mb", type=float, default=50, metavar="MB",
                                help="the largest notebook accepted, in MiB (default: 50)")
    collect_parser.add_argument("--max-total-mb", type=float, default=2048, metavar="MB",
                                help="the most all notebooks may take together, in MiB (default: 2048)")
    collect_parser.add_argument("--dry-run", action="store_true", help="only say what would be placed")
    collect_parser.set_defaults(run=collect)

    grade_parser = verbs.add_parser(
        "grade", help="autograde every submission of an assignment",
        description="Grade each submitted notebook in its own sandboxed kernel, in parallel; a second run "
                    "grades only what is new or changed. Grades go to nbgrader's gradebook, notebooks to "
                    "autograded/.")
    grade_parser.add_argument("name", help="the assignment")
    grade_parser.add_argument("--workers", type=int, default=0, help="worker processes (default: one per core)")
    grade_parser.add_argument("--cell-timeout", type=float, default=0,
                              help="seconds per cell (default: Execute.timeout of nbgrader_config.py)")
    grade_parser.add_argument("--notebook-timeout", type=float, default=600.0, help="seconds per notebook (600)")
    grade_parser.add_argument("--memory-limit", type=_size, default=_size("2G"), help="memory per notebook (2G)")
    grade_parser.add_argument("--output-limit", type=_size, default=_size("10M"), help="output per cell (10M)")
    grade_parser.add_argument("--student", action="append", default=[], help="grade only this student (repeatable)")
    grade_parser.add_argument("--force", action="store_true", help="grade again what is already graded")
    grade_parser.add_argument("--no-landlock", action="store_true", help="do not use Landlock even where available")
    grade_parser.add_argument("--insecure", action="store_true",
                              help="grade even where this machine cannot isolate the kernels (Linux namespaces); "
                                   "every result is then marked as graded without isolation")
    grade_parser.add_argument("--quiet", action="store_true", help="no progress bar")
    grade_parser.set_defaults(run=grade)

    feedback_parser = verbs.add_parser("feedback", help="feedback pages (HTML) without the hidden tests")
    feedback_parser.add_argument("name", help="the assignment")
    feedback_parser.add_argument("--student", help="only this student")
    feedback_parser.set_defaults(run=feedback)

    export_parser = verbs.add_parser("export", help="grades as one CSV (per assignment and per graded cell)")
    export_parser.add_argument("--output", default="grades.csv", help="the CSV file (default: grades.csv)")
    export_parser.add_argument("--assignment", action="append", help="only this assignment (repeatable)")
    export_parser.set_defaults(run=export)

    report_parser = verbs.add_parser("report", help="class report: score histogram, points lost, mistakes")
    report_parser.add_argument("name", help="the assignment")
    report_parser.add_argument("--output", help="the HTML file (default: reports/NAME.html)")
    report_parser.set_defaults(run=report)
    return parser


def main(argv: list[str] | None = None) -> int:
    # nbgrader runs its own tools (alembic) by name: find them beside this Python
    # even when its environment is not activated.
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")
    args = build_parser().parse_args(argv)
    return args.run(args)
