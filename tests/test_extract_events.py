"""Events: which dates are happenings, what happened, and when on the calendar."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.articles import parse_text, read_article
from generator.extract.events import extract_events

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_ae57dd23660baea6.txt"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def events(body: str, dateline: str | None = "Thursday, May 7, 2015"):
    """Events of an article with this body, published on the date line's day (or undated)."""
    raw = "Headline\n\n" + (f"{dateline}\n\n" if dateline else "") + body
    return extract_events(parse_text(raw, "x.txt"))


def table(found) -> list[tuple]:
    return [(e.date_text, e.date) for e in found]


def test_seed_events_keep_their_day_as_written_and_no_date():
    found = extract_events(read_article(SEED))
    assert {(e.date_text, e.date) for e in found} >= {
        ("Tuesday", None), ("Jan. 19", None), ("Oct. 7", None)}
    whats = {e.date_text: e.what for e in found if e.date_text != "Tuesday"}
    assert whats["Jan. 19"].startswith("The first phase of the ceasefire")
    assert "went into force" in whats["Jan. 19"] and "Jan. 19" not in whats["Jan. 19"]
    assert whats["Oct. 7"] == "The war began with the Hamas-led attack on Israel"
    tuesdays = [e.what for e in found if e.date_text == "Tuesday"]
    assert any(w.startswith("Talks have started on the second phase") for w in tuesdays)
    assert "Netanyahu was due to hold talks with U.S. President Donald Trump" in tuesdays
    assert all(e.source == "s1" and e.evidence for e in found)


def test_relative_days_resolve_against_the_date_line():
    found = events("Yesterday, the House of Lords passed the bill at third reading. "
                   "The bill is to become law this week and ceremonies are likely to start in "
                   "2016. Ministers met on Tuesday and will meet again on Monday.")
    assert table(found) == [("Yesterday", "2015-05-06"), ("this week", None), ("2016", "2016"),
                            ("Tuesday", "2015-05-05"), ("Monday", "2015-05-11")]
    assert found[0].what == "The House of Lords passed the bill at third reading"
    assert found[1].what == "The bill is to become law"
    assert found[4].what == "Ministers will meet again"


def test_month_day_across_a_year_boundary():
    found = events("The truce went into force on Dec. 30. Talks are due to resume on Jan. 12.",
                   dateline="Friday, January 3, 2025")
    assert table(found) == [("Dec. 30", "2024-12-30"), ("Jan. 12", "2025-01-12")]


def test_without_a_publication_date_relative_dates_stay_text():
    found = events("Police said on Friday that a man was arrested yesterday. "
                   "He was first charged on March 9, 2007.", dateline=None)
    assert table(found) == [("Friday", None), ("yesterday", None), ("March 9, 2007", "2007-03-09")]


def test_a_speakers_today_is_not_an_event_but_a_quoted_year_is():
    found = events('"Today, both sides understand each other," he said. The statement said: '
                   '"We shall make every effort to conclude an agreement before the end of 2008." '
                   '"My life will be better today than it was yesterday," Lord Alli said.')
    assert table(found) == [("the end of 2008", "2008")]
    assert found[0].what == "We shall make every effort to conclude an agreement"


@pytest.mark.parametrize("sentence", [
    "Consumer prices rose 4.5%, up from 4.1% a year ago.",
    "Inflation has stayed above target since 2021.",
    "She held a news conference every Tuesday.",
    "It was the automaker's second recall this year.",
    "It was the second deadly quake to hit the country this year.",
    "The Good Friday Agreement ended the Troubles.",
    "Division A is the Emergency Economic Stabilization Act of 2008.",
    "The 2014 World Cup drew record crowds.",
    "March 5 (Reuters) - Brazil's central bank held rates.",
    "She was greeted during her Sunday visit to Tbilisi.",
])
def test_dates_that_date_no_happening(sentence):
    assert events(sentence) == []


def test_ap_style_weekday_without_on():
    found = events("Dockworkers returned to work Friday after a three-day strike ended.")
    assert table(found) == [("Friday", "2015-05-01")]


def test_the_same_happening_told_twice_is_one_event():
    found = events("A storm yesterday caused a crane to fall into the mosque. The accident, which "
                   "occurred yesterday afternoon, was caused by strong winds. North and South "
                   "Korea exchanged artillery fire on Tuesday. On Tuesday, North Korea fired "
                   "artillery rounds at a loudspeaker in South Korea.")
    assert table(found) == [("yesterday", "2015-05-06"), ("Tuesday", "2015-05-05")]


def test_different_happenings_of_one_day_are_kept_apart():
    found = events("On Sunday, thirteen soldiers were killed in Gaza. Over 60 Palestinians died "
                   "on Sunday in Shujaiya after heavy shelling.")
    assert len(found) == 2


def test_each_coordinated_year_is_an_event():
    found = events("Following acquittals in 2006 and 2008 she headed to Europe.")
    assert table(found) == [("2006", "2006"), ("2008", "2008")]
    assert found[0].what == "Following acquittals she headed to Europe"


def test_what_is_the_clause_carrying_the_date():
    found = events("The Senate passed a bill nearly identical to the bill rejected by the House "
                   "on Monday. Representative Jim Ramstad, who voted against the bill on Monday, "
                   "changed his mind. In a call with Sarkozy on Sunday, Medvedev declared that "
                   "troops would start their pullout on Monday.")
    assert [e.what for e in found] == [
        "The House rejected the bill",
        "Representative Jim Ramstad voted against the bill",
        "Medvedev declared that troops would start their pullout",
        "Troops would start their pullout",
    ]
    assert table(found)[-1] == ("Monday", "2015-05-11")


@pytest.mark.parametrize("body, what", [
    # a date inside a "that" clause dates that clause, told of its nearest noun
    ("The death toll from an earthquake that struck the south on Sunday has risen to 1,300.",
     "An earthquake struck the south"),
    ("Police arrested a man that was seen near the scene on Friday.",
     "A man was seen near the scene"),
    # "that" before a clause's subject, or an object relative, is left as it was
    ("The court rejected an appeal that lawyers filed on Friday.",
     "The court rejected an appeal that lawyers filed"),
])
def test_a_that_clause_carrying_the_date_is_the_event(body, what):
    assert [e.what for e in events(body)] == [what]


@pytest.mark.parametrize("body, kept", [
    # a demand or an obligation is not a happening, nor is a plan named by its year
    ("Its chair said: 'Both sides need to get back in the room this week, not next month.'",
     []),
    ("The talks have to resume on Monday, officials said.", []),
    ("Oil pays for most imports, and the government's 2026 budget assumes a price of $65.", []),
    # what happened beside them still is
    ("The union has to ballot members by March, and it held a vote on Monday.", ["Monday"]),
    ("The 2019 election was won by Labour.", ["2019"]),
])
def test_demands_and_plans_are_not_events(body, kept):
    assert [e.date_text for e in events(body)] == kept


def test_ranges_are_one_event_dated_by_their_start():
    found = events("The first referendum is to be held from November 20 to December 11. "
                   "A survey was carried out between July 2003 and December 2004.")
    assert table(found) == [("November 20 to December 11", "2015-11-20"),
                            ("between July 2003 and December 2004", "2003-07")]


def test_a_content_date_drops_the_attribution_that_follows_it():
    found = events("The army and the RSF will resume negotiations in Jeddah next week, "
                   "mediators said on Sunday.")
    assert [e.what for e in found] == [
        "The army and the RSF will resume negotiations in Jeddah",
        "The army and the RSF will resume negotiations in Jeddah, mediators said",
    ]


def test_wikinews_lords_article():
    found = extract_events(read_article(ARTICLES / "wikinews_amalgum_lords.txt"))
    assert table(found) == [("Yesterday", "2013-07-15"), ("this week", None), ("2014", "2014"),
                            ("yesterday", "2013-07-15")]


def test_wikinews_selek_article_background_years():
    found = extract_events(read_article(ARTICLES / "wikinews_amalgum_selek.txt"))
    dated = [e.date for e in found]
    assert dated[:9] == ["2014-12-19", "1998", "2006", "2008", "2000", "2011", "2012", "2013-01",
                         "2014-06"]
    assert "2014-10" in dated and "2014-04" in dated and "2014-12-05" in dated
