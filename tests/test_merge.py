"""The three-way merge of a fact sheet, one rule at a time, on small readable sheets.

Each test writes the base (the last generated version), ours (the editor's sheet) and theirs
(the new extraction) as YAML, merges, and looks at the merged text.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.merge import (
    MergeError,
    _merge_plain,
    merge_canonical,
    merge_sheet,
    merge_unedited,
    plain,
)
from generator.merge_report import lines_of
from generator.sheets import dump_sheet

BASE = """\
schema: 1
slug: talks
title: Talks start
summary: Talks have started.
sources:
  - id: s1
    title: Talks start
    publisher: Reuters
    published: 2025-02-04
    path: seeds/talks.txt
actors:
  - id: hamas
    name: Hamas
    type: organization
    role: null
    affiliation: null
    aliases: []
    description: Palestinian militant group
  - id: abdel-latif-al-qanoua
    name: Abdel-Latif Al-Qanoua
    type: person
    role: Hamas spokesperson
    affiliation: hamas
    aliases:
      - Qanoua
    description: null
places:
  - name: Doha
    type: city
phases:
  - number: 1
    name: First phase
    status: in_force
    start: 2025-01-19
    start_text: Jan. 19
    duration: six weeks
    terms:
      - a halt to fighting
    evidence: The first phase went into force on Jan. 19.
figures:
  - value: 47000
    text: more than 47,000
    qualifier: more_than
    unit: people
    measure: Palestinians killed
    according_to: Palestinian health authorities
    evidence: The campaign has killed more than 47,000 Palestinians, health authorities say.
    source: s1
  - value: 1200
    text: 1,200
    qualifier: exact
    unit: people
    measure: people killed on Oct. 7
    according_to: Israeli tallies
    evidence: 1,200 people were killed, according to Israeli tallies.
    source: s1
events:
  - date: 2025-01-19
    date_text: Jan. 19
    what: The first phase went into force
    evidence: The first phase went into force on Jan. 19.
    source: s1
quotes:
  - text: Contacts and negotiation on the second phase have begun
    speaker: abdel-latif-al-qanoua
    evidence: '"Contacts and negotiation on the second phase have begun," Qanoua said.'
    source: s1
review:
  status: draft
  notes: []
"""


def edit(text: str, *replacements: tuple[str, str]) -> str:
    """The text with each (old, new) replaced once; old must be there."""
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def merge(ours: str, theirs: str, base: str | None = BASE):
    """Merge; returns (merged text, merged data, report)."""
    result = merge_sheet(ours, plain(yaml.safe_load(theirs)),
                         yaml.safe_load(base) if base is not None else None)
    return result.text, yaml.safe_load(result.text), result.report


NEW_QUOTE = """\
  - text: We are hopeful
    speaker: sharren-haskel
    evidence: 'She said: "We are hopeful."'
    source: s1
review:"""

HASKEL = """\
  - id: sharren-haskel
    name: Sharren Haskel
    type: person
    role: Israeli deputy foreign minister
    affiliation: null
    aliases: []
    description: null
places:"""


# --- values ---------------------------------------------------------------------------------

def test_nothing_new_returns_the_editors_text_byte_for_byte():
    ours = edit(BASE, ("role: Hamas spokesperson", "role: Spokesman  # checked"),
                ("  notes: []\n", "  notes: []\n# an editor's note\n"))
    text, _, report = merge(ours, BASE)
    assert text == ours
    assert report.changes == 0 and report.kept == 1


def test_a_value_the_editor_did_not_touch_takes_the_new_extraction():
    theirs = edit(BASE, ("measure: Palestinians killed", "measure: Palestinians killed in Gaza"))
    _text, data, report = merge(BASE, theirs)
    assert data["figures"][0]["measure"] == "Palestinians killed in Gaza"
    assert (report.updated, report.kept, report.conflicts) == (1, 0, [])


def test_a_value_the_editor_changed_stays_as_the_editor_left_it():
    ours = edit(BASE, ("role: Hamas spokesperson", "role: Spokesman for Hamas"))
    theirs = edit(BASE, ("description: Palestinian militant group", "description: Militant group"))
    _, data, report = merge(ours, theirs)
    assert data["actors"][1]["role"] == "Spokesman for Hamas"
    assert data["actors"][0]["description"] == "Militant group"
    assert (report.updated, report.kept) == (1, 1)


def test_both_changing_a_value_the_same_way_is_no_conflict():
    ours = theirs = edit(BASE, ("according_to: Israeli tallies", "according_to: Israel"))
    text, _, report = merge(ours, theirs)
    assert text == ours and report.conflicts == []


def test_a_real_conflict_keeps_the_editors_value_and_says_where():
    ours = edit(BASE, ("measure: people killed on Oct. 7", "measure: A"))
    theirs = edit(BASE, ("measure: people killed on Oct. 7", "measure: B"))
    text, data, report = merge(ours, theirs)
    assert data["figures"][1]["measure"] == "A"
    [conflict] = report.conflicts
    assert conflict.message == ("conflict in figures[1].measure: you have 'A', "
                                "the new extraction has 'B'; kept yours")
    assert text.splitlines()[conflict.line - 1] == "    measure: A"
    [note] = data["review"]["notes"]
    assert "figures[1].measure" in note and "'B'" in note


def test_a_conflict_note_is_added_once():
    ours = edit(BASE, ("measure: people killed on Oct. 7", "measure: A"))
    theirs = edit(BASE, ("measure: people killed on Oct. 7", "measure: B"))
    once, _, _ = merge(ours, theirs)
    _twice, data, _ = merge(once, theirs)
    assert len(data["review"]["notes"]) == 1


def test_a_key_the_extraction_adds_goes_where_the_extraction_puts_it():
    theirs = edit(BASE, ("    path: seeds/talks.txt\n",
                         "    path: seeds/talks.txt\n    url: https://example.org/talks\n"))
    ours = edit(BASE, ("    publisher: Reuters\n", "    publisher: Reuters  # checked\n"))
    text, data, _ = merge(ours, theirs)
    assert list(data["sources"][0]) == ["id", "title", "publisher", "published", "path", "url"]
    assert "    publisher: Reuters  # checked\n" in text


def test_a_key_the_editor_removed_stays_removed():
    ours = edit(BASE, ("    description: Palestinian militant group\n", ""))
    _text, data, report = merge(ours, BASE)
    assert "description" not in data["actors"][0] and report.kept == 1


# --- lists of facts -------------------------------------------------------------------------

def test_an_item_the_editor_deleted_stays_deleted_even_when_the_extraction_changed_it():
    figure = BASE[BASE.index("  - value: 1200"):BASE.index("events:")]
    ours = edit(BASE, (figure, ""))
    theirs = edit(BASE, ("according_to: Israeli tallies", "according_to: Israeli officials"))
    _, data, report = merge(ours, theirs)
    assert [f["value"] for f in data["figures"]] == [47000]
    assert report.conflicts == []


def test_an_item_the_editor_added_stays():
    ours = edit(BASE, ("places:", HASKEL))
    _, data, report = merge(ours, BASE)
    assert [a["id"] for a in data["actors"]][-1] == "sharren-haskel"
    assert report.kept == 1


def test_a_new_extracted_item_is_added_and_looks_like_the_generated_lines():
    theirs = edit(BASE, ("places:", HASKEL), ("review:", NEW_QUOTE))
    ours = edit(BASE, ("role: Hamas spokesperson", "role: Spokesman"))
    text, data, report = merge(ours, theirs)
    assert data["quotes"][-1]["text"] == "We are hopeful"
    assert data["quotes"][-1]["speaker"] == "sharren-haskel"
    assert data["actors"][1]["role"] == "Spokesman"
    assert report.added == 2
    assert HASKEL.replace("places:", "") in text
    assert NEW_QUOTE.replace("review:", "") in text


def test_a_new_item_goes_after_the_item_it_follows_in_the_extraction():
    theirs = edit(BASE, ("  - name: Doha\n    type: city\n",
                         ("  - name: Doha\n    type: city\n  - name: Cairo\n    type: city\n"
                         "  - name: Gaza\n    type: region\n")))
    ours = edit(BASE, ("  - name: Doha\n    type: city\n",
                       "  - name: Jerusalem\n    type: city\n  - name: Doha\n    type: city\n"))
    _, data, _ = merge(ours, theirs)
    assert [p["name"] for p in data["places"]] == ["Jerusalem", "Doha", "Cairo", "Gaza"]


def test_an_item_the_extraction_no_longer_finds_goes_unless_the_editor_touched_it():
    figure = BASE[BASE.index("  - value: 1200"):BASE.index("events:")]
    theirs = edit(BASE, (figure, ""))
    _, data, report = merge(BASE, theirs)
    assert [f["value"] for f in data["figures"]] == [47000] and report.removed == 1

    ours = edit(BASE, ("according_to: Israeli tallies", "according_to: Israel"))
    text, data, report = merge(ours, theirs)
    assert [f["value"] for f in data["figures"]] == [47000, 1200]
    [conflict] = report.conflicts
    assert conflict.message == ("conflict in figures[1]: you changed this item, the new "
                                "extraction no longer has it; kept yours")
    assert text.splitlines()[conflict.line - 1] == "  - value: 1200"


def test_an_item_the_editor_commented_is_the_editors():
    figure = BASE[BASE.index("  - value: 1200"):BASE.index("events:")]
    theirs = edit(BASE, (figure, ""))
    ours = edit(BASE, ("    text: 1,200\n", "    text: 1,200  # the army's figure\n"))
    text, _data, report = merge(ours, theirs)
    assert "# the army's figure" in text and len(report.conflicts) == 1


def test_the_editors_order_is_kept():
    doha = "  - name: Doha\n    type: city\n"
    ours = edit(BASE, (doha, "  - name: Cairo\n    type: city\n" + doha))
    ours = edit(ours, ("  - name: Cairo\n    type: city\n  - name: Doha\n    type: city\n",
                       doha + "  - name: Cairo\n    type: city\n"))
    theirs = edit(BASE, ("type: city", "type: site"))
    _, data, _ = merge(ours, theirs)
    assert [(p["name"], p["type"]) for p in data["places"]] == [("Doha", "site"), ("Cairo", "city")]


@pytest.mark.parametrize(("mine", "new", "kind", "expected"), [
    # figures: (value, unit), else the evidence sentence
    (("value: 47000", "value: 48000"), ("measure: Palestinians killed", "measure: Gazans killed"),
     "figures", {"value": 48000, "measure": "Gazans killed"}),
    # events: (date_text, what), else the evidence
    (("what: The first phase went into force", "what: Phase one began"),
     ("  - date: 2025-01-19", "  - date: 2025-01-20"),
     "events", {"what": "Phase one began", "date": "2025-01-20"}),
    # quotes: the text, else the evidence
    (("- text: Contacts and", "- text: Contact and"), ("speaker: abdel-latif-al-qanoua", "speaker: hamas"),
     "quotes", {"text": "Contact and negotiation on the second phase have begun", "speaker": "hamas"}),
    # phases: the number
    (("name: First phase", "name: Phase one"), ("status: in_force", "status: completed"),
     "phases", {"name": "Phase one", "status": "completed"}),
    # actors: the id, else the name
    (("  - id: hamas\n", "  - id: hamas-movement\n"), ("Palestinian militant group", "Militants"),
     "actors", {"id": "hamas-movement", "description": "Militants"}),
])
def test_an_item_the_editor_changed_is_still_matched_by_its_identity(mine, new, kind, expected):
    ours, theirs = edit(BASE, mine), edit(BASE, new)
    _, data, report = merge(ours, theirs)
    assert len(data[kind]) == len(yaml.safe_load(BASE)[kind]), "matched, not added again"
    assert {k: plain(data[kind][0][k]) for k in expected} == expected
    assert report.conflicts == []


def test_a_new_quote_follows_the_editors_new_id_for_its_speaker():
    ours = edit(BASE, ("id: abdel-latif-al-qanoua", "id: qanoua"),
                ("speaker: abdel-latif-al-qanoua", "speaker: qanoua"))
    theirs = edit(BASE, ("review:", NEW_QUOTE.replace("sharren-haskel", "abdel-latif-al-qanoua")))
    _, data, _ = merge(ours, theirs)
    assert [q["speaker"] for q in data["quotes"]] == ["qanoua", "qanoua"]


def test_a_new_quote_by_an_actor_the_editor_deleted_gets_no_speaker_and_a_note():
    actor = BASE[BASE.index("  - id: abdel-latif"):BASE.index("places:")]
    ours = edit(BASE, (actor, ""), ("speaker: abdel-latif-al-qanoua", "speaker: null"))
    theirs = edit(BASE, ("review:", NEW_QUOTE.replace("sharren-haskel", "abdel-latif-al-qanoua")))
    _, data, _ = merge(ours, theirs)
    assert data["quotes"][-1]["speaker"] is None
    assert "quotes[1].speaker" in data["review"]["notes"][0]


def test_an_empty_list_gets_its_first_item_one_per_line():
    ours = edit(BASE, (BASE[BASE.index("quotes:"):BASE.index("review:")], "quotes: []\n"))
    base = ours
    theirs = edit(BASE, ("review:", NEW_QUOTE))
    text, data, _ = merge(ours, theirs, base)
    assert [q["text"] for q in data["quotes"]] == [
        "Contacts and negotiation on the second phase have begun", "We are hopeful"]
    assert "quotes:\n  - text: Contacts" in text


# --- lists of text --------------------------------------------------------------------------

def test_text_lists_merge_entry_by_entry():
    ours = edit(BASE, ("      - Qanoua\n", "      - Al-Qanoua\n"))
    theirs = edit(BASE, ("      - Qanoua\n", "      - Qanoua\n      - Abdel-Latif\n"),
                  ("      - a halt to fighting\n", "      - a halt to fighting\n      - hostages\n"))
    _, data, _ = merge(ours, theirs)
    assert data["actors"][1]["aliases"] == ["Al-Qanoua", "Abdel-Latif"]
    assert data["phases"][0]["terms"] == ["a halt to fighting", "hostages"]


def test_a_review_note_the_editor_deleted_stays_deleted():
    base = edit(BASE, ("  notes: []\n", "  notes:\n    - Check the date.\n"))
    theirs = edit(base, ("    - Check the date.\n", "    - Check the date.\n    - Who said it?\n"))
    ours = edit(base, ("  notes:\n    - Check the date.\n", "  notes: []\n"),
                ("status: draft", "status: reviewed"))
    _, data, _ = merge(ours, theirs, base)
    assert data["review"] == {"status": "reviewed", "notes": ["Who said it?"]}


# --- comments, formatting, no base ----------------------------------------------------------

def test_comments_key_order_and_quoting_survive():
    ours = edit(BASE, ("slug: talks\n", "# Checked by the desk on Friday.\nslug: talks\n"),
                ("    type: organization\n    role: null\n",
                 "    role: null\n    type: organization  # not a state\n"),
                ("title: Talks start\n", "title: 'Talks start'\n"))
    theirs = edit(BASE, ("review:", NEW_QUOTE), ("places:", HASKEL))
    text, _, _ = merge(ours, theirs)
    assert "# Checked by the desk on Friday.\nslug: talks\n" in text
    assert "    role: null\n    type: organization  # not a state\n" in text
    assert "title: 'Talks start'\n" in text


def test_without_a_base_the_editors_sheet_is_kept_and_only_new_items_are_added():
    ours = edit(BASE, ("role: Hamas spokesperson", "role: Spokesman"))
    theirs = edit(BASE, ("role: Hamas spokesperson", "role: spokesperson"), ("review:", NEW_QUOTE),
                  ("places:", HASKEL))
    _, data, report = merge(ours, theirs, base=None)
    assert data["actors"][1]["role"] == "Spokesman"
    assert data["quotes"][-1]["text"] == "We are hopeful"
    assert report.added == 2 and report.conflicts == []


def test_a_sheet_that_cannot_be_read_is_not_merged():
    with pytest.raises(MergeError):
        merge("title: [unclosed\n", BASE)
    with pytest.raises(MergeError):
        merge("- a list\n", BASE)


def test_a_new_item_whose_id_the_editor_gave_to_another_is_a_conflict():
    ours = edit(BASE, ("  - id: hamas\n", "  - id: sharren-haskel\n"))
    theirs = edit(BASE, ("places:", HASKEL))
    _, data, report = merge(ours, theirs)
    assert [a["name"] for a in data["actors"]] == ["Hamas", "Abdel-Latif Al-Qanoua"]
    [conflict] = report.conflicts
    assert conflict.message == ("conflict in actors[0].id: the new extraction has another actor "
                                "with this id ('Sharren Haskel'); it was not added; kept yours")


# --- a sheet the editor left as generated ---------------------------------------------------

UNEDITED_CHANGES = {
    "a value": [("measure: Palestinians killed", "measure: Palestinians killed in Gaza")],
    "new items": [("review:", NEW_QUOTE), ("places:", HASKEL)],
    "an item gone": [("  - value: 1200\n", "  - value: 1201\n")],
    "text entries": [("      - Qanoua\n", "      - Abdel-Latif\n")],
    "nothing": [],
}


@pytest.mark.parametrize("change", UNEDITED_CHANGES)
def test_an_unedited_sheet_is_reported_as_the_full_merge_reports_it(change):
    """merge_unedited stands in for merge_sheet when ours is the base: same counts, and the
    full merge's result is the new extraction itself."""
    theirs = edit(BASE, *UNEDITED_CHANGES[change])
    _, data, report = merge(BASE, theirs)
    quick = merge_unedited(plain(yaml.safe_load(theirs)), yaml.safe_load(BASE))
    assert quick is not None and str(quick) == str(report)
    assert plain(data) == plain(yaml.safe_load(theirs))


def test_an_unedited_sheet_whose_merge_would_add_a_note_is_left_to_the_full_merge():
    theirs = edit(BASE, ("review:", NEW_QUOTE))  # speaker: an actor the sheet does not have
    _, data, _ = merge(BASE, theirs)
    assert "quotes[1].speaker" in data["review"]["notes"][0]
    assert merge_unedited(plain(yaml.safe_load(theirs)), yaml.safe_load(BASE)) is None


# Small alphabets, so that ids, names and entries collide: twins, clashes, renames.
# Actors and sources have ids, as generated; references may be empty.
_ID = st.sampled_from(["a", "b", "c"])
_REF = st.sampled_from(["a", "b", "d", None])
_SOURCE = st.fixed_dictionaries({"id": _ID}, optional={
    "path": st.sampled_from(["p1", "p2"]), "url": st.sampled_from(["u1", None])})
_ACTOR = st.fixed_dictionaries({"id": _ID}, optional={
    "name": st.sampled_from(["Ann", "ann", "Bo", None]), "affiliation": _REF, "source": _REF,
    "aliases": st.lists(st.sampled_from(["x", "y", "z"]), max_size=3),
    "roles": st.lists(st.fixed_dictionaries({"role": _REF, "source": _REF}), max_size=2)})
_QUOTE = st.fixed_dictionaries({"text": st.sampled_from(["q", "r", None])}, optional={
    "speaker": _REF, "source": _REF, "evidence": st.sampled_from(["e", "f"])})
_SHEET = st.fixed_dictionaries({}, optional={
    "title": st.sampled_from(["T", "U"]), "source": _REF,
    "sources": st.lists(_SOURCE, max_size=4), "actors": st.lists(_ACTOR, max_size=4),
    "quotes": st.lists(_QUOTE, max_size=3),
    "places": st.lists(st.fixed_dictionaries({"name": st.sampled_from(["P", "Q", None])}),
                       max_size=2),
    "review": st.fixed_dictionaries({}, optional={
        "notes": st.lists(st.sampled_from(["n", "m"]), max_size=3)})})


@st.composite
def _next_extraction(draw, base: dict) -> dict:
    """What an extraction makes of the sheet's articles next time: each key as it was,
    shuffled, new or gone."""
    def varied(value):
        if isinstance(value, dict):
            return {k: varied(v) for k, v in value.items()}
        if isinstance(value, list):
            value = draw(st.permutations(value)) if draw(st.booleans()) else value
            return [varied(v) for v in value]
        return value
    fresh, gone = draw(_SHEET), object()
    choices = {k: [base[k], varied(base[k]), gone] if k in base else [] for k in base}
    for k, v in fresh.items():
        choices.setdefault(k, []).append(v)
    picked = {k: draw(st.sampled_from(c)) for k, c in choices.items()}
    return {k: v for k, v in picked.items() if v is not gone}


@settings(max_examples=1000, deadline=None)
@given(data=st.data(), base=_SHEET)
def test_an_unedited_sheets_merge_is_counted_as_the_walk_counts_it(data, base):
    """merge_unedited counts on plain data what the merge walk does to a sheet left as
    generated (ours is base): the same counts, and None where the walk conflicts or notes."""
    theirs = data.draw(st.one_of(_SHEET, _next_extraction(base)))
    _, report, notes = _merge_plain(base, theirs, base)
    walked = None if notes or report.conflicts else report
    assert merge_unedited(theirs, base) == walked


def test_an_actor_the_extraction_renamed_leaves_the_unedited_sheet_to_the_full_merge():
    """The walk keeps the sheet's id for the actor it finds by name, and follows it in the
    references it sets; the renamed actor's quote then names an id the sheet no longer has."""
    base = {"actors": [{"id": "ann", "name": "Ann"}], "quotes": [{"text": "q", "speaker": None}]}
    theirs = {"actors": [{"id": "ann-2", "name": "Ann"}],
              "quotes": [{"text": "q", "speaker": "ann-2"}]}
    _, _, notes = _merge_plain(base, theirs, base)
    assert notes and merge_unedited(theirs, base) is None
    theirs["actors"][0]["id"] = "ann"
    theirs["quotes"][0]["speaker"] = "ann"
    assert str(merge_unedited(theirs, base)) == "0 added, 1 updated, 0 edits kept, 0 conflicts"


def test_a_text_list_the_editor_left_alone_takes_the_extractions_order():
    """A story re-sorts `also_in` when an older source arrives. Kept in the base's order, the
    merged list would differ from the next base, and a later merge would take that for an
    edit: a false 'you changed this item' when the extraction drops the event."""
    also = "    source: s1\nquotes:"
    base = edit(BASE, (also, "    source: s1\n    also_in:\n      - s3\n      - s2\nquotes:"))
    ours = edit(base, ("status: draft", "status: reviewed"))  # an edit elsewhere: the long way
    theirs = edit(base, ("      - s3\n      - s2\n", "      - s2\n      - s3\n      - s4\n"))
    text, data, report = merge(ours, theirs, base)
    assert data["events"][0]["also_in"] == ["s2", "s3", "s4"]
    assert (report.kept, report.conflicts) == (1, [])
    event = theirs[theirs.index("events:\n") + 8:theirs.index("quotes:")]
    _, later, report = merge(text, edit(theirs, (event, "")).replace("events:", "events: []"),
                             theirs)
    assert later["events"] == [] and report.conflicts == []



# --- a sheet with edited values and nothing else of the editor's ----------------------------

_ACTOR = BASE[BASE.index("  - id: abdel-latif"):BASE.index("places:")]
_FIGURE = BASE[BASE.index("  - value: 1200"):BASE.index("events:")]
CANONICAL_EDITS = {  # (the editor's changes, the new extraction's)
    "both sides change values": ([("role: Hamas spokesperson", "role: Spokesman for Hamas")],
                                 [("description: Palestinian militant group", "description: X")]),
    "a conflict": ([("measure: people killed on Oct. 7", "measure: A")],
                   [("measure: people killed on Oct. 7", "measure: B")]),
    "an item the editor changed is dropped": ([("according_to: Israeli tallies",
                                                "according_to: Israel")], [(_FIGURE, "")]),
    "a deleted item stays deleted": ([(_FIGURE, "")], [("according_to: Israeli tallies", "according_to: IDF")]),
    "a new fact by a deleted actor": ([(_ACTOR, ""), ("speaker: abdel-latif-al-qanoua",
                                                      "speaker: null")],
                                      [("review:", NEW_QUOTE.replace("sharren-haskel",
                                                                     "abdel-latif-al-qanoua"))]),
    "text entries on both sides": ([("      - Qanoua\n", "      - Al-Qanoua\n")],
                                   [("      - a halt to fighting\n",
                                     "      - a halt to fighting\n      - hostages\n")]),
    "new items": ([("status: draft", "status: reviewed")], [("review:", NEW_QUOTE),
                                                            ("places:", HASKEL)]),
}


@pytest.mark.parametrize("case", CANONICAL_EDITS)
def test_a_canonical_sheet_merges_as_plain_data_as_the_round_trip_would(case):
    """merge_canonical stands in for merge_sheet when the editor's sheet is what dump_sheet
    writes of its data: the same data, counts, conflicts and their lines."""
    mine, new = CANONICAL_EDITS[case]
    ours, theirs = edit(BASE, *mine), edit(BASE, *new)
    assert dump_sheet(plain(yaml.safe_load(ours))) == ours  # the case this path is for
    text, data, report = merge(ours, theirs)
    merged, quick = merge_canonical(plain(yaml.safe_load(ours)), plain(yaml.safe_load(theirs)),
                                    plain(yaml.safe_load(BASE)))
    assert merged == plain(data)
    assert str(quick) == str(report)
    written = dump_sheet(merged)
    lines_of(written, quick.conflicts)
    assert [(c.message, written.splitlines()[c.line - 1]) for c in quick.conflicts] == \
        [(c.message, text.splitlines()[c.line - 1]) for c in report.conflicts]
