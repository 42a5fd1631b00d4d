"""``collect PATH``: put submissions where nbgrader expects them.

``PATH`` is a folder or a zip file, as a learning-management system exports
them: one file per student whose name carries the student's id (Canvas,
Moodle, Blackboard and ``<id>_<anything>.ipynb`` are recognised; ``--pattern``
takes a regular expression with a ``student`` group), or a tree of
``<student>/<notebook>.ipynb`` or ``<student>/<assignment>/<notebook>.ipynb``.

Each notebook is copied byte for byte to
``submitted/<student>/<assignment>/<notebook>.ipynb`` with a ``timestamp.txt``
(the time the system recorded, else the file's own), unknown students are
added to the gradebook, and everything that could not be placed is reported
with the reason. When a student sent several files, the latest one is used.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from nbgrader.api import Gradebook, MissingEntry

from autograder.grading.course import Course

PATTERNS = {
    "canvas": r"^(?P<name>[a-z]+)(?:_late)?_(?P<student>\d+)_\d+_(?P<file>.+)$",
    "moodle": r"^(?P<name>.+?)_(?P<student>\d+)_assignsubmission_file_(?P<file>.*)$",
    "blackboard": r"^(?P<assignment>.+?)_(?P<student>[^_]+)_attempt_"
                  r"(?P<time>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})_(?P<file>.+)$",
    "plain": r"^(?P<student>[A-Za-z0-9][A-Za-z0-9.@-]*?)_+(?P<file>.+\.ipynb)$",
}
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$")


@dataclass
class Found:
    """A file in the export: its path inside it, its content and when it was submitted."""

    path: PurePosixPath
    content: bytes
    time: datetime.datetime


@dataclass
class Placed:
    source: str
    student: str
    assignment: str
    notebook: str
    time: datetime.datetime
    status: str  # new, replaced, unchanged


@dataclass
class CollectReport:
    placed: list[Placed] = field(default_factory=list)
    unplaced: list[tuple[str, str]] = field(default_factory=list)
    new_students: list[str] = field(default_factory=list)


def collect(course: Course, source: Path, assignment: str | None = None, pattern: str | None = None,
            dry_run: bool = False) -> CollectReport:
    report = CollectReport()
    notebooks = _known_notebooks(course)
    if assignment and assignment not in notebooks:
        raise ValueError(f"unknown assignment '{assignment}' (known: {', '.join(sorted(notebooks)) or 'none'})")
    patterns = [re.compile(pattern, re.IGNORECASE)] if pattern else [re.compile(p, re.IGNORECASE)
                                                                      for p in PATTERNS.values()]
    chosen: dict[tuple[str, str, str], tuple[Found, str]] = {}
    for found in _files(Path(source)):
        if found.path.suffix.lower() != ".ipynb":
            report.unplaced.append((str(found.path), "not a notebook"))
            continue
        placement = _place(found, patterns, notebooks, assignment)
        if isinstance(placement, str):
            report.unplaced.append((str(found.path), placement))
            continue
        key = placement
        if key in chosen:
            older, newer = sorted([chosen[key][0], found], key=lambda f: f.time)
            report.unplaced.append((str(older.path), f"an older file of {key[0]} for {key[1]}; the latest was used"))
            found = newer
        chosen[key] = (found, str(found.path))
    with Gradebook(course.db_url, course.course_id) as gradebook:
        for (student, assignment_name, notebook), (found, source_name) in sorted(chosen.items()):
            status = _write(course, student, assignment_name, notebook, found, dry_run)
            report.placed.append(Placed(source_name, student, assignment_name, notebook, found.time, status))
            try:
                gradebook.find_student(student)
            except MissingEntry:
                report.new_students.append(student)
                if not dry_run:
                    gradebook.add_student(student)
    return report


def _known_notebooks(course: Course) -> dict[str, list[str]]:
    """assignment -> its notebooks, from the gradebook (the assignments that were released)."""
    with Gradebook(course.db_url, course.course_id) as gradebook:
        return {a.name: sorted(nb.name for nb in a.notebooks) for a in gradebook.assignments}


def _files(source: Path):
    if source.is_file() and zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            for info in archive.infolist():
                if info.is_dir() or _is_clutter(PurePosixPath(info.filename)):
                    continue
                yield Found(PurePosixPath(info.filename), archive.read(info), datetime.datetime(*info.date_time))
    elif source.is_dir():
        for path in sorted(source.rglob("*")):
            relative = PurePosixPath(path.relative_to(source).as_posix())
            if path.is_file() and not _is_clutter(relative):
                yield Found(relative, path.read_bytes(), datetime.datetime.fromtimestamp(path.stat().st_mtime))
    else:
        raise FileNotFoundError(f"{source} is neither a folder nor a zip file")


def _is_clutter(path: PurePosixPath) -> bool:
    return any(part.startswith(".") or part in ("__MACOSX", "__pycache__") for part in path.parts)


def _place(found: Found, patterns, notebooks: dict[str, list[str]], assignment: str | None):
    """(student, assignment, notebook), or the reason it cannot be placed."""
    student, file_name = _student_from_names(found, patterns, notebooks)
    parts = found.path.parts
    if assignment is None and len(parts) >= 3 and parts[-2] in notebooks:
        assignment = parts[-2]  # <student>/<assignment>/<notebook>.ipynb
    if student is None:
        return "no student id in its name or folder"
    if not _SAFE_ID.match(student):
        return f"'{student}' cannot be a student id (letters, digits, '.', '_', '-', '@')"
    stem = PurePosixPath(file_name).stem.lower()
    if assignment is None:
        matches = [name for name in notebooks if name.lower() in stem]
        if not matches:
            return "cannot tell which assignment it belongs to (use --assignment)"
        assignment = max(matches, key=len)
    names = notebooks[assignment]
    if len(names) == 1:
        return student, assignment, names[0]
    matches = [name for name in names if name.lower() in stem]
    if not matches:
        return f"cannot tell which notebook of '{assignment}' it is ({', '.join(names)})"
    return student, assignment, max(matches, key=len)


def _student_from_names(found: Found, patterns, notebooks) -> tuple[str | None, str]:
    """The student's id from the folder (a Moodle folder, or ``<student>/``) or the file name."""
    parts = found.path.parts
    known = {name.lower() for names in notebooks.values() for name in names} | {a.lower() for a in notebooks}
    if len(parts) >= 3 and parts[-2] in notebooks:
        return parts[-3], found.path.name  # <student>/<assignment>/<notebook>.ipynb
    if len(parts) >= 2:
        match = _match(patterns, parts[-2] + "_" + found.path.name, found)
        if match:
            return match
        if re.sub(r"[ _-]*\(?\d+\)?$", "", found.path.stem.lower()) in known:
            return parts[0], found.path.name
    return _match(patterns, found.path.name, found) or (None, found.path.name)


def _match(patterns, text: str, found: Found):
    for pattern in patterns:
        match = pattern.match(text)
        if match and match.groupdict().get("student"):
            if match.groupdict().get("time"):
                found.time = datetime.datetime.strptime(match.group("time"), "%Y-%m-%d-%H-%M-%S")
            file_name = match.groupdict().get("file") or found.path.name
            if match.groupdict().get("assignment"):  # Blackboard names the assignment, not the file
                file_name = f"{match.group('assignment')}_{file_name}"
            return match.group("student"), file_name
    return None


def _write(course: Course, student: str, assignment: str, notebook: str, found: Found, dry_run: bool) -> str:
    folder = course.folder("submitted", student, assignment)
    target = folder / f"{notebook}.ipynb"
    stamp = found.time.strftime("%Y-%m-%d %H:%M:%S.%f") + " UTC"
    if target.is_file() and target.read_bytes() == found.content:
        return "unchanged"
    status = "replaced" if target.is_file() else "new"
    if not dry_run:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(found.content)
        (folder / "timestamp.txt").write_text(stamp)
    return status
