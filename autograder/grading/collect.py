"""``collect PATH``: put submissions where nbgrader expects them.

``PATH`` is a folder or a zip file, as a learning-management system exports
them. Its format is chosen once for the whole export, never guessed file by
file: ``lms=`` (``--lms``) names it, ``pattern=`` (``--pattern``, a regular
expression with a ``student`` group) describes a custom one, and otherwise it
is detected from all the notebooks together: the format that matches the most
of them (and more than half; on a tie an LMS format goes before the folder
tree, and both before plain). When two LMS formats fit equally well, or none
clearly does, nothing is placed and the message asks for ``--lms``. Each
format reads the student id and the time only from the part of the name that
the system itself writes, never from the original file name the student chose:

- ``canvas``: ``<lastfirst>[_late]_<userid>_<submissionid>_<original name>``;
- ``moodle``: a folder ``<Full Name>_<participantid>_assignsubmission_file_/``
  before the original name, or the same text as a prefix of the file name;
- ``blackboard``: ``<assignment>_<username>_attempt_<YYYY-MM-DD-HH-MM-SS>_<original name>``;
- ``tree``: ``<student>/<notebook>.ipynb`` or ``<student>/<assignment>/<notebook>.ipynb``
  at the top of ``PATH``;
- ``plain``: ``<id>_<anything>.ipynb``;
- ``pattern``: the instructor's regular expression, matched at the start of
  the file name (of the path inside the export if it has a ``/``), with a
  ``student`` group and optionally ``file``, ``assignment`` and ``time``
  (``YYYY-MM-DD-HH-MM-SS``) groups.

Each notebook is copied byte for byte to
``submitted/<student>/<assignment>/<notebook>.ipynb`` with a ``timestamp.txt``
(Blackboard's attempt time, else the time the zip entry or the file carries),
unknown students are added to the gradebook, and everything that could not be
placed is reported with the reason. When a student sent several files, the
latest one is used.

Errors are per file: a file that cannot be placed (a bad date or id, too
large, unreadable) is reported and every other file is still placed. Sizes
are checked before anything is unpacked, from the sizes the zip declares
(or the folder's files have), and again while reading since a zip header can
lie: at most ``max_file_mb`` (50 MiB) per notebook and ``max_total_mb``
(2 GiB) for all of them, both of which the instructor can raise. An export
holds at most ``max_entries`` entries; zip entries whose names are absolute or
contain ``..``, and links or devices in a folder, are skipped; the target path
is built only from validated ids and checked to lie inside ``submitted/``.
"""

from __future__ import annotations

import contextlib
import datetime
import math
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from nbgrader.api import Gradebook, MissingEntry

from autograder.grading.course import Course

MiB = 1024 * 1024
MAX_FILE_MB = 50
MAX_TOTAL_MB = 2048
MAX_ENTRIES = 100_000
_CHUNK = MiB

# The formats, most specific first: on a tie, an LMS wins over a folder tree, and both over plain.
LMS = ("canvas", "moodle", "blackboard", "tree", "plain")
_LMS_NAMES = {"canvas": "Canvas", "moodle": "Moodle", "blackboard": "Blackboard", "tree": "folder-tree",
              "plain": "<id>_<name>.ipynb", "pattern": "--pattern"}
_LMS_SHAPES = {
    "canvas": "<lastfirst>_<userid>_<submissionid>_<file name>",
    "moodle": "<Full Name>_<id>_assignsubmission_file_/<file name>",
    "blackboard": "<assignment>_<username>_attempt_<YYYY-MM-DD-HH-MM-SS>_<file name>",
    "tree": "<student>/<notebook>.ipynb or <student>/<assignment>/<notebook>.ipynb",
    "plain": "<id>_<anything>.ipynb",
}

# The name Canvas writes is one field without '_' (it drops them), then the two ids.
_CANVAS = re.compile(r"^(?P<name>[^\W_]+)(?:_late)?_(?P<student>\d+)_(?P<submission>\d+)_(?P<file>.+)$",
                     re.IGNORECASE)
# Moodle's folder is all Moodle's: the id is the number right before its suffix.
_MOODLE_FOLDER = re.compile(r"^(?P<name>.+)_(?P<student>\d+)_assignsubmission_file_?$", re.IGNORECASE)
# As a prefix, the first marker is Moodle's; whatever follows is the student's file name.
_MOODLE_PREFIX = re.compile(r"^(?P<name>.+?)_(?P<student>\d+)_assignsubmission_file_(?P<file>.+)$",
                            re.IGNORECASE)
# The first `_<username>_attempt_<time>_` is Blackboard's; the student's file name comes after it.
_BLACKBOARD = re.compile(r"^(?P<assignment>.+?)_(?P<student>[^_]+)_attempt_"
                         r"(?P<time>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})_(?P<file>.+)$", re.IGNORECASE)
_PLAIN = re.compile(r"^(?P<student>[A-Za-z0-9][A-Za-z0-9.@-]*?)_+(?P<file>.+\.ipynb)$", re.IGNORECASE)
PATTERNS = {"canvas": _CANVAS.pattern, "moodle": _MOODLE_PREFIX.pattern, "blackboard": _BLACKBOARD.pattern,
            "plain": _PLAIN.pattern}
_TIME_FORMAT = "%Y-%m-%d-%H-%M-%S"
_COPY_SUFFIX = re.compile(r"[ _-]*\(?\d+\)?$")  # backprop (1).ipynb, backprop-2.ipynb
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$")


@dataclass
class Entry:
    """A file in the export: its path inside it, its size (as declared) and when it was stored."""

    path: PurePosixPath
    size: int
    time: datetime.datetime | None
    handle: object = None  # the ZipInfo, or the file's Path
    packed: bool = False  # in a zip: its size is the unpacked size


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
    lms: str = ""  # the format used: one of LMS, "pattern", or "" when there was no notebook
    lms_reason: str = ""  # "--lms canvas", or "detected: 30 of the 30 notebooks match"


@dataclass
class _Match:
    """What the system-written part of a name says."""

    student: str
    file_name: str  # what tells the assignment and notebook apart
    time_text: str | None = None
    assignment: str | None = None  # a tree's <assignment>/ folder


def collect(course: Course, source: Path, assignment: str | None = None, pattern: str | None = None,
            dry_run: bool = False, lms: str | None = None, max_file_mb: float = MAX_FILE_MB,
            max_total_mb: float = MAX_TOTAL_MB, max_entries: int = MAX_ENTRIES) -> CollectReport:
    custom = _custom_pattern(pattern) if pattern else None
    if lms is not None:
        lms = lms.strip().lower()
        if lms not in LMS:
            raise ValueError(f"unknown --lms '{lms}' (one of: {', '.join(LMS)})")
        if custom:
            raise ValueError("give either --lms or --pattern, not both")
    max_file = _limit(max_file_mb, "--max-file-mb")
    max_total = _limit(max_total_mb, "--max-total-mb")
    report = CollectReport()
    notebooks = _known_notebooks(course)
    if assignment and assignment not in notebooks:
        raise ValueError(f"unknown assignment '{assignment}' (known: {', '.join(sorted(notebooks)) or 'none'})")
    source = Path(source)
    with _open_export(source, max_entries) as export:
        report.unplaced.extend(export.refused)
        candidates = []
        for entry in export.entries:
            if entry.path.suffix.lower() != ".ipynb":
                report.unplaced.append((str(entry.path), "not a notebook"))
            else:
                candidates.append(entry)
        if not candidates:
            return report
        if custom:
            report.lms, report.lms_reason = "pattern", f"--pattern {pattern}"
        elif lms:
            report.lms, report.lms_reason = lms, f"--lms {lms}"
        else:
            report.lms, report.lms_reason = _detect(source, candidates, notebooks)

        chosen: dict[tuple[str, str, str], tuple[Entry, datetime.datetime]] = {}
        for entry in candidates:
            try:
                placement = _place(entry, report.lms, custom, notebooks, assignment, max_file)
            except Exception as error:  # nothing in one file may stop the others
                placement = f"skipped: it could not be placed ({error})"
            if isinstance(placement, str):
                report.unplaced.append((str(entry.path), placement))
                continue
            key, when = placement
            if key in chosen:
                older, newer = sorted([chosen[key], (entry, when)], key=lambda pair: pair[1])
                report.unplaced.append((str(older[0].path),
                                        f"an older file of {key[0]} for {key[1]}; the latest was used"))
                chosen[key] = newer
            else:
                chosen[key] = (entry, when)

        # The total, from the declared sizes, before anything is unpacked.
        accepted, declared = [], 0
        for key, (entry, when) in sorted(chosen.items()):
            if declared + entry.size > max_total:
                report.unplaced.append((str(entry.path), _too_much_in_all(declared + entry.size, max_total)))
                continue
            declared += entry.size
            accepted.append((key, entry, when))

        read = 0
        with Gradebook(course.db_url, course.course_id) as gradebook:
            for (student, assignment_name, notebook), entry, when in accepted:
                name = str(entry.path)
                limit = min(max_file, max_total - read)
                try:
                    content = export.read(entry, limit)
                except Exception as error:
                    report.unplaced.append((name, _unreadable(entry, error)))
                    continue
                if content is None:  # more than its header said
                    report.unplaced.append((name, _too_large(entry, max_file, while_reading=True)
                                            if limit == max_file else _too_much_in_all(None, max_total)))
                    continue
                read += len(content)
                try:
                    status = _write(course, student, assignment_name, notebook, content, when, dry_run)
                except Exception as error:
                    report.unplaced.append((name, f"skipped: it could not be written to submitted/ ({error})"))
                    continue
                report.placed.append(Placed(name, student, assignment_name, notebook, when, status))
                try:
                    gradebook.find_student(student)
                except MissingEntry:
                    report.new_students.append(student)
                    if not dry_run:
                        try:
                            gradebook.add_student(student)
                        except Exception as error:
                            report.unplaced.append((name, f"copied to submitted/, but {student} could not be "
                                                          f"added to the gradebook ({error})"))
    return report


def _custom_pattern(pattern: str) -> re.Pattern:
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise ValueError(f"--pattern is not a valid regular expression ({error})") from None
    if "student" not in compiled.groupindex:
        raise ValueError("--pattern needs a (?P<student>...) group")
    return compiled


def _limit(megabytes: float, option: str) -> int:
    try:
        value = float(megabytes)
    except (TypeError, ValueError):
        raise ValueError(f"{option} must be a number of MiB, not {megabytes!r}") from None
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{option} must be a positive number of MiB, not {megabytes!r}")
    return max(1, int(value * MiB))


def _known_notebooks(course: Course) -> dict[str, list[str]]:
    """assignment -> its notebooks, from the gradebook (the assignments that were released)."""
    with Gradebook(course.db_url, course.course_id) as gradebook:
        return {a.name: sorted(nb.name for nb in a.notebooks) for a in gradebook.assignments}


# --- The export: its entries, listed without reading them, and read one at a time within a limit.

@contextlib.contextmanager
def _open_export(source: Path, max_entries: int):
    if source.is_file() and zipfile.is_zipfile(source):
        export = _ZipExport(source, max_entries)
    elif source.is_dir():
        export = _FolderExport(source, max_entries)
    else:
        raise FileNotFoundError(f"{source} is neither a folder nor a zip file")
    try:
        yield export
    finally:
        export.close()


class _ZipExport:
    def __init__(self, source: Path, max_entries: int):
        try:
            self.archive = zipfile.ZipFile(source)
        except Exception as error:
            raise ValueError(f"{source} cannot be read as a zip file ({error}); download the export again") from None
        infos = self.archive.infolist()
        if len(infos) > max_entries:
            self.archive.close()
            raise ValueError(f"{source} holds {len(infos):,} entries, more than the {max_entries:,} an export "
                             "may have; is it really an export of submissions?")
        self.entries: list[Entry] = []
        self.refused: list[tuple[str, str]] = []
        for info in infos:
            if info.is_dir():
                continue
            path = _inside(info.filename)
            if path is None:
                self.refused.append((info.filename, "skipped: its name leads outside the export "
                                                    "(an absolute path or '..')"))
            elif not _is_clutter(path):
                self.entries.append(Entry(path, info.file_size, _zip_time(info), info, packed=True))

    def read(self, entry: Entry, limit: int) -> bytes | None:
        info = entry.handle
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # zipfile unpacks bzip2 and LZMA chunks without bounding their output.
            raise _Refused(f"it is packed with compression method {info.compress_type}, which collect does not "
                           "unpack (only stored or deflated entries); zip the export again")
        with self.archive.open(info) as stream:
            return _read_at_most(stream, limit)

    def close(self) -> None:
        self.archive.close()


class _FolderExport:
    def __init__(self, source: Path, max_entries: int):
        self.entries: list[Entry] = []
        self.refused: list[tuple[str, str]] = []
        seen = 0

        def unreadable(error: OSError) -> None:
            self.refused.append((_relative(source, Path(error.filename or source)),
                                 f"skipped: it could not be read ({error.strerror or error})"))

        for folder, folders, files in os.walk(source, onerror=unreadable, followlinks=False):
            folder = Path(folder)
            for name in list(folders):
                if name.startswith(".") or name in ("__MACOSX", "__pycache__"):
                    folders.remove(name)
                elif (folder / name).is_symlink():
                    folders.remove(name)
                    self.refused.append((_relative(source, folder / name), _LINK))
            for name in files:
                seen += 1
                if seen > max_entries:
                    raise ValueError(f"{source} holds more than the {max_entries:,} files an export may have; "
                                     "is it really an export of submissions?")
                path = folder / name
                relative = PurePosixPath(path.relative_to(source).as_posix())
                if _is_clutter(relative):
                    continue
                try:
                    info = path.lstat()
                except OSError as error:
                    self.refused.append((str(relative), f"skipped: it could not be read ({error.strerror})"))
                    continue
                if not stat.S_ISREG(info.st_mode):
                    self.refused.append((str(relative), _LINK))
                    continue
                self.entries.append(Entry(relative, info.st_size, _file_time(info.st_mtime), path))
        self.entries.sort(key=lambda entry: entry.path)

    def read(self, entry: Entry, limit: int) -> bytes | None:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        with os.fdopen(os.open(entry.handle, flags), "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise _Refused(_LINK)
            return _read_at_most(stream, limit)

    def close(self) -> None:
        pass


_LINK = "skipped: not a plain file (a link, a device or a pipe); copy the real file into the export"


class _Refused(Exception):
    """A file collect will not read, with the reason in plain words."""


def _read_at_most(stream: BinaryIO, limit: int) -> bytes | None:
    """The whole stream, or None once it gives more than ``limit`` bytes (read in chunks, never more)."""
    chunks, total = [], 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            return None
        chunks.append(chunk)


def _inside(name: str) -> PurePosixPath | None:
    """A zip entry's path inside the export, or None when it is absolute or climbs out with '..'."""
    name = name.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if not parts or ".." in parts:
        return None
    return PurePosixPath(*parts)


def _relative(source: Path, path: Path) -> str:
    try:
        return path.relative_to(source).as_posix()
    except ValueError:
        return str(path)


def _zip_time(info: zipfile.ZipInfo) -> datetime.datetime | None:
    try:
        return datetime.datetime(*info.date_time)
    except (TypeError, ValueError):
        return None


def _file_time(mtime: float) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromtimestamp(mtime)
    except (OverflowError, OSError, ValueError):
        return None


def _is_clutter(path: PurePosixPath) -> bool:
    return any(part.startswith(".") or part in ("__MACOSX", "__pycache__") for part in path.parts)


# --- The format: what the system-written part of each name says.

def _detect(source: Path, entries: list[Entry], notebooks: dict[str, list[str]]) -> tuple[str, str]:
    """The one format of the whole export, or a ValueError that asks for --lms."""
    total = len(entries)
    counts = dict.fromkeys(LMS, 0)
    for entry in entries:
        for fmt in LMS:
            try:
                counts[fmt] += _match(entry, fmt, None, notebooks) is not None
            except Exception:
                pass
    structured = [fmt for fmt in LMS if fmt != "plain" and counts[fmt]]
    if structured:
        best = max(counts[fmt] for fmt in structured)
        top = [fmt for fmt in structured if counts[fmt] == best]
        rivals = [fmt for fmt in top if fmt != "tree"]
        if len(rivals) > 1:
            raise ValueError(
                f"{source.name} could be a {' or a '.join(_LMS_NAMES[fmt] for fmt in rivals)} export: each "
                f"explains {best} of its {total} notebooks. Say which with "
                f"{' or '.join('--lms ' + fmt for fmt in rivals)}")
        winner = top[0]
    else:
        winner, best = "plain", counts["plain"]
    if best * 2 <= total or counts["plain"] > best:
        found = "; ".join(f"{counts[fmt]} look like {_LMS_NAMES[fmt]}" for fmt in LMS if counts[fmt])
        raise ValueError(
            f"cannot tell which system {source.name} comes from: of its {total} notebooks, "
            f"{found or 'none follows a known format'}. Say which with --lms ({'|'.join(LMS)}), "
            "or describe the file names with --pattern")
    return winner, f"detected: {best} of the {total} notebooks match"


def _match(entry: Entry, fmt: str, custom: re.Pattern | None, notebooks: dict[str, list[str]]) -> _Match | None:
    """What the part of the entry's name that ``fmt``'s system writes says, or None if it has no such part."""
    parts, name = entry.path.parts, entry.path.name
    if fmt == "pattern":
        text = entry.path.as_posix() if "/" in custom.pattern else name
        match = custom.match(text)
        if not match or not match.group("student"):
            return None
        groups = match.groupdict()
        file_name = groups.get("file") or name
        if groups.get("assignment"):
            file_name = f"{groups['assignment']}_{file_name}"
        return _Match(match.group("student"), file_name, groups.get("time"))
    if fmt == "canvas":
        match = _CANVAS.match(name)
        return match and _Match(match.group("student"), match.group("file"))
    if fmt == "blackboard":
        match = _BLACKBOARD.match(name)  # Blackboard names the assignment, not the file
        return match and _Match(match.group("student"), f"{match.group('assignment')}_{match.group('file')}",
                                match.group("time"))
    if fmt == "plain":
        match = _PLAIN.match(name)
        return match and _Match(match.group("student"), match.group("file"))
    if fmt == "moodle":  # the first folder (or name) Moodle wrote; later ones are the student's
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            match = None if last else _MOODLE_FOLDER.match(part)
            if match:
                return _Match(match.group("student"), name)
            match = _MOODLE_PREFIX.match(part)
            if match:
                return _Match(match.group("student"), match.group("file") if last else name)
        return None
    if fmt == "tree":
        if len(parts) == 3 and parts[1] in notebooks:
            return _Match(parts[0], parts[2], assignment=parts[1])
        known = {n.lower() for names in notebooks.values() for n in names} | {a.lower() for a in notebooks}
        if len(parts) == 2 and _COPY_SUFFIX.sub("", PurePosixPath(name).stem.lower()) in known:
            return _Match(parts[0], name)
        return None
    raise ValueError(f"unknown format {fmt}")


def _place(entry: Entry, fmt: str, custom: re.Pattern | None, notebooks: dict[str, list[str]],
           assignment: str | None, max_file: int):
    """((student, assignment, notebook), time), or the reason it cannot be placed."""
    match = _match(entry, fmt, custom, notebooks)
    if match is None:
        shape = "the --pattern" if fmt == "pattern" else f"the {_LMS_NAMES[fmt]} format, {_LMS_SHAPES[fmt]}"
        return f"no student id: its name does not follow {shape}"
    student = match.student
    if not _SAFE_ID.match(student):
        return f"'{student}' cannot be a student id (letters, digits, '.', '_', '-', '@')"
    when = entry.time
    if match.time_text is not None:
        try:
            when = datetime.datetime.strptime(match.time_text, _TIME_FORMAT)
        except ValueError:
            return f"skipped: the time in its name ({match.time_text}) is not a real date and time"
    if when is None:
        return "skipped: the export gives no valid time for it, so it cannot be told when it was sent"
    if entry.size > max_file:
        return _too_large(entry, max_file)
    if match.assignment is not None and assignment is not None and match.assignment != assignment:
        return f"it is in the folder of assignment '{match.assignment}', not '{assignment}'"
    assignment = assignment or match.assignment
    stem = PurePosixPath(match.file_name).stem.lower()
    if assignment is None:
        matches = [name for name in notebooks if name.lower() in stem]
        if not matches:
            return "cannot tell which assignment it belongs to (use --assignment)"
        assignment = max(matches, key=len)
    names = notebooks[assignment]
    if len(names) == 1:
        return (student, assignment, names[0]), when
    matches = [name for name in names if name.lower() in stem]
    if not matches:
        return f"cannot tell which notebook of '{assignment}' it is ({', '.join(names)})"
    return (student, assignment, max(matches, key=len)), when


# --- Messages.

def _human(size: int) -> str:
    for unit, scale in (("GiB", 1024 ** 3), ("MiB", MiB), ("KiB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def _too_large(entry: Entry, max_file: int, while_reading: bool = False) -> str:
    allowed = f"{_human(max_file)} allowed per notebook (raise it with --max-file-mb)"
    if while_reading:  # the zip's header lied
        said = "the zip says" if entry.packed else "it had when listed"
        return f"skipped: {said} {_human(entry.size)}, but it holds more than the {allowed}"
    return f"skipped: {_human(entry.size)}{' when unpacked' if entry.packed else ''}, more than the {allowed}"


def _too_much_in_all(size: int | None, max_total: int) -> str:
    size = f"{_human(size)}; " if size is not None else ""
    return (f"skipped: with it, the notebooks would take more than the {_human(max_total)} allowed in all "
            f"({size}raise it with --max-total-mb)")


def _unreadable(entry: Entry, error: Exception) -> str:
    if isinstance(error, _Refused):
        return f"skipped: {error}"
    if entry.packed and not isinstance(error, OSError):
        return f"skipped: it could not be unpacked ({error}); the export may be damaged: download it again"
    return f"skipped: it could not be read ({error})"


def _write(course: Course, student: str, assignment: str, notebook: str, content: bytes,
           when: datetime.datetime, dry_run: bool) -> str:
    root = (course.root / course.coursedir.submitted_directory).resolve()
    folder = course.folder("submitted", student, assignment)
    target, stamp_file = folder / f"{notebook}.ipynb", folder / "timestamp.txt"
    for path in (folder, target, stamp_file):
        if root not in path.resolve().parents:
            raise ValueError(f"{path} would lie outside {root}")
    stamp = when.strftime("%Y-%m-%d %H:%M:%S.%f") + " UTC"
    if target.is_file() and target.read_bytes() == content:
        return "unchanged"
    status = "replaced" if target.is_file() else "new"
    if not dry_run:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        stamp_file.write_text(stamp)
    return status
