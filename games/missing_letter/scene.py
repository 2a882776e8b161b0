"""Missing-letter memory, as played in preschool with letter cards on a tray and a cloth.

A round: the letters sit on the tray and are named; the cloth slides over; one letter is taken away;
the cloth lifts: "Which letter is missing?" The child writes it on the TracePad. A miss gets a gentle
try-again; after two misses the letter shows faintly as a guide; after three, three letters are
offered to tap, so every round ends in success. "Remember them all": the cloth stays over every
letter and the child writes them one by one.
"""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.core.letters import LetterCard
from games.engine.core.timeline import ease
from games.engine.core.widgets import LetterTile
from games.engine.play.celebration import Celebration
from games.engine.play.common_scenes import StarsScreen, stars_for
from games.engine.play.game_scene import GameScene, State
from games.engine.voice.letter_call import call_for, letter_ref
from games.engine.writing.writing_task import Fallback, WritingTask

from . import GAME
from .art import draw_cloth, tray
from .rules import SHOW_PER_LETTER, choice_faces, show_time, slots_to_hide

ROUNDS = 5
ROUNDS_ALL = 3
COVER_TIME = 0.9       # the cloth sliding over the tray, or lifting off it
HIDDEN_TIME = 0.6      # the cloth lies still over the tray
FLY_TIME = 0.8         # the found letter flying home to its gap
NEXT_ROUND_AFTER = 0.8
CHOICES_AFTER = 3

TRAY = pygame.Rect(190, 40, 900, 250)
PAD = pygame.Rect(330, 320, 560, 370)
SAY_AGAIN_AT = (200, 505)        # left of the pad, where the child answers


class MissingLetter(GameScene):
    """One game: a short run of rounds, then the stars screen."""

    #: a round, in order. The letters' names belong to the tray being shown: they carry on while the
    #: cloth covers it and stop, caption and all, as it lifts on the gap (never "L, Z, P" over "? Z P").
    states = {
        "show": State(shows=("tiles",), enter=lambda g: g.light_each_letter(), prompt=lambda g: g.letters_line(),
                      after=lambda g: show_time(len(g.cards)), then="cover"),
        "cover": State(shows=("tiles",), enter=lambda g: g.slide_cloth(0.0, 1.0), after=COVER_TIME, then="hidden",
                       keeps_voice=True),
        "hidden": State(shows=("tiles",), enter=lambda g: g.take_letters_away(), after=HIDDEN_TIME,
                        then=lambda g: "write" if g.all_hidden else "uncover", keeps_voice=True),
        "uncover": State(shows=("tiles",), enter=lambda g: g.slide_cloth(1.0, 0.0), after=COVER_TIME, then="write"),
        "write": State(shows=("tiles", "pad"), enter=lambda g: g.start_writing(), prompt=lambda g: g.task_lines(),
                       waits=True),
        "choose": State(shows=("tiles", "choices"), prompt="tap_missing", waits=True),
        "celebrate": State(shows=("tiles",), enter=lambda g: g.celebrate()),
        "fly": State(shows=("tiles",), enter=lambda g: g.fly_home(), after=FLY_TIME, then=lambda g: g.landed()),
        "next": State(shows=("tiles",), after=NEXT_ROUND_AFTER, then=lambda g: g.new_round()),
    }

    def __init__(self, app, level, players=None):
        super().__init__(app, SAY_AGAIN_AT)
        self.level = level
        self.count = level.options.get("letters", 3)
        self.all_hidden = level.options.get("all", False)
        self.rounds = ROUNDS_ALL if self.all_hidden else ROUNDS
        self.round = 0
        self.helped = 0                  # rounds where the child needed the guide or the choices
        self.practised: list[str] = []
        self.writing = WritingTask(app, PAD, self.on_written, recorder=GAME.recorder(app, level),
                                   fallback_after=CHOICES_AFTER, fallback=Fallback.CHOICES, secret=True)
        self.pad = self.writing.pad
        self.cloth = 0.0                 # 0 = lifted, 1 = covering the tray
        self.cards: list[LetterCard] = []
        self.tiles: list[LetterTile] = []
        self.hidden: list[int] = []      # tray slots still to be found, in order
        self.choices: list[LetterTile] = []
        self.solved: int | None = None   # the slot just found (celebrated, then flying home)
        self.flying = None

    # -- rounds ------------------------------------------------------------------------------------
    def enter(self):
        self.new_round()

    def new_round(self):
        self.round += 1
        letters = self.app.settings.active_letters()
        cards = letters.cards(self.app.settings.case, self.app.rng, self.count,
                              chooser=self.app.progress.order)   # fitted to the child playing
        n = len(cards)
        tw, gap = 130, 30
        x0 = TRAY.centerx - (n * tw + (n - 1) * gap) / 2
        self.cards = cards
        self.tiles = [LetterTile((x0 + i * (tw + gap), TRAY.y + 55, tw, 150), c.shown) for i, c in enumerate(cards)]
        self.hidden = slots_to_hide(n, self.all_hidden, self.app.rng)
        self.choices = []
        self.flying = None               # nothing carries over from the last round
        self.cloth = 0.0
        self.timeline.clear()
        self.set_state("show")

    def light_each_letter(self):
        """Each letter lights up as the voice names it."""
        for i, tile in enumerate(self.tiles):
            self.timeline.after(0.8 + i * SHOW_PER_LETTER, lambda tile=tile: setattr(tile, "glow", SHOW_PER_LETTER * 0.9))

    def letters_line(self) -> str:
        names = ", ".join(letter_ref(self.app, c) for c in self.cards)   # "S, A, T" or by sound "/s/, /a/, /t/"
        return self.app.phrases.get("look_at_letters", letters=names)

    def slide_cloth(self, start: float, end: float):
        """The cloth slides over the tray (0 -> 1) or lifts off it (1 -> 0)."""
        self.app.sounds.play("whoosh")
        self.timeline.tween(self, "cloth", start, end, COVER_TIME, "linear")

    def take_letters_away(self):
        for i in self.hidden:
            self.tiles[i].visible = False

    @property
    def current(self) -> int:
        return self.hidden[0]

    @property
    def current_card(self) -> LetterCard:
        return self.cards[self.current]

    def start_writing(self):
        self.writing.start(self.current_card.answer)
        self.call = call_for(self.app, self.current_card, clue=True)   # by sound or picture word: a clue in the gap

    def task_lines(self) -> tuple:
        """Which letter to write: the task, the clue (by sound or picture word) and the case to write it in."""
        card = self.current_card
        if self.all_hidden:
            key = "write_hidden_letter" if len(self.hidden) == len(self.cards) else "write_next_hidden"
            task = self.app.phrases.get(key, count=len(self.cards))
        else:
            task = self.app.phrases.get("which_missing")
        which_case = None
        if card.answer != card.shown:
            which_case = self.app.phrases.get("write_small" if card.answer.islower() else "write_big")
        return task, None if self.call.shows_letter else self.call.line, which_case

    # -- answers -----------------------------------------------------------------------------------
    def on_written(self, outcome):
        """The writing task is over: the letter was written, or three misses bring the choices."""
        if outcome.accepted:
            self.found()
        else:
            self.offer_choices()

    def offer_choices(self):
        faces = choice_faces(self.current_card, self.cards, self.app.rng)
        self.choices = []
        for i, face in enumerate(faces):
            rect = pygame.Rect(PAD.centerx - 330 + i * 240, PAD.y + 80, 180, 210)
            self.choices.append(LetterTile(rect, face, self.on_choice, color=d.shade(d.CANDY[i * 3 % 8], 1.6)))
        self.set_state("choose")

    def on_choice(self, tile):
        right = tile.char == self.current_card.answer
        self.writing.report(None, None, correct=right, chosen=tile.char)
        if right:
            self.found()
        else:
            tile.shake()
            self.app.sounds.play("try_again")
            self.app.speaker.say(self.app.phrases.get("that_is", letter=tile.char,
                                                      target=self.current_card.answer), interrupt=True)

    def found(self):
        self.solved = self.current
        self.practised.append(self.cards[self.solved].shown)
        self.helped += self.writing.help != "none"
        self.hidden.pop(0)
        self.set_state("celebrate")      # the card stays off the tray while the big letter is shown

    def celebrate(self):
        """The big letter is celebrated in the middle; then its card flies from there back into its gap."""
        letter = self.cards[self.solved].answer
        praise = self.app.phrases.get("wrote_letter", letter=letter)
        self.app.push(Celebration(self.app, praise, lambda: self.set_state("fly"), big_letter=letter))

    def fly_home(self):
        tile = self.tiles[self.solved]
        start = pygame.Vector2(Celebration.LETTER_CENTER) - pygame.Vector2(tile.rect.center)
        self.flying = (self.solved, start)
        tile.offset = pygame.Vector2(start)
        tile.visible = True
        self.timeline.tween(self.place_flying, None, 0.0, 1.0, FLY_TIME, "linear")

    def place_flying(self, k):
        """The card on its way home at time ``k`` (0..1): an arc that slows down as it arrives."""
        slot, start = self.flying
        self.tiles[slot].offset = start * (1 - ease("out_cubic", k)) + pygame.Vector2(0, -math.sin(k * math.pi) * 120)

    def landed(self):
        """Home: the next hidden letter, the next round, or the stars."""
        tile = self.tiles[self.flying[0]]
        tile.offset = pygame.Vector2()
        tile.glow = 1.0
        self.flying = None
        if self.hidden:
            return "write"
        if self.round >= self.rounds:
            self.finish()
            return None
        return "next"

    def finish(self):
        stars = stars_for(self.helped)
        self.app.replace(StarsScreen(self.app, stars, self.practised,
                                     replay=lambda: self.app.replace(MissingLetter(self.app, self.level))))

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface):
        surface.blit(d.background("wall"), (0, 0))
        surface.blit(tray(TRAY.w, TRAY.h), TRAY.topleft)
        for i, tile in enumerate(self.tiles):
            if not tile.visible and i in self.hidden and self.cloth < 1:
                self._draw_empty_slot(surface, tile.rect)
        for i, tile in enumerate(self.tiles):
            if self._tile_on_tray(i):
                tile.draw(surface)
        if self.all_hidden and self.state in ("write", "choose", "celebrate", "fly", "hidden") and self.hidden:
            self._draw_cloth_over(surface, self.hidden)
        elif self.cloth > 0:
            cover = pygame.Rect(TRAY.x + 10, TRAY.y, TRAY.w - 20, int((TRAY.h - 20) * self.cloth))
            draw_cloth(surface, cover, self.t)
        self._draw_progress(surface)
        self.home_button.draw(surface, focused=self.focus is self.home_button)
        if self.state == "write":
            self.pad.draw(surface, focused=self.focus is self.pad)
        for tile in self.choices if self.state == "choose" else []:
            tile.draw(surface, focused=self.focus is tile)
        if self.flying and self.tiles[self.flying[0]].visible:
            self.tiles[self.flying[0]].draw(surface)   # over the pad, on its way back to the tray
        if self.state == "write" and self.current is not None:
            self._point_at_slot(surface, self.tiles[self.current].rect)
            if not self.call.shows_letter and not self.all_hidden:
                self.call.draw_cue(surface, self.tiles[self.current].rect.inflate(-16, -16))
        self.say_again.draw(surface, focused=self.focus is self.say_again)

    def _tile_on_tray(self, i) -> bool:
        """Whether tile ``i`` is drawn sitting on the tray (a hidden one never is, a flying one is drawn last)."""
        flying = self.flying is not None and self.flying[0] == i
        return self.tiles[i].visible and not flying and not (i in self.hidden and self.state not in ("show", "cover"))

    def _draw_cloth_over(self, surface, slots):
        for i in slots:
            r = self.tiles[i].rect.inflate(16, 10)
            draw_cloth(surface, pygame.Rect(r.x, r.y - 6, r.w, r.h - 18), self.t + i)

    def _draw_empty_slot(self, surface, rect):
        pulse = 0.5 + 0.5 * math.sin(self.t * 4)
        color = d.shade(d.ORANGE, 0.9 + 0.2 * pulse)
        pygame.draw.rect(surface, d.shade((196, 140, 84), 1.1), rect, border_radius=20)
        for i in range(0, 2 * (rect.w + rect.h), 26):   # a dashed outline where the card was
            p = _perimeter_point(rect, i)
            pygame.draw.circle(surface, color, p, 5)
        d.draw_glyph(surface, "?", 90, rect.center, d.WHITE)

    def _point_at_slot(self, surface, rect):
        """A bouncing arrow from the pad to the gap, so the child knows which letter to write."""
        y = rect.bottom + 18 + math.sin(self.t * 5) * 6
        pygame.draw.polygon(surface, d.ORANGE, [(rect.centerx, y), (rect.centerx - 18, y + 22), (rect.centerx + 18, y + 22)])

    def _draw_progress(self, surface):
        for i in range(self.rounds):
            img = d.star(44) if i < self.round - (self.state not in ("next",) and self.hidden != []) else \
                d.star(44, (225, 225, 235), (190, 190, 205))
            surface.blit(img, img.get_rect(center=(d.W - 60, 70 + i * 54)))


def _perimeter_point(rect, dist):
    w, h = rect.w, rect.h
    dist %= 2 * (w + h)
    if dist < w:
        return rect.x + dist, rect.y
    if dist < w + h:
        return rect.right, rect.y + dist - w
    if dist < 2 * w + h:
        return rect.right - (dist - w - h), rect.bottom
    return rect.x, rect.bottom - (dist - 2 * w - h)
