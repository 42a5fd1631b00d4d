"""The book builds from scratch with warnings as errors, and needs no network to read."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.course_folder import REPO

JUPYTER_BOOK = str(Path(sys.executable).with_name("jupyter-book"))
BUILD = [JUPYTER_BOOK, "build", str(REPO), "--warningiserror", "--nitpick", "--keep-going"]


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("book")
    completed = subprocess.run(
        [*BUILD, "--path-output", str(output)], capture_output=True, text=True, timeout=1800
    )
    assert completed.returncode == 0, completed.stdout[-5000:] + completed.stderr[-5000:]
    return output / "_build" / "html"


def pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if "_static" not in path.parts)


def test_every_chapter_in_the_toc_is_built(built_site):
    toc = (REPO / "_toc.yml").read_text()
    for name in re.findall(r"file:\s*(\S+)", toc) + re.findall(r"root:\s*(\S+)", toc):
        assert (built_site / f"{Path(name).with_suffix('').as_posix()}.html").is_file(), name
    assert (built_site / "index.html").is_file()


def test_pages_fetch_nothing_from_outside(built_site):
    external = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.I)
    offenders = {page.name: external.findall(page.read_text()) for page in pages(built_site)}
    assert not {name: found for name, found in offenders.items() if found}


def test_math_is_typeset_by_a_local_mathjax(built_site):
    page = built_site / "book" / "backprop.html"
    chapter = page.read_text()
    script = re.search(r"""<script[^>]*src=["']([^"']*tex-chtml\.js)["']""", chapter)
    assert script, "no MathJax script on the chapter page"
    assert (page.parent / script.group(1)).resolve().is_file(), script.group(1)
    assert "\\frac" in chapter or "\\partial" in chapter


def test_each_chapter_offers_its_notebook_for_download(built_site):
    page = built_site / "book" / "backprop.html"
    link = re.search(r"""href=["']([^"']*backprop\.ipynb)["']""", page.read_text())
    assert link, "no .ipynb download link on the chapter page"
    notebook = (page.parent / link.group(1)).resolve()
    assert notebook.is_file() and '"cells"' in notebook.read_text()


def test_stated_numbers_come_from_the_build(built_site):
    chapter = (built_site / "book" / "backprop.html").read_text()
    assert "0.2097" in chapter  # glued from the executed forward pass, not typed in the source
    assert "0.2097" not in (REPO / "book" / "backprop.md").read_text()
