"""``report NAME``: what the class got wrong, as one self-contained HTML page.

Scores come from nbgrader's gradebook. The diagnosed mistakes come from the
grader's ledger (the hidden checks' verdicts, which a student cannot forge);
for notebooks graded by plain ``nbgrader autograde`` they are read from the
``[diagnosis: ...]`` lines in the autograded notebooks instead. The page has
three figures (scores, points lost per graded cell, the most frequent
mistakes), the mistakes with their share of the class, and the submissions the
instructor should look at: flags for tampering and sandbox violations, files
that could not be graded, kernels that died.
"""

from __future__ import annotations

import base64
import collections
import html
import importlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry

from autograder.grading.cells import grade_id, is_test_cell
from autograder.grading.course import Course
from autograder.grading.gradebook import LEDGER

GENERIC_DIAGNOSES = {
    "unrecognised": "a wrong result that matches no catalogued mistake",
    "raised": "the function raised an exception",
    "wrong-type": "the function returned something that is not numbers",
    "numerical-gradient": "the gradients disagree with numerical gradients of the student's own forward pass",
}
_DIAGNOSIS = re.compile(r"\[diagnosis: ([^\]]+)\]")


@dataclass
class StudentResult:
    student: str
    score: float
    max_score: float
    cells: dict[str, float]
    diagnoses: dict[str, str]
    status: str = "graded"
    flags: list[dict] = field(default_factory=list)
    stopped: str = ""
    problem: str = ""
    isolated: bool = True


@dataclass
class ClassReport:
    assignment: str
    max_score: float
    cell_points: dict[str, float]
    students: list[StudentResult]
    missing: list[str]
    mistakes: dict[str, str]

    @property
    def graded(self) -> list[StudentResult]:
        return self.students

    def mistake_counts(self) -> list[tuple[str, int]]:
        counts = collections.Counter(d for student in self.students for d in set(student.diagnoses.values()))
        return counts.most_common()

    def points_lost(self) -> dict[str, float]:
        return {cell: sum(points - student.cells.get(cell, 0.0) for student in self.students)
                for cell, points in self.cell_points.items()}

    def describe(self, diagnosis: str) -> str:
        return self.mistakes.get(diagnosis) or GENERIC_DIAGNOSES.get(diagnosis, diagnosis)


def collect(course: Course, assignment: str) -> ClassReport:
    with Gradebook(course.db_url, course.course_id) as gradebook:
        try:
            record = gradebook.find_assignment(assignment)
        except MissingEntry:
            raise ValueError(f"the gradebook has no assignment '{assignment}'") from None
        cell_points = {cell.name: float(cell.max_score) for nb in record.notebooks for cell in nb.grade_cells}
        ledger = _ledger(gradebook, assignment)
        students, missing = [], []
        for student in sorted(gradebook.students, key=lambda s: s.id):
            try:
                submission = gradebook.find_submission(assignment, student.id)
            except MissingEntry:
                missing.append(student.id)
                continue
            cells, diagnoses, flags, statuses, stopped, problems = {}, {}, [], [], [], []
            isolated = True
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    cells[grade.name] = float(grade.score)
                details = ledger.get((student.id, notebook.name))
                if details is None:
                    diagnoses.update(_diagnoses_in_notebook(course, student.id, assignment, notebook.name))
                    continue
                statuses.append(details["status"])
                isolated = isolated and (details.get("isolated") is not False or details["status"] != "graded")
                flags.extend(details.get("flags", []))
                stopped.append(details.get("stopped", ""))
                problems.append(details.get("problem", ""))
                for cell, verdict in details.get("hidden", {}).items():
                    if not verdict.get("passed") and verdict.get("diagnosis"):
                        diagnoses[cell] = verdict["diagnosis"]
            status = next((s for s in statuses if s != "graded"), "graded")
            students.append(StudentResult(student.id, float(submission.score), float(submission.max_score), cells,
                                          diagnoses, status, flags, "; ".join(filter(None, stopped)),
                                          "; ".join(filter(None, problems)), isolated))
        return ClassReport(assignment, float(record.max_score), cell_points, students, missing,
                           _mistake_messages(assignment))


def _ledger(gradebook: Gradebook, assignment: str) -> dict[tuple[str, str], dict]:
    try:
        rows = gradebook.db.execute(LEDGER.select().where(LEDGER.c.assignment == assignment)).mappings()
        return {(row["student_id"], row["notebook"]): {**json.loads(row["details"]), "status": row["status"]}
                for row in rows}
    except Exception:  # graded by plain nbgrader only: no ledger table
        gradebook.db.rollback()
        return {}


def _diagnoses_in_notebook(course: Course, student: str, assignment: str, notebook: str) -> dict[str, str]:
    path = course.folder("autograded", student, assignment) / f"{notebook}.ipynb"
    if not path.is_file():
        return {}
    found = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if is_test_cell(cell):
            text = "\n".join(o.get("evalue", "") + o.get("text", "") for o in cell.get("outputs", []))
            tags = _DIAGNOSIS.findall(text)
            if tags:
                found[grade_id(cell)] = tags[-1]  # the grader's tag ends the message
    return found


def _mistake_messages(assignment: str) -> dict[str, str]:
    try:
        catalogue = importlib.import_module(f"autograder.mistakes.{assignment}").MISTAKES
    except (ImportError, AttributeError):
        return {}
    return {mistake.id: f"{mistake.function}: {_first_sentence(mistake.message)}"
            for group in catalogue.values() for mistake in group}


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.:])(\s|$)", text.replace("\n", " "))
    return (match.group(1) if match else text).rstrip(":.")


# --------------------------------------------------------------------------
# the page
# --------------------------------------------------------------------------


def write_report(report: ClassReport, destination: Path) -> Path:
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(render(report))
    return destination


def render(report: ClassReport) -> str:
    n = len(report.students)
    scores = [student.score for student in report.students]
    mean = sum(scores) / n if n else 0.0
    mistakes = report.mistake_counts()
    unisolated = [student.student for student in report.students if not student.isolated]
    parts = [
        f"<h1>Class report: {html.escape(report.assignment)}</h1>",
        *([f"<p class='insecure'><b>Graded without isolation</b> (<code>grade --insecure</code>): "
           f"{len(unisolated)} of {n} submissions ran without namespaces of their own, so a hostile notebook "
           f"among them could have changed another's result. Grade them again on a machine that isolates "
           f"kernels (see the README).</p>"] if unisolated else []),
        f"<p>{n} submissions graded ({len(report.missing)} students without a submission). "
        f"Mean score {mean:.2f} of {report.max_score:g}; "
        f"{sum(s == report.max_score for s in scores)} with full marks, {sum(s == 0 for s in scores)} with none.</p>",
        "<h2>Most frequent mistakes</h2>",
    ]
    if mistakes:
        parts.append("<ul>" + "".join(
            f"<li><b>{100 * count / n:.0f}% of the class</b> ({count} of {n}): "
            f"{html.escape(report.describe(diagnosis))} <code>[{html.escape(diagnosis)}]</code></li>"
            for diagnosis, count in mistakes) + "</ul>")
    else:
        parts.append("<p>No hidden check diagnosed a mistake.</p>")
    parts += [
        "<h2>Figures</h2>",
        _figure(_score_histogram(report), "Distribution of scores"),
        _figure(_points_lost(report), "Points lost per graded cell, over the class"),
    ]
    if mistakes:
        parts.append(_figure(_mistake_bars(report, mistakes), "The most frequent diagnosed mistakes"))
    parts += ["<h2>Submissions to look at</h2>", _attention_table(report)]
    style = ("body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}"
             "img{max-width:100%}.tampering{color:#a00}.sandbox{color:#a60}"
             ".insecure{background:#fee;border:2px solid #a00;padding:.6em}")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Class report: "
            f"{html.escape(report.assignment)}</title><style>{style}</style></head><body>"
            + "\n".join(parts) + "</body></html>")


def _attention_table(report: ClassReport) -> str:
    rows = []
    for student in report.students:
        notes = [f"<span class='{html.escape(flag['kind'])}'>{html.escape(flag['kind'])}: "
                 f"{html.escape(flag['message'])}</span>"
                 for flag in student.flags if flag.get("kind") in ("tampering", "sandbox")]
        if student.status != "graded":
            notes.insert(0, f"not graded ({html.escape(student.status)}): {html.escape(student.problem)}")
        if student.stopped:
            notes.append(f"stopped early: {html.escape(student.stopped)}")
        if notes:
            rows.append(f"<tr><td>{html.escape(student.student)}</td><td>{student.score:g}</td>"
                        f"<td>{'<br>'.join(notes)}</td></tr>")
    if not rows:
        return "<p>Nothing unusual.</p>"
    return "<table><tr><th>student</th><th>score</th><th>what happened</th></tr>" + "".join(rows) + "</table>"


def _figure(png: bytes, caption: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f"<figure><img alt='{html.escape(caption)}' src='data:image/png;base64,{data}'>" \
           f"<figcaption>{html.escape(caption)}</figcaption></figure>"


def _plot(draw) -> bytes:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 3.5))
    draw(axes)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    plt.close(figure)
    return buffer.getvalue()


def _score_histogram(report: ClassReport) -> bytes:
    def draw(axes):
        scores = [student.score for student in report.students]
        bins = max(1, min(20, int(report.max_score * 2) or 1))
        axes.hist(scores, bins=bins, range=(0, report.max_score or 1), color="#4472c4", edgecolor="white")
        axes.set_xlabel(f"score (out of {report.max_score:g})")
        axes.set_ylabel("students")
    return _plot(draw)


def _points_lost(report: ClassReport) -> bytes:
    def draw(axes):
        lost = report.points_lost()
        axes.bar(range(len(lost)), list(lost.values()), color="#c0504d")
        axes.set_xticks(range(len(lost)), list(lost), rotation=20, ha="right")
        axes.set_ylabel("points lost, whole class")
    return _plot(draw)


def _mistake_bars(report: ClassReport, mistakes: list[tuple[str, int]]) -> bytes:
    def draw(axes):
        top = mistakes[:10][::-1]
        axes.barh([name for name, _ in top], [100 * count / len(report.students) for _, count in top],
                  color="#9bbb59")
        axes.set_xlabel("share of the class (%)")
    return _plot(draw)
