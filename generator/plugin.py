"""The MkDocs plugin: wiring only. It hands the build's events to generator.render.

Each fact sheet in `content` becomes an in-memory page `<slug>.md`, plus the home page
`index.md`; `mkdocs serve` rebuilds when a sheet or a template changes. A sheet with problems
is skipped and each problem logged as a warning, so `mkdocs build --strict` fails on it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from generator.render import render_pages

# Named after the plugin, so warnings read "explainers: content/x.yaml:3: ...".
log = get_plugin_logger("explainers")

# The templates shipped with the project, used for any template a site does not override.
BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


class ExplainersConfig(Config):
    """Where the fact sheets and the templates live, relative to mkdocs.yml."""

    content = c.Type(str, default="content")
    templates = c.Type(str, default="templates")


class ExplainersPlugin(BasePlugin[ExplainersConfig]):
    """Adds one explainer page per fact sheet, and the home page, to the site."""

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Render every sheet into a generated page; warn about and skip the rest."""
        pages, problems = render_pages(self._path(config, "content"), self._template_dirs(config))
        for problem in problems:
            log.warning(problem)
        for uri, markdown in pages.items():
            if files.get_file_from_path(uri) is not None:
                log.warning(f"{uri}: a file in docs_dir has the same name; page not generated")
                continue
            files.append(File.generated(config, uri, content=markdown))
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

    def _template_dirs(self, config: MkDocsConfig) -> list[Path]:
        """The site's own templates first, then the project's built-in ones."""
        return [self._path(config, "templates"), BUILTIN_TEMPLATES]
