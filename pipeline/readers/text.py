"""Plain text, Markdown (with YAML front matter), HTML and DOCX into normalized text.

Each reader returns a ``Parsed``: text whose offsets every later span refers
to, sections, tables, metadata, and the page chrome it dropped.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from pipeline.errors import CorruptDocument
from pipeline.models import Section, Table

log = logging.getLogger(__name__)

# Lines of page chrome in saved web pages; matched on the whole stripped line.
_CHROME_LINE = re.compile(
    r"^(advertisement|sponsored( content)?|share( this( article)?)?|subscribe( now)?|"
    r"sign up( for (our|the) newsletter)?|read more|continue reading|print|email|"
    r"(facebook|twitter|x|reddit|linkedin|whatsapp|telegram|email|print|copy link)"
    r"(\s*[|·•]?\s*(facebook|twitter|x|reddit|linkedin|whatsapp|telegram|email|print|copy link))*|"
    r"accept( all)?( cookies)?|we use cookies.*|skip to (main )?content|back to top|"
    r"\[?(citation|subscribe|share/save|site feedback)\]?.*\(https?://[^)]*\).*)$",
    re.I,
)
# A heading after which a saved page lists other articles, not this one.
_TRAILER = re.compile(
    r"^(#+\s*)?(related|more|recommended|popular|trending|latest|you may also like)"
    r"( articles| stories| posts| reading| news| content| from .*)?:?$",
    re.I,
)
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_MD_EMPH = re.compile(r"(\*\*|__)(.+?)\1")
_MD_BOLD_LABEL = re.compile(r"^\*\*([^*]+):\*\*\s*")


@dataclass
class Parsed:
    text: str = ""
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


def decode(data: bytes, name: str) -> str:
    """Bytes to str: UTF-8 (with or without BOM), else a detected legacy encoding."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorruptDocument(f"{name} is binary, not text; check its format or remove it")
    for enc in ("utf-8-sig", "utf-16"):
        if enc == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    other_scripts = ("cp1251", "koi8_r", "koi8_u", "iso8859_5", "mac_cyrillic", "big5",
                     "gb2312", "gb18030", "gbk", "shift_jis", "cp932", "euc_jp", "euc_kr",
                     "cp949", "utf_16", "utf_32", "cp1253", "cp1255", "cp1256", "iso8859_7")
    if best is None or best.encoding not in other_scripts:
        try:  # Windows Latin-1 is the commonest legacy encoding of English text
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    if best is None:
        raise CorruptDocument(f"{name} is not text in any known encoding; convert it to UTF-8")
    log.info("%s decoded as %s", name, best.encoding)
    return str(best)


class _Builder:
    """Accumulates paragraphs into text, tracking section offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.sections: list[Section] = []

    def heading(self, title: str, level: int) -> None:
        self.sections.append(Section(title=title, level=level, start=self.pos, end=self.pos))
        self.add(title)

    def add(self, para: str) -> None:
        para = para.strip()
        if not para:
            return
        self.parts.append(para)
        self.pos += len(para) + 2

    def build(self) -> tuple[str, list[Section]]:
        text = "\n\n".join(self.parts)
        for a, b in zip(self.sections, self.sections[1:], strict=False):
            a.end = b.start
        if self.sections:
            self.sections[-1].end = len(text)
        return text, self.sections


def front_matter(raw: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter from the body; malformed YAML is left in the text."""
    m = _FRONT_MATTER.match(raw)
    if not m:
        return {}, raw
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        return {}, raw
    if not isinstance(meta, dict):
        return {}, raw
    return {str(k): v for k, v in meta.items()}, raw[m.end():]


def _drop_chrome(lines: list[str], dropped: list[str]) -> list[str]:
    kept: list[str] = []
    for i, line in enumerate(lines):
        s = line.strip()
        if _TRAILER.match(s) and i > len(lines) // 3:
            dropped.extend(x.strip() for x in lines[i:] if x.strip())
            break
        if s and _CHROME_LINE.match(s):
            dropped.append(s)
            continue
        kept.append(line)
    return kept


def read_markdown(raw: str) -> Parsed:
    """Markdown or plain text: front matter to metadata, headings to sections.

    Paragraphs are blocks separated by blank lines; lines inside a block are
    joined with a space (hard-wrapped text). A plain-text file with no blank
    lines keeps one paragraph per line.
    """
    meta, body = front_matter(raw.replace("\r\n", "\n").replace("\r", "\n"))
    out = Parsed(metadata=meta)
    lines = _drop_chrome(body.split("\n"), out.dropped)
    b = _Builder()
    nonblank = [len(x.strip()) for x in lines if x.strip()]
    blank_separated = len(lines) - len(nonblank) >= 0.05 * max(1, len(lines))
    p90 = sorted(nonblank)[int(0.9 * (len(nonblank) - 1))] if nonblank else 0
    hard_wrapped = not blank_separated and 40 <= p90 <= 100
    para: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if para:
            b.add(" ".join(x.strip() for x in para))
            para.clear()
        if table:
            out.tables.append(Table(rows=[r[:] for r in table]))
            table.clear()

    for i, line in enumerate(lines):
        s = line.strip().replace("\xa0", " ")
        if s.startswith("|") and s.count("|") >= 2:
            if para:
                b.add(" ".join(x.strip() for x in para))
                para.clear()
            cells = [c.strip() for c in s.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                table.append([_inline(c) for c in cells])
            continue
        heading = _MD_HEADING.match(s)
        if heading:
            flush()
            b.heading(_inline(heading.group(2)), len(heading.group(1)))
            continue
        if not s or s in ("---", "***", "___"):
            flush()
            continue
        if s.startswith(("- ", "* ", "+ ")) or re.match(r"^\d+[.)]\s", s):
            flush()
        s = _inline(s)
        if not s:
            continue
        para.append(s)
        if hard_wrapped:
            if s.endswith((".", "!", "?", ":", '"', "\u201d")) and len(s) < 0.85 * p90:
                flush()
        elif not blank_separated:
            para_open = i + 1 < len(lines) and _continues(s, lines[i + 1].strip())
            if not para_open:
                flush()
    flush()
    out.text, out.sections = b.build()
    return out


_FUNCTION_WORD_END = re.compile(
    r"(,|\b(the|a|an|of|to|and|or|in|on|for|with|by|from|that|its|their|as|at|is|are|was|"
    r"were|be|has|have|had|this|these|which|who|not|than|into|over|under|such))$",
    re.I,
)


def _continues(line: str, following: str) -> bool:
    """True when a hard-wrapped ``line`` runs on into ``following``."""
    if not following or line.endswith((".", "!", "?", ":", ";", '"', "\u201d", ")")):
        return False
    return following[:1].islower() or bool(_FUNCTION_WORD_END.search(line))


def _inline(s: str) -> str:
    s = _MD_BOLD_LABEL.sub(lambda m: m.group(1) + ": ", s)
    s = _MD_LINK.sub(lambda m: m.group(1), s)
    s = _MD_EMPH.sub(lambda m: m.group(2), s)
    s = re.sub(r"(?<!\w)[*_]{1,2}(?=\S)|(?<=\S)[*_]{1,2}(?!\w)", "", s)
    s = re.sub(r"^#+\s*", "", s)
    return re.sub(r"[ \t]+", " ", s).strip()


def read_html(raw: str, url: str | None = None) -> Parsed:
    """Main text of an HTML page without navigation, ads or related links (trafilatura)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        raw,
        url=url,
        with_metadata=True,
        include_tables=False,
        include_comments=False,
        favor_precision=True,
        output_format="python",
    )
    if doc is None:
        raise CorruptDocument("no main text found in the HTML page; check that it is an article")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    out = read_markdown(text)
    out.metadata = {
        k: data.get(k)
        for k in ("title", "author", "date", "sitename", "url", "description", "hostname")
        if data.get(k)
    }
    out.tables = _html_tables(raw)
    return out


def _html_tables(raw: str) -> list[Table]:
    try:
        import lxml.html

        tree = lxml.html.fromstring(raw)
    except (ValueError, TypeError, lxml.etree.ParserError):  # type: ignore[attr-defined]
        return []
    tables = []
    for t in tree.iter("table"):
        rows = [
            [" ".join(c.text_content().split()) for c in tr.iter("td", "th")]
            for tr in t.iter("tr")
        ]
        rows = [r for r in rows if any(r)]
        if len(rows) >= 2:
            tables.append(Table(rows=rows))
    return tables


def read_docx(data: bytes, name: str) -> Parsed:
    """Paragraphs of a Word file; ``Heading N`` styles become sections."""
    import zipfile

    import docx

    try:
        d = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptDocument(
            f"{name} is not a readable DOCX ({exc}); re-save it from Word"
        ) from exc
    out = Parsed()
    b = _Builder()
    for p in d.paragraphs:
        style = (p.style.name if p.style is not None else "") or ""
        text = p.text.strip()
        if not text:
            continue
        m = re.match(r"(Heading|Title)\s*(\d*)", style)
        if m:
            b.heading(text, int(m.group(2) or 1))
        else:
            b.add(text)
    out.text, out.sections = b.build()
    for t in d.tables:
        rows = [[c.text.strip() for c in r.cells] for r in t.rows]
        out.tables.append(Table(rows=rows))
    cp = d.core_properties
    out.metadata = {
        k: v
        for k, v in {
            "title": cp.title,
            "author": cp.author,
            "date": cp.created.date().isoformat() if cp.created else None,
        }.items()
        if v
    }
    return out
