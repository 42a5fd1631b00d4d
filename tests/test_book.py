"""The book builds from scratch with warnings as errors, and needs no network to read.

Also what a reader gets on every page: the landing page, each chapter's
objectives, summary and exercise download, the bilingual glossary and its links,
and launch buttons that follow the one repository setting. What the pages do in
a browser is in tests/test_site_browser.py.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.core import publish_doctree

from tests.course_folder import REPO
from tests.site_build import TOC, chapter_pages, exercise_of, shared_site, site_with_config_changes, toc_pages

EXTENSIONS = REPO / "book" / "_ext"
REPOSITORY = "https://github.com/example-org/backprop-course"
# The terms that the course uses, in English and Chinese (issue 9).
REQUIRED_TERMS = {
    "backpropagation": "反向传播",
    "gradient descent": "梯度下降",
    "computational graph": "计算图",
    "chain rule": "链式法则",
    "learning rate": "学习率",
    "loss function": "损失函数",
    "activation function": "激活函数",
    "sigmoid": None,
    "softmax": None,
    "ReLU": None,
    "mini-batch": "小批量",
    "epoch": "轮次",
    "stochastic gradient descent": "随机梯度下降",
    "momentum": "动量",
    "gradient checking": "梯度检验",
    "one-hot encoding": "独热编码",
    "regularization": "正则化",
    "overfitting": "过拟合",
    "vanishing gradient": "梯度消失",
    "automatic differentiation": "自动微分",
}
CHAPTERS = chapter_pages()
CHAPTERS_WITH_EXERCISES = [chapter for chapter in CHAPTERS if exercise_of(chapter).is_file()]
LAUNCH_SERVICES = ("mybinder.org", "colab.research.google.com")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return shared_site(tmp_path_factory)


@pytest.fixture(scope="session")
def site_with_repository(tmp_path_factory) -> Path:
    return site_with_config_changes(tmp_path_factory, "with-repository", {"repository": {"url": REPOSITORY}})


def pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if "_static" not in path.parts)


def soup_of(site: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{docname}.html").read_text(), "html.parser")


def article_of(site: Path, docname: str):
    return soup_of(site, docname).select_one("article.bd-article")


def heading_text(heading) -> str:
    """The text of a heading or glossary term, without its "#" permalink."""
    copy = BeautifulSoup(str(heading), "html.parser")
    for permalink in copy.select("a.headerlink"):
        permalink.decompose()
    return copy.get_text().strip()


def load_extension(name: str):
    """A local Sphinx extension of book/_ext, imported as the build imports it (from that folder)."""
    if str(EXTENSIONS) not in sys.path:
        sys.path.append(str(EXTENSIONS))
    spec = importlib.util.spec_from_file_location(f"book_ext_{name}", EXTENSIONS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# The build


def test_every_chapter_in_the_toc_is_built(built_site):
    toc = TOC.read_text()
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


# The landing page and the chapters


def test_landing_page_says_what_for_whom_and_how_to_do_the_exercises(built_site):
    article = article_of(built_site, toc_pages()[0])
    headings = [heading_text(heading) for heading in article.find_all("h2")]
    assert {"Who it is for", "How the exercises work"} <= set(headings), headings
    text = " ".join(article.get_text(" ").split())
    for needed in ("derivative", "NumPy", "YOUR CODE HERE", "Submit"):
        assert needed in text, f"the landing page does not mention {needed!r}"


@pytest.mark.parametrize("chapter", CHAPTERS_WITH_EXERCISES)
def test_landing_page_lists_each_exercise_with_its_chapter(built_site, chapter):
    landing = toc_pages()[0]
    article = article_of(built_site, landing)
    chapter_href = Path(os.path.relpath(chapter, Path(landing).parent)).as_posix() + ".html"
    item = next((li for li in article.select("li") if li.find("a", href=chapter_href)), None)
    assert item is not None, f"the landing page lists no exercise for {chapter}"
    download = item.select_one("a.download")
    assert download, f"the landing page's entry for {chapter} offers no download"
    assert_is_the_exercise(built_site / landing, download["href"], chapter)


def assert_is_the_exercise(page: Path, href: str, chapter: str) -> None:
    notebook = (page.parent / href).resolve()
    assert notebook.is_file(), f"{href} is not in the site"
    assert notebook.read_bytes() == exercise_of(chapter).read_bytes(), f"{href} is not {exercise_of(chapter)}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_opens_with_objectives_and_ends_with_summary_and_exercise(built_site, chapter):
    article = article_of(built_site, chapter)
    first_section = article.find("h2")
    assert first_section, f"{chapter} has no sections"
    boxes_before = first_section.find_all_previous(class_="admonition-title")
    assert any("learning objectives" in box.get_text().lower() for box in boxes_before), (
        f"{chapter} does not open with a 'Learning objectives' box before its first section"
    )
    headings = [heading_text(heading) for heading in article.find_all("h2")]
    assert headings[-2:] == ["Summary", "Exercise"], f"{chapter} should end with Summary, Exercise: {headings}"
    exercise_section = article.find_all("h2")[-1].find_parent("section")
    download = exercise_section.select_one("a.download")
    assert download, f"the Exercise section of {chapter} offers no notebook to download"
    assert_is_the_exercise(built_site / f"{chapter}.html", download["href"], chapter)


@pytest.mark.parametrize("chapter", CHAPTERS_WITH_EXERCISES)
def test_download_menu_of_a_chapter_offers_its_exercise(built_site, chapter):
    button = soup_of(built_site, chapter).select_one("a.btn-download-exercise-button")
    assert button, f"the download menu of {chapter} has no exercise"
    assert_is_the_exercise(built_site / f"{chapter}.html", button["href"], chapter)


# The glossary


def glossary_entries(site: Path) -> list[tuple[list[str], str]]:
    """(terms, definition) of each glossary entry, as the page shows them."""
    entries, terms = [], []
    for child in soup_of(site, "book/glossary").select_one("dl.glossary").find_all(["dt", "dd"], recursive=False):
        if child.name == "dt":
            terms.append(heading_text(child))
        else:
            entries.append((terms, child.get_text(" ", strip=True)))
            terms = []
    return entries


def test_glossary_gives_each_term_in_english_and_chinese_with_a_definition(built_site):
    entries = {terms[0]: (terms[1:], definition) for terms, definition in glossary_entries(built_site)}
    missing = sorted(set(REQUIRED_TERMS) - set(entries))
    assert not missing, f"the glossary lacks {missing}"
    for english, (translations, definition) in entries.items():
        assert any(re.search(r"[\u4e00-\u9fff]", name) for name in translations), f"{english} has no Chinese name"
        assert len(definition.split()) >= 5, f"{english} has no real definition"
        if REQUIRED_TERMS.get(english):
            assert REQUIRED_TERMS[english] in translations, (english, translations)


@pytest.mark.parametrize("page", [page for page in toc_pages() if page != "book/glossary"])
def test_first_use_of_each_term_links_to_its_glossary_entry(built_site, page):
    soup = soup_of(built_site, page)
    links = soup.select("article.bd-article a.glossary-term")
    assert links, f"{page} links no term to the glossary"
    targets = [link["href"] for link in links]
    assert len(targets) == len(set(targets)), f"{page} links a term more than once: {targets}"
    glossary = soup_of(built_site, "book/glossary")
    for link in links:
        anchor = link["href"].split("#")[1]
        assert glossary.find(id=anchor) is not None, f"{page}: {link['href']} is no glossary entry"
        assert not link.find_parent(["pre", "code", "h1", "h2", "h3", "h4", "a"]), f"{page}: link in {link.parent}"
        assert not link.find_parent(class_="math"), f"{page}: a link inside a formula"


# The glossary linker on its own


@pytest.fixture(scope="module")
def linker():
    return load_extension("glossary_links")


def linked_text(linker, source: str, entries) -> tuple[list[str], nodes.document]:
    document = publish_doctree(source)
    linked = linker.link_first_uses(
        document, entries, lambda entry, text: nodes.reference(text, text, refuri=f"#glossary-{entry.anchor}")
    )
    return [entry.anchor for entry in linked], document


def glossary_links(document: nodes.document) -> list[str]:
    return [node.astext() for node in document.findall(nodes.reference) if node["refuri"].startswith("#glossary-")]


def entry(linker, *terms: str):
    return linker.Entry(terms=terms, docname="glossary", anchor=terms[0], definition="")


def test_linker_wraps_only_the_first_mention_and_knows_plurals_and_spellings(linker):
    entries = [
        entry(linker, "mini-batch", "小批量"),
        entry(linker, "regularization"),
        entry(linker, "gradient checking"),
    ]
    source = "Two minibatches and a mini-batch. Regularisation. A gradient check. 使用小批量。"
    linked, document = linked_text(linker, source, entries)
    assert linked == ["mini-batch", "regularization", "gradient checking"]
    assert glossary_links(document) == ["minibatches", "Regularisation", "gradient check"]


def test_linker_prefers_the_longest_term_and_leaves_code_math_titles_and_links_alone(linker):
    entries = [entry(linker, "gradient descent"), entry(linker, "stochastic gradient descent"), entry(linker, "epoch")]
    source = (
        "Title with gradient descent\n"
        "===========================\n\n"
        "``gradient descent`` in code, :math:`epoch` in math, `epoch <https://example.org>`_ linked,\n"
        "epochal is another word. Stochastic gradient descent first, then gradient descent, then epochs.\n"
    )
    linked, document = linked_text(linker, source, entries)
    assert linked == ["stochastic gradient descent", "gradient descent", "epoch"]
    assert glossary_links(document) == ["Stochastic gradient descent", "gradient descent", "epochs"]


def test_linker_finds_a_chinese_term_inside_chinese_text(linker):
    backpropagation = entry(linker, "backpropagation", "反向传播")
    linked, _ = linked_text(linker, "我们用反向传播计算梯度。", [backpropagation])
    assert linked == ["backpropagation"]


# Launch buttons and the repository setting


def config_with(repository_url: str, launch_buttons: dict) -> SimpleNamespace:
    return SimpleNamespace(
        html_static_path=[],
        html_context={},
        html_theme_options={"repository_url": repository_url, "launch_buttons": dict(launch_buttons)},
    )


def test_repository_setting_switches_the_launch_and_repository_buttons():
    theme = load_extension("course_theme")
    services = {"binderhub_url": "https://mybinder.org", "colab_url": "https://colab.research.google.com"}
    unset = config_with("", services)
    theme.apply_site_settings(None, unset)
    assert not any(unset.html_theme_options["launch_buttons"].get(key) for key in theme.LAUNCH_SERVICES)
    assert unset.html_theme_options["use_repository_button"] is False
    assert unset.html_static_path == [str(theme.STATIC)]
    chosen = config_with(REPOSITORY, services)
    theme.apply_site_settings(None, chosen)
    assert chosen.html_theme_options["launch_buttons"] == services
    assert chosen.html_theme_options["use_repository_button"] is True


def test_without_a_repository_the_site_shows_no_launch_or_repository_button(built_site):
    for page in pages(built_site):
        text = page.read_text()
        assert "launch-buttons" not in text and "repository-button" not in text, page
        assert not any(service in text for service in LAUNCH_SERVICES), page


@pytest.mark.parametrize("chapter", CHAPTERS_WITH_EXERCISES)
def test_with_a_repository_a_chapter_launches_its_exercise_on_binder_and_colab(site_with_repository, chapter):
    soup = soup_of(site_with_repository, chapter)
    exercise = exercise_of(chapter).relative_to(REPO).as_posix()
    hrefs = [link["href"] for link in soup.select(".dropdown-launch-buttons a")]
    assert f"https://mybinder.org/v2/gh/example-org/backprop-course/main?urlpath=lab/tree/{exercise}" in hrefs, hrefs
    assert f"https://colab.research.google.com/github/example-org/backprop-course/blob/main/{exercise}" in hrefs, hrefs
    assert soup.find("a", href=REPOSITORY), "no repository button"
    for icon in soup.select(".dropdown-launch-buttons img"):
        assert (site_with_repository / chapter).parent.joinpath(icon["src"]).resolve().is_file(), icon["src"]


def test_with_a_repository_a_page_without_an_exercise_has_no_launch_buttons(site_with_repository):
    soup = soup_of(site_with_repository, "book/glossary")
    assert not soup.select(".dropdown-launch-buttons"), "the glossary offers to launch a notebook it does not have"
    assert soup.find("a", href=REPOSITORY), "no repository button"
