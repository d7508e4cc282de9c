"""From an article to a draft fact sheet: each kind of fact has its own extractor module."""

from __future__ import annotations

from generator.articles import Article
from generator.extract.actors import extract_actors, extract_places
from generator.extract.events import extract_events
from generator.extract.figures import extract_figures
from generator.extract.phases import extract_phases
from generator.extract.quotes import extract_quotes
from generator.extract.source_names import named_sources
from generator.model import SCHEMA_VERSION, FactSheet, Review, Source
from generator.review import review_notes
from generator.slugs import slugify_title


def extract_sheet(article: Article) -> FactSheet:
    """A draft fact sheet for one article: every fact with its evidence sentence."""
    source = Source(
        id="s1",
        title=article.title,
        publisher=article.publisher,
        published=article.published.isoformat() if article.published else None,
        path=article.path,
        url=article.url,
    )
    actors = extract_actors(article)
    quotes, speakers = extract_quotes(article, actors)
    actors = actors + [a for a in speakers if a not in actors]
    sheet = FactSheet(
        schema=SCHEMA_VERSION,
        slug=slugify_title(article.title),
        title=article.title,
        summary=lede(article),
        sources=[source],
        actors=actors,
        places=extract_places(article, actors),
        phases=extract_phases(article),
        figures=named_sources(extract_figures(article), actors),
        events=extract_events(article),
        quotes=quotes,
    )
    sheet.review = Review(status="draft", notes=review_notes(sheet, article))
    return sheet


def lede(article: Article) -> str | None:
    """The standfirst: the article's first sentence, which in news is the lede."""
    return article.sentences[0].text if article.sentences else None
