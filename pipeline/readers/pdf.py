"""PDF text in reading order, from pdfium's text layer, with pdfplumber for tables.

pdfium (pypdfium2) gives positioned text runs at hundreds of pages per second;
we lay them out ourselves: columns found from the gap no run crosses, running
headers and footers dropped when they repeat or are page numbers, hyphenated
line breaks joined, paragraphs from line spacing. pdfplumber, which is about
50 times slower, is only opened on pages that draw ruling lines (tables).
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.errors import CorruptDocument, EncryptedDocument, NeedsOCR
from pipeline.models import Page, Section, Table

log = logging.getLogger(__name__)

_PAGE_NUMBER = re.compile(r"^\s*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\s*$", re.I)
_DIGITS = re.compile(r"\d+")
_RUNS_ON = re.compile(
    r"\b(the|a|an|of|to|and|or|in|on|for|with|by|from|that|as|at|is|are|was|were|be|its|"
    r"their|than|into|such)$", re.I)
MARGIN = 0.06  # top and bottom share of the page where running headers live


@dataclass
class Line:
    left: float
    bottom: float
    right: float
    top: float
    text: str
    column: str = "full"  # "full", "left" or "right"

    @property
    def height(self) -> float:
        return self.top - self.bottom


@dataclass
class PdfText:
    text: str = ""
    pages: list[Page] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    footnotes: list[dict[str, Any]] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


def _runs(textpage: pdfium.PdfTextPage) -> list[Line]:
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = text.replace("\r", "").replace("\n", " ").replace("\x02", "")
        if text.strip():
            runs.append(Line(left, bottom, right, top, text))
    return runs


def _column_gap(runs: list[Line], width: float) -> float | None:
    """The x of a vertical gap that splits the page into two columns, if any."""
    if len(runs) < 20:
        return None
    best_x, best_cross = None, len(runs)
    for step in range(0, 61):
        x = width * (0.35 + 0.3 * step / 60)
        cross = sum(1 for r in runs if r.left < x + 4 and r.right > x - 4)  # an 8pt gutter
        if cross < best_cross:
            best_x, best_cross = x, cross
    if best_x is None:
        return None
    left = sum(1 for r in runs if r.right <= best_x)
    right = sum(1 for r in runs if r.left >= best_x - 1)
    if best_cross <= 0.08 * len(runs) and min(left, right) >= max(3, 0.05 * len(runs)):
        return best_x
    return None


def _merge_lines(runs: list[Line]) -> list[Line]:
    """Join runs that share a row (vertical overlap) and a column into lines."""
    rows: list[list[Line]] = []
    for run in sorted(runs, key=lambda r: -r.top):
        mid = (run.top + run.bottom) / 2
        for row in reversed(rows[-3:]):
            lo = min(r.bottom for r in row)
            hi = max(r.top for r in row)
            if lo - 0.5 <= mid <= hi + 0.5:
                row.append(run)
                break
        else:
            rows.append([run])
    lines: list[Line] = []
    for row in rows:
        for col in ("full", "left", "right"):
            parts = sorted((r for r in row if r.column == col), key=lambda r: r.left)
            if not parts:
                continue
            line = Line(parts[0].left, parts[0].bottom, parts[0].right, parts[0].top,
                        parts[0].text, col)
            for run in parts[1:]:
                if run.left - line.right > 30:  # a far-apart cell: its own line
                    lines.append(line)
                    line = Line(run.left, run.bottom, run.right, run.top, run.text, col)
                    continue
                gap = run.left - line.right
                sep = "" if line.text.endswith(" ") or gap < 0.25 * run.height else " "
                line.text += sep + run.text
                line.right = max(line.right, run.right)
                line.top = max(line.top, run.top)
                line.bottom = min(line.bottom, run.bottom)
            lines.append(line)
    for line in lines:
        line.text = re.sub(r"\s+", " ", line.text).strip()
    return [x for x in lines if x.text]


def _reading_order(lines: list[Line]) -> list[Line]:
    """Full-width lines in place; between them, the left column then the right."""
    ordered: list[Line] = []
    pending: list[Line] = []

    def flush() -> None:
        for col in ("left", "right"):
            ordered.extend(sorted((x for x in pending if x.column == col), key=lambda x: -x.top))
        pending.clear()

    for line in sorted(lines, key=lambda x: -x.top):
        if line.column == "full":
            flush()
            ordered.append(line)
        else:
            pending.append(line)
    flush()
    return ordered


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Group consecutive lines of one column into paragraphs by spacing and width."""
    if not lines:
        return []
    gaps = [
        a.bottom - b.bottom
        for a, b in zip(lines, lines[1:], strict=False)
        if a.column == b.column and 0 < a.bottom - b.bottom < 3 * a.height
    ]
    spacing = median(gaps) if gaps else 12.0
    widths = [x.right - x.left for x in lines]
    full = max(widths) if widths else 0
    col_width = {c: max((x.right - x.left for x in lines if x.column == c), default=full)
                 for c in ("full", "left", "right")}
    paras: list[list[Line]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:], strict=False):
        gap = prev.bottom - line.bottom
        short = (prev.right - prev.left) < 0.75 * col_width[prev.column]
        new = (
            (prev.column != line.column
             and (prev.text.endswith((".", ":", "?", "!", "”", '"')) or line.text[:1].isupper()))
            or (prev.column == line.column and gap > 1.45 * spacing)
            or (prev.column == line.column and gap < 0)  # back up the page
            or (short and prev.text.endswith((".", ":", "?", "!", "”", '"')))
            or (
                (prev.right - prev.left) < 0.6 * col_width[prev.column]
                and line.text[:1].isupper()
                and not prev.text.endswith((",", "-", ";"))
                and not _RUNS_ON.search(prev.text)
            )
        )
        if new:
            paras.append([line])
        else:
            paras[-1].append(line)
    return paras


def _join(lines: list[Line]) -> str:
    out = ""
    for line in lines:
        text = line.text
        if not out:
            out = text
        elif re.search(r"[A-Za-z]-\s?$", out) and text[:1].islower():
            out = out.rstrip()[:-1] + text  # a word hyphenated across the line break
        else:
            out += " " + text
    return out


def _is_heading(para: list[Line], text: str) -> bool:
    return (
        len(para) == 1
        and 3 <= len(text) <= 90
        and not text.endswith((".", ",", ";", ":"))
        and text[:1].isupper()
        and not _PAGE_NUMBER.match(text)
        and sum(w[:1].isupper() for w in text.split()) >= max(1, len(text.split()) // 2)
    )


def _table_pages(page: pdfium.PdfPage) -> bool:
    """True when a page draws a table: horizontal rules with vertical rules or with
    shaded cells. Rules alone (charts, separators, footnote lines) are not enough.
    pdfplumber, fifty times slower than pdfium, is opened only for such pages."""
    horizontal = vertical = cells = 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if h <= 2.5 and w >= 30:
            horizontal += 1
        elif w <= 2.5 and h >= 8:
            vertical += 1
        elif w >= 20 and h >= 8:
            cells += 1
        if horizontal >= 3 and (vertical >= 3 or cells >= 7):
            return True
    return False


class _Tables:
    """pdfplumber, opened once per document and only if a page needs it."""

    def __init__(self, source: Path | bytes) -> None:
        self.source = source
        self._pdf: Any = None

    def find(self, page_index: int, height: float) -> list[tuple[Table, tuple]]:
        import io

        import pdfplumber

        if self._pdf is None:
            src = io.BytesIO(self.source) if isinstance(self.source, bytes) else self.source
            self._pdf = pdfplumber.open(src)
        page = self._pdf.pages[page_index]
        found = []
        for t in page.find_tables():
            rows = [[(c or "").replace("\n", " ").strip() for c in row] for row in t.extract()]
            rows = [r for r in rows if any(r)]
            if len(rows) < 2 or max(len(r) for r in rows) < 2:
                continue
            x0, top, x1, bottom = t.bbox
            table = Table(page=page_index + 1, bbox=(x0, top, x1, bottom), rows=rows)
            found.append((table, (x0, height - bottom, x1, height - top)))
        page.close()
        return found

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()


_NOTE_START = re.compile(r"^(\d{1,3}|[*†‡§]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*\S")


def _split_footnotes(lines: list[Line], body_height: float) -> tuple[list[Line], list[Line]]:
    """Footnotes: the block of small-type lines at the foot of a page's body,
    at least one of them opening with a note mark ("1 See ...", "* ...")."""
    if not lines or body_height <= 0:
        return lines, []
    bottom_first = sorted(lines, key=lambda x: x.bottom)
    notes: list[Line] = []
    for x in bottom_first:
        if x.height < 0.85 * body_height:
            notes.append(x)
        else:
            break
    if not notes or not any(_NOTE_START.match(x.text) for x in notes):
        return lines, []
    ids = {id(x) for x in notes}
    return [x for x in lines if id(x) not in ids], sorted(notes, key=lambda x: -x.top)


def _repeating(pages_lines: list[list[Line]], heights: list[float]) -> set[str]:
    """Header and footer lines: in the margins and repeated, or page numbers."""
    seen: Counter[str] = Counter()
    for lines, h in zip(pages_lines, heights, strict=True):
        keys = {
            _DIGITS.sub("#", x.text.lower())
            for x in lines
            if x.top > h * (1 - MARGIN) or x.bottom < h * MARGIN
        }
        seen.update(keys)
    limit = 2 if len(pages_lines) > 1 else 10**9
    return {k for k, n in seen.items() if n >= limit}


PARALLEL_PAGES = 12  # documents this long are laid out in several processes
WORKERS = min(4, os.cpu_count() or 1)


def _layout_pages(source: Path | bytes, password: str | None, first: int, last: int,
                  pdf: pdfium.PdfDocument | None = None
                  ) -> list[tuple[list[Line], float, list[Table]]]:
    """Lines (with columns), page height and tables of pages ``[first, last)``."""
    own = pdf is None
    doc = pdfium.PdfDocument(source, password=password) if pdf is None else pdf
    finder = _Tables(source)
    out = []
    try:
        for i in range(first, last):
            page = doc[i]
            width, height = page.get_size()
            textpage = page.get_textpage()
            runs = _runs(textpage)
            tables: list[Table] = []
            if runs and _table_pages(page):
                for table, (x0, b, x1, t) in finder.find(i, height):
                    tables.append(table)
                    runs = [
                        r for r in runs
                        if not (r.left >= x0 - 2 and r.right <= x1 + 2
                                and r.bottom >= b - 2 and r.top <= t + 2)
                    ]
            gap = _column_gap(
                [r for r in runs if height * MARGIN < r.bottom < height * (1 - MARGIN)], width
            )
            if gap is not None:
                for r in runs:
                    if r.right <= gap + 1:
                        r.column = "left"
                    elif r.left >= gap - 1:
                        r.column = "right"
            out.append((_merge_lines(runs), height, tables))
            textpage.close()
            page.close()
    finally:
        finder.close()
        if own:
            doc.close()
    return out


def _pages_in_processes(source: Path | bytes, password: str | None, n_pages: int
                        ) -> list[tuple[list[Line], float, list[Table]]]:
    """Lay pages out in ``WORKERS`` processes, each over a contiguous range."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    step = -(-n_pages // WORKERS)
    ranges = [(a, min(n_pages, a + step)) for a in range(0, n_pages, step)]
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=len(ranges), mp_context=ctx) as pool:
        parts = pool.map(_layout_pages, [source] * len(ranges), [password] * len(ranges),
                         [a for a, _ in ranges], [b for _, b in ranges])
        return [page for part in parts for page in part]


def read_pdf(
    source: Path | bytes, name: str, password: str | None = None, max_pages: int = 2000
) -> PdfText:
    """Read a PDF into normalized text with page offsets, sections and tables.

    Raises CorruptDocument, EncryptedDocument or NeedsOCR with a message that
    names ``name`` and the way out.
    """
    try:
        pdf = pdfium.PdfDocument(source, password=password)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise EncryptedDocument(
                f"{name} is encrypted; give its password with --password or remove it"
            ) from exc
        raise CorruptDocument(
            f"{name} is not a readable PDF ({exc}); re-download or re-export it"
        ) from exc
    out = PdfText()
    try:
        meta = pdf.get_metadata_dict(skip_empty=True)
        out.metadata = {k.lower(): v for k, v in meta.items() if isinstance(v, str)}
        n_pages = len(pdf)
        if n_pages > max_pages:
            raise CorruptDocument(
                f"{name} has {n_pages} pages, over the limit of {max_pages}; "
                "raise RISKATLAS_MAX_PDF_PAGES or split the file"
            )
        if n_pages >= PARALLEL_PAGES and WORKERS > 1:
            pages = _pages_in_processes(source, password, n_pages)
        else:
            pages = _layout_pages(source, password, 0, n_pages, pdf)
        all_lines = [p[0] for p in pages]
        heights = [p[1] for p in pages]
        page_tables = [p[2] for p in pages]
        if not any(all_lines):
            raise NeedsOCR(
                f"{name} has no text layer (scanned images); run OCR on it "
                "(for example ocrmypdf) and ingest the result"
            )
        chrome = _repeating(all_lines, heights)
        parts: list[str] = []
        pos = 0
        for i, (lines, h) in enumerate(zip(all_lines, heights, strict=True)):
            body = []
            for x in lines:
                in_margin = x.top > h * (1 - MARGIN) or x.bottom < h * MARGIN
                key = _DIGITS.sub("#", x.text.lower())
                if in_margin and (key in chrome or _PAGE_NUMBER.match(x.text)):
                    out.dropped.append(x.text)
                else:
                    body.append(x)
            heights = sorted(x.height for x in body)
            body, notes = _split_footnotes(body, heights[len(heights) // 2] if heights else 0)
            if notes:
                out.footnotes.append({"page": i + 1, "text": " ".join(x.text for x in notes)})
            start = pos
            for para in _paragraphs(_reading_order(body)):
                text = _join(para)
                if not text:
                    continue
                if _is_heading(para, text):
                    out.sections.append(Section(title=text, level=2, start=pos, end=pos))
                parts.append(text)
                pos += len(text) + 2
            out.pages.append(Page(number=i + 1, start=start, end=max(start, pos - 2)))
            out.tables.extend(page_tables[i])
        out.text = "\n\n".join(parts)
        _close_sections(out.sections, len(out.text))
        return out
    finally:
        pdf.close()


def _close_sections(sections: list[Section], end: int) -> None:
    for a, b in zip(sections, sections[1:], strict=False):
        a.end = b.start
    if sections:
        sections[-1].end = end
