"""What every page of the site looks like and which buttons it shows.

- Adds the course's stylesheet, ``book/_static/course.css``, to every page.
- Opens the site in light mode: without a default, the theme logs a console
  error on a reader's first visit.
- Launch buttons (Colab, Binder) and the repository button follow one setting,
  ``repository.url`` in ``_config.yml``. Set, they appear; empty, the site shows
  none of them and points to no outside service.
- A launch button opens the chapter's exercise notebook
  (``exercises/<name>/<name>.ipynb``), the one notebook of a chapter that is in
  the repository: Colab cannot open the chapter's Markdown source. Pages
  without an exercise get no launch buttons.
"""

from __future__ import annotations

from pathlib import Path

from exercise_downloads import exercise_of

STATIC = Path(__file__).resolve().parent.parent / "_static"
STYLESHEET = "course.css"
# The launch services that sphinx-book-theme knows; each one links to a server outside the site.
LAUNCH_SERVICES = ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url", "jupyterlite_url")


def apply_site_settings(app, config) -> None:
    config.html_static_path.append(str(STATIC))
    config.html_context.setdefault("default_mode", "light")
    options = config.html_theme_options
    launch = dict(options.get("launch_buttons") or {})
    if options.get("repository_url"):
        options["use_repository_button"] = True
    else:
        options["use_repository_button"] = False
        launch.update({service: "" for service in LAUNCH_SERVICES}, thebe=False)
    options["launch_buttons"] = launch


def launch_the_exercise(app, pagename, templatename, context, doctree) -> None:
    """Point the theme's launch buttons at the page's exercise notebook, or drop them."""
    buttons = context.get("header_buttons", [])
    launch = next((group for group in buttons if group.get("label") == "launch-buttons"), None)
    if launch is None:
        return
    exercise = exercise_of(pagename)
    source = f"{pagename}{context.get('page_source_suffix', '')}"
    if not (Path(app.srcdir) / exercise).is_file():
        buttons.remove(launch)
        return
    for button in launch["buttons"]:
        if button.get("url"):
            button["url"] = button["url"].replace(source, exercise)
            button["tooltip"] = f"{button['tooltip']}: the exercise notebook"


def setup(app):
    app.connect("config-inited", apply_site_settings)
    # After sphinx-book-theme has built its buttons (priority 501).
    app.connect("html-page-context", launch_the_exercise, priority=502)
    app.add_css_file(STYLESHEET)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
