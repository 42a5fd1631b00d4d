"""exercises/ must be exactly what nbgrader generates from solutions/ today."""

from __future__ import annotations

from pathlib import Path

from tests.course_folder import REPO, make_course


def assignments() -> list[str]:
    return sorted(path.name for path in (REPO / "solutions").iterdir() if path.is_dir())


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and ".ipynb_checkpoints" not in path.parts
    }


def test_every_assignment_is_released():
    released = sorted(path.name for path in (REPO / "exercises").iterdir() if path.is_dir())
    assert released == assignments(), "run `python -m autograder release NAME` for each folder in solutions/"


def test_committed_release_equals_a_fresh_generation(tmp_path):
    course = make_course(tmp_path / "course", *assignments())
    fresh = files_under(course / "exercises")
    committed = files_under(REPO / "exercises")
    assert sorted(committed) == sorted(fresh), "exercises/ has different files than a fresh release"
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, (
        f"exercises/ is out of date for {stale}: regenerate with `python -m autograder release NAME` and commit"
    )
