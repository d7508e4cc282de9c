"""Quotes: the article's direct quotations, each with its speaker and evidence.

Stages, in order:
1. find quoted spans paragraph by paragraph (`quotemarks`);
2. join spans that are one quotation: split by their attribution ('"A," she said, "b"'),
   continued after it ('"A," X said. "B."'), or running on into the next paragraph;
3. read each quotation's attribution from its own sentence (`attribution`);
4. keep real quotations: short quoted phrases, and single-quoted text unless the article
   quotes in single marks, only when attributed; never names and titles ("Morning Joe") or
   scare quotes ('the so-called "red zone"');
5. give the rest a speaker from their neighbours: another quote in the sentence, the sentence
   before, the paragraph before (a quote running on), or the sentence after;
6. resolve speaker phrases to actors in reading order, so pronouns find who came before
   (`speakers`), and build the `Quote` records.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from generator.articles import Article, Sentence
from generator.extract.attribution import Attribution, after_quote, before_quote, sentence_subject
from generator.extract.discourse import scan
from generator.extract.quotemarks import Span, find_spans
from generator.extract.speaker_phrases import Phrase
from generator.extract.speakers import Speakers
from generator.model import Actor, Quote

SHORT = 4  # words: a quoted phrase this short is a quote only when someone is said to say it
_WORDS = re.compile(r"[^\W_][\w'\u2019-]*")
_SMALL_WORDS = {"of", "the", "a", "an", "and", "for", "in", "on", "to", "at", "by", "with", "&"}
_SCARE = re.compile(r"(?:so-called|dubbed|nicknamed|titled|entitled|named|known as|"
                    r"the (?:term|word|phrase|slogan|label|headline))\W*$", re.IGNORECASE)


@dataclass
class _Quotation:
    """Spans that make one quotation, and what its own sentence says about its speaker."""

    spans: list[Span]
    text: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    attribution: Attribution | None = None
    position: tuple[int, int] = (0, 0)  # where its attribution stands, for pronouns
    speaker: Actor | None = None


def extract_quotes(article: Article, actors: list[Actor]) -> tuple[list[Quote], list[Actor]]:
    """The direct quotations of an article, and the speakers `actors` did not have."""
    reader = _Reader(article)
    quotations = reader.quotations()
    if not quotations:
        return [], []
    for q in quotations:
        q.text = reader.text_of(q)
        q.sentences = reader.sentences_of(q)
        q.attribution, q.position = reader.own_attribution(q)
    _share_within_sentences(quotations)
    reader.count_long(quotations)
    reader.single_style = any(q.spans[0].single and q.attribution and q.attribution.phrase
                              and len(_WORDS.findall(q.text)) > SHORT for q in quotations)
    quotations = [q for q in quotations if reader.is_quote(q)]
    speakers = Speakers(article, actors, reader.quoted)
    last_heard = None  # the last quotation whose speaker is known
    for q in quotations:
        phrase, position = reader.attribution_of(q, last_heard, speakers.known), q.position
        if isinstance(phrase, _Quotation):
            q.speaker = phrase.speaker
        else:
            q.speaker = speakers.resolve(phrase, position)
        if q.speaker:
            speakers.heard(q.speaker, position, phrase if isinstance(phrase, Phrase) else None)
            last_heard = q
    quotes = [Quote(text=q.text, speaker=q.speaker.id if q.speaker else None,
                    evidence=" ".join(s.text for s in q.sentences), source="s1")
              for q in quotations]
    return quotes, speakers.new


def _share_within_sentences(quotations: list[_Quotation]) -> None:
    """A quote with no attribution of its own takes its sentence-mate's ('"A" and "B", he
    said'): the nearest one before it, else the nearest one after."""
    def attributed(q: _Quotation) -> bool:
        return bool(q.attribution and q.attribution.phrase)

    for order in (quotations, quotations[::-1]):
        last: dict[int, _Quotation] = {}  # sentence index -> latest attributed quotation seen
        for q in order:
            if not attributed(q):
                mate = next((last[s.index] for s in q.sentences if s.index in last), None)
                if mate:
                    q.attribution, q.position = mate.attribution, mate.position
                    continue
            if attributed(q):
                for s in q.sentences:
                    last[s.index] = q


def _name_like(word: str) -> bool:
    return word[:1].isupper() or bool(re.match(r"(?:al|el|ad|as|an)-[A-Z]", word))


class _Reader:
    """The article's paragraphs, sentences and quoted spans, with the lookups stages need."""

    def __init__(self, article: Article):
        self.article = article
        self.paragraphs = article.paragraphs
        self.spans = {p: find_spans(text, p) for p, text in enumerate(article.paragraphs)}
        self.quoted = {p: [(s.start, s.end) for s in spans] for p, spans in self.spans.items()}
        self.opens = {p: [s.open_mark for s in spans] for p, spans in self.spans.items()}
        self.closes = {p: [s.after for s in spans] for p, spans in self.spans.items()}
        self.single_style = False  # the article quotes in single marks, British style
        self.by_paragraph: dict[int, list[Sentence]] = {}
        for s in article.sentences:
            self.by_paragraph.setdefault(s.paragraph, []).append(s)
        self.starts = {p: [s.start for s in ss] for p, ss in self.by_paragraph.items()}
        self.long_in: dict[int, int] = {}  # sentence index -> quotations of over SHORT words

    # -- stage 2: one quotation from several spans -------------------------------------------

    def quotations(self) -> list[_Quotation]:
        out: list[_Quotation] = []
        for p in range(len(self.paragraphs)):
            for span in self.spans[p]:
                if out and self._continues(out[-1].spans[-1], span):
                    out[-1].spans.append(span)
                else:
                    out.append(_Quotation([span]))
        return out

    def _continues(self, prev: Span, span: Span) -> bool:
        if prev.paragraph == span.paragraph - 1:  # a quotation running on to a new paragraph
            return not prev.closed and not self.paragraphs[span.paragraph][:span.open_mark].strip()
        if prev.paragraph != span.paragraph or prev.single != span.single:
            return False
        paragraph = self.paragraphs[span.paragraph]
        gap = paragraph[prev.after:span.open_mark]
        if not gap.strip():  # '"A." "B."': one speaker's, unless B has its own attribution
            return not after_quote(self._after(span))
        inside = paragraph[prev.start:prev.end].rstrip()
        if not (inside.endswith(",") or gap.lstrip().startswith(",")):
            return False  # the first part ended its sentence: '"A." X said, "B"' is two
        end = gap.rstrip()[-1:]
        if ";" in gap or re.search(r",\s*(?:and|but)\b|[.!?]\s", gap.rstrip()[:-1]) \
                or len(gap.split()) > 25 or not after_quote(gap):
            return False
        if end == ",":
            return not re.search(r"\w+ing\b", gap)  # '"We are hopeful," she said, "and ..."'
        if end == ":":
            return False  # '"A," she said, adding: "B."' introduces a new quote
        return end in ".!?" and not after_quote(self._after(span))  # '"A," X said. "B."'

    def text_of(self, q: _Quotation) -> str:
        parts = []
        for k, span in enumerate(q.spans):
            part = self.paragraphs[span.paragraph][span.start:span.end].strip()
            nxt = q.spans[k + 1] if k + 1 < len(q.spans) else None
            if nxt and nxt.paragraph == span.paragraph and part.endswith(","):
                gap = self.paragraphs[span.paragraph][span.after:nxt.open_mark].rstrip()
                if gap.endswith((".", "!", "?")):
                    part = part[:-1] + "."  # '"A," X said. "B."' reads 'A. B.'
                elif self.paragraphs[span.paragraph][nxt.start:nxt.start + 1].islower():
                    part = part[:-1]  # '"The economy," he said, "is ..."' reads as one
            parts.append(part)
        return " ".join(parts).strip().rstrip(",").strip()

    def sentences_of(self, q: _Quotation) -> list[Sentence]:
        """The sentences the quotation's spans overlap, in order."""
        out: list[Sentence] = []
        for span in q.spans:
            sentences = self.by_paragraph.get(span.paragraph, [])
            at = max(bisect_right(self.starts.get(span.paragraph, []), span.open_mark) - 1, 0)
            while at < len(sentences) and sentences[at].start < span.after:
                if span.open_mark < sentences[at].start + len(sentences[at].text) \
                        and sentences[at] not in out[-1:]:
                    out.append(sentences[at])
                at += 1
        return out

    # -- stage 3: the attribution in the quotation's own sentence ----------------------------

    def own_attribution(self, q: _Quotation) -> tuple[Attribution | None, tuple[int, int]]:
        first = q.spans[0]
        for span in q.spans:
            found = after_quote(self._after(span))
            if found:
                return found, (span.paragraph, span.after)
        before, start = self._before(first)
        found = before_quote(before, start)
        return found, (first.paragraph, first.open_mark)

    def _after(self, span: Span) -> str:
        """From a closing mark to its sentence's end or the next opening mark."""
        paragraph = self.paragraphs[span.paragraph]
        s = self._sentence(span.paragraph, max(span.after - 1, 0))
        end = s.start + len(s.text) if s else len(paragraph)
        opens = self.opens[span.paragraph]
        k = bisect_left(opens, span.after)
        return paragraph[span.after:min(end, opens[k]) if k < len(opens) else end]

    def _before(self, span: Span) -> tuple[str, str]:
        """From the sentence start (or the last closing mark in it) to an opening mark."""
        paragraph = self.paragraphs[span.paragraph]
        s = self._sentence(span.paragraph, span.open_mark)
        start = s.start if s else 0
        closes = self.closes[span.paragraph]
        k = bisect_right(closes, span.open_mark)
        cut = max(start, closes[k - 1]) if k else start
        return paragraph[cut:span.open_mark], paragraph[start:cut]

    def _sentence(self, p: int, offset: int) -> Sentence | None:
        at = bisect_right(self.starts.get(p, []), offset) - 1
        s = self.by_paragraph[p][at] if at >= 0 else None
        return s if s and offset < s.start + len(s.text) else None

    def count_long(self, quotations: list[_Quotation]) -> None:
        """Count, per sentence, the quotations long enough to be quotes on their own."""
        for q in quotations:
            if len(_WORDS.findall(q.text)) > SHORT and not q.spans[0].single:
                for s in q.sentences:
                    self.long_in[s.index] = self.long_in.get(s.index, 0) + 1

    # -- stage 4: which quotations are quotes ------------------------------------------------

    def is_quote(self, q: _Quotation) -> bool:
        words = _WORDS.findall(q.text)
        if not words:
            return False
        attributed = bool(q.attribution and q.attribution.phrase)
        first = q.spans[0]
        short = len(words) <= SHORT and not re.search(r"[.!?]\s+\S", q.text)
        if 2 <= len(words) <= 8 and not re.search(r"[.!?,;:]", q.text) \
                and all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words):
            return False  # a name or title: "Morning Joe", "The Art of the Deal"
        if _SCARE.search(self._before(first)[0]):
            return False  # 'the so-called "red zone"', 'a report titled "..."'
        if len(words) == 1 and _name_like(words[0]) and not re.search(r"[.!?]$", q.text):
            return False  # a name in quotation marks
        if short or (first.single and not self.single_style):
            # '... cancelled to "conserve energy" as "there will not be a vote ..."'
            return attributed or (short and any(self.long_in.get(s.index) for s in q.sentences))
        return True

    # -- stage 5: a speaker from the neighbours ----------------------------------------------

    def attribution_of(self, q: _Quotation, prev: _Quotation | None, known):
        """The phrase naming q's speaker, an earlier quotation to share one with, or None;
        `prev` is the last quotation before q whose speaker is known."""
        if q.attribution and q.attribution.phrase:
            return q.attribution.phrase
        found = self._neighbour(q, prev)
        if isinstance(found, Phrase) and not known(found):
            return None
        return found

    def _neighbour(self, q: _Quotation, prev: _Quotation | None):
        first = q.spans[0]
        s = q.sentences[0]
        opens_sentence = not self.paragraphs[first.paragraph][s.start:first.open_mark].strip()
        if not opens_sentence:
            q.position = (first.paragraph, first.open_mark)
            return sentence_subject(self.paragraphs[first.paragraph][s.start:first.open_mark]) \
                or self._first_name(s, first.open_mark)
        sentences = self.article.sentences
        if s.index and sentences[s.index - 1].paragraph == s.paragraph:
            before = sentences[s.index - 1]
            if prev and before in prev.sentences:
                return prev  # the sentence before holds this speaker's last words
            q.position = (s.paragraph, before.start)
            phrase = sentence_subject(before.text)
            if phrase:
                return phrase
        elif prev and prev.sentences[-1].paragraph == s.paragraph - 1 and \
                prev.sentences[-1] is self.by_paragraph[s.paragraph - 1][-1]:
            return prev  # a paragraph of quotation after one that ended on this speaker
        following = q.sentences[-1].index + 1
        if following < len(sentences) and sentences[following].paragraph == s.paragraph:
            found = after_quote(sentences[following].text)
            if found and found.phrase:
                q.position = (s.paragraph, sentences[following].start)
                return found.phrase
        return None

    def _first_name(self, s: Sentence, limit: int) -> Phrase | None:
        """The first name in a sentence before a quote: 'A demonstration by Christian Concern'."""
        for m in scan(s, self.quoted.get(s.paragraph, [])):
            if m.offset < limit and m.phrase.kind == "name" and m.phrase.type != "country":
                return m.phrase
        return None
