"""MkDocs hook for bench/floor.py: a build that converts no Markdown.

The config's `extra.floor` names a mode and a file. With `capture`, each page is converted as
usual and its HTML and table of contents are kept in the file; with `replay`, each page takes
them from the file instead of converting its Markdown. A replayed build costs what MkDocs and
Material do besides Markdown (search indexing, the theme, writing the files): the rest of a
build's floor.
"""

from __future__ import annotations

import pickle

from mkdocs.structure.pages import Page

PAGES: dict = {}
_render = Page.render


def on_config(config):
    floor = config.extra["floor"]
    if floor["mode"] == "replay":
        with open(floor["pages"], "rb") as file:
            PAGES.update(pickle.load(file))
        Page.render = _replayed
    else:
        Page.render = _captured
    return config


# What Page.render (mkdocs 1.6) leaves on a page besides links to validate, which the floor's
# config turns off.
KEPT = ("content", "toc", "_title_from_render", "present_anchor_ids")


def _captured(page: Page, config, files) -> None:
    _render(page, config, files)
    PAGES[page.file.src_uri] = [getattr(page, name) for name in KEPT]


def _replayed(page: Page, config, files) -> None:
    for name, value in zip(KEPT, PAGES[page.file.src_uri]):
        setattr(page, name, value)


def on_post_build(config) -> None:
    floor = config.extra["floor"]
    if floor["mode"] == "capture":
        with open(floor["pages"], "wb") as file:
            pickle.dump(PAGES, file)
    Page.render = _render
