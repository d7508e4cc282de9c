"""Extraction speed: median time to extract a ~1,000-word article.

    .venv/bin/python bench/bench_extract.py [ARTICLES_DIR]

Articles are built deterministically from the dev articles (or any folder of articles) by
taking paragraphs in turn until each holds about 1,000 words, so every kind of fact occurs.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from generator.articles import Article, read_article
from generator.extract import extract_sheet

DEFAULT = Path(__file__).parents[1].parent / "shared" / "eval" / "dev" / "articles"


def thousand_word_articles(folder: Path, count: int = 10) -> list[Article]:
    sources = [read_article(p) for p in sorted(folder.iterdir()) if p.is_file()]
    paragraphs = [(a, p) for a in sources for p in a.paragraphs]
    out, i = [], 0
    for n in range(count):
        body, words = [], 0
        while words < 1000:
            _, para = paragraphs[i % len(paragraphs)]
            body.append(para)
            words += len(para.split())
            i += 1
        base = sources[n % len(sources)]
        out.append(Article(path=f"bench/{n}.txt", title=base.title, paragraphs=body,
                           publisher=base.publisher, published=base.published))
    return out


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    articles = thousand_word_articles(folder)
    extract_sheet(articles[0])  # warm caches and lazy imports once
    times = []
    for _ in range(3):
        for a in articles:
            fresh = Article(a.path, a.title, a.paragraphs, a.publisher, a.published)
            t0 = time.perf_counter()
            extract_sheet(fresh)
            times.append(time.perf_counter() - t0)
    words = statistics.mean(len(a.text.split()) for a in articles)
    print(f"{len(times)} extractions of ~{words:.0f}-word articles: "
          f"median {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms (target: median < 50 ms)")


if __name__ == "__main__":
    main()
