"""Candy letter match, as played in preschool with letter stickers under chocolate kisses.

The candies sit shuffled on a checked cloth, each on a hidden letter sticker. A player lifts two
(each lift shows and says the letter). A match goes to that player's plate; if the teacher chose
"write to keep", the player first writes the letter on the TracePad (a faint guide after two misses,
and after three the pair is kept anyway, so no turn ends in failure). No match: both candies go back
after a moment. Every try passes the turn on. When all pairs are found, every player picks three
candies from the dish in the middle to "eat", and then comes the stars screen.

Pairs follow the case mode: ``matching`` pairs ``M`` with ``m``, every other mode pairs equal faces.
"""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.play.celebration import Celebration
from games.engine.play.common_scenes import Scoreboard, stars_for
from games.engine.play.game_scene import GameScene, State
from games.engine.core.input import Pointer
from games.engine.core.letters import CaseMode
from games.engine.play.players import Player, TurnBadge, Turns, draw_avatar_on_disc
from games.engine.core.scene import nearest_in_direction
from games.engine.core.timeline import ease
from games.engine.writing.writing_task import Fallback, WritingTask

from . import GAME, art
from .table import (CLOTH, DROP_SPEED, EAT_TIME, LIFT_SPEED, MINI, PAD, PLATE_SIZE, PLATE_SPOTS, TREAT_SIZE, Candy,
                    dish_spots, draw_dish, draw_eating, draw_flying, draw_sparkles, grid_cells, lifted_offset,
                    pictures_to_prepare, plate_layout, posed_candy)

DEAL_STAGGER = 0.06      # seconds between candies landing on the table at the start
LOOK_TIME = 0.7          # both candies up before the game says "match" or not
MATCH_SHOW = 1.2         # a match stays up this long before it goes to the plate (or the pad)
NO_MATCH_SHOW = 2.2      # time to look at a wrong pair before the candies go back
FLY_TIME = 0.9
KEEP_AFTER = 3           # misses after which the pair is kept anyway
TREATS_EACH = 3
MOST_PAIRS = 10          # what fits on the cloth
SAY_AGAIN_AT = (1196, 74)                # top right, above the table


class CandyMatch(GameScene):
    """One game: find every pair, then everyone eats three candies, then the stars screen."""

    #: a turn: "pick" two candies, "look" at them; a pair is "matched" (then written, with "write to keep")
    #: and flies to the player's plate, two that differ show "no_match" and go "back"; the next player picks.
    #: When the table is empty, everyone eats three candies ("feast"), and the game ends ("feast_over").
    states = {
        "deal": State(shows=("on_table",), prompt=lambda g: g.lift_lines(), after=lambda g: g.deal_time(),
                      then="pick"),
        "pick": State(shows=("on_table",), waits=True, keeps_voice=True),   # the deal's "lift two" carries on
        "look": State(shows=("on_table",), after=LOOK_TIME, then=lambda g: g.judge()),
        "matched": State(shows=("on_table",), enter=lambda g: g.show_pair(MATCH_SHOW), after=MATCH_SHOW,
                         then=lambda g: g.after_match()),
        "no_match": State(shows=("on_table",), enter=lambda g: g.show_pair(NO_MATCH_SHOW), after=NO_MATCH_SHOW,
                          then=lambda g: g.put_back()),
        "back": State(shows=("on_table",), after=1 / LIFT_SPEED, then=lambda g: g.next_turn()),
        "write": State(shows=("pad",), enter=lambda g: g.writing.start(g.letter_to_write, player=g.turns.current),
                       prompt=lambda g: g.app.phrases.get("write_to_keep", letter=g.letter_to_write), waits=True),
        "celebrate": State(shows=("on_table",), enter=lambda g: g.celebrate()),
        "fly": State(shows=("on_table",), enter=lambda g: g.fly_to_plate(), after=FLY_TIME, then=lambda g: g.landed()),
        "feast": State(shows=("treats_left",), prompt=lambda g: g.feast_line(), interrupt=False, waits=True),
        "feast_over": State(shows=("treats_left",), after=1.0, then=lambda g: g.finish_when_eaten()),
    }

    def __init__(self, app, level, players: list[Player] | None = None):
        super().__init__(app, SAY_AGAIN_AT)
        self.level = level
        self.pairs_wanted = min(MOST_PAIRS, level.options.get("pairs", 5))
        self.write_to_keep = bool(level.options.get("write_to_keep", False)) or \
            app.settings.game_option("candy_match", "write_to_keep")
        self.turns = Turns(players)
        self.players = self.turns.players
        self.badge = TurnBadge(self.turns, center=(d.W / 2, 60))
        self.writing = WritingTask(app, PAD, self.on_written, recorder=GAME.recorder(app, level),
                                   fallback_after=KEEP_AFTER, fallback=Fallback.KEEP)
        self.pad = self.writing.pad
        self.plates = PLATE_SPOTS[min(4, len(self.players))]
        self.kept: list[list[tuple[str, str]]] = [[] for _ in self.players]   # per player: pairs of faces
        self.practised: list[str] = []
        self.candies: list[Candy] = []
        self.lifted: list[Candy] = []
        self.flying: list[tuple[Candy, pygame.Vector2, pygame.Vector2]] = []
        self.fly_owner = 0
        self.fly_size = MINI       # the size the flying pair shrinks to: that of the candies on its plate
        self.treats: list[Candy] = []
        self.eating: list[dict] = []
        self.picks = [0 for _ in self.players]
        self.tries = 0
        self.using_keys = False  # the last input was a key: keep a candy focused as things change
        self.pair_t = 0.0        # seconds the lifted pair has been shown (sparkles, the no-match shake)
        self.fly_k = 0.0         # a kept pair on its way to the plate, 0..1
        self.warm_up = iter(())

    # -- the deal ----------------------------------------------------------------------------------
    def enter(self):
        settings, rng = self.app.settings, self.app.rng
        letters = settings.active_letters()
        cards = letters.cards(settings.case, rng, self.pairs_wanted, chooser=self.app.progress.order)
        self.matching = (letters.case or settings.case) == CaseMode.MATCHING
        faces = []
        for card in cards:
            faces += [(card.shown, card.base), (card.answer, card.base)]
        rng.shuffle(faces)
        cells, size = grid_cells(len(faces))
        for i, ((face, base), cell) in enumerate(zip(faces, cells)):
            candy = Candy(cell, face, size, self.on_candy, base=base)
            candy.delay = i * DEAL_STAGGER
            self.candies.append(candy)
        self.warm_up = pictures_to_prepare(size, {f for f, _ in faces}, self.pad if self.write_to_keep else None)
        self.set_state("deal")
        self.badge.changed()

    def deal_time(self) -> float:
        """Seconds until the last candy has dropped onto the table."""
        return max((c.delay for c in self.candies), default=0.0) + 1 / DROP_SPEED

    def lift_lines(self) -> tuple:
        """Whose turn (with several players) and what to do."""
        whose_turn = self.app.phrases.get("your_turn", player=self.turns.current.name) if self.turns.multi else None
        return whose_turn, self.app.phrases.get("lift_two_matching" if self.matching else "lift_two")

    def set_state(self, state, **how):
        """As :meth:`GameScene.set_state`; the candies take taps only while a player picks (or eats), and
        the keyboard's focus goes from a candy that has gone to the nearest one that takes taps."""
        for c in self.on_table:
            c.enabled = state == "pick"
        for c in self.treats_left:
            c.enabled = state == "feast"
        gone = self.focus
        super().set_state(state, **how)
        if self.focus is None and isinstance(gone, Candy):
            self.focus = self.nearest_candy(gone)

    @property
    def on_table(self) -> list[Candy]:
        return [c for c in self.candies if not c.kept]

    @property
    def treats_left(self) -> list[Candy]:
        return [c for c in self.treats if not c.kept]

    @property
    def pairs_left(self) -> int:
        return len(self.on_table) // 2

    # -- lifting -----------------------------------------------------------------------------------
    def on_candy(self, candy: Candy):
        if candy.up:
            self.app.speaker.say_letter_name(candy.face, interrupt=True)   # hear it again
            return
        if self.state != "pick" or len(self.lifted) >= 2:
            return
        candy.up = True
        self.lifted.append(candy)
        self.app.sounds.play("flip")
        self.app.speaker.say_letter_name(candy.face, interrupt=True)
        if len(self.lifted) == 1:
            self.prompt.keep(self.app.phrases.get("lift_one_more"))
        if len(self.lifted) == 2:
            self.tries += 1
            self.set_state("look")

    def judge(self) -> str:
        first, second = self.lifted
        if first.base == second.base:
            self.app.sounds.play("cheer")
            if first.face == second.face:
                line = self.app.phrases.get("match_same", letter=first.face)
            else:
                big, small = sorted((first.face, second.face))   # capitals sort first
                line = self.app.phrases.get("match_pair", big=big, small=small)
            self.app.speaker.say(line)
            return "matched"
        self.app.sounds.play("try_again")
        self.app.speaker.say(self.app.phrases.get("no_match", first=first.face, second=second.face))
        return "no_match"

    def show_pair(self, seconds: float):
        """The lifted pair stays up: sparkles for a match, a shake for two that differ (``pair_t``)."""
        self.timeline.tween(self, "pair_t", 0.0, seconds, seconds, "linear")

    def after_match(self):
        if self.write_to_keep:
            return "write"
        self.keep_pair()

    def put_back(self) -> str:
        for c in self.lifted:
            c.up = False
        self.lifted = []
        self.app.sounds.play("whoosh")
        return "back"

    def next_turn(self):
        """The next player's turn is said; what to do stays for the say-again button."""
        self.set_state("pick")
        if self.turns.multi:
            self.turns.advance()
            self.badge.changed()
        whose_turn, what = self.lift_lines()
        if whose_turn:
            self.app.speaker.say(whose_turn)
        self.prompt.keep(whose_turn, what)

    # -- write to keep -----------------------------------------------------------------------------
    @property
    def letter_to_write(self) -> str:
        """Same faces: that face. Big and small: the big letter, the one small hands learn first."""
        return min(c.face for c in self.lifted)

    def on_written(self, outcome):
        """Written: a celebration, then the pair goes to the plate. After three misses it is kept anyway."""
        if outcome.accepted:
            self.set_state("celebrate")
            return
        self.app.speaker.say(self.app.phrases.get("kept_anyway"), interrupt=True)
        self.keep_pair()

    def celebrate(self):
        praise = self.app.phrases.get("wrote_letter", letter=self.letter_to_write)
        self.app.push(Celebration(self.app, praise, self.keep_pair, big_letter=self.letter_to_write))

    # -- keeping a pair ----------------------------------------------------------------------------
    def keep_pair(self):
        """The lifted pair leaves the table for the plate of the player whose turn it is."""
        owner = self.turns.index
        count = 2 * len(self.kept[owner]) + len(self.lifted)
        self.fly_size, spots = self.plate_spots(owner, count)
        self.flying = []
        for c, end in zip(self.lifted, spots[-len(self.lifted):]):
            start = c.anchor + lifted_offset(c.size, 1.0)
            self.flying.append((c, start, end))
            c.kept = True
        self.fly_owner = owner
        self.set_state("fly")

    def fly_to_plate(self):
        self.app.sounds.play("whoosh")
        self.timeline.tween(self, "fly_k", 0.0, 1.0, FLY_TIME, "linear")

    def landed(self):
        owner = self.fly_owner
        faces = tuple(sorted((c.face for c, _, _ in self.flying), key=lambda f: (f.islower(), f)))
        self.kept[owner].append(faces)
        player = self.players[owner]
        player.score += 1
        player.collected.append(faces[0])
        self.practised.append("".join(dict.fromkeys(faces)))
        self.flying, self.lifted = [], []
        self.app.sounds.play("pop")
        if self.pairs_left == 0:
            self.start_feast()
        else:
            self.next_turn()

    def plate_spots(self, owner: int, count: int) -> tuple[int, list[pygame.Vector2]]:
        """The size of the candies on a plate holding ``count`` of them, and where each one stands."""
        size, offsets = plate_layout(count)
        centre = pygame.Vector2(self.plates[owner])
        return size, [centre + pygame.Vector2(o) for o in offsets]

    # -- the feast at the end ----------------------------------------------------------------------
    def start_feast(self):
        self.app.speaker.say(self.app.phrases.get("all_pairs_found"), interrupt=True)
        self.turns.index = 0
        count = TREATS_EACH * len(self.players) + 3
        spots = dish_spots(count)
        self.treats = []
        for i, (x, y) in enumerate(spots):
            rect = pygame.Rect(0, 0, TREAT_SIZE + 8, TREAT_SIZE + 14)
            rect.midbottom = (x, y + 14)
            treat = Candy(rect, "", TREAT_SIZE, self.on_treat, foil=art.FOILS[i % len(art.FOILS)])
            treat.delay = 0.4 + i * DEAL_STAGGER
            self.treats.append(treat)
        self.badge.changed()
        self.set_state("feast")
        if self.using_keys:
            self.focus = self.treats[0]

    def feast_line(self) -> str:
        if self.turns.multi:
            return self.app.phrases.get("pick_three_player", player=self.turns.current.name)
        return self.app.phrases.get("pick_three")

    def on_treat(self, treat: Candy):
        if self.state != "feast" or treat.kept or treat.drop < 0.5:   # still dropping onto the dish
            return
        eater = self.turns.index
        treat.kept = True
        self.picks[eater] += 1
        spot = pygame.Vector2(self.plates[eater]) + pygame.Vector2((self.picks[eater] - 2) * 52, -60)
        self.eating.append({"treat": treat, "from": pygame.Vector2(treat.anchor), "to": spot, "t": 0.0,
                            "bites": 0, "unwrapped": False})
        self.app.sounds.play("pop")
        if self.picks[eater] < TREATS_EACH:
            self.widgets.remove(treat)
            if self.focus is treat:
                self.focus = self.nearest_candy(treat)
        elif all(p >= TREATS_EACH for p in self.picks):
            self.set_state("feast_over")
        else:
            self.turns.advance()
            self.badge.changed()
            self.set_state("feast")   # the next player's turn to pick

    def update_eating(self, dt):
        for e in self.eating:
            e["t"] += dt
            t = e["t"]
            if t >= 0.55 and not e["unwrapped"]:
                e["unwrapped"] = True
                self.app.sounds.play("crumple")
            bites = sum(t >= b for b in (1.0, 1.25, 1.5))
            if bites > e["bites"]:
                e["bites"] = bites
                self.app.sounds.play("pop")
                if bites == 3:
                    self.app.speaker.say(self.app.phrases.get("yum"))
        self.eating = [e for e in self.eating if e["t"] < EAT_TIME]

    def finish_when_eaten(self):
        if self.eating:
            self.timeline.after(0, self.finish_when_eaten)
        else:
            self.finish()

    def finish(self):
        stars = stars_for(self.tries, 2 * self.pairs_wanted + 1, 3 * self.pairs_wanted + 1)
        fresh = [Player(p.name, p.color) for p in self.players]
        self.app.replace(Scoreboard(
            self.app, stars, self.practised, self.players,
            replay=lambda: self.app.replace(CandyMatch(self.app, self.level, fresh)),
            picture=lambda face, j: art.sticker(face, 44)))   # the letters kept

    # -- keyboard ----------------------------------------------------------------------------------
    def handle(self, event):
        self.using_keys = not isinstance(event, Pointer)
        super().handle(event)

    def focus_towards(self, direction):
        """Arrow keys walk the candies (on the table or the dish), not the buttons around them."""
        items = [w for w in self.focusable() if isinstance(w, Candy)]
        if not items:
            super().focus_towards(direction)
        elif self.focus not in items:
            self._set_focus(items[0])
        else:
            best = nearest_in_direction(self.focus.rect, [w for w in items if w is not self.focus], direction)
            if best is not None:
                self._set_focus(best)

    def nearest_candy(self, gone: Candy):
        """Keep keyboard focus on the table when the focused candy goes to a plate or is eaten."""
        items = [w for w in self.focusable() if isinstance(w, Candy)]
        here = pygame.Vector2(gone.rect.center)
        return min(items, key=lambda w: here.distance_to(w.rect.center), default=None)

    # -- time --------------------------------------------------------------------------------------
    def update(self, dt):
        next(self.warm_up, None)
        self.badge.update(dt)
        self.home_button.update(dt)
        self.say_again.update(dt)
        for c in self.candies:
            c.update(dt)
        for c in self.treats:
            c.update(dt)
        if self.state == "write":
            self.pad.update(dt)
        self.update_eating(dt)
        self.tick(dt)   # not super().update: kept candies and the pad update here, not as widgets

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface):
        surface.blit(art.table(tuple(CLOTH)), (0, 0))
        for i in range(len(self.players)):
            self.draw_plate(surface, i)
        on_table = self.on_table
        for c in on_table:
            if c.lift == 0:
                self.draw_candy(surface, c)
        for c in on_table:
            if c.lift > 0:
                self.draw_candy(surface, c)
        for c, start, end in self.flying:
            draw_flying(surface, c, start, end, self.fly_k, self.fly_size)
        if self.treats:
            draw_dish(surface, self.treats, self.focus)
        for e in self.eating:
            draw_eating(surface, e)
        if self.state == "write":
            self.draw_writing(surface)
        self.home_button.draw(surface, focused=self.focus is self.home_button)
        self.badge.draw(surface)
        self.say_again.draw(surface, focused=self.focus is self.say_again)

    def draw_candy(self, surface, c: Candy):
        anchor = c.anchor + pygame.Vector2(0, -(1 - ease("drop_bounce", c.drop)) * 620)
        if c.drop > 0.3:
            sh = art.shadow(c.size)
            surface.blit(sh, sh.get_rect(center=(c.anchor.x + c.size * 0.05, c.anchor.y)))
        if c.lift > 0:
            label = art.sticker(c.face, int(c.size * 0.72))
            centre = pygame.Vector2(c.anchor.x, c.anchor.y - c.size * 0.38)
            if self.state == "no_match" and self.pair_t < 0.6:     # the two letters shake: not the same
                centre.x += math.sin(self.pair_t * 40) * 6 * (1 - self.pair_t / 0.6)
            surface.blit(label, label.get_rect(center=centre))
            if self.state == "matched":
                draw_sparkles(surface, centre, c.size * 0.5, self.pair_t)
        if c is self.focus:
            ring = pygame.Rect(0, 0, c.size * 1.3, c.size * 0.5)
            ring.center = (anchor.x, anchor.y - 4)
            pygame.draw.ellipse(surface, d.BLUE, ring, 5)
        img, pos = posed_candy(c.size, c.foil, c.lift, anchor)
        surface.blit(img, pos)

    def draw_plate(self, surface, i):
        cx, cy = self.plates[i]
        w, h = PLATE_SIZE
        player = self.players[i]
        if self.turns.multi and i == self.turns.index and self.state not in ("feast_over",):
            glow = art.glow(w + 40, h + 40)
            glow.set_alpha(int(150 + 80 * math.sin(self.t * 4)))
            surface.blit(glow, glow.get_rect(center=(cx, cy + 4)))
        img = art.plate(w, h, player.color)
        surface.blit(img, img.get_rect(center=(cx, cy + 5)))
        faces = [face for pair in self.kept[i] for face in pair]
        arriving = len(self.flying) if self.flying and i == self.fly_owner else 0
        size, spots = self.plate_spots(i, len(faces) + arriving)   # make room for a pair on its way
        ax, ay = art.candy_anchor(size)
        for face, spot in sorted(zip(faces, spots), key=lambda fs: fs[1].y):   # back row first
            surface.blit(art.candy_with_label(face, size), (spot.x - ax, spot.y - ay))
        if self.turns.multi:
            draw_avatar_on_disc(surface, player.name, 56, (cx - w / 2 + 16, cy + h / 2 - 6))

    def draw_writing(self, surface):
        surface.blit(art.veil(), (0, 0))
        for i, c in enumerate(self.lifted):
            label = art.sticker(c.face, 140)
            surface.blit(label, label.get_rect(center=(300, 300 + i * 190)))
        self.pad.draw(surface, focused=self.focus is self.pad)
