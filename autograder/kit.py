"""The student kit: the released exercises plus the public helpers, as one zip file.

Only the modules named in ``PUBLIC_MODULES`` go in; reference answers, the
mistake catalogues and the hidden checks stay with the instructor.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

# Paths under autograder/ that students get: helpers and data loaders, no answers.
PUBLIC_MODULES = ("__init__.py", "checking.py", "data/__init__.py", "data/ex4.py", "data/mnist.py")
KIT_ROOT = "backprop-course-kit"

_KIT_README = """\
# Backpropagation from first principles: exercises

1. Install the helpers and what the notebooks use (once):

       python -m pip install -e .

2. Open the notebooks in `exercises/<name>/` with Jupyter, write your answers
   where it says `# YOUR CODE HERE`, and run the test cell under each answer.

3. Submit the notebook file itself (`exercises/<name>/<name>.ipynb`), as your
   instructor asks. More tests run when it is graded.

The package `autograder` installed here holds only the public helpers
(`autograder.checking`: numerical gradients, relative errors, `assert_close`).
"""

_KIT_PYPROJECT = """\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "backprop-course-kit"
version = "0.1.0"
description = "Public checking helpers for the backpropagation course's exercises"
requires-python = ">=3.10"
dependencies = ["numpy", "scipy", "matplotlib", "torch", "mlxtend", "tqdm", "notebook"]

[tool.setuptools.packages.find]
include = ["autograder*"]
"""


def kit_members(repo_root: Path) -> dict[str, bytes]:
    """Map each path inside the kit to its content."""
    repo_root = Path(repo_root)
    exercises = repo_root / "exercises"
    if not any(exercises.glob("*/*.ipynb")):
        raise FileNotFoundError(
            f"no released exercises under {exercises}; run `python -m autograder release NAME` first"
        )
    members: dict[str, bytes] = {
        "README.md": _KIT_README.encode(),
        "pyproject.toml": _KIT_PYPROJECT.encode(),
    }
    for module in PUBLIC_MODULES:
        members[f"autograder/{module}"] = (repo_root / "autograder" / module).read_bytes()
    for path in sorted(exercises.rglob("*")):
        if path.is_file() and not _is_clutter(path.relative_to(exercises)):
            members[f"exercises/{path.relative_to(exercises).as_posix()}"] = path.read_bytes()
    return members


def _is_clutter(relative: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in relative.parts)


def build_student_kit(repo_root: Path, output: Path) -> Path:
    """Write the kit as a zip file at ``output`` and return its path."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in kit_members(repo_root).items():
            # A fixed timestamp makes the same sources give the same archive.
            info = zipfile.ZipInfo(f"{KIT_ROOT}/{name}", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return output
