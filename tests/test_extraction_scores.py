"""Extraction quality held at its targets, measured by the project's own `explainers eval`.

The dev set (../shared/eval/dev) is what the rules were tuned on, so it must stay at the
issue's targets; the held-out set (tests/fixtures/heldout, annotated without looking at the
extractor) shows how the rules carry to articles written differently, with lower floors.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
SCORE_PY = ROOT.parent / "shared" / "eval" / "score.py"
DEV = ROOT.parent / "shared" / "eval" / "dev"
HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
EXPLAINERS = Path(sys.executable).parent / "explainers"

DEV_TARGETS = {
    "people": 0.92, "people.role": 0.85, "entities": 0.85,
    "figures": 0.90, "figures.unit": 0.90, "figures.attribution": 0.85, "figures.measure": 0.70,
    "quotes": 0.95, "quotes.speaker": 0.95,
    "phases": 0.85, "phases.status": 0.80, "events": 0.75,
}
HELDOUT_FLOORS = {
    "people": 0.90, "people.role": 0.85, "entities": 0.90,
    "figures": 0.90, "figures.unit": 0.90, "figures.attribution": 0.85, "figures.measure": 0.70,
    "quotes": 0.95, "quotes.speaker": 0.90,
    "phases": 0.70, "phases.status": 0.75, "events": 0.80,
}

needs_score_py = pytest.mark.skipif(not SCORE_PY.exists(), reason="needs ../shared/eval/score.py")


def scores_meet(articles: Path, gold: Path, bars: dict[str, float]) -> subprocess.CompletedProcess:
    require = ",".join(f"{name}={bar}" for name, bar in bars.items())
    return subprocess.run([str(EXPLAINERS), "eval", str(articles), str(gold), "--require", require,
                           "--score-py", str(SCORE_PY)],
                          capture_output=True, text=True, timeout=300, check=False)


@needs_score_py
@pytest.mark.skipif(not DEV.exists(), reason="needs ../shared/eval/dev")
def test_dev_set_scores_stay_at_their_targets():
    result = scores_meet(DEV / "articles", DEV / "gold", DEV_TARGETS)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_score_py
def test_held_out_set_scores_stay_above_their_floors():
    result = scores_meet(HELDOUT / "articles", HELDOUT / "gold", HELDOUT_FLOORS)
    assert result.returncode == 0, result.stdout + result.stderr
