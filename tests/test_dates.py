"""Date expressions: finding them in a sentence, reading their tense, resolving them."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract import dates
from generator.extract.dates import direction, find_dates, resolve

THURSDAY = dt.date(2015, 5, 7)  # the publication date most tests count from


def texts(sentence: str) -> list[str]:
    return [d.text for d in find_dates(sentence)]


def only(sentence: str) -> dates.DateMention:
    found = find_dates(sentence)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("sentence, expected", [
    ("The ceasefire went into force on Jan. 19 after 15 months of war.", ["Jan. 19"]),
    ("H.R.1424 was introduced on March 9, 2007, by Rep. Kennedy.", ["March 9, 2007"]),
    ("On 10/1/2008, the Senate passed the bill, which required 3/5 to be accepted.",
     ["10/1/2008"]),
    ("The talks collapsed on 5 March and resumed on the 12th of April.",
     ["5 March", "the 12th of April"]),
    ("Sunday 5 March 2023 was the day.", ["Sunday 5 March 2023"]),
    ("She was kidnapped in February 2002 while campaigning.", ["February 2002"]),
    ("A warrant was cancelled in October.", ["October"]),
    ("That sentence was cancelled in June this year.", ["June this year"]),
    ("Mr Key spoke on Waitangi Day - February 6 - this year.",
     ["Waitangi Day - February 6 - this year"]),
    ("The referendum is to be held from November 20 to December 11.",
     ["November 20 to December 11"]),
    ("A survey was carried out between July 2003 and December 2004.",
     ["between July 2003 and December 2004"]),
    ("Following exonerations in 2006 and 2008 she headed to Europe.", ["2006", "2008"]),
    ("The meeting is scheduled for April 16-17.", ["April 16-17"]),
    ("Police said last night that two men died.", ["last night"]),
    ("The accident, which occurred yesterday afternoon, was caused by wind.",
     ["yesterday afternoon"]),
    ("Netanyahu's office said earlier on Tuesday that a delegation would go.",
     ["earlier on Tuesday"]),
    ("Earlier this week, the minister stated that talks should resume.", ["Earlier this week"]),
    ("They are looking at guidelines by the end of the year.", ["by the end of the year"]),
    ("Voters would then choose early in 2016.", ["early in 2016"]),
    ("That was set aside the following year.", ["the following year"]),
    ("Officials said two days ago that the plan would start next month.",
     ["two days ago", "next month"]),
    ("Neither won a majority in Sunday's first round.", ["Sunday"]),
    # two days of one month are one mention, dated by the first
    ("Drivers will walk out on 27 and 28 March.", ["27 and 28 March"]),
    ("Strikes are planned from 3 to 5 June.", ["3 to 5 June"]),
    ("Talks will be held on March 27 and 28 in Geneva.", ["March 27 and 28"]),
    ("The vote was on March 4 and 12 people died.", ["March 4"]),
])
def test_finds_date_expressions_as_written(sentence, expected):
    assert texts(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Division A is referred to as the Emergency Economic Stabilization Act of 2008.",
    "Estimates suggest 2000 people may be at sea.",
    "The recall covers 2011-2019 model year vehicles.",
    "The 2014 World Cup drew record crowds.",
    "The company paid $2019 in fees.",
    "Theresa May may resign.",
    "The March on Washington drew thousands.",
    "Prices rose 1998 percent.",
])
def test_numbers_and_names_are_not_dates(sentence):
    assert texts(sentence) == []


def test_two_days_of_a_month_resolve_to_the_first():
    published = dt.date(2025, 3, 12)
    assert resolve(only("Drivers will walk out on 27 and 28 March."), published, "future") \
        == "2025-03-27"
    assert resolve(only("Talks were held on March 3 to 5."), published) == "2025-03-03"


def test_a_year_before_a_lowercase_noun_is_a_year_only_after_a_preposition():
    assert texts("He was cleared of killing seven in the 1998 bomb attack.") == ["1998"]
    assert texts("The 2000 publication of a report cleared her.") == ["2000"]
    assert texts("Output fell to 1998 levels.") == ["1998"]


@pytest.mark.parametrize("sentence, date_text, expected", [
    ("Russian troops would start their pullout on Monday.", "Monday", "future"),
    ("Medvedev declared on Sunday that troops would leave on Monday.", "Sunday", "past"),
    ("Medvedev declared on Sunday that troops would leave on Monday.", "Monday", "future"),
    ("On Sunday, thirteen soldiers were killed.", "Sunday", "past"),
    ("The summit opens on Tuesday.", "Tuesday", "future"),
    ("A draft resolution being considered for adoption on Tuesday calls for talks.", "Tuesday",
     "future"),
    ("The broadcasts began on August 10 and Seoul says they will continue.", "August 10", "past"),
    ("The first meeting is set to take place in Christchurch on May 16.", "May 16", "future"),
    ("Talks have started on the second phase, Hamas said on Tuesday.", "Tuesday", "past"),
])
def test_direction_reads_the_tense_of_the_clause_a_date_belongs_to(sentence, date_text, expected):
    d = next(d for d in find_dates(sentence) if d.text == date_text)
    assert direction(sentence, d) == expected


@pytest.mark.parametrize("text, when, expected", [
    ("on Tuesday", "past", "2015-05-05"),  # the most recent Tuesday before a Thursday paper
    ("on Tuesday", "future", "2015-05-12"),
    ("on Friday", "past", "2015-05-01"),
    ("on Friday", "future", "2015-05-08"),
    ("on Thursday", "past", "2015-05-07"),  # the paper's own weekday is that day
    ("on Thursday", "future", "2015-05-07"),
    ("last Friday", "future", "2015-05-01"),
    ("next Tuesday", "past", "2015-05-12"),
    ("yesterday", "past", "2015-05-06"),
    ("today", "past", "2015-05-07"),
    ("tomorrow", "future", "2015-05-08"),
    ("last month", "past", "2015-04"),
    ("next month", "future", "2015-06"),
    ("last year", "past", "2014"),
    ("this week", "past", None),  # a week is no calendar date
    ("in October", "past", "2014-10"),
    ("in October", "future", "2015-10"),
    ("in June this year", "past", "2015-06"),
    ("on May 16", "future", "2015-05-16"),
    ("on May 16", "past", "2014-05-16"),
    ("on March 9, 2007", "future", "2007-03-09"),
    ("by the end of the year", "future", "2015"),
])
def test_resolves_against_the_publication_date(text, when, expected):
    assert resolve(only(f"It happened {text}."), THURSDAY, when) == expected


@pytest.mark.parametrize("published, expected", [
    (dt.date(2025, 2, 4), "2025-01-19"),
    (dt.date(2025, 1, 10), "2024-01-19"),  # not yet Jan. 19 this year: last year's
    (dt.date(2025, 1, 19), "2025-01-19"),
])
def test_month_day_is_the_most_recent_one_not_after_publication(published, expected):
    assert resolve(only("It went into force on Jan. 19."), published, "past") == expected


def test_a_future_month_day_crosses_into_next_year():
    assert resolve(only("Talks will resume on Jan. 5."), dt.date(2024, 12, 20), "future") \
        == "2025-01-05"


@pytest.mark.parametrize("text", ["on Tuesday", "yesterday", "last month", "on Jan. 19",
                                  "in October", "next week"])
def test_nothing_relative_resolves_without_a_publication_date(text):
    assert resolve(only(f"It happened {text}."), None, "past") is None


def test_explicit_dates_resolve_without_a_publication_date():
    assert resolve(only("It began on March 9, 2007."), None) == "2007-03-09"
    assert resolve(only("It began in February 2002."), None) == "2002-02"
    assert resolve(only("It began in 1998."), None) == "1998"


def test_the_following_year_counts_from_the_year_named_before():
    d = only("That was set aside the following year.")
    assert resolve(d, THURSDAY, "past", anchor_year=2011) == "2012"
    assert resolve(d, THURSDAY, "past") is None


def test_dateparser_answers_are_cached():
    dates._parse.cache_clear()
    d = only("It happened on Tuesday.")
    resolve(d, THURSDAY, "past")
    resolve(d, THURSDAY, "past")
    info = dates._parse.cache_info()
    assert (info.misses, info.hits) == (1, 1)
