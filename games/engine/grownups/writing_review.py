"""The grown-ups' "Writing to look at" page: what a child (or a class) wrote, and "This was right".

Reached from the Children page (a child's "Writing to look at", or the class's when no child is
chosen), behind the gate. Each kept writing is a big picture, the ink on the handwriting lines as on
the trace pad, with the letter asked, what the checker said ("not a letter", "looks like d",
"accepted") and when; grouped by the letter asked, refused writings first (``records/reviews.py``);
six a page, with page buttons rather than scrolling. On each: **This was right** / **This was not
right**, and **Undo** once decided. A decision corrects the answer's verdict that counts (mastery, the
class grid, the reports; the game's verdict is kept for the record) and the child's own letter checker
learns it the next time the child is picked to play (``writing/checker.py``).

With "Keep writing samples" off the page says how to turn it on, and stores nothing. Keyboard: Tab or
the arrows move between the pictures and buttons, Enter or Space presses, Page Up / Page Down turn the
page, Esc goes back. Every control has a spoken name (``spoken``), said when the keyboard reaches it; a
tap on a picture says what it shows.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import time

import pygame

from games.engine.core import draw as d
from games.engine.core.letters import ASCENDERS, DESCENDERS
from games.engine.core.scene import Scene
from games.engine.core.widgets import Button, Tappable
from games.engine.records import reviews
from games.engine.records.store import NotSaved
from games.engine.writing.tracepad import INK_COLOR, INK_WIDTH, HandwritingLines

PER_PAGE = 6
COLUMNS = 3
GRID = pygame.Rect(40, 92, d.W - 80, 600)   # the cards, under the title and above Back
CARD_GAP = 20
BUTTON_H = 52


def when(at: float, now: float | None = None) -> str:
    """"today 10:42", "yesterday 14:05", "Mon 3 Mar 09:12"."""
    day = dt.datetime.fromtimestamp(at)
    today = dt.datetime.fromtimestamp(time.time() if now is None else now).date()
    clock = f"{day:%H:%M}"
    if day.date() == today:
        return f"today {clock}"
    if day.date() == today - dt.timedelta(days=1):
        return f"yesterday {clock}"
    return f"{day:%a} {day.day} {day:%b} {clock}"


def paint_writing(strokes, letter: str, size) -> pygame.Surface:
    """A kept writing as the trace pad showed it: white paper, the school lines and the blue ink, the
    letter sitting where ``letter`` sits on the lines (ink fitted to it, its shape kept)."""
    w, h = size
    surface = pygame.Surface((w, h), pygame.SRCALPHA)
    rect = pygame.Rect(0, 0, w, h)
    d.blit_panel(surface, rect, d.WHITE, radius=18, shadow=False, gloss=False)
    lines = HandwritingLines(rect)
    lines.draw(surface)
    points = [p for s in strokes for p in s]
    if not points:
        return surface
    tall = letter.isupper() or letter in ASCENDERS
    top = lines.y(0 if tall else 0.5)
    bottom = lines.y(1.5 if letter in DESCENDERS and not letter.isupper() else 1)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    ink_w, ink_h = max(xs) - min(xs), max(ys) - min(ys)
    scale = min((bottom - top) / max(ink_h, 1), (w - 48) / max(ink_w, 1))
    ox = w / 2 - (min(xs) + max(xs)) / 2 * scale
    oy = bottom - max(ys) * scale if ink_h * scale >= (bottom - top) * 0.98 else (top + bottom) / 2 - (
        min(ys) + max(ys)) / 2 * scale
    pen = max(3.0, INK_WIDTH * scale / 2)   # the pad's felt pen, at the picture's scale (radius)
    for s in strokes:
        pts = [(ox + x * scale, oy + y * scale) for x, y in s]
        for a, b in zip(pts, pts[1:]):
            steps = max(1, int(math.dist(a, b) / max(1.0, pen * 0.6)))
            for i in range(steps + 1):
                t = i / steps
                pygame.draw.circle(surface, INK_COLOR, (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t), pen)
        if len(pts) == 1:
            pygame.draw.circle(surface, INK_COLOR, pts[0], pen)
    return surface


class WritingPicture(Tappable):
    """A writing's picture on its card: a tap (or Enter) says what it shows."""

    def __init__(self, rect, image, spoken, on_tap):
        super().__init__(rect)
        self.image, self.spoken, self.on_tap = image, spoken, on_tap

    def activate(self):
        self.on_tap(self)

    def draw(self, surface, focused=False):
        surface.blit(self.image, self.rect)
        if focused:
            pygame.draw.rect(surface, d.BLUE, self.rect.inflate(10, 10), width=5, border_radius=22)


def spoken_button(rect, on_press, label, spoken, **style) -> Button:
    """A button with the words it shows and the longer name it is said by."""
    button = Button(rect, on_press, label=label, sound="click", **style)
    button.spoken = spoken
    return button


class WritingReview(Scene):
    """Writing to look at, for the children ``children`` (one child, or a class: ``title`` names it)."""

    captions = False
    animating = False

    def __init__(self, app, children, title: str):
        super().__init__(app)
        self.progress = app.progress
        self.children = {c.id: c for c in children}
        self.title = title
        self.page = 0
        self.notice, self.notice_is_problem = None, False
        self.samples_kept = self.progress.keep_writing
        self.items = reviews.writings(self.progress.store, list(self.children)) if self.samples_kept else []
        self._pictures: dict = {}
        self.build()

    # -- what a writing is called --------------------------------------------------------------------
    def whose(self, item) -> str:
        child = self.children.get(item.child_id)
        return f"{child.name}'s" if child else "This"

    def described(self, item) -> str:
        decided = {None: "Not looked at yet.", True: "You said it was right.", False: "You said it was not right."}
        return (f"{self.whose(item)} {item.letter}, written {when(item.at)}. The checker said: "
                f"{item.checker_said()}. {decided[item.review]}")

    # -- layout --------------------------------------------------------------------------------------
    def pages(self) -> int:
        return max(1, math.ceil(len(self.items) / PER_PAGE))

    def shown(self) -> list:
        return self.items[self.page * PER_PAGE:(self.page + 1) * PER_PAGE]

    def card_rects(self, n: int) -> list[pygame.Rect]:
        rows = math.ceil(PER_PAGE / COLUMNS)
        w = (GRID.w - (COLUMNS - 1) * CARD_GAP) // COLUMNS
        h = (GRID.h - (rows - 1) * CARD_GAP) // rows
        return [pygame.Rect(GRID.x + (i % COLUMNS) * (w + CARD_GAP), GRID.y + (i // COLUMNS) * (h + CARD_GAP), w, h)
                for i in range(n)]

    def picture_rect(self, card: pygame.Rect) -> pygame.Rect:
        return pygame.Rect(card.x + 12, card.y + 66, card.w - 24, card.h - 66 - 12 - BUTTON_H - 10)

    def build(self):
        W = []
        self.cards = []
        for item, card in zip(self.shown(), self.card_rects(len(self.shown()))):
            pic = self.picture_rect(card)
            key = (item.id, pic.size)
            if key not in self._pictures:
                self._pictures[key] = paint_writing(item.strokes, item.letter, pic.size)
            W.append(WritingPicture(pic, self._pictures[key], self.described(item), self.say_picture))
            row = pygame.Rect(card.x + 12, card.bottom - BUTTON_H - 12, card.w - 24, BUTTON_H)
            name = f"{self.whose(item)} {item.letter} from {when(item.at)}"
            if item.review is None:
                half = (row.w - 10) // 2
                W.append(spoken_button((row.x, row.y, half, row.h), lambda i=item: self.decide(i, True),
                                       "This was right", f"This was right: {name}", color=d.shade(d.GREEN, 1.45),
                                       label_size=19))
                W.append(spoken_button((row.x + half + 10, row.y, half, row.h), lambda i=item: self.decide(i, False),
                                       "This was not right", f"This was not right: {name}",
                                       color=d.shade(d.RED, 1.6), label_size=19))
            else:
                W.append(spoken_button((row.right - 124, row.y, 124, row.h), lambda i=item: self.decide(i, None),
                                       "Undo", f"Undo what you said about {name}", color=d.WHITE, label_size=22))
            self.cards.append((item, card))
        self.prev = spoken_button((40, d.H - 96, 150, 72), lambda: self.turn(-1), "Back a page",
                                  "Back a page", color=d.WHITE, label_size=22)
        self.next = spoken_button((210, d.H - 96, 150, 72), lambda: self.turn(1), "Next page", "Next page",
                                  color=d.WHITE, label_size=22)
        for b, on in ((self.prev, self.page > 0), (self.next, self.page < self.pages() - 1)):
            b.visible = b.enabled = on
        back = Button((d.W - 230, d.H - 104, 200, 84), self.back, icon_name="back", label="Back", color=d.GREEN,
                      icon_color=d.WHITE)
        back.spoken = "Back to the Children page"
        self.widgets = W + [self.prev, self.next, back]
        self.settle_focus()

    # -- actions -------------------------------------------------------------------------------------
    def say(self, text: str, problem: bool = False) -> None:
        self.notice, self.notice_is_problem = text, problem
        self.app.speaker.say(text, interrupt=True)

    def say_picture(self, picture):
        self.app.speaker.say(picture.spoken, interrupt=True)

    def turn(self, step: int) -> None:
        page = max(0, min(self.pages() - 1, self.page + step))
        if page != self.page:
            self.page = page
            self.build()
            self.app.speaker.say(f"Page {self.page + 1} of {self.pages()}", interrupt=True)

    def decide(self, item, right) -> None:
        """Keep the grown-up's decision (None: undo it); the card changes where it is (nothing moves)."""
        describe = getattr(self.app.checker, "description_of", None)
        description = describe(item.strokes) if describe is not None and right is not None else None
        try:
            self.progress.review(item.id, right, description)
        except reviews.SamplesOff as err:
            self.samples_kept, self.items = False, []
            self.say(str(err), True)
            self.build()
            return
        except (NotSaved, ValueError) as err:
            self.say(str(err), True)
            return
        now = time.time()
        self.items = [dataclasses.replace(w, review=right, reviewed_at=now) if w.id == item.id else w
                      for w in self.items]
        child = self.children.get(item.child_id)
        who = child.name if child else "the child"
        if right is None:
            self.say(f"Undone: {self.whose(item)} {item.letter} counts as the checker said ({item.checker_said()}).")
        else:
            verdict = "right" if right else "not right"
            self.say(f"{self.whose(item)} {item.letter} now counts as {verdict}. {who}'s own letter checker "
                     f"learns it the next time {who} is picked to play.")
        focused_at = self.focus.rect.center if self.focus is not None else None
        card = next((c for _, c in self.cards if focused_at and c.collidepoint(focused_at)), None)
        self.build()
        if card is not None:   # the keyboard stays on the card it was on: its first button (Undo, or Right)
            near = [w for w in self.focusable() if isinstance(w, Button) and card.contains(w.rect)]
            if near:
                self.focus = near[0]

    def on_key(self, event) -> None:
        if event.key == pygame.K_PAGEDOWN:
            self.turn(1)
        elif event.key == pygame.K_PAGEUP:
            self.turn(-1)
        else:
            super().on_key(event)

    def _set_focus(self, w) -> None:
        if w is not self.focus and getattr(w, "spoken", None):
            self.app.speaker.say(w.spoken, interrupt=True)
        super()._set_focus(w)

    def back(self) -> None:
        self.app.pop_scene(self)

    # -- drawing -------------------------------------------------------------------------------------
    def draw(self, surface):
        surface.blit(d.background("wall"), (0, 0))
        head = f"Writing to look at: {self.title}"
        d.draw_text(surface, head, 38, (40 + min(700, d.font(38, True).size(head)[0]) / 2, 46), d.INK, bold=True,
                    max_width=700)
        if self.items:
            text = f"Page {self.page + 1} of {self.pages()} · {len(self.items)} writings, refused first"
            d.draw_text(surface, text, 22, (d.W - 40 - min(470, d.font(22).size(text)[0]) / 2, 48), d.SOFT_INK,
                        max_width=470)
        for item, card in self.cards:
            self.draw_card(surface, item, card)
        if not self.items:
            self.draw_empty(surface)
        if self.notice:
            box = pygame.Rect(380 if self.next.visible else (210 if self.prev.visible else 40), d.H - 96, 0, 72)
            box.w = d.W - 260 - box.x
            lines = d.wrap(self.notice, 20, box.w)[:3]
            for i, line in enumerate(lines):
                d.draw_text(surface, line, 20, (box.x + min(box.w, d.font(20).size(line)[0]) / 2,
                                                box.centery + (i - (len(lines) - 1) / 2) * 23),
                            d.RED if self.notice_is_problem else d.INK, max_width=box.w)
        super().draw(surface)

    def draw_card(self, surface, item, card):
        """The card around a writing's picture: the letter asked, whose and when, what the checker said
        (a green or red label) and, once decided, what the grown-up said."""
        d.blit_panel(surface, card, d.CREAM, radius=24, gloss=False)
        badge = pygame.Rect(card.x + 12, card.y + 9, 50, 50)
        pygame.draw.rect(surface, d.WHITE, badge, border_radius=14)
        pygame.draw.rect(surface, d.SOFT_INK, badge, width=2, border_radius=14)
        d.draw_glyph(surface, item.letter, 36, badge.center, d.INK)
        left, right = badge.right + 12, card.right - 14
        stamp = when(item.at)
        stamp_w = d.font(17).size(stamp)[0]
        d.draw_text(surface, stamp, 17, (right - stamp_w / 2, card.y + 23), d.SOFT_INK)
        child = self.children.get(item.child_id)
        asked = (f"{child.name}: asked for {item.letter}" if child and len(self.children) > 1
                 else f"Asked for {item.letter}")
        room = right - stamp_w - 10 - left
        d.draw_text(surface, asked, 20, (left + min(room, d.font(20, True).size(asked)[0]) / 2, card.y + 23), d.INK,
                    bold=True, max_width=room)
        said = f"Checker: {item.checker_said()}"
        pill = pygame.Rect(left, card.y + 35, min(right - left, d.font(17, True).size(said)[0] + 22), 26)
        pygame.draw.rect(surface, d.GREEN if item.accepted else d.RED, pill, border_radius=13)
        d.draw_text(surface, said, 17, pill.center, d.WHITE, bold=True, max_width=pill.w - 14)
        if item.review is not None:
            mark = "You said: right" if item.review else "You said: not right"
            row_y = card.bottom - BUTTON_H / 2 - 12
            room = card.w - 170                       # up to the Undo button, with a gap
            width = min(d.font(21, True).size(mark)[0], room)   # a long mark is drawn smaller, not nearer Undo
            d.draw_text(surface, mark, 21, (card.x + 20 + width / 2, row_y),
                        d.shade(d.GREEN, 0.8) if item.review else d.RED, bold=True, max_width=room)

    def draw_empty(self, surface):
        if not self.samples_kept:
            lines = ["Writing samples are not kept, so there is nothing to look at.",
                     "To keep them: on the Children page, tap \"Keep writing samples: off\" to turn it on.",
                     "From then on, each letter a child writes in a game is kept here to look at",
                     "(only on this computer; deleting a child deletes their writing)."]
        else:
            names = self.title
            lines = [f"No writing of {names} is kept yet.",
                     "Each letter written in a game is kept here to look at from now on."]
        for i, line in enumerate(lines):
            d.draw_text(surface, line, 28 if i == 0 else 24, (d.W / 2, 300 + i * 44), d.INK if i == 0 else d.SOFT_INK,
                        bold=i == 0, max_width=d.W - 120)
