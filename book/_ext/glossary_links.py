"""Link the first use of each glossary term on every page to its glossary entry.

The terms are those of the Sphinx ``glossary`` directive in ``book/glossary.md``:
each entry names a term in English and in Chinese, then defines it. When every
page has been read, each page's first mention of an entry in running text (in
either language, in the singular or plural, with a space, hyphen or nothing
between the words) becomes a link to the entry; its tooltip gives both names
and, unless it has a formula, the definition. Code, math, headings, glossary terms and existing links are
left alone, and a page never links to an entry that it defines itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

# Spellings of a term that its plural and hyphenation rules do not cover.
SPELLING_VARIANTS = {
    "gradient checking": ("gradient check",),
}

# Text inside these is never linked: code, math, headings, links, anchors and the terms themselves.
NOT_LINKED = (
    nodes.FixedTextElement,  # literal, math and doctest blocks
    nodes.literal,
    nodes.math,
    nodes.title,
    nodes.subtitle,
    nodes.rubric,
    nodes.reference,
    nodes.target,
    nodes.term,
    nodes.raw,
    nodes.comment,
    nodes.image,
    nodes.substitution_definition,
    nodes.option_string,
    nodes.field_name,
    addnodes.pending_xref,
    addnodes.download_reference,
    addnodes.toctree,
    addnodes.desc_signature,
)


@dataclass(frozen=True)
class Entry:
    """One glossary entry: its names as written (English first), where it is, what it means."""

    terms: tuple[str, ...]
    docname: str
    anchor: str
    definition: str

    @property
    def tooltip(self) -> str:
        names = " / ".join(self.terms)
        return f"{names}: {self.definition}" if self.definition else names


def term_pattern(term: str) -> str:
    """A regular expression (used case-insensitively) for the mentions of ``term``.

    "mini-batch" also matches "mini batch", "minibatch" and "mini-batches";
    "regularization" also matches "regularisation". Latin-script terms must
    stand as whole words; Chinese ones, written without spaces, need not.
    """
    words = [re.escape(word).replace("iz", "i[sz]") for word in re.split(r"[\s\-]+", term.strip())]
    pattern = r"[\s\-]?".join(words)
    if _is_latin_letter_or_digit(term[-1]):
        pattern = rf"{pattern}(?:e?s)?(?![\w-])"
    if _is_latin_letter_or_digit(term[0]):
        pattern = rf"(?<![\w-]){pattern}"
    return pattern


def _is_latin_letter_or_digit(character: str) -> bool:
    return character.isascii() and character.isalnum()


def link_first_uses(
    document: nodes.Node,
    entries: Iterable[Entry],
    reference_for: Callable[[Entry, str], nodes.Node],
) -> list[Entry]:
    """Replace the first mention of each entry in ``document`` by ``reference_for(entry, text)``.

    Returns the entries that were linked, in the order of the page.
    """
    spellings = sorted(
        ((spelling, entry) for entry in entries for term in entry.terms for spelling in _spellings(term)),
        key=lambda pair: -len(pair[0]),
    )
    if not spellings:
        return []
    # Longest first, so that "stochastic gradient descent" wins over "gradient descent".
    matchers = [(re.compile(term_pattern(spelling), re.IGNORECASE), entry) for spelling, entry in spellings]
    anywhere = re.compile("|".join(f"(?:{matcher.pattern})" for matcher, _ in matchers), re.IGNORECASE)
    linked: list[Entry] = []
    for text_node in list(document.findall(nodes.Text)):
        if _not_linked_here(text_node):
            continue
        text = str(text_node)
        pieces: list[nodes.Node] = []
        done_up_to = 0
        for mention in anywhere.finditer(text):
            entry = next(entry for matcher, entry in matchers if matcher.fullmatch(mention.group()))
            if entry in linked:
                continue
            linked.append(entry)
            if mention.start() > done_up_to:
                pieces.append(nodes.Text(text[done_up_to : mention.start()]))
            pieces.append(reference_for(entry, mention.group()))
            done_up_to = mention.end()
        if pieces:
            if done_up_to < len(text):
                pieces.append(nodes.Text(text[done_up_to:]))
            text_node.parent.replace(text_node, pieces)
    return linked


def _spellings(term: str) -> tuple[str, ...]:
    return (term, *SPELLING_VARIANTS.get(term.lower(), ()))


def _not_linked_here(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, NOT_LINKED):
            return True
        parent = parent.parent
    return False


def read_glossaries(env) -> list[Entry]:
    """Every entry of every ``glossary`` directive in the book."""
    std = env.get_domain("std")
    docnames = sorted({docname for (kind, _), (docname, _) in std.objects.items() if kind == "term"})
    entries = []
    for docname in docnames:
        for glossary in env.get_doctree(docname).findall(addnodes.glossary):
            for item in glossary.findall(nodes.definition_list_item):
                terms = list(item.findall(nodes.term))
                definition = item.next_node(nodes.definition)
                if not terms or not terms[0]["ids"]:
                    continue
                entries.append(
                    Entry(
                        terms=tuple(term.astext() for term in terms),
                        docname=docname,
                        anchor=terms[0]["ids"][0],
                        definition=_plain_text(definition),
                    )
                )
    return entries


def _plain_text(definition: nodes.Node | None) -> str:
    """The definition on one line, or nothing if it has a formula (a tooltip shows TeX as source)."""
    if definition is None or definition.next_node(nodes.math) is not None:
        return ""
    return " ".join(definition.astext().split())


class LinkGlossaryTerms(SphinxPostTransform):
    # After Sphinx has resolved cross-references (priority 10), so that existing links are known.
    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        builder = self.app.builder
        if not hasattr(builder, "_course_glossary"):
            builder._course_glossary = read_glossaries(self.env)
        here = self.env.docname

        def reference_for(entry: Entry, text: str) -> nodes.reference:
            uri = f"{builder.get_relative_uri(here, entry.docname)}#{entry.anchor}"
            return nodes.reference(
                text, text, internal=True, refuri=uri, reftitle=entry.tooltip, classes=["glossary-term"]
            )

        entries = [entry for entry in builder._course_glossary if entry.docname != here]
        link_first_uses(self.document, entries, reference_for)


def note_glossary_change(app, env, added, changed, removed) -> set[str]:
    std = env.get_domain("std")
    glossary_pages = {docname for (kind, _), (docname, _) in std.objects.items() if kind == "term"}
    # A page added or removed may hold a glossary too.
    app._course_glossary_changed = bool(added or removed or glossary_pages & changed)
    return set()


def rewrite_every_page_after_a_glossary_change(app, env) -> Iterable[str]:
    # Only re-written, not re-read: every page's links depend on the glossary's entries.
    return sorted(env.found_docs) if getattr(app, "_course_glossary_changed", False) else []


def setup(app):
    app.add_post_transform(LinkGlossaryTerms)
    app.connect("env-get-outdated", note_glossary_change)
    app.connect("env-updated", rewrite_every_page_after_a_glossary_change)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
