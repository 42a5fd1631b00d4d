"""``export``: one CSV of grades, from nbgrader's gradebook.

Two kinds of rows, told apart by the ``level`` column:

- ``assignment``: one per student and assignment (a student who submitted
  nothing gets 0, as in ``nbgrader export``), with the late penalty and the
  grader's flags;
- ``cell``: one per student and graded cell, with the diagnosed mistake when a
  hidden check named one.

It is an nbgrader export plugin, so ``nbgrader export --exporter
autograder.grading.export.CellGradesExportPlugin`` writes the same file.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin

from autograder.grading.gradebook import LEDGER

COLUMNS = ["level", "student_id", "last_name", "first_name", "assignment", "notebook", "cell",
           "score", "max_score", "late_penalty", "diagnosis", "status", "flags", "timestamp"]


class CellGradesExportPlugin(ExportPlugin):
    """nbgrader's export plugin interface; ``to`` is the CSV's path (default ``grades.csv``)."""

    def export(self, gradebook: Gradebook) -> None:
        destination = Path(self.to or "grades.csv")
        rows = list(grade_rows(gradebook, self.assignment, self.student))
        with open(destination, "w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        self.log.info("wrote %d rows to %s", len(rows), destination)


def grade_rows(gradebook: Gradebook, assignments: list[str] | None = None, students: list[str] | None = None):
    ledger = _ledger(gradebook)
    for assignment in sorted(gradebook.assignments, key=lambda a: (a.duedate is None, a.duedate, a.name)):
        if assignments and assignment.name not in assignments:
            continue
        cells = [(notebook.name, cell.name, float(cell.max_score))
                 for notebook in assignment.notebooks for cell in notebook.grade_cells]
        for student in sorted(gradebook.students, key=lambda s: s.id):
            if students and student.id not in students:
                continue
            person = {"student_id": student.id, "last_name": student.last_name or "",
                      "first_name": student.first_name or "", "assignment": assignment.name}
            try:
                submission = gradebook.find_submission(assignment.name, student.id)
            except MissingEntry:
                submission = None
            details = [ledger.get((student.id, assignment.name, name), {}) for name, _, _ in cells]
            flags = sorted({flag["message"] for entry in details for flag in entry.get("flags", [])
                            if flag.get("kind") in ("tampering", "sandbox")})
            statuses = sorted({entry["status"] for entry in details if entry.get("status")})
            yield {
                **person, "level": "assignment", "notebook": "", "cell": "",
                "score": submission.score if submission else 0.0, "max_score": assignment.max_score,
                "late_penalty": submission.late_submission_penalty if submission else 0.0,
                "diagnosis": "", "status": ",".join(statuses) if submission else "no submission",
                "flags": " | ".join(flags), "timestamp": submission.timestamp if submission else "",
            }
            for notebook, cell, max_score in cells:
                score = 0.0
                if submission is not None:
                    try:
                        score = gradebook.find_grade(cell, notebook, assignment.name, student.id).score
                    except MissingEntry:
                        pass
                hidden = ledger.get((student.id, assignment.name, notebook), {}).get("hidden", {}).get(cell, {})
                yield {
                    **person, "level": "cell", "notebook": notebook, "cell": cell, "score": score,
                    "max_score": max_score, "late_penalty": "", "diagnosis": hidden.get("diagnosis") or "",
                    "status": "", "flags": "", "timestamp": "",
                }


def _ledger(gradebook: Gradebook) -> dict[tuple[str, str, str], dict]:
    try:
        rows = gradebook.db.execute(LEDGER.select()).mappings()
    except Exception:  # a gradebook that this grader never wrote to has no ledger
        gradebook.db.rollback()
        return {}
    return {(row["student_id"], row["assignment"], row["notebook"]): {**json.loads(row["details"]),
                                                                       "status": row["status"]}
            for row in rows}
