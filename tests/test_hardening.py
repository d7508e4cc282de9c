"""Hostile and broken articles: each gives a correct Article, or one line naming the file and
the problem (and how to fix it); through the CLI, a batch goes on past a bad file."""

from __future__ import annotations

import codecs
import os
import random
import re
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest
from conftest import EXPLAINERS, HOSTILE_ARTICLES, ingest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.articles import MAX_TEXT, Article, ArticleError, read_article
from generator.decoding import BIDI_CONTROLS

HEADLINE = "Talks resume in Doha"
BODY = "Negotiators met on Monday in Doha, officials said. The talks will continue."
ARTICLE = f"{HEADLINE}\n\n{BODY}\n"


def write(tmp_path: Path, data: bytes | str, name: str = "x.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def refused(path: Path) -> str:
    """The one-line message read_article refuses the file with."""
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path)), message
    return message


def clean(article: Article) -> None:
    """Nothing in the article's text an extractor or a reader should not get."""
    for value in [article.title, *article.paragraphs, article.publisher or ""]:
        assert value == unicodedata.normalize("NFC", value)
        assert not [c for c in value if unicodedata.category(c) == "Cc"], repr(value)
        assert not set(value) & set(BIDI_CONTROLS + "\ufeff"), repr(value)


# ---- refused, with a line that says why ---------------------------------------------------

@pytest.mark.parametrize("content, message", [
    (b"", r": the file is empty; an article needs a headline and text$"),
    (b" \n\t\r\n  \n", r": the file is empty"),
    (b"\x00\x00\x00\x00", r": the file is empty"),
    (b"Just a headline\r\n", r": the article has a headline but no text under it; add the text"),
    (b"Just a headline\n\nReuters\n", r": the article has a headline but no text"),
    (random.Random(7).randbytes(4000), r": this is a binary file"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", r": this is a PDF document, not text; save the"),
    (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", r": this is a ZIP archive \(or a \.docx"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r": this is a PNG image, not text"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", r": it starts with a UTF-16-LE byte-order mark but"),
])
def test_unusable_files_are_refused_with_one_line(tmp_path, content, message):
    assert re.search(message, refused(write(tmp_path, content)))


def test_more_than_the_size_limit_is_refused_at_once(tmp_path):
    path = tmp_path / "x.txt"
    with path.open("wb") as f:
        f.write(b"Headline\n\n")
        f.truncate(5 * 1024 * 1024)  # a sparse 5 MB file: nothing to read, the size says it all
    start = time.perf_counter()
    assert refused(path) == (f"{path}: 5.0 MB is more than the {MAX_TEXT // 2**20} MB an "
                             "article may have; split it")
    assert time.perf_counter() - start < 0.5


# ---- read, and the text is right -----------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_are_detected_with_or_without_a_bom(tmp_path, encoding):
    text = "Al-Qanoua: \u201cWe agree\u201d \u2014 caf\u00e9\n\n" + BODY
    article = read_article(write(tmp_path, text.encode(encoding)))
    assert article.title == "Al-Qanoua: \u201cWe agree\u201d \u2014 caf\u00e9"
    assert article.paragraphs == [BODY] and article.warnings == []


def test_windows_1252_smart_quotes_are_decoded_not_mangled(tmp_path):
    raw = "Caf\u00e9 talks\n\n\u201cWe agree,\u201d she said \u2013 it\u2019s \u20ac5\u2026\n"
    path = write(tmp_path, raw.encode("cp1252"))
    article = read_article(path)
    assert article.title == "Caf\u00e9 talks"
    assert article.paragraphs == ["\u201cWe agree,\u201d she said \u2013 it\u2019s \u20ac5\u2026"]
    assert article.warnings == [(f"{path}: 7 bytes are not UTF-8 and were read as Windows-1252; "
                                "check quotation marks and accented letters, or save the file "
                                "as UTF-8")]


def test_a_stray_windows_1252_byte_leaves_the_utf8_around_it_intact(tmp_path):
    raw = "S\u00e3o Paulo \u2014 talks\n\n".encode() + b"\x93Yes,\x94 said \xd8 Jos\xc3\xa9.\n"
    article = read_article(write(tmp_path, raw))
    assert article.title == "S\u00e3o Paulo \u2014 talks"
    assert article.paragraphs == ["\u201cYes,\u201d said \u00d8 Jos\u00e9."]


def test_a_declared_html_charset_is_used_when_the_bytes_are_not_utf8(tmp_path):
    page = ("<html><head><meta charset='windows-1251'><title>\u041f\u0435\u0440\u0435\u0433"
            "\u043e\u0432\u043e\u0440\u044b</title></head><body><article><h1>\u041f\u0435\u0440"
            "\u0435\u0433\u043e\u0432\u043e\u0440\u044b</h1><p>\u041f\u0435\u0440\u0435\u0433"
            "\u043e\u0432\u043e\u0440\u044b \u043f\u0440\u043e\u0434\u043e\u043b\u0436\u0430"
            "\u0442\u0441\u044f \u0432 \u0414\u043e\u0445\u0435 \u0443\u0436\u0435 \u0442\u0440"
            "\u0435\u0442\u0438\u0439 \u0434\u0435\u043d\u044c \u043f\u043e\u0434\u0440\u044f"
            "\u0434.</p></article></body></html>")
    article = read_article(write(tmp_path, page.encode("cp1251"), "x.html"))
    assert article.title == "\u041f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b"
    assert article.warnings == []


def test_mojibake_already_in_the_text_is_flagged_and_left_for_the_editor(tmp_path):
    path = write(tmp_path, f"{HEADLINE}\n\nFine.\nIt\u00e2\u20ac\u2122s done, Jos\u00c3\u00a9 "
                           "said.\n")
    article = read_article(path)
    assert article.paragraphs[1] == "It\u00e2\u20ac\u2122s done, Jos\u00c3\u00a9 said."
    assert article.warnings == [
        (f"{path}:4: the text looks garbled (2 places): '\u00e2\u20ac\u2122' is probably "
        "'\u2019' read with the wrong encoding; correct the article, or save it again as UTF-8")]


@pytest.mark.parametrize("text", [("S\u00e3o Paulo\u2026 Gda\u0144sk, \u00c9cole, na\u00efve "
                                  "\u00bfQu\u00e9? \u00c0 la \u00ab\u00a0mode\u00a0\u00bb.")])
def test_accented_text_is_not_taken_for_mojibake(tmp_path, text):
    assert read_article(write(tmp_path, f"{HEADLINE}\n\n{text}\n")).warnings == []


def test_line_ends_crlf_cr_and_mixed_also_before_front_matter(tmp_path):
    raw = ("---\r\ntitle: Talks resume\r\npublished: 2024-06-14\r\n---\r\n\r\n"
           "First paragraph,\r\nsame paragraph.\r\rSecond.\n\r\nThird.\r\n")
    article = read_article(write(tmp_path, raw, "x.md"))
    assert article.title == "Talks resume" and str(article.published) == "2024-06-14"
    assert article.paragraphs == ["First paragraph, same paragraph.", "Second.", "Third."]
    text = read_article(write(tmp_path, "Headline\r\rOne.\rTwo.\r\nThree.\f\u2028Four.\n"))
    assert text.paragraphs == ["One.", "Two.", "Three.", "Four."]


def test_nul_and_other_control_characters_are_removed_and_reported(tmp_path):
    path = write(tmp_path, f"{HEADLINE}\n\nNegotiators met on Mon\x00day\x07 in Doha\x1b.\n"
                           + "\x00" * 3000)
    article = read_article(path)
    assert article.paragraphs == ["Negotiators met on Monday in Doha."]
    assert article.warnings == [(f"{path}:3: removed 3003 control characters (U+0000, U+0007, "
                                "U+001B): such characters are not text; check the words around "
                                "them")]


def test_unicode_is_normalised_to_nfc(tmp_path):
    article = read_article(write(tmp_path, "Cafe\u0301 talks\n\nJose\u0301 said no.\n"))
    assert article.title == "Caf\u00e9 talks" and article.paragraphs == ["Jos\u00e9 said no."]


@pytest.mark.parametrize("name", [
    "\u0645\u062d\u0645\u0648\u062f \u0639\u0628\u0627\u0633",  # Mahmoud Abbas
    "\u0625\u0633\u0645\u0627\u0639\u064a\u0644 \u0647\u0646\u064a\u0629",  # Ismail Haniyeh
    "\u05d1\u05e0\u05d9\u05de\u05d9\u05df \u05e0\u05ea\u05e0\u05d9\u05d4\u05d5",  # Netanyahu
    "\u05d9\u05b4\u05e6\u05b0\u05d7\u05b8\u05e7 \u05e8\u05d1\u05d9\u05df",  # Yitzhak, with points
    "\u200f\u0639\u0628\u0627\u0633\u200f (Abbas)",  # right-to-left marks are kept
])
def test_right_to_left_names_are_kept_intact(tmp_path, name):
    article = read_article(write(tmp_path, f"{name} visits Cairo\n\n{name} met the mediators "
                                           f"on Monday.\n"))
    expected = unicodedata.normalize("NFC", name)
    assert article.title.startswith(expected) and article.paragraphs[0].startswith(expected)
    assert article.warnings == []
    clean(article)


@pytest.mark.parametrize("control", list(BIDI_CONTROLS))
def test_bidirectional_controls_are_removed_and_flagged(tmp_path, control):
    path = write(tmp_path, f"{HEADLINE}\n\nThe file is harmless{control}gnp.exe said Ali.\n")
    article = read_article(path)
    assert article.paragraphs == ["The file is harmlessgnp.exe said Ali."]
    assert len(article.warnings) == 1
    assert article.warnings[0].startswith(f"{path}:3: removed 1 bidirectional control "
                                          f"character (U+{ord(control):04X} ")
    assert "can make text display differently from what it says" in article.warnings[0]


@pytest.mark.parametrize("unit", [
    ".", "*a ", "[a ", "\u201cA b. ", '"Quoted. ', "Mr. Jan. U.S. ", "We agree. ", "<script>",
    "\u00c3\u00a9\u00c3", "a\u202e", "!?!?", "(((", "__a ", "**a ",
])
def test_a_megabyte_of_one_pattern_reads_in_linear_time(tmp_path, unit):
    body = unit * ((MAX_TEXT - 4096) // len(unit.encode()))
    for suffix in (".txt", ".md"):
        path = write(tmp_path, f"Headline\n\n{body}\n", "x" + suffix)
        start = time.perf_counter()
        try:
            article = read_article(path)
            len(article.sentences)
        except ArticleError:
            pass  # e.g. only a <script>: refused, which is fine; it must be quick
        assert time.perf_counter() - start < 5, (unit, suffix)  # quadratic takes hours


def test_html_script_style_and_hidden_text_never_reach_the_article(tmp_path):
    page = (HOSTILE_ARTICLES / "script-and-style.html").read_bytes()
    article = read_article(write(tmp_path, page, "x.html"))
    assert article.title == "Port strike enters second week"
    text = article.text
    assert "Dock workers at the port of Santos walked out" in text
    assert "&lt;script&gt; in a sentence is text" not in text
    assert "<script> in a sentence is text" in text  # the article quoting markup is its text
    for hidden in ("alert", "color:", "display", "tracking", "noscript", "Enable JavaScript",
                   "iframe", "Home", "Copyright", "\u202e", "\x01"):
        assert hidden not in text, hidden
    assert any("character references to control or bidirectional" in w for w in article.warnings)
    clean(article)


def test_markdown_script_and_style_blocks_and_comments_are_not_text(tmp_path):
    raw = ("---\ntitle: Talks\n---\n\nThe talks resumed.\n\n<script>alert(1)</script>\n\n"
           "<STYLE>p { display: none }</STYLE>\n<!-- an editor's note -->\nThey went on.\n")
    article = read_article(write(tmp_path, raw, "x.md"))
    assert article.paragraphs == ["The talks resumed.", "They went on."]


def test_a_first_line_too_long_for_a_headline_is_flagged(tmp_path):
    path = write(tmp_path, "Word " * 80 + "\n\nText.\n")
    assert read_article(path).warnings == [
        (f"{path}:1: the headline has 399 characters; if the article has no headline, put one "
        "on the first line")]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(["Head\n", "\n", "\r\n", "---\n", "title: x\n", "\u201c", '"',
                              ". ", "\x00", "\u202e", "\ufeff", "<script>", "a: &a [1]\n",
                              "*a", "\xe2\x80", "Ã©", "\u0645", "{{ 6*7 }}"]), max_size=40)
    .map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
))
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_any_bytes_give_a_clean_article_or_one_line(tmp_path, suffix, data):
    path = write(tmp_path, data, "x" + suffix)
    try:
        article = read_article(path)
    except ArticleError as e:
        assert "\n" not in str(e) and str(e).startswith(str(path))
        return
    assert article.title and article.paragraphs
    clean(article)
    for s in article.sentences:
        assert article.paragraphs[s.paragraph][s.start:s.start + len(s.text)] == s.text


HTML_PARTS = ["<html>", "<body>", "<p>", "</p>", "<article>", "<h1>", "</h1>", "<title>T</title>",
              "Talks resumed in Doha on Monday, officials said. ", "&#1;", "&#x202e;", "&#0;",
              "&#xd800;", "&#99999999;", "<script>", "</script>", "<!--", "-->", "<![CDATA[",
              "<?xml version='1.0' encoding='latin-1'?>", "<meta charset='base64'>", "\x00",
              "<svg><script>alert(1)</script></svg>", "<noscript>", "<template>", "\u202e"]


def test_html_that_trips_the_metadata_step_still_reads(tmp_path):
    page = ("<svg><script>alert(1)</script></svg><html><head><title>Talks go on</title></head>"
            "<body><article><h1>Talks go on</h1><p>Negotiators met again on Monday in Doha, "
            "officials said, and will meet again next week.</p></article></body></html>")
    article = read_article(write(tmp_path, page, "x.html"))  # htmldate asserts on this page
    assert article.title == "Talks go on" and "alert" not in article.text


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.lists(st.sampled_from(HTML_PARTS), max_size=30).map("".join),
       encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_any_html_gives_a_clean_article_or_one_line(tmp_path, page, encoding):
    path = write(tmp_path, page.encode(encoding, "replace"), "x.html")
    try:
        article = read_article(path)
    except ArticleError as e:
        assert "\n" not in str(e) and str(e).startswith(str(path))
        return
    clean(article)


# ---- through the CLI: a batch goes on, says what failed, leaves nothing half-written -------

def _sparse(size: int) -> bytes:
    return b"Headline\n\n" + b"\x00" * (size - 10)


BAD = {
    "empty.txt": b"",
    "blank.txt": b" \r\n\t\n",
    "headline-only.txt": b"Just a headline\n",
    "binary.txt": random.Random(1).randbytes(3000),
    "report.txt": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
    "broken.md": b"---\ntitle: ok\n  bad: [\n---\n\nText.\n",
    "huge.txt": _sparse(MAX_TEXT + 1),
}
GOOD = {
    "utf16.txt": f"Talks in UTF-16\n\n{BODY}\n".encode("utf-16"),
    "utf16be.txt": f"Talks in UTF-16 without a mark\n\n{BODY}\n".encode("utf-16-be"),
    "cp1252.txt": "Caf\u00e9 talks\n\n\u201cWe agree,\u201d said Ali.\n".encode("cp1252"),
    "bom-crlf.md": b"\xef\xbb\xbf---\r\ntitle: Talks with a BOM\r\n---\r\n\r\n" + BODY.encode(),
    "nul.txt": f"Talks with NUL\n\n{BODY}\x00\n".encode(),
    "bidi.txt": "Talks with an override\n\nAli said the file is harmless\u202egnp.exe.\n".encode(),
    "mojibake.txt": "Talks garbled\n\nIt\u00e2\u20ac\u2122s done, Ali said.\n".encode(),
    "rtl.txt": "\u0645\u062d\u0645\u0648\u062f \u0639\u0628\u0627\u0633 in Cairo\n\n"
               "\u05d1\u05e0\u05d9\u05de\u05d9\u05df \u05e0\u05ea\u05e0\u05d9\u05d4\u05d5 "
               "met \u0645\u062d\u0645\u0648\u062f \u0639\u0628\u0627\u0633 on Monday.\n".encode(),
    "unclosed.txt": f"Talks unquoted\n\n\u201cWe will never agree. {BODY}\n".encode(),
    "page.html": (HOSTILE_ARTICLES / "script-and-style.html").read_bytes(),
}
SUMMARY = re.compile(r"^(\d+) articles: (\d+) read, (\d+) failed$", re.MULTILINE)


def articles_in(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_a_batch_goes_past_every_bad_file_and_ends_with_a_summary(tmp_path):
    folder = articles_in(tmp_path / "articles", {**BAD, **GOOD})
    out = tmp_path / "out"
    result = ingest(folder, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert sorted(Path(e.split(": ", 2)[1].split(":")[0]).name for e in errors) == sorted(BAD)
    assert SUMMARY.search(result.stderr).groups() == (str(len(BAD) + len(GOOD)),
                                                      str(len(GOOD)), str(len(BAD)))
    # Several good articles share one body: they are one story, merged into one sheet.
    sheets = len(list(out.glob("*.yaml")))
    assert sheets + result.stdout.count("story match") == len(GOOD)
    leftovers = [p for p in out.rglob("*") if p.name.startswith(".") and p.is_file()]
    assert leftovers == []  # write_atomic's temporary files are .NAME.XXXX.tmp
    check = ingest_check(out)
    assert check.returncode == 0, check.stderr


def ingest_check(folder: Path) -> subprocess.CompletedProcess:
    """`explainers check FOLDER`: the drafts of hostile articles are valid sheets."""
    return subprocess.run([str(EXPLAINERS), "check", str(folder)], capture_output=True,
                          text=True, timeout=120, check=False)


def test_nothing_usable_exits_non_zero_and_writes_nothing(tmp_path):
    folder = articles_in(tmp_path / "articles", BAD)
    out = tmp_path / "out"
    result = ingest(folder, "--out", out)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert SUMMARY.search(result.stderr).groups() == (str(len(BAD)), "0", str(len(BAD)))
    assert not out.exists() or not [p for p in out.rglob("*") if p.is_file()]


@pytest.mark.parametrize("name", ["binary.txt", "broken.md", "huge.txt"])
def test_one_bad_file_is_one_line_and_a_non_zero_exit(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BAD[name])
    result = ingest(path, "--out", tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(f"error: {path}")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.*"))


def test_ingest_prints_what_the_editor_should_check(tmp_path):
    path = tmp_path / "bidi.txt"
    path.write_bytes(GOOD["bidi.txt"])
    result = ingest(path, "--out", tmp_path / "out")
    assert result.returncode == 0
    assert f"warning: {path}:3: removed 1 bidirectional control character (U+202E " \
           "RIGHT-TO-LEFT OVERRIDE)" in result.stderr


def test_a_pipe_named_as_an_article_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    assert refused(fifo).endswith(": not a file; name an article file or a folder of them")


def test_an_out_folder_that_cannot_be_made_is_one_line_not_a_traceback(tmp_path):
    (tmp_path / "file").write_text("", encoding="utf-8")
    result = ingest(HOSTILE_ARTICLES / "hostile-article.txt", "--out", tmp_path / "file" / "out")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2, result.stderr
