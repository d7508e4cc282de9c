"""Scoring extraction against hand-made gold sheets with the shared score.py."""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

from generator.articles import ArticleError, read_article
from generator.extract import extract_sheet
from generator.sheets import write_sheet

SCORE_SCRIPT_ENV = "EXPLAINERS_SCORE_PY"


def find_score_script(start: Path) -> Path | None:
    """score.py from ../shared/eval/ beside the checkout, or as EXPLAINERS_SCORE_PY says."""
    import os

    named = os.environ.get(SCORE_SCRIPT_ENV)
    if named:
        return Path(named)
    for folder in [start, *start.parents]:
        candidate = folder.parent / "shared" / "eval" / "score.py"
        if candidate.exists():
            return candidate
    return None


def predict(articles_dir: Path, out_dir: Path) -> list[str]:
    """One predicted sheet per article, named after the article so score.py pairs them."""
    problems = []
    for path in sorted(articles_dir.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        try:
            sheet = extract_sheet(read_article(path))
        except ArticleError as e:
            problems.append(str(e))
            continue
        write_sheet(out_dir / f"{path.stem}.yaml", sheet)
    return problems


def run_eval(articles_dir: Path, gold_dir: Path, score_py: Path, extra: list[str]) -> int:
    """Ingest into a temporary folder and hand it to score.py; returns its exit status."""
    spec = importlib.util.spec_from_file_location("explainers_score", score_py)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    with tempfile.TemporaryDirectory(prefix="explainers-eval-") as tmp:
        for line in predict(articles_dir, Path(tmp)):
            print(f"warning: {line}")
        return score.main([str(gold_dir), tmp, *extra])
