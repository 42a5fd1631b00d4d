"""Writing a graded notebook into nbgrader's gradebook, atomically, with what was graded.

Only the instructor's process writes here. For each notebook, in one
transaction: the scores and comments that nbgrader's ``SaveAutoGrades``
computes from the executed notebook, the late penalty of
``AssignLatePenalties``, nbgrader's ``flagged`` mark when the checks were
tampered with, and a row of the grader's ledger (``autograder_ledger``, a
table of its own in the same database): the hash of the files that were
graded, the fingerprint of the tests, and the details the class report uses.

A grade and its ledger row commit together, so an interrupted run leaves
either both or neither: the next run grades exactly what is missing or has
changed since.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from nbformat import NotebookNode
from nbgrader.api import Gradebook
from nbgrader.preprocessors import AssignLatePenalties, SaveAutoGrades
from sqlalchemy import Column, DateTime, Float, MetaData, String, Table, Text, select
from traitlets.config import Config

_metadata = MetaData()
LEDGER = Table(
    "autograder_ledger", _metadata,
    Column("student_id", String(128), primary_key=True),
    Column("assignment", String(128), primary_key=True),
    Column("notebook", String(128), primary_key=True),
    Column("submission_hash", String(64), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("status", String(32), nullable=False),
    Column("score", Float, nullable=False),
    Column("max_score", Float, nullable=False),
    Column("details", Text, nullable=False),
    Column("graded_at", DateTime, nullable=False),
)


@dataclass(frozen=True)
class LedgerRow:
    student_id: str
    assignment: str
    notebook: str
    submission_hash: str
    fingerprint: str
    status: str
    score: float
    max_score: float
    details: dict


class _DeferredCommits:
    """A gradebook whose ``db.commit()`` only flushes: nbgrader's preprocessors commit
    after every cell, and a notebook's grades must land all at once."""

    class _Session:
        def __init__(self, session):
            self._session = session

        def commit(self):
            self._session.flush()

        def __getattr__(self, name):
            return getattr(self._session, name)

    def __init__(self, gradebook: Gradebook):
        self._gradebook = gradebook
        self.db = self._Session(gradebook.db)

    def __getattr__(self, name):
        return getattr(self._gradebook, name)


class GradebookWriter:
    """One connection to the gradebook for a whole grading run."""

    def __init__(self, db_url: str, course_id: str, config: Config | None = None):
        self.gradebook = Gradebook(db_url, course_id)
        _metadata.create_all(self.gradebook.engine)
        self.config = config or Config()

    def close(self) -> None:
        self.gradebook.close()

    def __enter__(self) -> "GradebookWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def ledger(self, assignment: str) -> dict[tuple[str, str], LedgerRow]:
        rows = self.gradebook.db.execute(select(LEDGER).where(LEDGER.c.assignment == assignment)).mappings()
        return {
            (row["student_id"], row["notebook"]): LedgerRow(
                row["student_id"], row["assignment"], row["notebook"], row["submission_hash"], row["fingerprint"],
                row["status"], row["score"], row["max_score"], json.loads(row["details"]),
            )
            for row in rows
        }

    def record(self, *, student: str, assignment: str, notebook_name: str, notebook: NotebookNode,
               timestamp: datetime.datetime | None, submission_hash: str, fingerprint: str, status: str,
               details: dict, tampered: bool) -> tuple[float, float]:
        """Write one graded notebook; returns its (score, max score)."""
        gradebook = self.gradebook
        gradebook.update_or_create_student(student)
        if timestamp is not None:
            gradebook.update_or_create_submission(assignment, student, timestamp=timestamp)
        else:
            gradebook.update_or_create_submission(assignment, student)
        session = gradebook.db
        try:
            self._save_scores(notebook, student, assignment, notebook_name)
            submitted = gradebook.find_submission_notebook(notebook_name, assignment, student)
            session.flush()
            session.expire(submitted)
            self._late_penalty(submitted, gradebook.find_submission(assignment, student), student)
            if tampered:
                submitted.flagged = True
            session.flush()
            session.expire(submitted)
            score, max_score = float(submitted.score), float(submitted.max_score)
            row = {
                "submission_hash": submission_hash, "fingerprint": fingerprint, "status": status,
                "score": score, "max_score": max_score, "details": json.dumps(details, default=str),
                "graded_at": datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None),
            }
            key = {"student_id": student, "assignment": assignment, "notebook": notebook_name}
            updated = session.execute(LEDGER.update().where(
                (LEDGER.c.student_id == student) & (LEDGER.c.assignment == assignment) &
                (LEDGER.c.notebook == notebook_name)).values(**row))
            if updated.rowcount == 0:
                session.execute(LEDGER.insert().values(**key, **row))
            session.commit()
        except BaseException:
            session.rollback()
            raise
        return score, max_score

    def _save_scores(self, notebook: NotebookNode, student: str, assignment: str, notebook_name: str) -> None:
        saver = SaveAutoGrades(config=self.config)
        saver.notebook_id, saver.assignment_id, saver.student_id = notebook_name, assignment, student
        saver.gradebook = _DeferredCommits(self.gradebook)
        for index, cell in enumerate(notebook.cells):
            saver.preprocess_cell(cell, {}, index)

    def _late_penalty(self, submitted_notebook, submission, student: str) -> None:
        penalties = AssignLatePenalties(config=self.config)
        penalties.init_plugin()
        submitted_notebook.late_submission_penalty = None
        if submission.total_seconds_late > 0:
            penalty = penalties.plugin_inst.late_submission_penalty(
                student, submitted_notebook.score, submission.total_seconds_late)
            if penalty is not None:
                submitted_notebook.late_submission_penalty = penalties._check_late_penalty(submitted_notebook, penalty)
