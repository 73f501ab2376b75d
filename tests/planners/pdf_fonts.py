"""The printed size of text on each page of a PDF (pypdf): what a reader sees after any fit-to-page scaling."""

from __future__ import annotations

import math
from pathlib import Path

from pypdf import PdfReader


def _scale(matrix: list[float]) -> float:
    """The vertical scale of a 2-D transformation matrix [a b c d e f] (√|ad − bc| keeps rotations right)."""
    a, b, c, d = matrix[:4]
    return math.sqrt(abs(a * d - b * c))


def page_font_sizes(path: Path) -> list[list[tuple[float, str]]]:
    """For each page, (printed size in points, text) of every non-blank text run."""
    pages: list[list[tuple[float, str]]] = []
    for page in PdfReader(str(path)).pages:
        runs: list[tuple[float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float,
                  runs: list[tuple[float, str]] = runs) -> None:
            if text.strip():
                runs.append((round(size * _scale(tm) * _scale(cm), 2), text.strip()))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def smallest_per_page(path: Path) -> list[tuple[float, str]]:
    """Each page's smallest printed text size, with a sample of that text (0 for a page without text)."""
    out = []
    for runs in page_font_sizes(path):
        out.append(min(runs) if runs else (0.0, ""))
    return out


def body_lines_per_page(path: Path, header: float = 60.0, footer: float = 60.0) -> list[int]:
    """For each page, how many distinct lines of text it has between the page header and footer (pdftotext -bbox
    word boxes grouped by their baseline)."""
    import re
    import subprocess

    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    counts: list[int] = []
    for page in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        height = float(page[1])
        ys = {round(float(y) / 3) for y in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" '
                                                      r'yMax="([\d.]+)"', page[2])
              if header < float(y) < height - footer}
        counts.append(len(ys))
    return counts
