"""``letterplay print-bingo``: bingo cards of the teacher's current letter set, for play on paper.

    letterplay print-bingo --players 4 --out cards.pdf      (or cards.png)

Pages are A4 at 150 dpi, two cards a page, each card in an animal's colour with its animal in the
corner (as on screen), and a last page with the letters to call, to cut out and draw from a bag.
Everything keeps 12 mm of white all round (printers cannot print at the edge) and the two cards sit in
the middle of the page. ``--light`` saves ink: white cards with a line in the animal's colour.
A ``.pdf`` holds every page (a small PDF writer below embeds the page pictures); a ``.png`` is one
picture a page (``cards.png``, or ``cards-1.png``, ``cards-2.png``... when there are several).
Files are written whole or not at all (a temporary file, then renamed).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import zlib
from pathlib import Path

PAGE = (1240, 1754)          # A4 at 150 dpi
PAGE_PT = (595.28, 841.89)   # A4 in PDF points
MOST_PLAYERS = 40
MARGIN = round(12 / 25.4 * 150)   # 12 mm of white all round, in pixels
CARD_GAP = 90                     # between the two cards of a page (the cut line runs in the middle)


def parse_args(argv):
    p = argparse.ArgumentParser(prog="letterplay print-bingo",
                                description="Print bingo cards of the current letter set for play on paper.")
    p.add_argument("--players", type=int, default=4, help=f"how many cards (1-{MOST_PLAYERS}, default 4)")
    p.add_argument("--out", required=True, metavar="FILE", help="where to write: a .pdf or a .png")
    p.add_argument("--level", type=int, default=1, choices=(1, 2),
                   help="1: 3x3 with a free star (default); 2: 4x4")
    p.add_argument("--letters", metavar="SET", help="a letter set id or letters, instead of the saved setting")
    p.add_argument("--seed", type=int, help="the same seed prints the same cards")
    p.add_argument("--light", action="store_true",
                   help="save ink: white cards with a line in each animal's colour, and plain letters to call")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".png"):
        print(f"letterplay print-bingo: --out must end in .pdf or .png (got {args.out!r})", file=sys.stderr)
        return 2
    if not 1 <= args.players <= MOST_PLAYERS:
        print(f"letterplay print-bingo: --players must be 1 to {MOST_PLAYERS} (got {args.players})", file=sys.stderr)
        return 2
    if not out.parent.is_dir():
        print(f"letterplay print-bingo: no folder {str(out.parent)!r} to write into", file=sys.stderr)
        return 2
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from games.engine.core.settings import Settings

    settings = Settings.load()
    if args.letters and not settings.use_letters(args.letters):
        print(f"letterplay print-bingo: no letter set {args.letters!r}; use a set id or some letters",
              file=sys.stderr)
        return 2
    pygame.font.init()   # fonts only: no window, no sound card
    try:
        pages = make_pages(settings, args.players, 3 if args.level == 1 else 4, random.Random(args.seed),
                           light=args.light)
        written = write(pages, out)
    except OSError as err:
        print(f"letterplay print-bingo: could not write {args.out!r}: {err}", file=sys.stderr)
        return 1
    finally:
        pygame.quit()
    for path in written:
        print(f"saved {path}")
    return 0


def card_slots(size: int) -> list:
    """Where the two cards of a page go: as big as fits inside the margins, centred on the page."""
    import pygame

    from . import art
    card_h = (PAGE[1] - 2 * MARGIN - CARD_GAP) // 2
    card_w = min(art.card_width(card_h), PAGE[0] - 2 * MARGIN)
    top = (PAGE[1] - 2 * card_h - CARD_GAP) // 2
    left = (PAGE[0] - card_w) // 2
    return [pygame.Rect(left, top + j * (card_h + CARD_GAP), card_w, card_h) for j in range(2)]


def make_pages(settings, players: int, size: int, rng: random.Random, *, light: bool = False):
    """The page pictures: two cards a page, then the letters to call. ``light``: the ink-saving scheme."""
    import pygame

    from games.engine.core import draw as d
    from games.engine.play.players import AVATARS

    from . import art
    from .cards import deal, faces_for, letters_per_card, pool_size

    d.reset_caches()   # fonts made by an earlier pygame session are gone
    letters = settings.active_letters()
    mode = letters.case or settings.case
    free = size == 3
    pool = faces_for(letters.cards(mode, rng, pool_size(letters_per_card(size, free), players)), mode)
    cards = deal(pool, players, size, free, rng)
    slots = card_slots(size)
    paint = _paint_light_card if light else (lambda *a: art.paint_card(*a, paper=True))
    pages = []
    for first in range(0, players, 2):
        page = pygame.Surface(PAGE)
        page.fill(d.WHITE)
        for j, card in enumerate(cards[first:first + 2]):
            name, color = AVATARS[(first + j) % len(AVATARS)]
            paint(page, slots[j], card, color, name)
        _cut_line(page, slots[0].bottom + CARD_GAP // 2, slots[0].x - 30, slots[0].right + 30)
        pages.append(page)
    pages.append(_call_sheet(sorted({f for c in cards for f in c.letters}, key=lambda f: f.base), light))
    return pages


def _paint_light_card(surface, rect, card, color, name) -> None:
    """A card for the ink-saving scheme: white, a line in the animal's colour, the animal, the letters."""
    import pygame

    from games.engine.core import draw as d
    from games.engine.play.players import draw_avatar_on_disc

    from . import art
    from .cards import FREE
    radius = int(rect.w * 0.05)
    pygame.draw.rect(surface, d.shade(color, 0.85), rect, width=6, border_radius=radius)
    header = rect.h * art.HEADER
    disc = int(header * 0.66)
    draw_avatar_on_disc(surface, name, disc, (rect.x + rect.w * art.MARGIN + disc * 0.7, rect.y + header * 0.52))
    n, ball = 5, int(header * 0.5)
    for i in range(n):   # the five little balls of the header, as rings
        x = rect.centerx + (i - (n - 1) / 2) * ball * 1.15 + disc * 0.4
        pygame.draw.circle(surface, art.BALL_COLORS[i], (x, rect.y + header * 0.52), ball / 2, 4)
    squares = art.square_rects(rect, card.size)
    letter_px = int(squares[0].h * 0.62)
    for sq, face in zip(squares, card.squares):
        pygame.draw.rect(surface, (185, 185, 195), sq, width=3, border_radius=int(sq.w * 0.16))
        if face is FREE:
            star = d.star(int(sq.w * 0.8), (255, 246, 200), d.shade(d.GOLD, 0.85))
            surface.blit(star, star.get_rect(center=sq.center))
        else:
            d.draw_glyph(surface, face.square, letter_px, sq.center, d.INK)


def _cut_line(page, y, left, right):
    """A dashed line from ``left`` to ``right``, its dashes centred between them."""
    import pygame
    dashes = (right - left + 14) // 28
    x0 = (left + right - (dashes * 28 - 14)) // 2
    for i in range(dashes):
        x = x0 + i * 28
        pygame.draw.line(page, (170, 170, 180), (x, y), (x + 14, y), 3)


def _call_sheet(faces, light: bool = False):
    """The caller's letters, as balls to cut out and draw from a bag (for grown-ups: one line of words)."""
    import pygame

    from games.engine.core import draw as d

    from . import art
    page = pygame.Surface(PAGE)
    page.fill(d.WHITE)
    d.draw_text(page, "Letters to call: cut out, fold, and draw from a bag", 40, (PAGE[0] / 2, MARGIN + 30), d.INK,
                bold=True, max_width=PAGE[0] - 2 * MARGIN)
    cols, gap = 5, 36
    rows = max(1, -(-len(faces) // cols))
    top = MARGIN + 90
    size = min(180, (PAGE[1] - MARGIN - top - (rows - 1) * gap) // rows - 24)
    x0 = (PAGE[0] - cols * size - (cols - 1) * gap) / 2
    for i, f in enumerate(faces):
        r, c = divmod(i, cols)
        center = (x0 + c * (size + gap) + size / 2, top + 12 + r * (size + gap) + size / 2)
        if light:
            pygame.draw.circle(page, art.ball_color(f.base), center, size / 2 - 2, 5)
            d.draw_glyph(page, f.call, int(size * 0.5), center, d.INK)
        else:
            img = art.ball(f.call, size)
            page.blit(img, img.get_rect(center=center))
        pygame.draw.rect(page, (190, 190, 200), pygame.Rect(0, 0, size + 24, size + 24).move(
            center[0] - size / 2 - 12, center[1] - size / 2 - 12), 2, border_radius=12)
    return page


# -- files ----------------------------------------------------------------------------------------------
def write(pages, out: Path) -> list[Path]:
    """Write ``pages`` to ``out`` (PDF: one file; PNG: one file a page); the paths written."""
    if out.suffix.lower() == ".pdf":
        _atomic(out, pdf_bytes(pages))
        return [out]
    import pygame
    paths = [out] if len(pages) == 1 else [out.with_name(f"{out.stem}-{i}{out.suffix}") for i in range(1, len(pages) + 1)]
    for page, path in zip(pages, paths):
        fd, tmp = tempfile.mkstemp(suffix=".png", dir=path.parent)
        os.close(fd)
        try:
            pygame.image.save(page, tmp)
            _readable(tmp)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return paths


def _readable(tmp) -> None:
    """A temporary file is private (0600); a printed card file is an ordinary one (0666 - umask)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)


def _atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(suffix=path.suffix, dir=path.parent)
    try:
        _readable(tmp)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def pdf_bytes(pages) -> bytes:
    """A minimal PDF 1.4: one A4 page per picture, each drawn full page (RGB, Flate-compressed)."""
    import pygame
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")            # filled in below, once the page tree's number is known
    tree = add(b"")
    kids = []
    w_pt, h_pt = PAGE_PT
    for page in pages:
        w, h = page.get_size()
        pixels = zlib.compress(pygame.image.tobytes(page, "RGB"), 6)
        image = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                    b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(pixels))
                    + pixels + b"\nendstream")
        draw = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (w_pt, h_pt)
        content = add(b"<< /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R "
                        b"/Resources << /XObject << /Im0 %d 0 R >> >> >>" % (tree, w_pt, h_pt, content, image)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                         + b"] /Count %d >>" % len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)
