"""The student kit runs the visible tests on its own and carries no reference answer."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder.kit import KIT_ROOT, PUBLIC_MODULES
from tests.course_folder import REPO, answer_grade_ids, cell_by_grade_id, reference_answers

PRIVATE_SOURCES = sorted(
    path
    for package in ("reference", "mistakes")
    for path in (REPO / "autograder" / package).glob("*.py")
    if path.name != "__init__.py"
)


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kit")
    archive = folder / "kit.zip"
    subprocess.run(
        [sys.executable, "-m", "autograder", "--course", str(REPO), "student-kit", "--output", str(archive)],
        check=True,
    )
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(folder)
    return folder / KIT_ROOT


def kit_texts(kit: Path) -> dict[str, str]:
    return {path.relative_to(kit).as_posix(): path.read_text() for path in kit.rglob("*") if path.is_file()}


def test_kit_has_only_the_public_modules(kit):
    modules = sorted(path.relative_to(kit / "autograder").as_posix() for path in (kit / "autograder").rglob("*") if path.is_file())
    assert modules == sorted(PUBLIC_MODULES)


def test_kit_contains_no_reference_code(kit):
    texts = kit_texts(kit)
    for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "autograder.hidden", "autograder.reference", "autograder.mistakes"):
        assert not [name for name, text in texts.items() if marker in text], f"{marker!r} is in the kit"
    secret_lines = {
        line.strip()
        for source in PRIVATE_SOURCES
        for line in source.read_text().splitlines()
        if _is_code(line)
    }
    for assignment_folder in (REPO / "solutions").iterdir():
        for answer in reference_answers(assignment_folder.name).values():
            secret_lines.update(line.strip() for line in answer.splitlines()[1:] if _is_code(line))
    leaked = sorted(line for line in secret_lines for text in texts.values() if line in text)
    assert not leaked, f"reference code found in the kit: {leaked[:5]}"


def _is_code(line: str) -> bool:
    """Lines distinctive enough to count as a leak (not imports, docstrings or punctuation)."""
    stripped = line.strip()
    return (
        len(stripped) > 25
        and not stripped.startswith(("#", "import ", "from ", '"""', "def ", "return ", "raise "))
        and not stripped.endswith(('"""', ","))
        and ("=" in stripped or "(" in stripped)
    )


def run_with_kit_only(kit: Path, assignment: str, answers: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the released notebook's code, with ``answers`` filled in, using only the kit."""
    folder = kit / "exercises" / assignment
    notebook = nbformat.read(folder / f"{assignment}.ipynb", as_version=4)
    for grade_id, source in answers.items():
        cell_by_grade_id(notebook, grade_id).source = source
    # python -S skips site-packages' .pth hooks, so an editable install of the
    # full package cannot shadow the kit; libraries are then added by hand.
    guard = (
        "import sys\n"
        f"sys.path[:0] = [{str(kit)!r}]\n"
        f"sys.path += {site.getsitepackages()!r}\n"
        "import autograder, importlib.util\n"
        f"assert autograder.__file__.startswith({str(kit)!r}), autograder.__file__\n"
        "assert importlib.util.find_spec('autograder.reference') is None\n"
    )
    script = guard + "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env.update(MPLBACKEND="Agg")
    return subprocess.run(
        [sys.executable, "-S", "-c", script], cwd=folder, env=env, capture_output=True, text=True, timeout=300
    )


def kit_assignments(kit: Path) -> list[str]:
    return sorted(path.name for path in (kit / "exercises").iterdir() if path.is_dir())


def test_visible_tests_pass_with_the_kit_alone_on_correct_answers(kit):
    assert kit_assignments(kit), "the kit has no exercises"
    for assignment in kit_assignments(kit):
        completed = run_with_kit_only(kit, assignment, reference_answers(assignment))
        assert completed.returncode == 0, f"{assignment}:\n{completed.stdout}\n{completed.stderr}"
        assert "looks right" in completed.stdout


def test_visible_tests_fail_on_the_untouched_release(kit):
    for assignment in kit_assignments(kit):
        notebook = nbformat.read(kit / "exercises" / assignment / f"{assignment}.ipynb", as_version=4)
        untouched = {grade_id: cell_by_grade_id(notebook, grade_id).source for grade_id in answer_grade_ids(notebook)}
        completed = run_with_kit_only(kit, assignment, untouched)
        assert completed.returncode != 0 and "NotImplementedError" in completed.stderr
