"""The numbers a viewer shows on each page of a PDF, read straight from pdfium's characters with a deliberately
simple method of its own (not the converter's): characters inside the crop box, a second strike of the same glyph
at almost the same spot dropped, grouped into lines by baseline and into words by gaps, numbers found in the words.
Clip paths are applied the same simple way (the clip path's bounding box of the character's text object), and text
drawn invisibly (render mode 3 or 7) is not shown."""

from __future__ import annotations

import ctypes
import re
from collections import Counter

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _clip_box(obj):
    clip = pdfium_c.FPDFPageObj_GetClipPath(obj)
    if not clip or pdfium_c.FPDFClipPath_CountPaths(clip) <= 0:
        return None
    box = [-1e9, -1e9, 1e9, 1e9]
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
        xs, ys = [], []
        for j in range(pdfium_c.FPDFClipPath_CountPathSegments(clip, i)):
            pdfium_c.FPDFPathSegment_GetPoint(pdfium_c.FPDFClipPath_GetPathSegment(clip, i, j), x, y)
            xs.append(x.value)
            ys.append(y.value)
        if xs:
            box = [max(box[0], min(xs)), max(box[1], min(ys)), min(box[2], max(xs)), min(box[3], max(ys))]
    return box


def page_glyphs(page) -> list[tuple[str, float, float, float, float]]:
    """(char, left, bottom, right, top) of every visible non-blank character."""
    textpage = page.get_textpage()
    left_box, bottom_box, right_box, top_box = page.get_cropbox()
    out: list[tuple[str, float, float, float, float]] = []
    clips: dict[int, list[float] | None] = {}
    for i in range(textpage.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
        if char.isspace() or pdfium_c.FPDFText_IsGenerated(textpage.raw, i) == 1:
            continue
        rect = pdfium_c.FS_RECTF()
        pdfium_c.FPDFText_GetLooseCharBox(textpage.raw, i, rect)
        left, r = rect.left, rect.right
        b, t = min(rect.bottom, rect.top), max(rect.bottom, rect.top)
        cx, cy = (left + r) / 2, (b + t) / 2
        if not (left_box <= cx <= right_box and bottom_box <= cy <= top_box):
            continue
        obj = pdfium_c.FPDFText_GetTextObject(textpage.raw, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value
        if key not in clips:
            invisible = pdfium_c.FPDFTextObj_GetTextRenderMode(obj) in (3, 7)
            clips[key] = [1e9, 1e9, -1e9, -1e9] if invisible else _clip_box(obj)
        box = clips[key]
        if box is not None and not (box[0] <= cx <= box[2] and box[1] <= cy <= box[3]):
            continue
        width = max(min(r - left, t - b), 0.5)
        if any(
            c == char and abs((ol + orr) / 2 - cx) < 0.3 * width and abs((ob + ot) / 2 - cy) < 0.3 * (t - b)
            for c, ol, ob, orr, ot in out[-50:]
        ):
            continue  # a fake-bold second strike
        out.append((char, left, b, r, t))
    textpage.close()
    return out


def page_words(page) -> list[str]:
    """Words on visual lines: characters sorted into lines by their vertical centre, split where the gap is wide."""
    glyphs = sorted(page_glyphs(page), key=lambda g: -(g[2] + g[4]) / 2)
    lines: list[list[tuple]] = []
    for g in glyphs:
        cy, size = (g[2] + g[4]) / 2, g[4] - g[2]
        if lines and abs(lines[-1][0][0] - cy) <= 0.4 * size:
            lines[-1][1].append(g)
        else:
            lines.append(((cy, size), [g]))
    words: list[str] = []
    for _, line in lines:
        line.sort(key=lambda g: g[1])
        word = ""
        previous = None
        for g in line:
            if previous is not None and g[1] - previous[3] > 0.2 * (g[4] - g[2]):
                words.append(word)
                word = ""
            word += g[0]
            previous = g
        words.append(word)
    return words


def numbers_by_page(data: bytes) -> dict[int, Counter]:
    document = pdfium.PdfDocument(data)
    try:
        return {
            index + 1: Counter(n for word in page_words(document[index]) for n in NUMBER.findall(word))
            for index in range(len(document))
        }
    finally:
        document.close()
