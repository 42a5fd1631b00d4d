"""Offer each executed page as a ``.ipynb`` download.

sphinx-book-theme adds an ``.ipynb`` entry to its download menu only for pages
that have a launch button; this does the same for every page that MyST-NB
executed, with no launch service configured.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def offer_notebook(app, pagename, templatename, context, doctree):
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not executed.is_file():
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(executed, target)
    # Read by the theme's header buttons, which run at priority 501.
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app):
    app.connect("html-page-context", offer_notebook, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
