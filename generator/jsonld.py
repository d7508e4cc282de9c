"""An explainer's metadata for machines: schema.org JSON-LD, carried in the page's front matter.

The renderer writes the metadata as front matter ahead of the Markdown (JSON, which is YAML
too), so it travels with the page whatever builds the site; the theme
(generator/theme/main.html) writes `jsonld` into a <script type="application/ld+json"> with
Jinja's `tojson`, which escapes <, >, & and ' as \\u003c ..., so no value can close the
script element.
"""

from __future__ import annotations

import json
import re

from generator.escape import escape_url
from generator.pagedata import iso_date, newest_date

# schema.org types for the sheet's actor types; a group is an organisation to schema.org.
ACTOR_TYPES = {"person": "Person", "organization": "Organization", "country": "Country",
               "group": "Organization"}
# What JSON writes as it is but YAML does not read back as written: characters YAML's reader
# refuses, and those it takes for line breaks. Written as \u escapes, which both read alike.
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def page_metadata(sheet: dict) -> dict:
    """The explainer's front matter: the summary as its description, and its JSON-LD."""
    meta = {"description": sheet["summary"]} if sheet.get("summary") else {}
    meta["jsonld"] = article_jsonld(sheet)
    return meta


def article_jsonld(sheet: dict) -> dict:
    """The explainer as a schema.org NewsArticle citing its sources; unknown values left out."""
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": str(sheet["title"]),
        "description": sheet.get("summary"),
        "dateModified": newest_date(sheet),
        "articleSection": "Explainer",
        "mentions": [_actor(a) for a in sheet.get("actors") or [] if a.get("name")],
        "contentLocation": [{"@type": "Place", "name": str(p["name"])}
                            for p in sheet.get("places") or [] if p.get("name")],
        "citation": [_source(s) for s in sheet.get("sources") or []],
    }
    return _known(article)


def front_matter(meta: dict) -> str:
    """meta as a front matter block: a line per key, its value written as JSON (which YAML
    reads). JSON's C encoder takes a tenth of the time libyaml's emitter does (its indenting
    encoder is pure Python and leaves reference cycles behind), and reads back the same."""
    if not meta:
        return ""
    text = "\n".join(f"{_json(key)}: {_json(value)}" for key, value in meta.items())
    return f"---\n{_NOT_YAML.sub(_escape, text)}\n---\n\n"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _escape(found: re.Match) -> str:
    return f"\\u{ord(found[0]):04x}"


def _source(source: dict) -> dict:
    """A source as a schema.org CreativeWork: its headline, publisher, date and address."""
    publisher = source.get("publisher")
    return _known({
        "@type": "CreativeWork",
        "name": source.get("title"),
        "publisher": {"@type": "Organization", "name": str(publisher)} if publisher else None,
        "datePublished": iso_date(source.get("published")),
        "url": escape_url(source.get("url")) or None,
    })


def _actor(actor: dict) -> dict:
    """An actor as a schema.org Person, Organization or Country."""
    kind = ACTOR_TYPES.get(actor.get("type"), "Thing")
    return _known({
        "@type": kind,
        "name": str(actor["name"]),
        "jobTitle": actor.get("role") if kind == "Person" else None,
        "description": actor.get("description"),
    })


def _known(data: dict) -> dict:
    """data without the keys whose value is unknown (None or an empty list)."""
    return {k: v for k, v in data.items() if v not in (None, [], "")}
