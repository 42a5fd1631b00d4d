"""The course folder as nbgrader sees it: its configuration, folders and gradebook URL."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from nbgrader.coursedir import CourseDirectory
from nbgrader.utils import find_all_files
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader


class CourseError(RuntimeError):
    pass


class Course:
    """``nbgrader_config.py`` read the way nbgrader reads it; ``db_url`` overrides the gradebook."""

    def __init__(self, root: Path | str, db_url: str | None = None):
        self.root = Path(root).resolve()
        if not (self.root / "nbgrader_config.py").is_file():
            raise CourseError(f"{self.root} is not a course folder (it has no nbgrader_config.py)")
        self.config: Config = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
        if db_url:
            self.config.CourseDirectory.db_url = db_url
        self.coursedir = CourseDirectory(config=self.config)
        self.coursedir.root = str(self.root)

    @property
    def db_url(self) -> str:
        return self.coursedir.db_url

    @property
    def course_id(self) -> str:
        return self.coursedir.course_id or "default_course"

    def folder(self, step: str, student: str, assignment: str) -> Path:
        """``step``: one of nbgrader's folders (``submitted``, ``autograded``, ``feedback``...)."""
        directory = getattr(self.coursedir, f"{step}_directory")
        return Path(self.coursedir.format_path(directory, student, assignment))

    def source_folder(self, assignment: str) -> Path:
        return Path(self.coursedir.format_path(self.coursedir.source_directory, ".", assignment))

    def release_folder(self, assignment: str) -> Path:
        return Path(self.coursedir.format_path(self.coursedir.release_directory, ".", assignment))

    def submitted_students(self, assignment: str) -> list[str]:
        submitted = self.root / self.coursedir.submitted_directory
        if not submitted.is_dir():
            return []
        return sorted(path.name for path in submitted.iterdir() if (path / assignment).is_dir())

    @property
    def ignore(self) -> list[str]:
        return list(self.coursedir.ignore)

    def hidden_delimiters(self) -> tuple[str, str]:
        hidden = self.config.get("ClearHiddenTests", {})
        return (hidden.get("begin_test_delimeter", "BEGIN HIDDEN TESTS"),
                hidden.get("end_test_delimeter", "END HIDDEN TESTS"))

    def cell_timeout(self) -> float:
        return float(self.config.get("Execute", {}).get("timeout", 120) or 120)

    def exclude_overwriting(self, assignment: str) -> list[str]:
        return list(self.config.get("Autograde", {}).get("exclude_overwriting", {}).get(assignment, []))


def submission_hash(submitted: Path, notebook: str, ignore: list[str]) -> str:
    """Changes when any file of a student's submission changes (so it is graded again)."""
    digest = hashlib.sha256()
    path = submitted / f"{notebook}.ipynb"
    digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    if submitted.is_dir():
        for other in sorted(find_all_files(str(submitted), ignore + ["*.ipynb"])):
            digest.update(str(Path(other).relative_to(submitted)).encode() + b"\0" + Path(other).read_bytes())
    return digest.hexdigest()


def stage_files(submitted: Path, source: Path, destination: Path, ignore: list[str], keep: list[str]) -> None:
    """The files a notebook runs beside, as nbgrader lays them out: the student's
    other files, then the instructor's (which win, except those in ``keep``)."""
    destination.mkdir(parents=True, exist_ok=True)
    for folder, protected in ((submitted, ()), (source, tuple(keep))):
        if not folder.is_dir():
            continue
        for name in find_all_files(str(folder), ignore + ["*.ipynb"]):
            relative = Path(name).relative_to(folder)
            if str(relative) in protected:
                continue
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                target.unlink()
            shutil.copyfile(name, target)
