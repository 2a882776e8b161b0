"""Make the picture-word PNGs in assets/pictures/ from Twemoji's SVG files.

    npm pack @twemoji/svg@15.0.0 && tar xzf twemoji-svg-15.0.0.tgz
    python assets/pictures/make_pictures.py package/ [--size 160] [--sheet contact.png]

Each word of words.json becomes <word>.png (transparent, SIZE x SIZE), rendered by pygame-ce's own SVG
loader, so the game needs no SVG support. --sheet also draws every picture with its word and letter on
one page, to look at them all at once. The pictures are Twemoji (CC BY 4.0): keep ATTRIBUTION.md with them.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
import pygame  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))


def picture_file(word: str) -> str:
    return word.replace(" ", "_").replace("-", "_") + ".png"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("svg_dir", type=Path, help="the folder of Twemoji SVG files (the npm package's)")
    parser.add_argument("--size", type=int, default=160)
    parser.add_argument("--sheet", type=Path, help="also write a contact sheet PNG here")
    args = parser.parse_args(argv)
    pygame.init()
    words = json.loads((HERE / "words.json").read_text(encoding="utf-8"))["words"]
    made = []
    for entry in words:
        svg = args.svg_dir / f"{entry['emoji']}.svg"
        if not svg.is_file():
            print(f"no picture for {entry['word']}: {svg} is missing", file=sys.stderr)
            continue
        image = pygame.image.load_sized_svg(str(svg), (args.size, args.size))
        pygame.image.save(image, str(HERE / picture_file(entry["word"])))
        made.append((entry, image))
    size = sum((HERE / picture_file(e["word"])).stat().st_size for e, _ in made)
    print(f"{len(made)} pictures of {len(words)} words, {size / 1024:.0f} KiB")
    if args.sheet:
        from games.engine.core import draw as d
        cols, cell = 10, args.size + 60
        rows = (len(made) + cols - 1) // cols
        sheet = pygame.Surface((cols * cell, rows * cell))
        sheet.fill((255, 255, 255))
        for i, (entry, image) in enumerate(made):
            x, y = (i % cols) * cell, (i // cols) * cell
            sheet.blit(image, (x + 30, y + 8))
            d.draw_text(sheet, f"{entry['letter']}: {entry['word']}", 24, (x + cell / 2, y + cell - 24), (30, 30, 60))
        pygame.image.save(sheet, str(args.sheet))
        print(f"contact sheet: {args.sheet}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
