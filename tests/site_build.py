"""Build the book for the site tests, once per test session.

``tests/test_book.py`` and ``tests/test_site_browser.py`` both use the built
site; a cold build executes every chapter, so it is built once and shared.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.course_folder import REPO

JUPYTER_BOOK = str(Path(sys.executable).with_name("jupyter-book"))
BUILD = [JUPYTER_BOOK, "build", str(REPO), "--warningiserror", "--nitpick", "--keep-going"]
# BOOK_TOC names another table of contents to build and test, for example one that
# leaves out a chapter that is half-written in a shared checkout; by default, the real one.
TOC = Path(os.environ.get("BOOK_TOC", REPO / "_toc.yml")).resolve()
CONFIG = REPO / "_config.yml"
# Pages of the table of contents that are not chapters, besides its root (the landing page).
NOT_CHAPTERS = {"book/glossary"}

_built: dict[str, Path] = {}


def build_book(output: Path, *options: str) -> Path:
    """Build the whole book into ``output``; return the folder of the HTML site."""
    if TOC != REPO / "_toc.yml":
        options = ("--toc", str(TOC), *options)
    completed = subprocess.run(
        [*BUILD, "--path-output", str(output), *options], capture_output=True, text=True, timeout=1800
    )
    assert completed.returncode == 0, completed.stdout[-5000:] + completed.stderr[-5000:]
    return output / "_build" / "html"


def shared_site(tmp_path_factory) -> Path:
    """The book built from the repository as it is, once per session."""
    if "repository" not in _built:
        _built["repository"] = build_book(tmp_path_factory.mktemp("book"))
    return _built["repository"]


def site_with_config_changes(tmp_path_factory, name: str, changes: dict) -> Path:
    """The book built with ``changes`` merged into a copy of ``_config.yml``.

    It reuses the execution cache of the shared build, so nothing runs twice.
    """
    if name not in _built:
        shared = shared_site(tmp_path_factory)
        folder = tmp_path_factory.mktemp(f"book-{name}")
        config = yaml.safe_load(CONFIG.read_text())
        _merge(config, changes)
        # Paths in the configuration are taken from the folder that holds it.
        extensions = config["sphinx"]["local_extensions"]
        config["sphinx"]["local_extensions"] = {name: str(REPO / path) for name, path in extensions.items()}
        if config["html"].get("favicon"):
            config["html"]["favicon"] = str(REPO / config["html"]["favicon"])
        config_file = folder / "_config.yml"
        config_file.write_text(yaml.safe_dump(config, allow_unicode=True))
        cache = shared.parent / ".jupyter_cache"
        shutil.copytree(cache, folder / "_build" / ".jupyter_cache")
        _built[name] = build_book(folder, "--config", str(config_file))
    return _built[name]


def _merge(config: dict, changes: dict) -> None:
    for key, value in changes.items():
        if isinstance(value, dict):
            _merge(config.setdefault(key, {}), value)
        else:
            config[key] = value


def toc_pages(toc: Path = TOC) -> list[str]:
    """Every page of the table of contents, in reading order (root first)."""
    data = yaml.safe_load(toc.read_text())
    pages = [_docname(data["root"])]

    def visit(entries) -> None:
        for entry in entries or []:
            if "file" in entry:
                pages.append(_docname(entry["file"]))
            for children in ("sections", "chapters", "parts"):
                visit(entry.get(children))

    visit(data.get("chapters"))
    for part in data.get("parts") or []:
        visit(part.get("chapters"))
    return pages


def chapter_pages(toc: Path = TOC) -> list[str]:
    """The pages that teach: all but the landing page and the glossary."""
    pages = toc_pages(toc)
    return [page for page in pages[1:] if page not in NOT_CHAPTERS]


def exercise_of(docname: str) -> Path:
    name = Path(docname).name
    return REPO / "exercises" / name / f"{name}.ipynb"


def _docname(entry: str) -> str:
    for suffix in (".md", ".ipynb", ".rst"):
        entry = entry.removesuffix(suffix)
    return entry
