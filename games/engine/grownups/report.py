"""Reports: ``class.csv`` for the teacher and one printable A4 page per child (PNG), with a parent version.

``write_report(progress, out_dir)`` is what ``letterplay report --out DIR`` and the grown-ups' "Write
report" button run. The CSV is long format, one row per child x letter x case; a cell a spreadsheet would
take for a formula (starting with = + - @, a tab or a line break) starts with a quote (OWASP), and it
is written whole or not at all. Each page shows the
child's avatar, the upper- and lower-case letters with their marks (seen ○, recognises ◐, writes ●),
and a few sentences for the family in growth language ("Mia can now write b, d and p"): no
percentages, nothing about what went wrong. Only children that exist are reported: a deleted child
is gone from the database, so from every report. Pages are named ``<class>-<child>.png``; two
children whose names give the same file name get ``-2``, ``-3``... so no page overwrites another.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import time
from pathlib import Path

import pygame

from games.engine.core import draw as d
from games.engine.core.letters import ALPHABET
from games.engine.records import mastery as m
from games.engine.records.classlist import escape_cell
from games.engine.records.exchange import MAX_STROKES_TEXT, clean_strokes
from games.engine.play.avatars import draw_avatar

PAGE_SIZE = (1240, 1754)   # A4 at 150 dots per inch
WEEK = 7 * 86400
CSV_FIELDS = ("child", "class", "letter", "case", "seen", "right", "written", "mastery", "mark", "last_seen")


def reports_folder() -> Path:
    """Where the grown-ups' "Write report" puts its files: Documents/Letterplay reports/<date>."""
    import platformdirs
    base = Path(platformdirs.user_documents_dir()) / "Letterplay reports"
    if os.environ.get("LETTERPLAY_HOME"):
        base = Path(os.environ["LETTERPLAY_HOME"]) / "reports"
    return base / dt.date.today().isoformat()


def face(letter: str, case: str) -> str:
    return letter.upper() if case == "upper" else letter.lower()


def say_list(items: list[str], most: int = 10) -> str:
    """"b, d and p"; a long list is cut: "a, b, c, ... and 7 more"."""
    items = list(items)
    if len(items) > most:
        return ", ".join(items[:most - 1]) + f" and {len(items) - most + 1} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def letters_with(states: dict, test) -> list[str]:
    """The faces of the letters whose state passes ``test``, upper case first, in alphabet order."""
    out = []
    for case in m.CASES:
        for c in ALPHABET:
            st = states.get((c, case))
            if st is not None and test(st):
                out.append(face(c, case))
    return out


def learned_this_week(states: dict, now: float) -> list[str]:
    """Letters that reached "recognises" or "writes" in the last seven days (and still hold it)."""
    return letters_with(states, lambda st: st.mark >= m.RECOGNISES and st.mark_since.get(st.mark, 0) >= now - WEEK)


def still_to_learn(states: dict) -> list[str]:
    """Every letter face not written yet (all 52 for a child who has not played)."""
    out = []
    for case in m.CASES:
        for c in ALPHABET:
            st = states.get((c, case))
            if st is None or st.mark < m.WRITES:
                out.append(face(c, case))
    return out


def growth_sentences(name: str, states: dict, now: float | None = None) -> list[str]:
    """The parent version: what the child can do now and is working on; no percentages, no failures."""
    now = time.time() if now is None else now
    writes = letters_with(states, lambda st: st.mark == m.WRITES)
    knows = letters_with(states, lambda st: st.mark == m.RECOGNISES)
    new = learned_this_week(states, now)
    working = letters_with(states, lambda st: st.mark == m.SEEN)
    lines = []
    if not states:
        return [f"{name} has just started playing with letters.",
                "Letters are more fun together: look for them on signs, books and packets."]
    if writes:
        lines.append(f"{name} can now write {say_list(writes)}.")
    if knows:
        lines.append(f"{name} knows {say_list(knows)} by sight.")
    if new:
        lines.append(f"New this week: {say_list(new)}.")
    if working:
        lines.append(f"Next, {name} is getting to know {say_list(working, 6)}.")
    elif not writes:
        lines.append(f"{name} is getting to know the letters.")
    lines.append(f"Ask {name} to show you {say_list((writes or knows or working)[:3])} at home."
                 if (writes or knows or working) else "Look for letters together on signs and in books.")
    return lines


# -- class.csv --------------------------------------------------------------------------------------

def class_rows(progress, class_id: int | None = None) -> list[dict]:
    rows = []
    for child in progress.store.children(class_id):
        states = progress.states(child.id)
        for letter in ALPHABET:
            for case in m.CASES:
                st = states.get((letter, case)) or m.LetterState()
                rows.append({"child": child.name, "class": child.class_name, "letter": face(letter, case),
                             "case": case, "seen": st.seen, "right": st.right, "written": st.written,
                             "mastery": f"{st.mastery:.2f}", "mark": m.MARK_NAMES[st.mark],
                             "last_seen": _date(st.last_seen)})
    return rows


def _date(t: float | None) -> str:
    return dt.datetime.fromtimestamp(t).strftime("%Y-%m-%d %H:%M") if t else ""


def safe_file_name(text: str) -> str:
    return re.sub(r"[^\w\- ]+", "_", text, flags=re.UNICODE).strip().replace(" ", "_") or "child"


def page_names(children) -> dict[int, str]:
    """Child id -> the file name of their page, ``<class>-<child>.png``; names that clean to the same
    file name (also in another case, for Windows and macOS) get ``-2``, ``-3``... in list order."""
    out, used = {}, set()
    for child in children:
        base = f"{safe_file_name(child.class_name)}-{safe_file_name(child.name)}"
        name, n = base, 1
        while name.casefold() in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name.casefold())
        out[child.id] = name + ".png"
    return out


def class_csv(rows: list[dict]) -> bytes:
    """``class.csv`` of :func:`class_rows`, every text cell safe to open in a spreadsheet."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: escape_cell(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows)
    return buf.getvalue().encode("utf-8")


def write_report(progress, out_dir: Path | str, class_id: int | None = None, now: float | None = None) -> list[Path]:
    """``class.csv`` and one A4 page (``<class>-<child>.png``) per child into ``out_dir``; the paths written.

    Every file is written whole or not at all (no temporary file with names is left on an error).
    """
    from games.engine.core.storage import write_bytes_atomic
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    now = time.time() if now is None else now
    progress.forget_cache()   # an import may have brought answers in
    write_bytes_atomic(out / "class.csv", class_csv(class_rows(progress, class_id)))
    written = [out / "class.csv"]
    _ready_fonts()
    children = progress.store.children(class_id)
    names = page_names(children)
    for child in children:
        page = paint_page(child, progress.states(child.id), now, samples=writing_samples(progress, child.id))
        path = out / names[child.id]
        save_png(page, path)
        written.append(path)
    return written


def save_png(surface: pygame.Surface, path: Path, dpi: int = 150) -> None:
    """Save ``surface`` as an RGB PNG that prints at ``dpi`` (A4 for a page), atomically.

    Written here with fast compression: pygame's own PNG writer compresses hard and takes three times as
    long, which a class of 25 pages feels.
    """
    import struct
    import zlib

    import numpy as np
    w, h = surface.get_size()
    rows = np.zeros((h, w * 3 + 1), np.uint8)   # each row: filter byte 0, then its pixels
    rows[:, 1:] = np.frombuffer(pygame.image.tobytes(surface, "RGB"), np.uint8).reshape(h, w * 3)
    per_metre = round(dpi / 0.0254)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
            + chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + chunk(b"IEND", b""))
    from games.engine.core.storage import write_bytes_atomic
    write_bytes_atomic(Path(path), data)


def _ready_fonts() -> None:
    """Fonts for drawing pages without a window (the command line); fonts cached before a pygame.quit() are dead."""
    if not pygame.font.get_init():
        pygame.font.init()
        d.reset_caches()


def writing_samples(progress, child_id: int, most: int = 6) -> list[tuple[str, list]]:
    """The newest kept writings (letter face, strokes), one per letter, newest first; a kept writing
    that is not one (too long, not strokes of points) is passed over."""
    rows = progress.store.conn.execute(
        "SELECT letter, letter_case, strokes FROM answers WHERE child_id = ? AND strokes IS NOT NULL "
        "AND length(strokes) <= ? ORDER BY at DESC LIMIT 200", (child_id, MAX_STROKES_TEXT)).fetchall()
    out, seen = [], set()
    for letter, case, strokes in rows:
        key = face(str(letter), case)
        clean = clean_strokes(strokes) if key not in seen else None
        if clean is None:
            continue
        seen.add(key)
        out.append((key, json.loads(clean)))
        if len(out) >= most:
            break
    return out


# -- drawing ----------------------------------------------------------------------------------------

def draw_mark(surface, mark: int, center, r: int, color=d.INK) -> None:
    """○ seen, ◐ recognises (left half filled), ● writes; nothing for a letter not met yet."""
    if mark == m.UNSEEN:
        pygame.draw.circle(surface, d.shade(color, 1.75), center, max(2, r // 4))
        return
    img = _mark(mark, r, tuple(color))
    surface.blit(img, img.get_rect(center=(round(center[0]), round(center[1]))))


_MARKS: dict = {}


def _mark(mark: int, r: int, color) -> pygame.Surface:
    key = (mark, r, color)
    if key not in _MARKS:
        def paint(s, k):
            c = (r + 1) * k
            width = max(1, int(r * k * 0.22))
            if mark == m.WRITES:
                pygame.draw.circle(s, color, (c, c), r * k)
            elif mark == m.RECOGNISES:
                pygame.draw.circle(s, color, (c, c), r * k, draw_top_left=True, draw_bottom_left=True)
                pygame.draw.circle(s, color, (c, c), r * k, width)
            else:
                pygame.draw.circle(s, color, (c, c), r * k, width)
        _MARKS[key] = d.smooth((2 * r + 2, 2 * r + 2), paint)
    return _MARKS[key]


def draw_strokes(surface, strokes, box: pygame.Rect, color=d.INK, width: int = 4) -> None:
    """A kept writing, fitted into ``box``."""
    pts = [p for s in strokes for p in s]
    if not pts:
        return
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1)
    scale = min(box.w, box.h) * 0.8 / span
    ox = box.centerx - (min(xs) + max(xs)) / 2 * scale
    oy = box.centery - (min(ys) + max(ys)) / 2 * scale
    for s in strokes:
        line = [(ox + x * scale, oy + y * scale) for x, y in s]
        if len(line) > 1:
            pygame.draw.lines(surface, color, False, line, width)
        elif line:
            pygame.draw.circle(surface, color, line[0], width)


def letter_table(surface, states, rect: pygame.Rect, case: str, glyph: int, mark_r: int, color=d.INK) -> None:
    """13 x 2 letters of one case, each with its mark under it."""
    cw, ch = rect.w / 13, rect.h / 2
    for i, c in enumerate(ALPHABET):
        row, col = divmod(i, 13)
        cx, top = rect.x + (col + .5) * cw, rect.y + row * ch
        st = states.get((c, case))
        mark = st.mark if st else m.UNSEEN
        d.draw_glyph(surface, face(c, case), glyph, (cx, top + ch * .36), color if mark else d.SOFT_INK)
        draw_mark(surface, mark, (cx, top + ch * .8), mark_r, color)


def draw_legend(surface, left: float, y: float, size: int = 24, r: int = 10) -> None:
    x = left
    for mark in (m.SEEN, m.RECOGNISES, m.WRITES):
        draw_mark(surface, mark, (x + r, y), r)
        label = m.MARK_NAMES[mark]
        w = d.font(size).size(label)[0]
        d.draw_text(surface, label, size, (x + 2 * r + 10 + w / 2, y), d.INK)
        x += 2 * r + 10 + w + 40


def paint_page(child, states, now: float, samples=()) -> pygame.Surface:
    """One child's printable A4 page (portrait, 150 dpi)."""
    W, H = PAGE_SIZE
    page = pygame.Surface(PAGE_SIZE)
    page.fill(d.WHITE)
    accent = _accent(child)
    pygame.draw.rect(page, d.shade(accent, 1.75), (0, 0, W, 250))
    draw_avatar(page, child.animal, child.color, 180, (170, 125))
    d.draw_text(page, child.name, 88, (290 + d.font(88, True).size(child.name)[0] / 2, 100), d.INK, bold=True)
    sub = f"{child.class_name}  ·  {dt.datetime.fromtimestamp(now).strftime('%d %B %Y').lstrip('0')}"
    d.draw_text(page, sub, 34, (290 + d.font(34).size(sub)[0] / 2, 180), d.SOFT_INK)
    y = 300
    for case, title in (("upper", "Capital letters"), ("lower", "Small letters")):
        d.draw_text(page, title, 38, (90 + d.font(38, True).size(title)[0] / 2, y), d.INK, bold=True)
        box = pygame.Rect(80, y + 30, W - 160, 270)
        pygame.draw.rect(page, (248, 248, 252), box, border_radius=24)
        letter_table(page, states, box.inflate(-20, -16), case, 60, 15, d.INK)
        y += 340
    draw_legend(page, 90, y - 20, 30, 14)
    y += 50
    family = pygame.Rect(80, y, W - 160, 360)
    pygame.draw.rect(page, d.shade(accent, 1.82), family, border_radius=30)
    pygame.draw.rect(page, d.shade(accent, 1.3), family, width=4, border_radius=30)
    d.draw_text(page, f"For {child.name}'s family", 40, (family.x + 40 + d.font(40, True).size(f"For {child.name}'s family")[0] / 2,
                                                          family.y + 50), d.INK, bold=True)
    ty = family.y + 110
    for sentence in growth_sentences(child.name, states, now):
        for line in d.wrap(sentence, 32, family.w - 90):
            if ty > family.bottom - 30:
                break
            d.draw_text(page, line, 32, (family.x + 45 + d.font(32).size(line)[0] / 2, ty), d.INK)
            ty += 44
        ty += 4
    y = family.bottom + 50
    if samples:
        d.draw_text(page, "Writing", 30, (90 + d.font(30, True).size("Writing")[0] / 2, y), d.SOFT_INK, bold=True)
        for i, (letter, strokes) in enumerate(samples[:6]):
            box = pygame.Rect(90 + i * 180, y + 30, 160, 160)
            pygame.draw.rect(page, (248, 248, 252), box, border_radius=18)
            draw_strokes(page, strokes, box.inflate(-20, -40).move(0, 12), d.BLUE, 5)
            d.draw_text(page, letter, 26, (box.x + 22, box.y + 22), d.SOFT_INK, bold=True)
    footer = "Made by Letterplay on this computer. Nothing about your child leaves it."
    d.draw_text(page, footer, 24, (W / 2, H - 50), d.SOFT_INK)
    return page


def _accent(child):
    from games.engine.play.avatars import rgb
    return rgb(child.color)
