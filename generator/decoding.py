"""From an article file's bytes to text extraction can trust.

`decode_bytes` finds the encoding (a byte-order mark, UTF-16 without one, UTF-8, and
Windows-1252 for bytes that are not UTF-8) and refuses what is not text at all. `clean_text`
then makes the text uniform (one kind of line end, Unicode NFC, no control characters, no
bidirectional overrides) and reports what it removed or what looks wrong, line by line, so
the editor can check the article. Neither knows about files: the caller names the file.
"""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from dataclasses import dataclass

# File signatures of things that are not articles, and what to call them.
SIGNATURES = {
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a .docx or .odt document)",
    b"\xd0\xcf\x11\xe0": "an old Word or Excel document",
    b"{\\rtf": "an RTF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
}
# Byte-order marks, longest first: UTF-32's LE mark begins with UTF-16's.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Characters that make text display differently from what it says (Trojan Source).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Line and page breaks other than \n, turned into \n rather than removed.
BREAKS = {"\r\n": "\n", "\r": "\n", "\f": "\n", "\v": "\n", "\x85": "\n",
          "\u2028": "\n", "\u2029": "\n\n"}
# Invisible characters that only get in the way of matching names: a mid-text BOM, soft hyphen.
INVISIBLE = "\ufeff\u00ad"

_BREAK = re.compile("|".join(map(re.escape, BREAKS)))
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_LOST = re.compile("\ufffd")
_REFERENCE = re.compile(r"&#(x[0-9a-f]{1,8}|[0-9]{1,10});?", re.IGNORECASE)
# What a binary file is full of and text is not; a few are tolerated (see decode_bytes).
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")


class NotText(ValueError):
    """The bytes are not an article's text; the message says what they are and what to do."""


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, and how."""

    text: str
    encoding: str
    """The encoding found: utf-8, utf-16-le, ..., or windows-1252 for bytes that are not UTF-8."""
    guessed_bytes: int = 0
    """How many bytes were not UTF-8 and were read as Windows-1252."""


@dataclass(frozen=True)
class Finding:
    """Something the editor should check in the text: where it first is, and what."""

    line: int
    message: str


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """The text in data, whatever its encoding; NotText when it is not text.

    declared is the encoding the file names for itself (an HTML page's charset), used when
    the bytes are not UTF-8.
    """
    for signature, kind in SIGNATURES.items():
        if data.startswith(signature):
            raise NotText(f"this is {kind}, not text; save the article as plain text "
                          "(.txt) or Markdown (.md) and ingest that")
    decoded = _decode(data, declared)
    body = decoded.text.rstrip("\x00")  # NUL padding at the end is a crash's leftover
    if len(_BINARY.findall(body)) > max(16, len(body) // 20):
        raise NotText("this is a binary file, not an article; remove it or save the "
                      "article as text")
    return decoded


def _decode(data: bytes, declared: str | None) -> Decoded:
    """BOM, else UTF-16 by its NUL bytes, else UTF-8 with Windows-1252 for stray bytes."""
    for bom, encoding in BOMS:
        if data.startswith(bom) and encoding != "utf-8":
            return Decoded(_strict(data[len(bom):], encoding), encoding)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    else:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return utf16
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return Decoded(data.decode(declared), codecs.lookup(declared).name)
        except (LookupError, UnicodeDecodeError):
            pass
    _guessed.count = 0
    text = data.decode("utf-8", errors=_CP1252_FALLBACK)
    return Decoded(text, "windows-1252", _guessed.count)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        name = encoding.upper()
        raise NotText(f"it starts with a {name} byte-order mark but byte {e.start} is not "
                      f"{name}; save the file again as UTF-8") from None


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 when NUL bytes fall on one side of each byte pair, as its spaces put them."""
    sample = data[:8192]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    enough = max(2, len(sample) // 40)
    encoding = ("utf-16-le" if odd >= enough and odd > 4 * even else
                "utf-16-be" if even >= enough and even > 4 * odd else None)
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    spaces = text.count(" ") + text.count("\n")
    return Decoded(text, encoding) if spaces * 50 >= len(text) else None


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    """Decode error handler: each byte that is not UTF-8 read as Windows-1252, and counted."""
    chunk = error.object[error.start:error.end]
    _guessed.count += len(chunk)
    return "".join(_cp1252(b) for b in chunk), error.end


_guessed = threading.local()
_CP1252_FALLBACK = "explainers-cp1252"
codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        return "\ufffd"


def clean_text(text: str) -> tuple[str, list[Finding]]:
    """Text with \\n line ends, NFC, no control or bidi characters; and what to check."""
    text = _BREAK.sub(lambda m: BREAKS[m.group()], text)
    findings = [f for f in (_find(text, _CONTROL, _control_message),
                            _find(text, _BIDI, _bidi_message),
                            _find(text, _LOST, _lost_message),
                            _mojibake(text)) if f]
    return scrub(text)[0], findings


def drop_control_references(html: str) -> tuple[str, list[Finding]]:
    """HTML without character references to control or bidi characters (&#1;, &#x202E;).

    They would reach the text once the page is parsed, and lxml stops at some of them.
    """
    dropped: list[tuple[int, str]] = []

    def replace(m: re.Match) -> str:
        digits = m.group(1)
        code = int(digits[1:], 16) if digits[0] in "xX" else int(digits)
        ch = chr(code) if code < 0x110000 else "\ufffd"
        if _CONTROL.match(ch) or _BIDI.match(ch):
            dropped.append((m.start(), ch))
            return ""
        return m.group()

    cleaned = _REFERENCE.sub(replace, html)
    if not dropped:
        return html, []
    message = (f"removed {_plural(len(dropped), 'character reference')} to control or "
               f"bidirectional characters ({_names([c for _, c in dropped])}); check the text")
    return cleaned, [Finding(_line(html, dropped[0][0]), message)]


def scrub(value: str) -> tuple[str, int]:
    """A value without control, bidi or invisible characters, NFC; how many controls and bidi."""
    removed = len(_CONTROL.findall(value)) + len(_BIDI.findall(value))
    cleaned = _INVISIBLE.sub("", _BIDI.sub("", _CONTROL.sub("", value)))
    return unicodedata.normalize("NFC", cleaned), removed


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _find(text: str, pattern: re.Pattern, message) -> Finding | None:
    found = pattern.findall(text)
    if not found:
        return None
    return Finding(_line(text, pattern.search(text).start()), message(found))


def _names(chars: list[str]) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE, U+0000' for the distinct characters found."""
    distinct = sorted(set(chars))
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip() for c in distinct)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _control_message(found: list[str]) -> str:
    return (f"removed {_plural(len(found), 'control character')} ({_names(found)}): "
            "such characters are not text; check the words around them")


def _bidi_message(found: list[str]) -> str:
    return (f"removed {_plural(len(found), 'bidirectional control character')} "
            f"({_names(found)}): such characters can make text display differently from what "
            "it says; check this line")


def _lost_message(found: list[str]) -> str:
    return (f"{_plural(len(found), 'character')} were lost (shown as \ufffd) before this file "
            "was saved; restore them from the original article")


def _cp1252_range(low: int, high: int) -> str:
    return "".join(c for c in map(_cp1252, range(low, high + 1)) if c != "\ufffd")


# UTF-8 read as Windows-1252: a lead byte's character, then continuation bytes' characters.
_MOJIBAKE = re.compile(
    f"[{re.escape(_cp1252_range(0xC2, 0xF4))}][{re.escape(_cp1252_range(0x80, 0xBF))}]{{1,3}}")


def _mojibake(text: str) -> Finding | None:
    """Text that was UTF-8, read as Windows-1252 and saved again: 'â€™' for '’'."""
    hits = [(m.start(), garbled, meant) for m in _MOJIBAKE.finditer(text)
            for garbled, meant in [_undo_mojibake(m.group())] if meant]
    if not hits:
        return None
    pos, garbled, meant = hits[0]
    shown = meant if meant.isprintable() else f"U+{ord(meant[0]):04X}"
    return Finding(_line(text, pos), (
        f"the text looks garbled ({_plural(len(hits), 'place')}): '{garbled}' is probably "
        f"'{shown}' read with the wrong encoding; correct the article, or save it again as UTF-8"))


def _undo_mojibake(run: str) -> tuple[str, str | None]:
    """The garbled characters and what they meant, or None when the run is not mojibake."""
    lead = run[0].encode("cp1252")[0]
    size = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    garbled = run[:size]
    if len(garbled) < size:
        return garbled, None
    try:
        return garbled, garbled.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return garbled, None
