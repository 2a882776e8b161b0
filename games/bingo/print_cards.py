"""``letterplay print-bingo``: bingo cards of the teacher's current letter set, for play on paper.

    letterplay print-bingo --players 4 --out cards.pdf      (or cards.png)

Pages are A4 at 150 dpi, two cards a page, each card in an animal's colour with its animal in the
corner (as on screen), and a last page with the letters to call, to cut out and draw from a bag.
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


def parse_args(argv):
    p = argparse.ArgumentParser(prog="letterplay print-bingo",
                                description="Print bingo cards of the current letter set for play on paper.")
    p.add_argument("--players", type=int, default=4, help=f"how many cards (1-{MOST_PLAYERS}, default 4)")
    p.add_argument("--out", required=True, metavar="FILE", help="where to write: a .pdf or a .png")
    p.add_argument("--level", type=int, default=1, choices=(1, 2),
                   help="1: 3x3 with a free star (default); 2: 4x4")
    p.add_argument("--letters", metavar="SET", help="a letter set id or letters, instead of the saved setting")
    p.add_argument("--seed", type=int, help="the same seed prints the same cards")
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
        pages = make_pages(settings, args.players, 3 if args.level == 1 else 4, random.Random(args.seed))
        written = write(pages, out)
    except OSError as err:
        print(f"letterplay print-bingo: could not write {args.out!r}: {err}", file=sys.stderr)
        return 1
    finally:
        pygame.quit()
    for path in written:
        print(f"saved {path}")
    return 0


def make_pages(settings, players: int, size: int, rng: random.Random):
    """The page pictures: two cards a page, then the letters to call."""
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
    card_h = 790
    card_w = art.card_width(card_h)
    pages = []
    for first in range(0, players, 2):
        page = pygame.Surface(PAGE)
        page.fill(d.WHITE)
        for j, card in enumerate(cards[first:first + 2]):
            name, color = AVATARS[(first + j) % len(AVATARS)]
            top = 70 + j * (card_h + 100)
            art.paint_card(page, pygame.Rect((PAGE[0] - card_w) // 2, top, card_w, card_h), card, color, name,
                           paper=True)
        _cut_line(page, 70 + card_h + 50)
        pages.append(page)
    pages.append(_call_sheet(sorted({f for c in cards for f in c.letters}, key=lambda f: f.base)))
    return pages


def _cut_line(page, y):
    import pygame
    for x in range(60, PAGE[0] - 60, 28):
        pygame.draw.line(page, (170, 170, 180), (x, y), (x + 14, y), 3)


def _call_sheet(faces):
    """The caller's letters, as balls to cut out and draw from a bag (for grown-ups: one line of words)."""
    import pygame

    from games.engine.core import draw as d

    from . import art
    page = pygame.Surface(PAGE)
    page.fill(d.WHITE)
    d.draw_text(page, "Letters to call: cut out, fold, and draw from a bag", 40, (PAGE[0] / 2, 90), d.INK, bold=True)
    cols, size, gap = 5, 190, 36
    x0 = (PAGE[0] - cols * size - (cols - 1) * gap) / 2
    for i, f in enumerate(faces):
        r, c = divmod(i, cols)
        center = (x0 + c * (size + gap) + size / 2, 200 + r * (size + gap) + size / 2)
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
