"""Phases: stages named, counted and implied, and the status each clause gives them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.articles import parse_text, read_article
from generator.extract.phases import extract_phases

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_ae57dd23660baea6.txt"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def phases(body: str, dateline: str | None = "Monday, May 6, 2024"):
    raw = "Headline\n\n" + (f"{dateline}\n\n" if dateline else "") + body
    return extract_phases(parse_text(raw, "x.txt"))


def statuses(found) -> list[tuple[int, str]]:
    return [(p.number, p.status) for p in found]


def test_seed_ceasefire_in_three_phases():
    first, second, third = extract_phases(read_article(SEED))
    assert (first.number, first.name, first.status) == (1, "First phase", "in_force")
    assert (first.start_text, first.start) == ("Jan. 19", None)  # no publication year
    assert first.duration == "six weeks"
    assert first.terms == ["a halt to fighting",
                           "the release of some of the Israeli hostages held by Hamas",
                           "the freeing of some Palestinian prisoners"]
    assert (second.number, second.name, second.status) == (2, "Phase two", "negotiating")
    assert second.terms == ["the release of the remaining hostages",
                            "the withdrawal of Israeli troops from Gaza"]
    assert second.start_text is None  # talks started, not the phase
    assert (third.number, third.status) == (3, "unknown")
    assert "three-phase deal" in third.evidence


def test_trade_deal_phases_in_force_negotiating_suspended():
    found = phases("The first phase of the trade deal took effect on Feb. 14, cutting tariffs on "
                   "farm goods. Negotiations on phase two have begun in Geneva. A planned third "
                   "phase was suspended after the talks in March.")
    assert statuses(found) == [(1, "in_force"), (2, "negotiating"), (3, "suspended")]
    assert (found[0].start_text, found[0].start) == ("Feb. 14", "2024-02-14")


def test_bill_readings_second_passed_third_planned():
    found = phases("MPs voted 330 to 275 on Friday to pass the bill at its second reading. The "
                   "bill will return to the Commons for its third reading next year.")
    assert statuses(found) == [(1, "completed"), (2, "completed"), (3, "planned")]
    assert found[0].name == "First reading"  # implied by the second


def test_third_reading_implies_earlier_readings_and_becoming_law_follows():
    found = extract_phases(read_article(ARTICLES / "wikinews_amalgum_lords.txt"))
    assert statuses(found) == [(1, "completed"), (2, "completed"), (3, "completed"),
                               (4, "planned")]
    assert found[2].name == "Third Reading"
    assert (found[2].start_text, found[2].start) == ("Yesterday", "2013-07-15")
    assert found[3].start_text == "this week"


def test_peace_process_in_rounds():
    found = phases("The first round of talks in May last year produced a short-lived ceasefire "
                   "that collapsed within days. A second round, held in October, ended without "
                   "a deal. The third round is due to start on May 14, a Saudi official said.")
    assert statuses(found) == [(1, "completed"), (2, "completed"), (3, "planned")]
    assert (found[2].start_text, found[2].start) == ("May 14", "2024-05-14")


def test_strike_talks_rounds_collapse_and_end():
    found = phases("A first round of talks collapsed in September. A second round of talks, "
                   "mediated by the labor secretary, began on Oct. 30 and ended Thursday night "
                   "with a deal.")
    assert statuses(found) == [(1, "collapsed"), (2, "completed")]


def test_run_off_is_a_second_round():
    found = phases("Petro will face Hernandez in a June 19 run-off after neither won more than "
                   "50% of the vote in Sunday's first round, official results showed.")
    assert statuses(found) == [(1, "completed"), (2, "planned")]
    assert found[1].name == "Run-off"


def test_counted_referendums_and_the_first_named():
    found = phases("The government intends to hold two referendums on the flag. The first "
                   "referendum is to be held from November 20 to December 11.")
    assert statuses(found) == [(1, "planned"), (2, "planned")]
    assert (found[0].name, found[0].start_text) == ("First referendum", "November 20")
    assert found[1].name is None


def test_counted_votes_and_ordinals_pointing_back():
    found = phases("There were two votes in the Senate. The first was to amend the bill, which "
                   "it did. The second was a vote on the bill.")
    assert statuses(found) == [(1, "completed"), (2, "completed")]
    assert [p.name for p in found] == ["First vote", "Second vote"]


def test_a_fourth_acquittal_after_three_trials():
    found = extract_phases(read_article(ARTICLES / "wikinews_amalgum_selek.txt"))
    assert statuses(found) == [(1, "completed"), (2, "completed"), (3, "completed"),
                               (4, "completed")]


def test_a_three_phase_plan_alone_gives_three_unknown_phases():
    found = phases("The two sides agreed a three-phase plan to end the fighting.")
    assert statuses(found) == [(1, "unknown"), (2, "unknown"), (3, "unknown")]


def test_the_final_phase_is_the_last_of_the_count():
    found = phases("The final phase of the three-phase deal will begin in July.")
    assert statuses(found) == [(1, "unknown"), (2, "unknown"), (3, "planned")]


def test_a_clause_about_another_stage_does_not_set_the_status():
    found = phases("Phase two is due to begin in June, once phase one is completed.")
    assert dict(statuses(found))[2] == "planned"


def test_a_six_week_initial_truce_is_the_first_phase_duration():
    found = phases("The first phase went into force on Jan. 19. The initial six-week truce has "
                   "held.")
    assert found[0].duration == "six weeks"


@pytest.mark.parametrize("body", [
    "Mayor Jane Doe won a second term on Tuesday. It was the first time a mayor was re-elected.",
    "Police said a man fired three rounds into the air.",
    "She received a round of applause on the second day of the conference.",
    "Doe called the plan a first step toward cleaner air.",
    "The city will phase out diesel buses. Third-quarter revenue rose.",
    "The measure failed by two votes.",
    "The first leg of her trade trip begins in June.",
])
def test_no_process_in_stages(body):
    assert phases(body) == []


# Processes told without numbered stage nouns (generator/extract/process_stages.py).

def test_bill_through_committee_floor_other_chamber_and_signature():
    found = phases("The Senate Judiciary Committee approved the Safe Harbors Act 12-9 on March 3. "
                   "The full Senate passed the bill 55-44 on Tuesday, and it now goes to the "
                   "House. The White House said the president would sign it.")
    assert statuses(found) == [(1, "completed"), (2, "completed"), (3, "planned"),
                               (4, "planned")]
    assert [p.name for p in found] == ["Senate committee vote", "Senate floor vote",
                                       "House floor vote", "Signature"]
    assert found[0].start_text == "March 3"


def test_the_chamber_that_has_voted_comes_before_the_one_it_goes_to():
    found = phases("The Senate is expected to take up the budget bill next month, after the "
                   "House of Commons approved it on Wednesday.")
    assert [(p.name, p.status) for p in found] == [("Commons floor vote", "completed"),
                                                   ("Senate floor vote", "planned")]


def test_a_committee_that_will_take_up_a_bill_the_other_chamber_passed():
    found = phases("The National Assembly passed the pension bill on Friday. The bill, which "
                   "the upper house finance committee is scheduled to consider on June 2, faces "
                   "opposition there.")
    assert statuses(found) == [(1, "completed"), (2, "planned")]
    assert found[1].name == "Upper house committee vote"


def test_court_case_from_first_instance_to_the_top_court():
    found = phases("A High Court judge ruled in 2022 that the council had acted unlawfully. The "
                   "Court of Appeal overturned that decision last year, and the Supreme Court "
                   "will hear the council's final appeal in October.")
    assert statuses(found) == [(1, "completed"), (2, "completed"), (3, "planned")]
    assert [p.name for p in found] == ["High Court", "Court of Appeal", "Supreme Court"]


def test_appealed_to_the_supreme_court_is_a_stage_to_come():
    found = phases("A federal district court convicted the former governor in 2019. A federal "
                   "appeals court upheld the conviction in March, and her lawyers have appealed "
                   "to the Supreme Court.")
    assert statuses(found) == [(1, "completed"), (2, "completed"), (3, "planned")]


def test_a_top_court_upholding_a_lower_court():
    found = phases("The Constitutional Court on Thursday upheld a lower court's ruling that the "
                   "election law was valid.")
    assert [(p.name, p.status) for p in found] == [("Lower court", "completed"),
                                                   ("Constitutional Court", "completed")]


def test_takeover_by_exchange_offer_then_merger():
    found = phases("Norrland Paper said it would buy Baltic Pulp in a two-step deal: an exchange "
                   "offer for all Baltic shares starting next week, followed by a merger.")
    assert [(p.name, p.status) for p in found] == [("Exchange offer", "planned"),
                                                   ("Merger", "planned")]


def test_takeover_with_the_tender_offer_done_and_the_merger_to_come():
    found = phases("Acme completed its tender offer for Beta Corp on Friday after 87% of shares "
                   "were tendered. It then expects to complete the second-step merger next month.")
    assert statuses(found) == [(1, "completed"), (2, "planned")]


@pytest.mark.parametrize("body", [
    "The Supreme Court on Monday ruled that the tax was lawful.",
    "The Supreme Court on Monday declined to take up the case. Protesters gathered outside.",
    ("Justice Maria Lopez, who has sat on the Supreme Court since 2010, spoke at a High Court "
     "dinner."),
    "Senate Majority Leader Jane Roe said the House should pass the bill quickly.",
    "The House passed the bill on Thursday.",
    "The White House said the president would sign the bill.",
    "The Senate Armed Services Committee held a hearing on the war; the House is in recess.",
    "The company said it would consider a merger. Shareholders rejected an earlier tender offer.",
    'The senator said: "The Senate passed this bill and the House will pass it too."',
    "Senate Democrats and House Republicans met on Monday to discuss the bill.",
])
def test_no_process_told_in_stages(body):
    assert phases(body) == []
