"""Re-ingest as an editor meets it: `explainers ingest` again on an article whose sheet exists.

The extraction is being improved while these tests are written, so they never count what it
finds: they check the editor's edits, and a quote added to the article.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import sheets
from generator.articles import read_article
from generator.extract import extract_sheet
from generator.ingest import update_sheet
from generator.merge import plain
from generator.merge_lists import IDENTITY
from generator.model import FactSheet, Figure, Source
from generator.sheets import base_path, dump_roundtrip, dump_sheet, load_roundtrip, write_atomic
from generator.validate import validate_text

ROOT = Path(__file__).parents[1]
SEED = ROOT / "seeds" / "000_ae57dd23660baea6.txt"
EXPLAINERS = Path(sys.executable).parent / "explainers"
NEW_QUOTE = "We will be back in Cairo with a new offer next week"
NEW_PARAGRAPH = f'"{NEW_QUOTE}," Hamas spokesperson Abdel-Latif Al-Qanoua said on Wednesday.'
ADDED_ACTOR = """\
  - id: jane-doe
    name: Jane Doe
    type: person
    role: Egyptian mediator
    affiliation: null
    aliases: []
    description: null
"""


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(EXPLAINERS), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)


def with_new_paragraph(article: str) -> str:
    """The article with a paragraph holding a new quote, before the agency line."""
    head, _, agency = article.rstrip("\n").rpartition("\n")
    return f"{head}\n{NEW_PARAGRAPH}\n{agency}\n"


def edit_like_an_editor(sheet: str) -> tuple[str, dict]:
    """Change a role, delete a figure, add a comment and an actor, by hand; what was done."""
    data = yaml.safe_load(sheet)
    actor = next(a for a in data["actors"] if a.get("role") and a["type"] == "person")
    role_line = re.compile(rf"^(    role: ){re.escape(actor['role'])}$", re.MULTILINE)
    assert role_line.search(sheet), "the role is written plain, on one line"
    sheet = role_line.sub(r"\1Chief negotiator", sheet, count=1)
    figures = re.search(r"^figures:\n(  - [\s\S]*?)(?=^  - |^\S)", sheet, re.MULTILINE)
    assert figures, "the generated sheet has a figure to delete"
    sheet = sheet.replace(figures.group(1), "", 1)
    sheet = sheet.replace("actors:\n", "actors:\n" + ADDED_ACTOR, 1)
    sheet = sheet.replace("\nfigures:", "\n# Figures checked against the wire copy. -- desk\nfigures:")
    deleted = yaml.safe_load(figures.group(0).replace("figures:\n", ""))[0]
    return sheet, {"actor": actor["id"], "figure": (deleted["value"], deleted["unit"])}


def assert_edits_kept(sheet: str, done: dict) -> None:
    data = yaml.safe_load(sheet)
    actors = {a["id"]: a for a in data["actors"]}
    assert actors[done["actor"]]["role"] == "Chief negotiator"
    assert actors["jane-doe"] == yaml.safe_load(ADDED_ACTOR)[0]
    assert done["figure"] not in [(f["value"], f["unit"]) for f in data["figures"]]
    assert "\n# Figures checked against the wire copy. -- desk\nfigures:\n" in sheet


# --- the editor's loop, end to end -----------------------------------------------------------

@pytest.fixture
def ingested(tmp_path) -> tuple[Path, Path, Path]:
    """The seed article ingested into tmp_path/content: (article, sheet, content folder)."""
    article = tmp_path / "seeds" / "gaza.txt"
    article.parent.mkdir()
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    content = tmp_path / "content"
    result = run("ingest", "seeds/gaza.txt", "--out", "content", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return article, next(content.glob("*.yaml")), content


def test_reingest_keeps_the_editors_edits_and_brings_the_new_quote(ingested, tmp_path):
    article, sheet, _content = ingested
    edited, done = edit_like_an_editor(sheet.read_text(encoding="utf-8"))
    sheet.write_text(edited, encoding="utf-8")

    result = run("ingest", "seeds/gaza.txt", "--out", "content", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"seeds/gaza.txt -> content/{sheet.name}: up to date\n"
    assert sheet.read_text(encoding="utf-8") == edited

    article.write_text(with_new_paragraph(article.read_text(encoding="utf-8")), encoding="utf-8")
    result = run("ingest", "seeds/gaza.txt", "--out", "content", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(rf"seeds/gaza.txt -> content/{re.escape(sheet.name)}: merged \(\d+ added, "
                        r"(\d+ removed, )?\d+ updated, \d+ edits? kept, 0 conflicts\)\n",
                        result.stdout), result.stdout
    merged = sheet.read_text(encoding="utf-8")
    assert NEW_QUOTE in [q["text"] for q in yaml.safe_load(merged)["quotes"]]
    assert_edits_kept(merged, done)
    assert run("check", "content", cwd=tmp_path).returncode == 0
    assert base_path(sheet).read_text(encoding="utf-8") != merged, "the base is the extraction"


def test_dry_run_shows_the_diff_and_writes_nothing(ingested, tmp_path):
    article, sheet, _ = ingested
    before, base_before = sheet.read_text(encoding="utf-8"), base_path(sheet).read_bytes()
    article.write_text(with_new_paragraph(article.read_text(encoding="utf-8")), encoding="utf-8")
    result = run("ingest", "seeds/gaza.txt", "--out", "content", "--dry-run", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert ": merged (" in result.stdout and "(dry run: nothing written)" in result.stdout
    assert f"--- content/{sheet.name}\n+++ content/{sheet.name}\n" in result.stdout
    assert f"+  - text: {NEW_QUOTE}\n" in result.stdout
    assert sheet.read_text(encoding="utf-8") == before
    assert base_path(sheet).read_bytes() == base_before


def test_the_base_is_kept_where_check_and_the_site_do_not_read_it(ingested, tmp_path):
    _, sheet, content = ingested
    base = content / ".generated" / f"{sheet.name}.base"
    assert base == base_path(sheet)
    assert base.read_text(encoding="utf-8") == sheet.read_text(encoding="utf-8")
    assert run("check", "content", cwd=tmp_path).returncode == 0
    result = run("render", "--content", "content", "--out", "pages", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "pages" / sheet.with_suffix(".md").name).exists()
    assert not [p for p in (tmp_path / "pages").rglob("*") if "generated" in p.name]


def test_a_sheet_generated_before_bases_were_kept(ingested, tmp_path):
    article, sheet, _ = ingested
    base_path(sheet).unlink()
    result = run("ingest", "seeds/gaza.txt", "--out", "content", cwd=tmp_path)
    assert result.stdout.endswith(": up to date\n") and base_path(sheet).exists()

    base_path(sheet).unlink()
    edited, done = edit_like_an_editor(sheet.read_text(encoding="utf-8"))
    sheet.write_text(edited, encoding="utf-8")
    article.write_text(with_new_paragraph(article.read_text(encoding="utf-8")), encoding="utf-8")
    result = run("ingest", "seeds/gaza.txt", "--out", "content", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no generated version was stored" in result.stdout
    merged = sheet.read_text(encoding="utf-8")
    data = yaml.safe_load(merged)
    assert NEW_QUOTE in [q["text"] for q in data["quotes"]]
    actors = {a["id"]: a for a in data["actors"]}
    assert actors[done["actor"]]["role"] == "Chief negotiator" and "jane-doe" in actors
    assert base_path(sheet).exists()


def test_a_sheet_that_cannot_be_read_is_left_alone(ingested, tmp_path):
    _, sheet, _ = ingested
    sheet.write_text("title: [unclosed\n", encoding="utf-8")
    result = run("ingest", "seeds/gaza.txt", "--out", "content", cwd=tmp_path)
    assert result.returncode == 1
    assert f"content/{sheet.name}: cannot merge the new extraction" in result.stderr
    assert f"content/{sheet.name}:2: " in result.stderr
    assert "Traceback" not in result.stderr
    assert sheet.read_text(encoding="utf-8") == "title: [unclosed\n"


# --- conflicts and safety, with sheets of our own ---------------------------------------------

def small_sheet(measure: str, qualifier: str = "exact") -> FactSheet:
    return FactSheet(
        schema=1, slug="talks", title="Talks start", summary="Talks have started.",
        sources=[Source("s1", "Talks start", "Reuters", "2025-02-04", "seeds/talks.txt")],
        figures=[Figure(value=1200, value_high=None, text="1,200", qualifier=qualifier,
                        unit="people", measure=measure, according_to="Israeli tallies",
                        evidence="1,200 people were killed.", source="s1")])


def generated(tmp_path: Path, sheet: FactSheet) -> Path:
    target = tmp_path / "talks.yaml"
    write_atomic(target, dump_sheet(sheet))
    write_atomic(base_path(target), dump_sheet(sheet))
    return target


def test_a_conflict_is_reported_with_its_line_and_left_for_the_editor(tmp_path):
    target = generated(tmp_path, small_sheet("people killed"))
    target.write_text(target.read_text().replace("measure: people killed", "measure: A"))
    new = small_sheet("B")
    outcome = update_sheet(Path("seeds/talks.txt"), target, new, dump_sheet(new))
    text = target.read_text()
    line = text.splitlines().index("    measure: A") + 1
    assert outcome.messages == [(f"{target}:{line}: conflict in figures[0].measure: you have 'A', "
                                "the new extraction has 'B'; kept yours")]
    assert str(outcome).endswith(": merged (0 added, 0 updated, 0 edits kept, 1 conflict)")
    assert "conflict in figures[0].measure" in yaml.safe_load(text)["review"]["notes"][0]
    again = update_sheet(Path("seeds/talks.txt"), target, new, dump_sheet(new))
    assert again.action == "up to date" and again.messages == []


def test_a_merge_that_would_break_the_sheet_writes_nothing(tmp_path):
    target = generated(tmp_path, small_sheet("people killed"))
    edited = target.read_text() + "# mine\n"
    target.write_text(edited)
    new = small_sheet("people killed", qualifier="roughly")
    outcome = update_sheet(Path("seeds/talks.txt"), target, new, dump_sheet(new))
    assert outcome.action == "failed"
    assert "the merge would leave these problems" in str(outcome)
    assert "figures[0].qualifier must be one of" in str(outcome)
    assert target.read_text() == edited


def test_an_untouched_sheet_is_rewritten_exactly_as_generated(tmp_path):
    target = generated(tmp_path, small_sheet("people killed"))
    new = small_sheet("people killed in the attack")
    outcome = update_sheet(Path("seeds/talks.txt"), target, new, dump_sheet(new))
    assert outcome.action == "merged"
    assert target.read_text() == dump_sheet(new) == base_path(target).read_text()


def test_a_damaged_base_counts_as_no_base(tmp_path):
    target = generated(tmp_path, small_sheet("people killed"))
    base_path(target).write_bytes(b"figures: [\xff")
    target.write_text(target.read_text().replace("measure: people killed", "measure: A"))
    new = small_sheet("B")
    outcome = update_sheet(Path("seeds/talks.txt"), target, new, dump_sheet(new))
    assert "no generated version was stored" in str(outcome)
    assert yaml.safe_load(target.read_text())["figures"][0]["measure"] == "A"
    assert base_path(target).read_text() == dump_sheet(new)


def test_a_write_interrupted_half_way_leaves_the_old_sheet(tmp_path, monkeypatch):
    target = tmp_path / "talks.yaml"
    target.write_text("old\n")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["talks.yaml"]


# --- the property: no edit is ever lost -------------------------------------------------------

def _variants() -> dict[str, callable]:
    def drop_paragraph(text: str) -> str:
        return "\n".join(line for line in text.split("\n") if "Netanyahu was due" not in line)

    def reword(text: str) -> str:
        return (text.replace("more than 47,000", "more than 48,000")
                .replace("Hamas spokesperson Abdel-Latif", "Hamas official Abdel-Latif"))

    return {"same": lambda t: t, "quote added": with_new_paragraph,
            "paragraph dropped": drop_paragraph, "reworded": reword}


VARIANTS = _variants()


@cache
def generated_text(variant: str) -> str:
    return dump_sheet(extraction(variant))


@cache
def extraction(variant: str) -> FactSheet:
    """The seed article, changed as the variant says, extracted (once per test session)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gaza.txt"
        path.write_text(VARIANTS[variant](SEED.read_text(encoding="utf-8")), encoding="utf-8")
        return extract_sheet(read_article(path, Path(tmp)))


TEXT_FIELDS = {"actors": ["role", "description", "name"], "places": ["name"],
               "phases": ["name", "duration"], "figures": ["measure", "according_to", "text"],
               "events": ["what", "date_text"], "quotes": ["text"]}
NEW_ITEMS = {
    "actors": "id: added-{n}\nname: Added Person {n}\ntype: person\nrole: null\n"
              "affiliation: null\naliases: []\ndescription: null\n",
    "places": "name: Added Place {n}\ntype: city\n",
    "figures": "value: {n}0001\ntext: '{n}0001'\nqualifier: exact\nunit: ships\n"
               "measure: ships counted by editor {n}\naccording_to: null\n"
               "evidence: Editor {n} counted the ships.\nsource: s1\n",
    "events": "date: null\ndate_text: null\nwhat: Editor {n} added this\n"
              "evidence: Editor {n} saw it.\nsource: s1\n",
    "quotes": "text: Said to editor {n}\nspeaker: null\nevidence: Editor {n} heard it.\n"
              "source: s1\n",
}
EDITS = st.one_of(
    st.tuples(st.just("change"), st.sampled_from(sorted(TEXT_FIELDS)), st.integers(0, 99),
              st.integers(0, 2)),
    st.tuples(st.just("delete"), st.sampled_from(sorted(TEXT_FIELDS)), st.integers(0, 99)),
    st.tuples(st.just("add"), st.sampled_from(sorted(NEW_ITEMS)), st.integers(0, 99)),
    st.tuples(st.just("reorder"), st.sampled_from(sorted(TEXT_FIELDS)), st.integers(1, 5)),
    st.tuples(st.just("comment"), st.integers(0, 10_000), st.booleans()),
    st.tuples(st.just("summary"), st.just(0)),
)


class Editor:
    """Applies random edits to a sheet the way a person would, remembering each one."""

    def __init__(self, text: str):
        self.data = load_roundtrip(text)
        self.changed: dict[tuple[str, int, str], str] = {}  # (list, item, field) -> value
        self.deleted: list[tuple[str, dict]] = []
        self.added: list[tuple[str, object]] = []  # compared as they are at the end
        self.reordered: set[str] = set()
        self.comments: list[tuple[int, bool]] = []

    def apply(self, n: int, edit: tuple) -> None:
        getattr(self, edit[0])(n, *edit[1:])

    def change(self, n: int, kind: str, index: int, which: int) -> None:
        items = self.data[kind]
        if items:
            name = TEXT_FIELDS[kind][which % len(TEXT_FIELDS[kind])]
            item = items[index % len(items)]
            item[name] = self.changed[kind, id(item), name] = f"Edited {name} {n}"

    def summary(self, n: int, _: int) -> None:
        self.data["summary"] = self.changed["", 0, "summary"] = f"The editor's summary {n}."

    def delete(self, n: int, kind: str, index: int) -> None:
        items = self.data[kind]
        if not items:
            return
        item = items.pop(index % len(items))
        self.deleted.append((kind, plain(item)))
        self.added = [(k, x) for k, x in self.added if x is not item]
        self.changed = {k: v for k, v in self.changed.items() if k[1] != id(item)}
        if kind == "actors":  # as an editor would: nothing may point at a deleted actor
            for other in [*self.data["actors"], *self.data["quotes"]]:
                for key in ("affiliation", "speaker"):
                    if other.get(key) == item["id"]:
                        other[key] = None

    def add(self, n: int, kind: str, index: int) -> None:
        item = load_roundtrip(NEW_ITEMS[kind].format(n=n))
        items = self.data[kind]
        items.insert(index % (len(items) + 1), item)
        if items.fa.flow_style():
            items.fa.set_block_style()
        self.added.append((kind, item))

    def reorder(self, n: int, kind: str, shift: int) -> None:
        items = self.data[kind]
        if len(items) > 1:
            moved = [items.pop(0) for _ in range(shift % len(items))]
            items.extend(moved)
            self.reordered.add(kind)

    def comment(self, n: int, where: int, end_of_line: bool) -> None:
        self.comments.append((where, end_of_line))

    def text(self) -> str:
        """The sheet as saved, comments written in by hand after the other edits."""
        text = dump_roundtrip(self.data)
        self.markers = []
        for n, (where, end_of_line) in enumerate(self.comments):
            marker = f"# editor's comment {n}"
            text = with_comment(text, marker, where, end_of_line)
            self.markers += [marker] if marker in text else []
        return text


def with_comment(text: str, comment: str, where: int, end_of_line: bool) -> str:
    """A comment on its own line before a key, or at the end of a key's line."""
    lines = text.split("\n")
    keys = [i for i, line in enumerate(lines) if re.match(r"^ *(- )?[a-z_]+:( |$)", line)]
    i = keys[where % len(keys)]
    if end_of_line and not re.search(r": *[>|][-+]?$", lines[i]):
        lines[i] += f"  {comment}"
    else:
        lines.insert(i, f"{' ' * (len(lines[i]) - len(lines[i].lstrip()))}{comment}")
    changed = "\n".join(lines)
    return changed if yaml.safe_load(changed) == yaml.safe_load(text) else text


def identities(kind: str, items: list) -> list:
    key = IDENTITY[kind][0]
    return [key(item) for item in items]


@settings(max_examples=int(os.environ.get("MERGE_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(EDITS, min_size=1, max_size=6), variant=st.sampled_from(sorted(VARIANTS)),
       with_base=st.booleans())
def test_no_edit_is_lost_and_the_merged_sheet_is_valid(edits, variant, with_base):
    """Without a base (a sheet made before bases were kept) deleted facts may come back.

    60 examples by default; MERGE_EXAMPLES=600 runs it harder (about five minutes).
    """
    editor = Editor(generated_text("same"))
    for n, edit in enumerate(edits):
        editor.apply(n, edit)
    ours = editor.text()
    assert validate_text(ours, "ours.yaml")[1] == [], "the edits themselves keep the sheet valid"

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "gaza.yaml"
        write_atomic(target, ours)
        if with_base:
            write_atomic(base_path(target), generated_text("same"))
        new, text = extraction(variant), generated_text(variant)
        outcome = update_sheet(Path("gaza.txt"), target, new, text)
        assert outcome.action in ("merged", "up to date"), str(outcome)
        merged = target.read_text(encoding="utf-8")
        again = update_sheet(Path("gaza.txt"), target, new, text)
        assert again.action == "up to date" and target.read_text(encoding="utf-8") == merged

    assert validate_text(merged, "merged.yaml")[1] == []
    data = plain(yaml.safe_load(merged))
    for (kind, _, name), value in editor.changed.items():
        found = [data[name]] if not kind else [item.get(name) for item in data[kind]]
        assert value in found, f"the editor's {kind}.{name} {value!r} was lost"
    for kind, item in editor.deleted if with_base else []:
        assert item not in data[kind], f"a deleted {kind} item came back: {item}"
    for kind, item in editor.added:
        assert plain(item) in data[kind], f"an added {kind} item was lost: {plain(item)}"
    for kind in editor.reordered:
        mine = identities(kind, plain(editor.data[kind]))
        kept = [k for k in identities(kind, data[kind]) if k in mine]
        assert kept == [k for k in mine if k in kept], f"the editor's order of {kind} was lost"
    for marker in editor.markers:
        assert marker in merged, f"the comment {marker!r} was lost"


def test_the_round_trip_writes_generated_sheets_unchanged():
    text = dump_sheet(extraction("quote added"))
    assert dump_roundtrip(load_roundtrip(text)) == text
    assert sheets.to_roundtrip("2025-02-04") is not None


# ---- dump_sheet writes fact lists item by item ---------------------------------------------

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                     st.text(max_size=200), st.sampled_from(["2025-02-04", "yes", "null", "- x",
                                                             "a: b", "x" * 95, "y " * 60,
                                                             "a\n  - b", "c\n\n  - d " * 9]))
_ITEM = st.dictionaries(st.sampled_from(["id", "name", "text", "evidence", "also_in", "x"]),
                        st.one_of(_SCALARS, st.lists(_SCALARS, max_size=3)), min_size=1)
_SHEET = st.dictionaries(st.sampled_from(["slug", "title", "actors", "figures", "quotes"]),
                         st.one_of(_SCALARS, st.lists(_ITEM, max_size=4)))


@settings(max_examples=300, deadline=None)
@given(_SHEET)
def test_a_sheet_dumped_item_by_item_is_the_whole_dump(data):
    """Its remembered items make dump_sheet fast on a story; its text must be one dump's."""
    assert dump_sheet(data) == sheets._dump(data)
    assert dump_sheet(data) == sheets._dump(data)  # the second time from what it remembers


def test_the_fixture_and_gold_sheets_dump_as_one_dump_would():
    paths = [*(ROOT / "tests" / "fixtures" / "sheets").glob("*.yaml"),
             *(ROOT.parent / "shared" / "eval" / "dev" / "gold").glob("*.yaml")]
    checked = 0
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            assert dump_sheet(data) == sheets._dump(data), path
            checked += 1
    assert checked >= 10
