"""Alphabet bingo, as played in preschool: the caller draws a letter, whoever has it covers it.

Each player (1-4 animals) has a card in their animal's colour: 3x3 with a free star (level 1), 4x4
(level 2), 4x4 where every square is written before it is covered (level 3, or any level with the
teacher's "write to cover"); three or four children get smaller cards (``cards.card_shape``). The
wire cage turns and rolls out a ball; the game says it ("The letter B! Who has the letter B?"). Every
player whose card still needs it then takes a turn, in order: their card comes up big, they tap the
square (after ``GLOW_AFTER`` seconds it glows gently; a wrong square wobbles and its letter is named),
and a chip pops on. A line or a full card is celebrated for that player, and play goes on until every
card is full; the end screen cheers everyone by animal.

With the teacher's "call letters by" sound or picture word, the ball shows the picture (or "?") and the
call says "/m/ ... moon!" instead of the letter's name; a wrong square or the glow shows the letter
on the ball and says its name, so a child who does not know the sound still finishes. Until then
nothing gives the letter away (issue 23): the ball shows the picture from the moment it rolls out,
its ball stays in the labelled cage, and a letter on nobody's card is shown only as "Nobody has
the letter Q" is said. One player is asked "Do you have the letter B?", never "Who has...?".

With the teacher's "I call the letters" the game says no calls: the grown-up calls aloud and taps the
letter on a small strip at the top; the ball rolls out and the turns go as before.

This file holds the game's flow (the deal, calls, turns, covering, the end), declared at the top of
:class:`Bingo` as its ``states``. Beside it: ``cards``
(the rules: dealing, the caller, no pictures), ``card_view`` (the cards in play, big and small),
``calling`` (the called ball, the row of called balls, the grown-up's strip), ``art`` (the pictures)
and ``print_cards`` (cards on paper).
"""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.play.celebration import Celebration
from games.engine.play.common_scenes import stars_for
from games.engine.play.game_scene import GameScene, State
from games.engine.voice.letter_call import call_for
from games.engine.core.letters import LetterCard
from games.engine.play.players import Player, Turns
from games.engine.writing.writing_task import Fallback, WritingTask

from . import GAME, art
from .calling import draw_called_ball, draw_history, draw_strip, teacher_strip
from .card_view import POP_TIME, CardsInPlay, Square, draw_writing
from .cards import Caller, card_shape, deal, faces_for, pool_size
from .scoreboard import BingoScoreboard

SAY_AGAIN_AT = (1196, 74)
PAD = pygame.Rect(520, 140, 440, 470)            # write to cover: the pad over the card

INTRO = 2.2          # seconds before the first ball
SPIN_TIME = 0.9      # the cage turns
ROLL_TIME = 0.7      # the ball rolls down to the tray
GLOW_AFTER = 6.0     # seconds of searching before the square glows
AFTER_COVER = 0.6    # a moment to see the chip before the next turn
NOBODY_PAUSE = 2.4   # "Nobody has Q!" before the next ball
VOICE_WAIT = 8.0     # ...and at most this much longer while the voice still says it
WRITE_TRIES = 3      # misses before the chip goes on anyway
OVER_PAUSE = 0.8     # the last chip is seen before the end screen


class Bingo(GameScene):
    """One game of bingo, from the first ball to every card full."""

    #: a ball: the cage spins, the ball rolls out and is called; nobody has it (the next ball), or each
    #: holder in turn finds it (and writes it), a chip goes on, a line or full card is cheered.
    states = {
        "intro": State(prompt="listen", after=INTRO, then=lambda g: g.next_call()),
        "teacher": State(shows=("strip",), enter=lambda g: g.strip_for_letters_needed(),
                         prompt=lambda g: g.app.phrases.get("teacher_next" if g.caller.called else "teacher_start"),
                         waits=True),
        "spin": State(enter=lambda g: g.spin_cage(), after=SPIN_TIME, then="roll", keeps_voice=True),
        "roll": State(enter=lambda g: g.roll_ball(), after=ROLL_TIME, then=lambda g: g.announce(), keeps_voice=True),
        "nobody": State(enter=lambda g: g.nobody_has_it(), prompt=lambda g: (g.call_line, g.name_with),
                        after=NOBODY_PAUSE, then=lambda g: g.after_nobody()),
        "find": State(shows=("squares",), prompt=lambda g: (g.call_line, g.turn), waits=True),
        "write": State(shows=("pad",), enter=lambda g: g.writing.start(g.found_letter, player=g.turns.current),
                       prompt=lambda g: g.app.phrases.get("write_to_cover", letter=g.found_letter), waits=True),
        "cover": State(enter=lambda g: g.put_chip_on(), after=POP_TIME + AFTER_COVER, then=lambda g: g.check_card()),
        "celebrate": State(),
        "over": State(after=OVER_PAUSE, then=lambda g: g.finish()),
    }

    def __init__(self, app, level, players: list[Player] | None = None):
        super().__init__(app, SAY_AGAIN_AT)
        self.level = level
        self.write_to_cover = bool(level.options.get("write")) or \
            app.settings.game_option("bingo", "write_to_cover")
        self.teacher_calls = app.settings.game_option("bingo", "teacher_calls")
        self.turns = Turns(players)
        self.players = self.turns.players
        self.shape = card_shape(level.options, len(self.players), self.write_to_cover)
        self.size = self.shape.size
        self.recorder = GAME.recorder(app, level)
        self.writing = WritingTask(app, PAD, self.on_written, recorder=self.recorder,
                                   fallback_after=WRITE_TRIES, fallback=Fallback.KEEP)
        self.pad = self.writing.pad
        self.call = None            # the Face called now
        self.cue = None             # how it was called (engine letter_call): None when the grown-up calls
        self.named = True           # its name was said: at once by name; by sound or picture after help
        self.name_with = None       # a line that names it ("Nobody has the letter Q"): named once it shows
        self.call_line = None       # the call said ("The letter B! Who has the letter B?"; None: the grown-up's)
        self.turn = None            # whose turn it is to find it ("Frog, find the letter B on your card!")
        self.queue: list[int] = []  # players still to cover the called letter, in turn order
        self.squares: list[Square] = []
        self.strip = []             # "I call the letters": a button a letter
        self.found_square: Square | None = None
        self.find_t = 0.0           # seconds the current player has been looking
        self.glowing = False
        self.slips = 0              # wrong taps, glows and letters written with the chip given anyway
        self.spin, self.spin_speed = 0.0, 0.4
        self.roll_k = 1.0           # the called ball rolling from the cage to the tray, 0..1
        self.lines_seen = [set() for _ in self.players]
        self.full_seen = [False for _ in self.players]
        self.history: list = []     # balls already in the tray before, for the row along the top
        self.on_table: CardsInPlay | None = None   # everyone's card, big and small (made at the deal)
        self.warm_up = iter(())

    # -- the deal ----------------------------------------------------------------------------------
    def enter(self):
        settings, rng = self.app.settings, self.app.rng
        letters = settings.active_letters()
        mode = letters.case or settings.case
        pool = faces_for(letters.cards(mode, rng, pool_size(self.shape.letters, len(self.players)),
                                       chooser=self.app.progress.order), mode)
        self.cards = deal(pool, len(self.players), self.size, False, rng, stars=self.shape.stars)
        used = {f.base for c in self.cards for f in c.letters}
        pool = [f for f in pool if f.base in used]
        decoys = [] if self.teacher_calls else faces_for(letters.cards(mode, rng, None, exclude="".join(used),
                                                                       chooser=self.app.progress.order), mode)
        self.caller = Caller(self.cards, pool, rng, decoys)
        shown = pool[:12]
        self.tumbling = [(f.call, i * math.tau / len(shown) + rng.uniform(-0.3, 0.3), rng.uniform(0.3, 0.75))
                         for i, f in enumerate(shown)]
        self.on_table = CardsInPlay(self.cards, self.players, self.size)
        self.warm_up = self.pictures_to_prepare(pool)
        if self.teacher_calls:
            self.strip = teacher_strip(pool, self.teacher_called)
        self.set_state("teacher" if self.teacher_calls else "intro")

    def pictures_to_prepare(self, pool):
        """Paint what the game will show, one picture a frame during the intro (no frame waits long)."""
        yield art.hall()
        yield art.cage_stand()
        yield from self.on_table.pictures_to_prepare()
        for f in pool:
            yield art.ball(f.call, art.TRAY_BALL), art.ball(f.call, 46)

    def strip_for_letters_needed(self):
        """The grown-up's strip: only letters some card still needs can be called."""
        for b in self.strip:
            b.enabled = bool(self.caller.holders(b.face.base))

    def show_card(self, player: int):
        """The card of ``player`` comes up big, its squares ready to tap."""
        self.turns.index = player
        self.squares = self.on_table.squares(player, self.on_square)

    # -- calling -----------------------------------------------------------------------------------
    def next_call(self):
        face = self.caller.next()
        if face is None:
            self.all_full()
            return
        self.roll_out(face)

    def teacher_called(self, face):
        if self.state != "teacher" or not self.caller.holders(face.base):
            return
        self.caller.take(face.base)
        self.roll_out(face)

    def roll_out(self, face):
        if self.call is not None:
            self.history.append(self.call)
        self.call = face
        one = not self.turns.multi
        self.cue = None if self.teacher_calls else call_for(
            self.app, LetterCard(face.base, face.call, face.square),
            self.app.phrases.get("call_one" if one else "call", letter=face.call))
        self.named = self.cue is None or self.cue.shows_letter   # the ball shows the cue as it rolls out
        self.name_with = None
        self.set_state("spin")

    def spin_cage(self):
        self.app.sounds.play("whoosh")
        self.spin_speed = 9.0
        self.roll_k = 0.0

    def roll_ball(self):
        """The ball rolls out of the cage's door down to the tray."""
        self.spin_speed = 0.4
        self.app.sounds.play("flip")
        self.timeline.tween(self, "roll_k", 0.0, 1.0, ROLL_TIME, "drop_hop")

    def announce(self):
        self.queue = self.caller.holders(self.call.base)
        self.call_line = self.cue and self.cue.line
        if not self.queue:
            self.set_state("nobody")
        else:
            self.next_holder(first=True)

    def nobody_has_it(self):
        key = "nobody_has" if self.turns.multi else "not_on_card"
        self.name_with = self.app.phrases.get(key, letter=self.call.call)   # names it as it is said

    def after_nobody(self, waited=0.0):
        """The next ball once "Nobody has the letter Q" has been said (at most ``VOICE_WAIT`` s more)."""
        if self.prompt.speaking and waited < VOICE_WAIT:
            self.timeline.after(0.2, lambda: self.after_nobody(waited + 0.2))
            return
        self.next_call()

    def next_holder(self, first=False):
        if not self.queue:
            self.after_call()
            return
        player = self.queue.pop(0)
        self.show_card(player)
        self.find_t, self.glowing, self.found_square = 0.0, False, None
        self.turn = self.turn_line()
        self.set_state("find", quiet=not first)   # the call was said for the first; the next hear their turn
        if not first:
            self.app.speaker.say(self.turn, interrupt=True)

    def turn_line(self) -> str:
        name, letter = self.turns.current.name, self.call.square
        if self.teacher_calls or not self.named:   # "that letter": by sound or picture, not named yet
            key = "find_after_teacher_player" if self.turns.multi else "find_after_teacher"
        else:
            key = "find_player" if self.turns.multi else "find"
        return self.app.phrases.get(key, player=name, letter=letter)

    def after_call(self):
        if all(c.full for c in self.cards):
            self.all_full()
        elif self.teacher_calls:
            self.set_state("teacher")
        else:
            self.next_call()

    # -- finding and covering ----------------------------------------------------------------------
    def target_index(self) -> int:
        return self.cards[self.turns.index].index_of(self.call.base)

    def on_square(self, square: Square):
        if self.state != "find":
            return
        right = square.index == self.target_index()
        self.record(square.face.square, correct=right, chosen=square.face.square)
        if not right:
            self.slips += 1
            square.wobble = 1.0
            self.app.sounds.play("try_again")
            if self.named:
                self.app.speaker.say(self.app.phrases.get("that_is", letter=square.face.square), interrupt=True)
            else:
                self.name_the_letter(self.app.phrases.get("that_is_find", chosen=square.face.square,
                                                          letter=self.call.square))
            return
        self.found_square = square
        if self.write_to_cover:
            self.set_state("write")
        else:
            self.app.speaker.say(self.app.phrases.get("covered"), interrupt=True)
            self.set_state("cover")

    @property
    def found_letter(self) -> str:
        """The letter on the square just found (write to cover: the letter to write)."""
        return self.found_square.face.square

    def name_the_letter(self, line):
        """Help when called by sound or picture word: the ball shows the letter, `line` names it, and the
        say-again button now names it too."""
        self.named = True
        self.app.speaker.say(line, interrupt=True)
        self.prompt.keep(self.call_line, self.turn_line())

    def record(self, letter, *, correct, chosen):
        """One find (a tap among the card's squares) for the progress record."""
        self.recorder.record(letter, "found", correct, chosen=chosen, help="guide" if self.glowing else "none",
                             seconds=self.find_t, player=self.turns.current)

    def on_written(self, outcome):
        """Written (or, after ``WRITE_TRIES`` misses, covered anyway): the chip goes on."""
        if outcome.accepted:
            self.app.speaker.say(self.app.phrases.get("wrote_letter", letter=outcome.letter), interrupt=True)
        else:
            self.slips += 1
            self.app.speaker.say(self.app.phrases.get("covered_anyway"), interrupt=True)
        self.set_state("cover")

    def put_chip_on(self):
        player, index = self.turns.index, self.target_index()
        self.on_table.cover(player, index)
        self.players[player].score += 1
        self.app.sounds.play("pop")
        self.squares = [s for s in self.squares if s.index != index]

    def check_card(self):
        """A new line or a full card: a celebration for this player; then the next turn."""
        i, card = self.turns.index, self.cards[self.turns.index]
        name = self.players[i].name
        several = self.turns.multi
        praise = None
        if card.full and not self.full_seen[i]:
            self.full_seen[i] = True
            praise = self.app.phrases.get("full_card" if several else "full_card_one", player=name)
            if not all(c.full for c in self.cards):
                praise += " " + self.app.phrases.get("keep_playing")
        new_lines = set(card.lines()) - self.lines_seen[i]
        self.lines_seen[i] |= new_lines
        if praise is None and new_lines:
            praise = self.app.phrases.get("line" if several else "line_one", player=name)
        if praise:
            self.set_state("celebrate")
            self.app.push(Celebration(self.app, praise, self.next_holder, stars=1 + 2 * card.full))
        else:
            self.next_holder()

    # -- the end -----------------------------------------------------------------------------------
    def all_full(self):
        names = [p.name for p in self.players]
        together = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
        key = "all_full" if len(names) > 1 else "all_full_one"
        self.message = self.app.phrases.get(key, players=together)
        self.set_state("over")

    def finish(self):
        n = len(self.players)
        stars = stars_for(self.slips, 2 * n + 1, 5 * n + 1)
        fresh = [Player(p.name, p.color, child=p.child) for p in self.players]
        for p in self.players:   # the end screen's row: their full card and three stars, the same for all
            p.collected = [("card", p.color)] + [("star", None)] * 3
        self.app.replace(BingoScoreboard(
            self.app, stars, [f.call for f in self.caller.called if any(f in c.letters for c in self.cards)],
            self.players, replay=lambda: self.app.replace(Bingo(self.app, self.level, fresh)),
            picture=lambda item, j: art.full_card(item[1], 46, self.size, self.shape.stars) if item[0] == "card"
            else d.star(40),
            message=self.message))

    # -- time --------------------------------------------------------------------------------------
    def update(self, dt):
        next(self.warm_up, None)
        super().update(dt)   # the squares, the strip and the pad are widgets: they update there
        if not self.named and self.name_with is not None and \
                (self.app.speaker.caption == self.name_with or not self.app.speaker.busy):
            self.named = True
        self.spin += self.spin_speed * dt
        self.on_table.update(dt)
        if self.state == "find":
            self.find_t += dt
            if self.find_t >= GLOW_AFTER and not self.glowing:
                self.glowing = True
                self.slips += 1
                if not self.named:
                    self.name_the_letter(self.app.phrases.get("glow_name", letter=self.call.square))

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface):
        surface.blit(art.hall(), (0, 0))
        if self.teacher_calls:
            draw_strip(surface, self.strip, {f.base for f in self.caller.called}, self.focus)
        else:
            draw_history(surface, self.history)
        called = {f.call for f in self.caller.called}   # called balls have left the cage...
        if self.call is not None and not self.named:
            called.discard(self.call.call)   # ...but not one still to guess: that would give it away
        art.draw_cage(surface, self.t, self.spin, [b for b in self.tumbling if b[0] not in called])
        art.draw_tray(surface)
        self.draw_called_ball(surface)
        glow = self.target_index() if self.state in ("find", "write") and self.glowing else None
        self.on_table.draw_big(surface, self.turns.index, self.squares, glow_index=glow, t=self.t, focus=self.focus)
        if self.turns.multi:
            for i in range(len(self.players)):
                highlighted = i == self.turns.index and self.state not in ("over", "intro", "teacher", "spin", "roll")
                self.on_table.draw_mini(surface, i, highlighted=highlighted, t=self.t)
        if self.state == "write":
            draw_writing(surface, self.pad, self.call.square, self.turns.current, focused=self.focus is self.pad)
        self.home_button.draw(surface, focused=self.focus is self.home_button)
        self.say_again.draw(surface, focused=self.focus is self.say_again)

    def draw_called_ball(self, surface):
        """The called ball (by sound or picture word, not named yet: the picture or "?" on it), rolling out
        of the cage once it has spun, then in the tray."""
        if self.call is not None and self.state != "spin":
            draw_called_ball(surface, self.call, self.roll_k, None if self.named else self.cue)
