"""An assignment as nbgrader's gradebook knows it, read once and handed to the workers.

The workers never open the gradebook: the instructor's process reads the
source cells (with their hidden tests), points and checksums into plain,
picklable objects. ``SpecGradebook`` answers the few look-ups that nbgrader's
``OverwriteCells`` makes, from those objects.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

# Bumped when the way a notebook is graded changes, so that everything is graded again.
GRADER_VERSION = "1"


@dataclass(frozen=True)
class SourceCell:
    name: str
    cell_type: str
    locked: bool
    checksum: str | None
    source: str


@dataclass(frozen=True)
class NotebookSpec:
    name: str
    kernelspec: str | None
    source_cells: tuple[SourceCell, ...]
    grade_cells: dict[str, float]
    solution_cells: frozenset[str]
    task_cells: dict[str, float]
    # The released (student) version of the notebook, as JSON text: its cell order is
    # where missing cells go back, and it stands in for a file that cannot be read.
    release_json: str = ""

    @property
    def max_score(self) -> float:
        return sum(self.grade_cells.values()) + sum(self.task_cells.values())

    def cell(self, name: str) -> SourceCell | None:
        return next((cell for cell in self.source_cells if cell.name == name), None)


@dataclass(frozen=True)
class AssignmentSpec:
    name: str
    notebooks: dict[str, NotebookSpec]
    # grade_id -> assignment, for the cells of the course's other assignments:
    # tells "this is the notebook of another assignment" from "this is garbage".
    foreign_cells: dict[str, str] = field(default_factory=dict)
    hidden_begin: str = "BEGIN HIDDEN TESTS"
    hidden_end: str = "END HIDDEN TESTS"

    @classmethod
    def load(cls, gradebook: Gradebook, name: str, release_folder: Path,
             hidden_begin: str = "BEGIN HIDDEN TESTS", hidden_end: str = "END HIDDEN TESTS") -> "AssignmentSpec":
        assignment = gradebook.find_assignment(name)
        notebooks = {}
        for notebook in assignment.notebooks:
            release_path = Path(release_folder) / f"{notebook.name}.ipynb"
            release_json = release_path.read_text() if release_path.is_file() else ""
            order = _grade_id_order(release_json)
            cells = sorted(notebook.source_cells, key=lambda cell: (order.get(cell.name, len(order)), cell.name))
            notebooks[notebook.name] = NotebookSpec(
                name=notebook.name,
                kernelspec=notebook.kernelspec,
                source_cells=tuple(
                    SourceCell(cell.name, cell.cell_type, bool(cell.locked), cell.checksum, cell.source)
                    for cell in cells
                ),
                grade_cells={cell.name: float(cell.max_score) for cell in notebook.grade_cells},
                solution_cells=frozenset(cell.name for cell in notebook.solution_cells),
                task_cells={cell.name: float(cell.max_score) for cell in notebook.task_cells},
                release_json=release_json,
            )
        own = {cell.name for spec in notebooks.values() for cell in spec.source_cells}
        foreign = {}
        for other in gradebook.assignments:
            if other.name == name:
                continue
            for notebook in other.notebooks:
                for cell in notebook.source_cells:
                    if cell.name not in own:
                        foreign.setdefault(cell.name, other.name)
        return cls(name, notebooks, foreign, hidden_begin, hidden_end)

    def fingerprint(self) -> str:
        """Changes when the tests, the checks or the grader change: then grades are redone."""
        digest = hashlib.sha256(GRADER_VERSION.encode())
        digest.update(json.dumps(
            {name: [cell.__dict__ for cell in nb.source_cells] + [nb.grade_cells] for name, nb in sorted(self.notebooks.items())},
            sort_keys=True,
        ).encode())
        for module in (f"autograder.hidden.{self.name}", f"autograder.reference.{self.name}",
                       f"autograder.mistakes.{self.name}", "autograder.diagnosis", "autograder.checking"):
            origin = _module_file(module)
            digest.update(module.encode() + (origin.read_bytes() if origin else b"-"))
        return digest.hexdigest()


def _grade_id_order(notebook_json: str) -> dict[str, int]:
    if not notebook_json:
        return {}
    cells = json.loads(notebook_json).get("cells", [])
    names = [cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") for cell in cells]
    return {name: index for index, name in enumerate(names) if name}


def _module_file(module: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    return Path(spec.origin) if spec and spec.origin and Path(spec.origin).is_file() else None


class _Record:
    """An attribute bag that looks like the gradebook's rows to nbgrader's preprocessors."""

    def __init__(self, **fields):
        self.__dict__.update(fields)


class SpecGradebook:
    """The part of ``nbgrader.api.Gradebook`` that ``OverwriteCells`` uses, without a database."""

    def __init__(self, spec: AssignmentSpec):
        self.spec = spec

    def _notebook(self, notebook: str, assignment: str) -> NotebookSpec:
        if assignment != self.spec.name or notebook not in self.spec.notebooks:
            raise MissingEntry()
        return self.spec.notebooks[notebook]

    def find_source_cell(self, name: str, notebook: str, assignment: str):
        cell = self._notebook(notebook, assignment).cell(name)
        if cell is None:
            raise MissingEntry()
        return _Record(**cell.__dict__)

    def find_graded_cell(self, name: str, notebook: str, assignment: str):
        spec = self._notebook(notebook, assignment)
        points = spec.grade_cells.get(name, spec.task_cells.get(name))
        if points is None:
            raise MissingEntry()
        return _Record(name=name, max_score=points)

    def find_notebook(self, name: str, assignment: str):
        spec = self._notebook(name, assignment)
        return _Record(
            name=spec.name,
            kernelspec=spec.kernelspec,
            source_cells=[_Record(**cell.__dict__) for cell in spec.source_cells],
            grade_cells=[_Record(name=n, max_score=p) for n, p in spec.grade_cells.items()],
            solution_cells=[_Record(name=n) for n in sorted(spec.solution_cells)],
            task_cells=[_Record(name=n, max_score=p) for n, p in spec.task_cells.items()],
        )
