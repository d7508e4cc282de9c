"""What a story's explainer shows beyond one article: Latest, What changed, figure series.

Pure functions of a sheet's plain data (as `load_sheet_data` reads it), for the templates to
call; nothing here knows Jinja or MkDocs. `_story.md.j2` is the partial that uses them.
"""

from __future__ import annotations

from html import escape

from generator.pagedata import status_label
from generator.story_merge import DISPUTED

CHART_POINTS = 3  # a series gets an inline chart from this many points


def story_updates(sheet: dict) -> list[dict]:
    """One update per source, newest first: its date, title and what it added or changed."""
    sources = sorted(sheet.get("sources") or [], reverse=True,
                     key=lambda s: (str(s.get("published") or ""), str(s.get("id"))))
    if len(sources) < 2:
        return []
    return [{"source": s.get("id"), "date": _text(s.get("published")),
             "title": s.get("title"), "publisher": s.get("publisher"),
             "changes": _changes(sheet, s.get("id"))} for s in sources]


def _changes(sheet: dict, sid: str) -> list[str]:
    """Plain sentences: new actors, phase moves, role changes, figures, events, quotes."""
    out = [f"New: {a['name']}" for a in sheet.get("actors") or [] if a.get("source") == sid
           and sid != (sheet.get("sources") or [{}])[0].get("id")]
    for phase in sheet.get("phases") or []:
        history = phase.get("history") or []
        for before, now in zip(history, history[1:], strict=False):
            if now.get("source") == sid and now.get("status") != before.get("status"):
                out.append(f"Phase {phase.get('number')}: "
                           f"{status_label(before.get('status')).lower()} → "
                           f"{status_label(now.get('status')).lower()}")
    for actor in sheet.get("actors") or []:
        roles = actor.get("roles") or []
        out += [f"{actor['name']}: {r['role']}" for r in roles[1:] if r.get("source") == sid]
    out += [f"{f.get('text')} {f.get('unit') or ''} ({f.get('series') or f.get('measure')})"
            .replace("  ", " ") for f in sheet.get("figures") or [] if f.get("source") == sid]
    out += [str(e.get("what")) for e in sheet.get("events") or [] if e.get("source") == sid]
    quotes = [q for q in sheet.get("quotes") or [] if q.get("source") == sid]
    if quotes:
        out.append(f"{len(quotes)} quote{'s' * (len(quotes) != 1)}")
    return out


def figure_series(sheet: dict) -> list[dict]:
    """Each series of two or more reports, points newest first, with a chart from three."""
    dates = {s.get("id"): _text(s.get("published")) for s in sheet.get("sources") or []}
    groups: dict[str, list[dict]] = {}
    for figure in sheet.get("figures") or []:
        if figure.get("series"):
            groups.setdefault(figure["series"], []).append(figure)
    out = []
    for name, figures in groups.items():
        points = sorted(({"value": f.get("value"), "text": f.get("text"),
                          "date": dates.get(f.get("source")), "source": f.get("source"),
                          "according_to": f.get("according_to")} for f in figures),
                        key=lambda p: (p["date"] or "", str(p["source"])), reverse=True)
        if len(points) > 1:
            out.append({"series": name, "unit": figures[0].get("unit"), "points": points,
                        "chart": sparkline(points) if len(points) >= CHART_POINTS else ""})
    return out


def sparkline(points: list[dict], width: int = 120, height: int = 28) -> str:
    """A small inline SVG line of the values, oldest left; made at build time, no script."""
    values = [float(p["value"]) for p in reversed(points)]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = width / max(len(values) - 1, 1)
    xy = [(round(i * step, 1), round(height - 2 - (v - low) / span * (height - 4), 1))
          for i, v in enumerate(values)]
    path = " ".join(f"{x},{y}" for x, y in xy)
    label = escape(", ".join(str(p["text"]) for p in reversed(points)), quote=True)
    return (f'<svg class="series-chart" role="img" aria-label="{label}" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}"><polyline points="{path}" '
            'fill="none" stroke="currentColor" stroke-width="1.5"/></svg>')


def disputed_notes(sheet: dict) -> list[str]:
    """The review notes that flag two sources disagreeing, for the page to show."""
    notes = (sheet.get("review") or {}).get("notes") or []
    return [n[len(DISPUTED):] for n in notes if isinstance(n, str) and n.startswith(DISPUTED)]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def story_sections(sheet: dict) -> dict:
    """What the explainer's story sections show; all empty for a sheet of one source."""
    return {"updates": story_updates(sheet), "series": figure_series(sheet),
            "disputed": disputed_notes(sheet)}
