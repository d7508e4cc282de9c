"""Quotes: which quoted words are quotations, how split ones join, and who said them."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.articles import parse_text, read_article
from generator.extract.quotemarks import find_spans
from generator.extract.quotes import extract_quotes
from generator.model import Actor

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_ae57dd23660baea6.txt"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def quotes(body: str, actors: list[Actor] | None = None):
    """The quotes of an article with this body, with every actor by id (given and new)."""
    found, new = extract_quotes(parse_text("Headline\n\n" + body, "x.txt"), list(actors or []))
    return found, {a.id: a for a in list(actors or []) + new}, new


def said(body: str, actors: list[Actor] | None = None) -> list[tuple[str, str | None]]:
    """(text, speaker name) for each quote."""
    found, by_id, _ = quotes(body, actors)
    return [(q.text, by_id[q.speaker].name if q.speaker else None) for q in found]


def person(name: str, *aliases: str, role: str | None = None) -> Actor:
    return Actor(id=name.lower().replace(" ", "-"), name=name, type="person", role=role,
                 affiliation=None, aliases=list(aliases), description=None)


# -- attribution forms -------------------------------------------------------------------------

def test_name_then_verb_after_the_quote_makes_a_person_with_role():
    found, by_id, new = quotes('"The bridge will reopen in March," Mayor Ines Alvarado said.')
    assert [(q.text, q.speaker, q.source) for q in found] == [
        ("The bridge will reopen in March", "ines-alvarado", "s1")]
    actor = by_id["ines-alvarado"]
    assert (actor.name, actor.type, actor.role) == ("Ines Alvarado", "person", "Mayor")
    assert found[0].evidence == '"The bridge will reopen in March," Mayor Ines Alvarado said.'


def test_verb_then_name_with_an_appositive_role():
    found, by_id, _ = quotes('"Inflation has peaked," said Tomasz Wolski, an economist at the '
                             'Warsaw Institute of Finance.')
    actor = by_id[found[0].speaker]
    assert actor.name == "Tomasz Wolski"
    assert actor.role == "economist at the Warsaw Institute of Finance"


def test_told_an_outlet_and_the_role_before_the_name():
    assert said('"Nobody was hurt in the blast," fire chief Omar Haddad told the Beirut Star.') \
        == [("Nobody was hurt in the blast", "Omar Haddad")]


def test_colon_introductions():
    assert said('Speaking in Quito, Energy Minister Rosa Paredes said: "The grid is stable now."') \
        == [("The grid is stable now.", "Rosa Paredes")]
    assert said('Harbour master Lena Dahl spoke after the storm. Despite the damage, she said: '
                '"We will reopen the port on Friday."') \
        == [("We will reopen the port on Friday.", "Lena Dahl")]


def test_according_to_names_the_speaker():
    assert said('According to coastguard spokesman Idris Bello, "the crew were rescued within '
                'the hour."') == [("the crew were rescued within the hour.", "Idris Bello")]


def test_relative_clause_between_subject_and_verb():
    assert said('Senator Joan Pike, who chairs the budget committee, said the bill was "dead on '
                'arrival".') == [("dead on arrival", "Joan Pike")]


def test_organisation_speakers():
    found, by_id, _ = quotes('"The findings are alarming and demand action," Oxfam said in a '
                             'report.')
    assert (by_id[found[0].speaker].name, by_id[found[0].speaker].type) == ("Oxfam", "organization")
    found, by_id, _ = quotes('The Interior Ministry published new figures on Monday. "Calm has '
                             'returned to the capital," the ministry said in a statement.')
    assert by_id[found[0].speaker].name == "Interior Ministry"


def test_description_speaker_becomes_an_actor():
    found, by_id, _ = quotes('"The talks are stuck on sequencing," a senior European diplomat '
                             'told reporters on condition of anonymity.')
    actor = by_id[found[0].speaker]
    assert (actor.name, actor.type) == ("senior European diplomat", "person")


def test_the_court_refers_back_to_the_court_first_introduced():
    found, by_id, _ = quotes('A court in Lisbon acquitted the two men on Monday. The court said '
                             'there was no "credible and consistent" evidence against them.')
    assert by_id[found[0].speaker].name == "court in Lisbon"


# -- one quotation from several pieces -----------------------------------------------------------

def test_quote_split_by_its_attribution_is_one():
    assert said('Judge Mira Solberg closed the hearing. "We are close," she said, "but not there '
                'yet."') == [("We are close but not there yet.", "Mira Solberg")]


def test_quoted_sentence_after_the_attribution_joins_the_quote():
    found, _, _ = quotes('"The water came up in minutes," farmer Joseph Mwangi told the Daily '
                         'Courier. "We lost the whole harvest."')
    assert [q.text for q in found] == ["The water came up in minutes. We lost the whole harvest."]
    assert found[0].evidence.startswith('"The water came up') and found[0].evidence.endswith(
        'harvest."')


def test_second_quote_with_its_own_attribution_stays_apart():
    assert said('"Prices will fall," trader Aiko Tanaka said. "Not soon, though," she added.') == [
        ("Prices will fall", "Aiko Tanaka"), ("Not soon, though", "Aiko Tanaka")]


def test_quote_running_over_paragraphs_is_one():
    body = ('Rescue coordinator Pablo Ortiz described the night.\n\n'
            '"We searched every building on the street.\n\n'
            '"By morning we had found all of them," Ortiz said.')
    assert said(body) == [("We searched every building on the street. By morning we had found "
                           "all of them", "Pablo Ortiz")]


def test_paragraph_of_quotation_keeps_the_previous_speaker():
    body = ('"The reservoir is at ten percent," hydrologist Karin Lund said.\n\n'
            '"If it does not rain by June, the city will have to ration water."')
    assert said(body) == [("The reservoir is at ten percent", "Karin Lund"),
                          ("If it does not rain by June, the city will have to ration water.",
                           "Karin Lund")]


# -- speakers found next door --------------------------------------------------------------------

def test_speaker_named_in_the_sentence_before():
    assert said('Coach Dana Whitfield explained the decision to drop him. "He has not trained '
                'with us for a month."') == [
        ("He has not trained with us for a month.", "Dana Whitfield")]


def test_speaker_named_in_the_sentence_after():
    assert said('"The vote was rigged from the start." Opposition leader Samuel Osei said his '
                'party would appeal.') == [("The vote was rigged from the start.", "Samuel Osei")]


def test_subject_with_an_of_phrase_is_still_the_subject():
    body = ('"Demand is slowing," said Leo Brandt of Keller Securities.\n\n'
            'Mia Ortiz of the Dalton Group said buyers were cautious.\n\n'
            '"Nobody wants to move first," she said.')
    assert said(body)[-1] == ("Nobody wants to move first", "Mia Ortiz")


def test_statement_signed_by_someone_is_theirs():
    body = ('"We have kept our word," said a statement signed by its leader, Tomas Ruiz, known '
            'as "El Profe".')
    found, by_id, _ = quotes(body)
    assert [(q.text, by_id[q.speaker].name, by_id[q.speaker].role) for q in found] == [
        ("We have kept our word", "Tomas Ruiz", "leader")]


def test_pronoun_takes_the_main_subject_not_one_in_a_that_clause():
    body = ('Governor Paulo Reis said that Mayor Ana Lima should resign. "The city deserves '
            'better," he said.')
    assert said(body) == [("The city deserves better", "Paulo Reis")]


def test_she_skips_a_man_for_the_woman_before_him():
    body = ('Transport Minister Lucia Ferraro met Mr Pavel Novak on Monday. Novak said the talks '
            'would go on. "We made real progress," she said.')
    assert said(body) == [("We made real progress", "Lucia Ferraro")]


def test_it_refers_to_an_organisation():
    body = ('The Red Cross sent a convoy to the city on Friday. "Our teams are now inside," it '
            'said.')
    assert said(body) == [("Our teams are now inside", "Red Cross")]


def test_the_minister_is_the_person_holding_the_title():
    body = ('Foreign Minister Kwame Mensah arrived in Accra. The minister said: "There will be no '
            'deal without guarantees."')
    assert said(body) == [("There will be no deal without guarantees.", "Kwame Mensah")]


def test_short_form_that_is_the_family_name_first():
    assert said('Kim Jong-un inspected the troops. Kim said the army must be "ready for war".') \
        == [("ready for war", "Kim Jong-un")]


def test_capitalised_noun_opening_a_sentence_is_a_role_not_a_name():
    found, by_id, _ = quotes('Economist Ravi Patel spoke first. "The crisis is far from over," he '
                             'said.')
    assert (by_id[found[0].speaker].name, by_id[found[0].speaker].role) == ("Ravi Patel",
                                                                          "Economist")


def test_misspelt_surname_is_the_same_person():
    body = ('"We will keep protesting," activist Marta Kowalczyk said.\n\n'
            '"Nothing will stop us," Kowalcyzk told the crowd.')
    found, by_id, new = quotes(body)
    assert [q.speaker for q in found] == ["marta-kowalczyk", "marta-kowalczyk"]
    assert [a.id for a in new] == ["marta-kowalczyk"]


def test_known_actor_is_used_and_not_duplicated():
    varga = person("Helena Varga", "Varga", role="Hungarian foreign minister")
    found, _, new = quotes('"We will not veto the package," Varga said.', [varga])
    assert [q.speaker for q in found] == ["helena-varga"] and new == []


def test_sentence_opening_word_is_not_taken_for_a_speaker():
    found, _, new = quotes('Shelling continued overnight. "It was the worst night since the war '
                           'began."')
    assert [q.speaker for q in found] == [None] and new == []


# -- what is not a quote -------------------------------------------------------------------------

def test_scare_quotes_and_titles_are_not_quotes():
    body = ('The so-called "green corridor" opened on Monday. She appeared on the "Sunday '
            'Briefing" programme. Crowds gathered near the "Blue Line" station. Farmers called for '
            'a "fair deal".')
    assert said(body) == [("fair deal", "Farmers")]


def test_short_attributed_fragments_are_quotes():
    assert said('Finance Minister Ravi Menon called the plan "deeply flawed".') == [
        ("deeply flawed", "Ravi Menon")]


def test_apostrophes_are_not_quotation_marks():
    body = ("The army's chief said the soldiers' families were safe. Rules from the '90s don't "
            "apply, and rock 'n' roll is allowed.")
    assert said(body) == []
    assert find_spans("Israel's army and the residents' homes", 0) == []


def test_single_quotes_count_with_a_speech_verb():
    body = ("\u2018We will rebuild,\u2019 said Ahmed Khan, a shopkeeper. "
            "\u2018It will take years.\u2019")
    assert said(body) == [("We will rebuild. It will take years.", "Ahmed Khan")]
    assert said("The plan was a 'disaster' for farmers.") == []


def test_british_single_quotes_run_on_in_a_paragraph_of_their_own():
    body = ("Health Secretary Sajid Khan visited the ward.\n\n"
            "\u2018The staff here are exhausted,\u2019 he said.\n\n"
            "\u2018We need more nurses, and we need them now.\u2019")
    assert said(body) == [("The staff here are exhausted", "Sajid Khan"),
                          ("We need more nurses, and we need them now.", "Sajid Khan")]


def test_nested_quotes_stay_inside_the_quote():
    assert said('"He shouted \'Run!\' and we ran," said Lina Haddad, a teacher.') == [
        ("He shouted 'Run!' and we ran", "Lina Haddad")]


def test_quote_marks_pair_in_order_and_an_unclosed_one_runs_to_the_paragraph_end():
    text = 'He said \u201cyes\u201d and then "no, never" and "maybe'
    spans = find_spans(text, 3)
    assert [(text[s.start:s.end], s.closed, s.paragraph) for s in spans] == [
        ("yes", True, 3), ("no, never", True, 3), ("maybe", False, 3)]


def test_a_pronoun_inside_a_quote_says_nothing_about_the_speaker():
    body = ('Mr Omar Farouk met Dina Saleh on Monday. Saleh said: "She is wrong about him." '
            '"We will talk again," she said.')
    assert said(body)[-1] == ("We will talk again", "Dina Saleh")


def test_reported_speech_without_marks_is_not_a_quote():
    assert said("Minister Ola Berg said the bridge would reopen in March.") == []


# -- whole articles ------------------------------------------------------------------------------

def test_seed_article_quotes_and_speakers():
    article = read_article(SEED)
    found, new = extract_quotes(article, [])
    by_id = {a.id: a for a in new}
    assert [(q.text, by_id[q.speaker].name) for q in found] == [
        ("Contacts and negotiation on the second phase have begun", "Abdel-Latif Al-Qanoua"),
        ("We are hopeful. We want to bring back all of our family members, and we need to make "
         "sure that Israel's security can be guarded.", "Sharren Haskel"),
    ]
    assert by_id["abdel-latif-al-qanoua"].role == "Hamas spokesperson"
    assert found[1].evidence.startswith("Despite this, she said:")


def test_seed_article_with_its_actors_already_found():
    netanyahu = person("Benjamin Netanyahu", "Netanyahu")
    qanoua = person("Abdel-Latif Al-Qanoua", "Qanoua", role="Hamas spokesperson")
    haskel = person("Sharren Haskel", "Haskel")
    found, new = extract_quotes(read_article(SEED), [netanyahu, qanoua, haskel])
    assert [q.speaker for q in found] == ["abdel-latif-al-qanoua", "sharren-haskel"]
    assert new == []


def test_crane_article_joins_the_two_sentences_of_one_speaker():
    found, new = extract_quotes(read_article(ARTICLES / "wikinews_gum_crane.txt"), [])
    by_id = {a.id: a for a in new}
    assert [(q.text[:30], by_id[q.speaker].name) for q in found] == [
        ("All those who were wounded and", "Suleiman al-Amr"),
        ("Had it happened an hour later ", "Khaled Al-Maeena"),
    ]
    assert found[1].text.endswith("more than a thousand.")
    assert by_id["khaled-al-maeena"].role == "editor at large at the Saudi Gazette"


def test_betancourt_article_fragments_and_pronouns():
    found, new = extract_quotes(read_article(ARTICLES / "wikinews_amalgum_betancourt.md"), [])
    by_id = {a.id: a for a in new}
    speakers = [(q.text, by_id[q.speaker].name) for q in found]
    assert len(speakers) == 13
    assert ("think of other than military options", "Íngrid Betancourt") in speakers
    assert ("We will carry on working to free them.", "Nicolas Sarkozy") in speakers
    assert ("accept defeat gracefully", "Íngrid Betancourt") in speakers
    assert {a.name for a in new} == {"Íngrid Betancourt", "Nicolas Sarkozy"}


NEWS_WORDS = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", ",", ".", ":", "?", "(", ")",
              "\u2014", "he", "she", "it", "they", "said", "told", "according to", "the", "Smith",
              "John Smith", "Minister", "Ms", "al-Amr", "who", "and", "spokesman", "ministry",
              "added", "saying", "We", "are", "hopeful", "Israel's", "members'", "\n\n", "KCNA",
              "(KCNA)", "Korean Central News Agency", "was", "called", "A court in Lisbon", "It"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NEWS_WORDS), min_size=1, max_size=60))
def test_any_text_gives_well_formed_quotes(words):
    article = parse_text("Headline\n\n" + " ".join(words), "x.txt")
    found, new = extract_quotes(article, [])
    ids = [a.id for a in new]
    assert len(ids) == len(set(ids))
    for q in found:
        assert q.text and q.evidence and q.source == "s1"
        assert q.speaker is None or q.speaker in ids


def test_hostile_paragraphs_stay_fast():
    for body in ('a "' * 20000, " ".join(f'"Round {i} is ours," he said.' for i in range(3000)),
                 "'tis rock 'n' roll in the '90s " * 5000):
        article = parse_text("Headline\n\n" + body, "x.txt")
        assert article.sentences
        start = time.process_time()
        extract_quotes(article, [])
        assert time.process_time() - start < 3  # about 0.3 s each; quadratic would be minutes


def test_speed_per_thousand_words():
    paragraphs = []
    for i in range(25):
        paragraphs.append(f'"We will hold talks on the plan in round {i}," Minister Ana Ruiz '
                          f'said on Monday. She added that the talks would continue for weeks.')
    article = parse_text("Headline\n\n" + "\n\n".join(paragraphs), "x.txt")
    assert article.sentences  # split once, as the orchestrator does before extraction
    words = len(article.text.split())
    start = time.process_time()
    extract_quotes(article, [])
    elapsed_ms = (time.process_time() - start) * 1000
    assert elapsed_ms * 1000 / words < 25  # the budget is 5 ms; this catches a blow-up
