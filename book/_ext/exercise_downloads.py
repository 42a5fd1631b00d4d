"""Offer each chapter's exercise notebook for download from the site.

Chapter ``book/<name>`` owns the exercise ``exercises/<name>/<name>.ipynb``
(CONTRIBUTING.md), and its closing section names that path. This extension,
with no change to the chapter pages:

- turns a page's literal mention of an exercise's path into a download link;
- adds the chapter's exercise to the download menu in the page's header;
- provides the ``exercise-list`` directive: every exercise in the order of the
  table of contents, each with its chapter, for the landing page.

Sphinx copies the notebooks into ``_downloads/`` as it does for ``{download}``,
and re-reads a page when its exercise notebook changes.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

EXERCISE = re.compile(r"exercises/(?P<name>[A-Za-z0-9_-]+)/(?P=name)\.ipynb")
PAGE_SUFFIXES = (".md", ".ipynb", ".rst")


def exercise_of(docname: str) -> str:
    """The exercise of chapter ``book/<name>``, relative to the repository root."""
    name = PurePosixPath(docname).name
    return f"exercises/{name}/{name}.ipynb"


def download_link(path: str, docname: str, label: str | None = None) -> addnodes.download_reference:
    text = label or path
    return addnodes.download_reference(
        "",
        "",
        nodes.literal(text, text, classes=["xref", "download"]),
        reftarget=f"/{path}",
        refdoc=docname,
        refdomain="",
        reftype="download",
        refexplicit=True,
        refwarn=False,
    )


class LinkExercisePaths(SphinxTransform):
    """Make ``exercises/<name>/<name>.ipynb`` in running text a download of that notebook."""

    # Before the end of reading, when Sphinx collects the page's downloads.
    default_priority = 800

    def apply(self, **kwargs) -> None:
        srcdir = Path(self.env.srcdir)
        for literal in list(self.document.findall(nodes.literal)):
            path = literal.astext().strip()
            if EXERCISE.fullmatch(path) and (srcdir / path).is_file() and not _inside_link(literal):
                literal.replace_self(download_link(path, self.env.docname))
        own_exercise = exercise_of(self.env.docname)
        if (srcdir / own_exercise).is_file():
            # Registered even when the page does not name it, for the header's download menu.
            self.env.dlfiles.add_file(self.env.docname, own_exercise)
            self.env.note_dependency(own_exercise)


def _inside_link(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, (nodes.reference, addnodes.pending_xref, addnodes.download_reference)):
            return True
        parent = parent.parent
    return False


def toc_order(site_map) -> list[str]:
    """Every page of the table of contents, in reading order."""
    order: list[str] = []

    def visit(entry: str) -> None:
        docname = _without_suffix(entry)
        if docname in order:
            return
        order.append(docname)
        for child in site_map[entry].child_files():
            visit(child)

    visit(site_map.root.docname)
    return order


def _without_suffix(name: str) -> str:
    for suffix in PAGE_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


class ExerciseList(SphinxDirective):
    """A bullet list of the book's exercises: chapter title, then the notebook to download."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        srcdir = Path(self.env.srcdir)
        # Re-read the page that holds this list when a chapter is added or moved.
        self.env.note_dependency(str(srcdir / self.config.external_toc_path))
        items = nodes.bullet_list()
        for docname in toc_order(self.config.external_site_map):
            exercise = exercise_of(docname)
            if not (srcdir / exercise).is_file():
                continue
            self.env.note_dependency(exercise)
            chapter = addnodes.pending_xref(
                "",
                nodes.inline("", ""),
                refdomain="std",
                reftype="doc",
                reftarget=f"/{docname}",
                refdoc=self.env.docname,
                refexplicit=False,
                refwarn=True,
            )
            notebook = download_link(exercise, self.env.docname, label=PurePosixPath(exercise).name)
            paragraph = nodes.paragraph("", "", chapter, nodes.Text(": "), notebook)
            items += nodes.list_item("", paragraph)
        if not items.children:
            return [nodes.paragraph("", "No chapter has an exercise yet.")]
        return [items]


def offer_in_header(app, pagename, templatename, context, doctree) -> None:
    exercise = app.env.dlfiles.get(exercise_of(pagename))
    if exercise is None or pagename not in exercise[0]:
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].insert(
                0,
                {
                    "type": "link",
                    "url": context["pathto"](f"_downloads/{exercise[1]}", 1),
                    "text": "exercise",
                    "tooltip": "Download the exercise notebook",
                    "icon": "fas fa-pencil",
                    "label": "download-exercise-button",
                },
            )


def setup(app):
    app.add_transform(LinkExercisePaths)
    app.add_directive("exercise-list", ExerciseList)
    # After sphinx-book-theme has built its download menu (priority 501).
    app.connect("html-page-context", offer_in_header, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
