"""The MkDocs plugin: wiring only. It hands the build's events to generator.render.

Each fact sheet in `content` becomes an in-memory explainer page `<slug>.md`; the home page,
the actor index, the actor pages and the reference page are generated with them. Only the
site's own pages (home, actors, reference) belong in the navigation: explainers and actor
pages are marked "not in nav", reached from those pages, so a hand-written page left out of
`nav` is still reported. `mkdocs serve` rebuilds when a sheet or a template changes. A sheet
with problems is skipped and each problem logged as a warning, so `mkdocs build --strict`
fails on it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.render import SITE_PAGES, render_pages

# Named after the plugin, so warnings read "explainers: content/x.yaml:3: ...".
log = get_plugin_logger("explainers")

# The theme override shipped with the package: it escapes what Material writes unescaped
# into <head> (title, description) and adds each explainer's JSON-LD.
THEME_OVERRIDES = Path(__file__).resolve().parent / "theme"


class ExplainersConfig(Config):
    """Where the fact sheets and the template overrides live, relative to mkdocs.yml."""

    content = c.Type(str, default="content")
    templates = c.Type(str, default="templates")


class ExplainersPlugin(BasePlugin[ExplainersConfig]):
    """Adds the explainers, actor pages, home and reference pages to the site."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Put the packaged theme override after the site's custom_dir, before the theme."""
        dirs = config.theme.dirs
        if str(THEME_OVERRIDES) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_OVERRIDES))
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Render every sheet into a generated page; warn about and skip the rest."""
        pages, problems = render_pages(self._path(config, "content"),
                                       self._path(config, "templates"))
        for problem in problems:
            log.warning(problem)
        for uri, markdown in pages.items():
            if files.get_file_from_path(uri) is not None:
                log.warning(f"{uri}: a file in docs_dir has the same name; page not generated")
                continue
            inclusion = InclusionLevel.UNDEFINED if uri in SITE_PAGES \
                else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, uri, content=markdown, inclusion=inclusion))
        return files

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer:
        """Rebuild when a sheet or a template changes."""
        for path in (self._path(config, "content"), self._path(config, "templates")):
            if path.is_dir():
                server.watch(str(path))
        return server

    def _path(self, config: MkDocsConfig, option: str) -> Path:
        """An option's directory (relative to mkdocs.yml), as short as problems can name it."""
        path = Path(config.config_file_path).parent / self.config[option]
        return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
