"""Turn a submitted file into the notebook that is run, as nbgrader's autograder would.

nbgrader's own sanitizing preprocessors do the work (``ClearOutput``,
``DeduplicateIds``, ``OverwriteCells``, ``CheckCellMetadata``); this module
makes them robust to files they were not written for: files that are not
notebooks, notebooks of another assignment, cells whose nbgrader metadata was
edited, renamed or deleted. Deleted test cells are put back (with their hidden
tests) next to where they belong, so a student who deletes a test is graded
all the same.

A file that cannot be run is replaced by a *stand-in*: the released notebook
with a note at the top and every test cell failed with the reason, so that the
gradebook, the feedback and the report all say what happened.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import nbformat
from nbformat import NotebookNode
from nbgrader.nbgraderformat import SchemaTooNewError, SchemaTooOldError, ValidationError
from nbgrader.preprocessors import CheckCellMetadata, ClearOutput, DeduplicateIds, OverwriteCells
from nbgrader.preprocessors.base import NbGraderPreprocessor

from autograder.grading.cells import grade_id, is_test_cell
from autograder.grading.spec import AssignmentSpec, NotebookSpec, SpecGradebook

MAX_NOTEBOOK_BYTES = 50 * 2**20
NOT_GRADED = "NotGraded"


@dataclass
class Prepared:
    """``status``: ``ok`` (run ``notebook``), or why it is a stand-in:
    ``missing``, ``unreadable`` or ``wrong-notebook``."""

    status: str
    notebook: NotebookNode
    problem: str = ""
    changes: list[str] = field(default_factory=list)


def prepare(raw: bytes | None, spec: AssignmentSpec, notebook_name: str) -> Prepared:
    nb_spec = spec.notebooks[notebook_name]
    if raw is None:
        return stand_in(nb_spec, "missing", f"no notebook named {notebook_name}.ipynb was submitted.")
    notebook, problem = _read(raw)
    if notebook is None:
        return stand_in(nb_spec, "unreadable", problem)
    own = {cell.name for cell in nb_spec.source_cells}
    present = {grade_id(cell) for cell in notebook.cells} - {None}
    if not present & own and present:
        others = sorted({spec.foreign_cells[name] for name in present if name in spec.foreign_cells})
        which = f"of the assignment '{others[0]}'" if others else "of another exercise"
        return stand_in(
            nb_spec, "wrong-notebook",
            f"the file is the notebook {which}, not of '{spec.name}'. Submit {notebook_name}.ipynb "
            f"from exercises/{spec.name}/.",
        )
    changes = [] if present else ["no cell had nbgrader's metadata: every test cell was put back at the end"]
    try:
        notebook = _sanitize(notebook, spec, nb_spec, changes)
    except (ValidationError, SchemaTooOldError, SchemaTooNewError, ValueError, KeyError, TypeError) as error:
        return stand_in(nb_spec, "unreadable", f"its nbgrader metadata is damaged ({_short(error)}).")
    return Prepared("ok", notebook, changes=changes)


def _read(raw: bytes) -> tuple[NotebookNode | None, str]:
    if not raw.strip():
        return None, "the file is empty."
    if len(raw) > MAX_NOTEBOOK_BYTES:
        return None, f"the file has {len(raw) / 2**20:.0f} MB, more than a notebook may ({MAX_NOTEBOOK_BYTES // 2**20} MB)."
    try:
        text = raw.decode("utf-8")
        json.loads(text)
    except (UnicodeDecodeError, ValueError) as error:
        return None, f"the file is not a Jupyter notebook: it is not valid JSON ({_short(error)})."
    try:
        notebook = nbformat.reads(text, as_version=4)
        cells = notebook.cells
        for cell in cells:
            cell.setdefault("metadata", {})
            if not isinstance(cell.source, str) or cell.cell_type not in ("code", "markdown", "raw"):
                raise ValueError("a cell has no text or an unknown type")
            if cell.cell_type == "code":
                cell.setdefault("outputs", [])
    except Exception as error:  # nbformat raises many kinds of errors on odd files
        return None, f"the file is JSON but not a Jupyter notebook ({_short(error)})."
    return notebook, ""


def _short(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text if len(text) < 160 else text[:157] + "..."


def _sanitize(notebook: NotebookNode, spec: AssignmentSpec, nb_spec: NotebookSpec, changes: list[str]) -> NotebookNode:
    resources = {"nbgrader": {"notebook": nb_spec.name, "assignment": spec.name, "student": "", "db_url": ""}}
    _normalise_metadata(notebook, nb_spec, changes)
    notebook, resources = ClearOutput().preprocess(notebook, resources)
    before = [grade_id(cell) for cell in notebook.cells]
    notebook, resources = DeduplicateIds().preprocess(notebook, resources)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader") == {}:  # what DeduplicateIds leaves of an earlier copy
            del cell.metadata["nbgrader"]
    duplicated = sorted({name for name in before if name and before.count(name) > 1})
    if duplicated:
        changes.append(f"duplicated cells {', '.join(duplicated)}: the last copy of each was graded")
    if nb_spec.kernelspec:
        notebook.metadata["kernelspec"] = json.loads(nb_spec.kernelspec)
    restore = RestoreCells(spec=spec)
    notebook, resources = restore.preprocess(notebook, resources)
    changes.extend(restore.changes)
    notebook, resources = CheckCellMetadata().preprocess(notebook, resources)
    return notebook


def _normalise_metadata(notebook: NotebookNode, nb_spec: NotebookSpec, changes: list[str]) -> None:
    """Known cells get the metadata the instructor gave them; unknown ones lose theirs.

    nbgrader's ``OverwriteCells`` restores a cell's source and type but trusts the
    rest of the metadata it finds (and fails on metadata it cannot read).
    """
    known = {cell.name: cell for cell in nb_spec.source_cells}
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            continue
        name = meta.get("grade_id") if isinstance(meta, dict) else None
        if name not in known:
            del cell.metadata["nbgrader"]
            if name:
                changes.append(f"cell '{name}' is not part of the assignment (renamed?): it ran as a plain cell")
            continue
        canonical = {
            "grade": name in nb_spec.grade_cells,
            "grade_id": name,
            "locked": known[name].locked,
            "schema_version": 3,
            "solution": name in nb_spec.solution_cells,
            "task": name in nb_spec.task_cells,
        }
        if canonical["grade"] or canonical["task"]:
            canonical["points"] = nb_spec.grade_cells.get(name, nb_spec.task_cells.get(name))
        if known[name].checksum:
            canonical["checksum"] = known[name].checksum
        if {k: meta.get(k) for k in canonical if k != "checksum"} != {k: v for k, v in canonical.items() if k != "checksum"}:
            changes.append(f"the nbgrader metadata of cell '{name}' was edited: it was restored")
        cell.metadata["nbgrader"] = canonical


class RestoreCells(OverwriteCells):
    """nbgrader's ``OverwriteCells`` on the assignment spec, and missing cells put back.

    Locked cells get their source back (an edited test cell is graded as the
    instructor wrote it, hidden tests included). Missing test cells are
    inserted after the nearest cell that precedes them in the release.
    """

    def __init__(self, spec: AssignmentSpec, **kwargs):
        super().__init__(**kwargs)
        self.spec = spec
        self.changes: list[str] = []
        self._released: dict[str, str] = {}
        self._submitted: dict[str, str] = {}

    def preprocess(self, nb, resources):
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.gradebook = SpecGradebook(self.spec)
        release = self.spec.notebooks[self.notebook_id].release_json
        released = nbformat.reads(release, as_version=4).cells if release else []
        self._released = {grade_id(cell): cell.source for cell in released if grade_id(cell)}
        self._submitted = {grade_id(cell): cell.source for cell in nb.cells if grade_id(cell)}
        nb, resources = NbGraderPreprocessor.preprocess(self, nb, resources)
        self._put_back_missing_cells(nb)
        return nb, resources

    def report_change(self, name, attr, old, new):
        if attr == "checksum":
            # The gradebook's checksum covers the hidden tests; the student's copy never had them.
            if self._submitted.get(name, "").strip() == self._released.get(name, "").strip():
                return
            self.changes.append(f"locked cell '{name}' was edited: the instructor's version was graded")
        else:
            self.changes.append(f"locked cell '{name}' was changed ({attr}): the instructor's version was graded")

    def _put_back_missing_cells(self, nb: NotebookNode) -> None:
        nb_spec = self.spec.notebooks[self.notebook_id]
        order = [cell.name for cell in nb_spec.source_cells]
        graded = {**nb_spec.grade_cells, **nb_spec.task_cells}
        for name in order:
            present = {grade_id(cell): index for index, cell in enumerate(nb.cells) if grade_id(cell)}
            if name not in graded or name in present:
                continue
            source_cell = self.gradebook.find_source_cell(name, self.notebook_id, self.assignment_id)
            cell = self.missing_cell_transform(
                source_cell, graded[name],
                is_solution=name in nb_spec.solution_cells, is_task=name in nb_spec.task_cells,
            )
            earlier = [present[n] for n in order[: order.index(name)] if n in present]
            later = [present[n] for n in order[order.index(name) + 1:] if n in present]
            position = max(earlier) + 1 if earlier else (min(later) if later else len(nb.cells))
            nb.cells.insert(position, cell)
            self.changes.append(f"test cell '{name}' was missing: it was put back and run")
        present = {grade_id(cell) for cell in nb.cells}
        for name in order:
            if name in nb_spec.solution_cells and name not in present:
                self.changes.append(f"answer cell '{name}' is missing")


def stand_in(nb_spec: NotebookSpec, status: str, problem: str) -> Prepared:
    """The released notebook, marked as not graded, with every test cell failed."""
    notebook = nbformat.reads(nb_spec.release_json, as_version=4) if nb_spec.release_json else nbformat.v4.new_notebook()
    notebook.cells.insert(0, nbformat.v4.new_markdown_cell(f"**This submission was not graded:** {problem}"))
    sources = {cell.name: cell.source for cell in nb_spec.source_cells}
    for cell in notebook.cells:
        if is_test_cell(cell):
            cell.source = sources.get(grade_id(cell), cell.source)
            cell.outputs = [not_graded_output(problem)]
    return Prepared(status, notebook, problem=problem)


def not_graded_output(reason: str) -> NotebookNode:
    return nbformat.v4.new_output("error", ename=NOT_GRADED, evalue=reason, traceback=[f"{NOT_GRADED}: {reason}"])
