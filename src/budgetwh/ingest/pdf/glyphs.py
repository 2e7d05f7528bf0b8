"""The glyphs a viewer shows on a page, and the ruling lines drawn on it, read through pdfium's raw API.

A character counts when it is drawn visibly (not render mode 3 or 7), its centre lies inside the page's crop box and
inside its text object's clip path, and it is not a second strike of the same glyph at almost the same spot (the way
office suites fake a bold face). pdfium's own generated spaces and line breaks are dropped: spacing is recomputed
from the geometry, where a printed space and a gap look the same to a reader."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

# render modes that paint nothing (invisible; invisible + add to clip)
_INVISIBLE_MODES = (3, 7)
# a second strike of a glyph moved by less than this share of its size is the same glyph seen once
_DOUBLE_STRIKE = 0.3
_BLANK_CODES = frozenset((0x3000, 0xA0, 0xFEFF, 0xFFFE, 0xFFFF))
_SPACE_CODES = frozenset((32, 0x3000, 0xA0))
# a path at most this thick (points) is a ruling line, not a shaded area
MAX_RULE_THICKNESS = 2.5
# ... and at least this long, once collinear pieces are joined (tables.find_tables) ...
MIN_RULE_LENGTH = 4.0
# ... from pieces at least this long: a border drawn dashed or dotted is many short segments, each kept as a dash
MIN_DASH = 1.0
TURN_SAMPLE = 200  # consecutive characters that vote on the way the page's text runs


@dataclass(slots=True)
class Glyph:
    char: str
    left: float
    right: float
    bottom: float
    top: float
    baseline: float  # y of the character's origin (PDF space: y grows upwards)
    spaced: bool = False  # a space character was printed just before it

    @property
    def size(self) -> float:
        return self.top - self.bottom

    @property
    def cx(self) -> float:
        return (self.left + self.right) / 2

    @property
    def cy(self) -> float:
        return (self.bottom + self.top) / 2


@dataclass(slots=True, frozen=True)
class Rule:
    """An axis-parallel ruling segment: horizontal when `horizontal` (at y=pos from lo to hi in x), else vertical."""

    horizontal: bool
    pos: float
    lo: float
    hi: float


_get_clip = pdfium_c.FPDFPageObj_GetClipPath
_count_clip_paths = pdfium_c.FPDFClipPath_CountPaths
_count_clip_segments = pdfium_c.FPDFClipPath_CountPathSegments
_clip_segment = pdfium_c.FPDFClipPath_GetPathSegment
_segment_point = pdfium_c.FPDFPathSegment_GetPoint
_X, _Y = ctypes.c_float(), ctypes.c_float()
_XREF, _YREF = ctypes.byref(_X), ctypes.byref(_Y)


def _clip_box(obj, known: dict[tuple[int, ...], tuple[float, float, float, float] | None]):
    """The bounding box of a page object's clip path (the intersection of its paths' boxes), None when unclipped.
    Objects drawn under one clipping state share its path data (pdfium copies it on write only), so the addresses
    of the paths' first points identify a clip already measured: `known` keeps those."""
    clip = _get_clip(obj)
    if not clip:
        return None
    count = _count_clip_paths(clip)
    if count <= 0:
        return None
    key = tuple(_address(_clip_segment(clip, index, 0)) for index in range(count))
    if 0 not in key and key in known:
        return known[key]
    box = _measure_clip(clip, count)
    if 0 not in key:
        known[key] = box
    return box


def _address(pointer) -> int:
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def _measure_clip(clip, count: int) -> tuple[float, float, float, float]:
    box = [-1e9, -1e9, 1e9, 1e9]
    for index in range(count):
        segments = _count_clip_segments(clip, index)
        if segments <= 0:
            continue
        # a rectangle (move + 3 or 4 lines) is known from two opposite corners; any other path from all its points
        picks = (0, 2) if segments in (4, 5) else range(segments)
        xs, ys = [], []
        for seg in picks:
            if _segment_point(_clip_segment(clip, index, seg), _XREF, _YREF):
                xs.append(_X.value)
                ys.append(_Y.value)
        if xs:
            box = [max(box[0], min(xs)), max(box[1], min(ys)), min(box[2], max(xs)), min(box[3], max(ys))]
    return tuple(box)


def _object_key(obj) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def read_page(page_raw, textpage_raw, crop: tuple[float, float, float, float]) -> tuple[list[Glyph], list[Rule]]:
    """Visible glyphs (in reading order of the content stream) and ruling lines of one page."""
    hidden, clips, rules = _page_objects(page_raw)
    return _visible_glyphs(textpage_raw, crop, hidden, clips), rules


def _page_objects(page_raw) -> tuple[set[int], dict[int, tuple[float, float, float, float]], list[Rule]]:
    """The page's text objects drawn invisibly, those whose clip cuts into them (with the clip's box), and the ruling
    lines of its path objects."""
    hidden: set[int] = set()  # text objects drawn invisibly
    clips: dict[int, tuple[float, float, float, float]] = {}  # text objects whose clip cuts into the page
    known_clips: dict[tuple[int, ...], tuple[float, float, float, float] | None] = {}
    rules: list[Rule] = []
    left_, bottom_, right_, top_ = (ctypes.c_float() for _ in range(4))
    for index in range(pdfium_c.FPDFPage_CountObjects(page_raw)):
        obj = pdfium_c.FPDFPage_GetObject(page_raw, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            if pdfium_c.FPDFTextObj_GetTextRenderMode(obj) in _INVISIBLE_MODES:
                hidden.add(_object_key(obj))
                continue
            box = _clip_box(obj, known_clips)
            if box is not None:
                pdfium_c.FPDFPageObj_GetBounds(obj, left_, bottom_, right_, top_)
                inside = (
                    box[0] <= left_.value + 0.5
                    and box[1] <= bottom_.value + 0.5
                    and right_.value - 0.5 <= box[2]
                    and top_.value - 0.5 <= box[3]
                )
                if not inside:
                    clips[_object_key(obj)] = box
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path_rules(obj, rules)
    return hidden, clips, rules


def _visible_glyphs(
    textpage_raw,
    crop: tuple[float, float, float, float],
    hidden: set[int],
    clips: dict[int, tuple[float, float, float, float]],
) -> list[Glyph]:
    """The glyphs a viewer shows: inside the crop box and their object's clip, not drawn invisibly, a glyph struck
    twice (fake bold) once; each marked when a printed space came before it."""
    glyphs: list[Glyph] = []
    loose = pdfium_c.FS_RECTF()
    loose_ref = ctypes.byref(loose)
    get_unicode = pdfium_c.FPDFText_GetUnicode
    is_generated = pdfium_c.FPDFText_IsGenerated
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    get_origin = pdfium_c.FPDFText_GetCharOrigin
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    seen: dict[tuple[str, int], list[tuple[float, float]]] = {}
    cl, cb, cr, ct = crop
    check_objects = bool(hidden or clips)
    spaced = False
    for index in range(pdfium_c.FPDFText_CountChars(textpage_raw)):
        code = get_unicode(textpage_raw, index)
        if code <= 32 or code in _BLANK_CODES:
            # pdfium's generated characters are all blanks: only a blank needs the test
            if code in _SPACE_CODES and is_generated(textpage_raw, index) != 1:
                spaced = True
            continue
        get_box(textpage_raw, index, loose_ref)
        get_origin(textpage_raw, index, origin_x, origin_y)
        left, right, bottom, top = loose.left, loose.right, loose.bottom, loose.top
        if bottom > top:
            bottom, top = top, bottom
        cx, cy = (left + right) / 2, (bottom + top) / 2
        if not (cl <= cx <= cr and cb <= cy <= ct):
            continue
        if check_objects:
            key = _object_key(pdfium_c.FPDFText_GetTextObject(textpage_raw, index))
            if key in hidden:
                continue
            box = clips.get(key)
            if box is not None and not (box[0] <= cx <= box[2] and box[1] <= cy <= box[3]):
                continue
        char = chr(code)
        size = top - bottom if top - bottom > 1.0 else 1.0
        # the loose box is as tall as the font's ascent + descent but only one advance wide
        width = right - left
        reach = _DOUBLE_STRIKE * (width if width < size else size)
        near_y = _DOUBLE_STRIKE * size
        row = round(cy / size)
        duplicate = False
        for key_row in (row, row - 1, row + 1):
            for ox, oy in seen.get((char, key_row), ()):
                if -reach < ox - cx < reach and -near_y < oy - cy < near_y:
                    duplicate = True
                    break
            if duplicate:
                break
        if duplicate:
            continue
        seen.setdefault((char, row), []).append((cx, cy))
        glyphs.append(Glyph(char, left, right, bottom, top, origin_y.value, spaced))
        spaced = False
    return glyphs


def _path_rules(obj, rules: list[Rule]) -> None:
    """Ruling segments of one path object: a thin filled rectangle is one rule; a stroked path gives each of its
    axis-parallel straight segments."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return
    width, height = right.value - left.value, top.value - bottom.value
    if height <= MAX_RULE_THICKNESS and _long(width, height):
        rules.append(Rule(True, (bottom.value + top.value) / 2, left.value, right.value))
        return
    if width <= MAX_RULE_THICKNESS and _long(height, width):
        rules.append(Rule(False, (left.value + right.value) / 2, bottom.value, top.value))
        return
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
    if not stroke.value:
        return  # a filled area (cell shading): its edges are drawn by the rules around it, if at all
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    x, y = ctypes.c_float(), ctypes.c_float()
    start = previous = None
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = previous = point
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            _add_segment(previous, point, rules)
        previous = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            _add_segment(point, start, rules)


def _long(length: float, thickness: float) -> bool:
    """A thin shape long enough to be a rule, or a dash of one (then clearly longer than thick: a dot or a square
    bullet runs no way)."""
    return length >= MIN_RULE_LENGTH or (length >= MIN_DASH and length > 2 * thickness)


def _add_segment(p: tuple[float, float], q: tuple[float, float], rules: list[Rule]) -> None:
    (x1, y1), (x2, y2) = p, q
    if abs(y1 - y2) <= 0.5 and abs(x1 - x2) >= MIN_DASH:
        rules.append(Rule(True, (y1 + y2) / 2, min(x1, x2), max(x1, x2)))
    elif abs(x1 - x2) <= 0.5 and abs(y1 - y2) >= MIN_DASH:
        rules.append(Rule(False, (x1 + x2) / 2, min(y1, y2), max(y1, y2)))


def reading_turns(glyphs: list[Glyph]) -> int:
    """Quarter turns (clockwise) that make the page's text run left to right: 0 for text drawn upright; 1 or 3 for
    a landscape table drawn sideways on a portrait page (shown upright by /Rotate, or printed so); 2 upside down.
    Read from the way consecutive characters advance, not from /Rotate: a page whose /Rotate turns upright text
    sideways is read as it was written."""
    votes = [0, 0, 0, 0]
    # (the first characters of the content say it: a page turned sideways is so throughout)
    for a, b in zip(glyphs[:TURN_SAMPLE], glyphs[1 : TURN_SAMPLE + 1], strict=False):
        dx, dy = b.cx - a.cx, b.cy - a.cy
        reach = 2 * (a.size if a.size > b.size else b.size)
        if (dx * dx + dy * dy) > reach * reach or (dx == 0 and dy == 0):
            continue
        if abs(dx) >= abs(dy):
            votes[0 if dx > 0 else 2] += 1
        else:
            votes[1 if dy > 0 else 3] += 1
    best = max(range(4), key=lambda t: (votes[t], t == 0))
    return best if votes[best] > 2 * votes[0] else 0


def upright(
    glyphs: list[Glyph], rules: list[Rule], quarter_turns: int, crop: tuple[float, float, float, float]
) -> tuple[list[Glyph], list[Rule]]:
    """Glyphs and rules moved from the page's own space into the space a viewer shows: the crop box's lower left
    corner at the origin, and turned clockwise by the page's /Rotate (a landscape table is often a portrait page
    whose content is drawn sideways and turned upright by /Rotate 90). Reading order and rows come from where
    things are shown, not from how the page was drawn. A page shown as drawn is returned unchanged."""
    left, bottom, right, top = crop
    turns = quarter_turns % 4
    if turns == 0 and left == 0 and bottom == 0:
        return glyphs, rules

    def point(x: float, y: float) -> tuple[float, float]:
        if turns == 1:
            return y - bottom, right - x
        if turns == 2:
            return right - x, top - y
        if turns == 3:
            return top - y, x - left
        return x - left, y - bottom

    moved: list[Glyph] = []
    for g in glyphs:
        (x1, y1), (x2, y2) = point(g.left, g.bottom), point(g.right, g.top)
        # (turned a quarter, the origin's other coordinate is not kept: the lower edge as shown stands for it)
        base = point(g.left, g.baseline)[1] if turns % 2 == 0 else min(y1, y2)
        moved.append(Glyph(g.char, min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2), base, g.spaced))
    turned: list[Rule] = []
    for r in rules:
        ends = ((r.lo, r.pos), (r.hi, r.pos)) if r.horizontal else ((r.pos, r.lo), (r.pos, r.hi))
        (x1, y1), (x2, y2) = point(*ends[0]), point(*ends[1])
        # after a quarter turn a horizontal rule is shown upright and the other way round
        if r.horizontal != (turns % 2 == 1):
            turned.append(Rule(True, y1, min(x1, x2), max(x1, x2)))
        else:
            turned.append(Rule(False, x1, min(y1, y2), max(y1, y2)))
    return moved, turned
