"""Letter basketball, as played in preschool with crumpled letters, a basket and a tape line.

A round: "Find the letter M!" Paper balls with letters lie on the floor. A wrong ball wobbles and is
named ("That is N. Find M!"). The right one unfolds into a sheet and the child writes the letter on it;
once the checker accepts, the sheet crumples back into a ball. The child flings it (drag and let go;
tap the basket for an easy throw on the first level; Enter or Space from the keyboard). The ball flies
with gravity and bounces off the rim and board. A miss moves the tape line closer and helps the next
throw a little more, so every throw eventually scores. A basket: swish, cheers, the letter is collected
by the player whose turn it is, and the turn passes on. After a short run of letters: the scoreboard.
"""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.core.input import DOWN, MOVE, UP, Pointer
from games.engine.core.letters import LetterCard
from games.engine.core.timeline import ease
from games.engine.play.celebration import Celebration
from games.engine.play.common_scenes import Scoreboard, stars_for
from games.engine.play.game_scene import GameScene, State
from games.engine.play.players import TurnBadge, Turns, avatar, default_players
from games.engine.voice.letter_call import call_for
from games.engine.writing.writing_task import Fallback, WritingTask

from . import GAME, art, court
from .court import DRAG_IS_A_THROW, FLOOR_BALL_RADIUS, SHEET, PaperBall
from .physics import Flight, Hoop, fling_velocity, perfect_throw
from .rules import ASSIST_PER_MISS, CLOSER, CLOSEST_TAPE, assist, floor_cards, letters_per_game, tape_after_a_miss  # noqa: F401

HOOP = Hoop()
PAD = pygame.Rect(440, 140, 490, 450)         # where the child writes, on the sheet
THROWN_BALL_RADIUS = 30
HAND_Y = 500                                  # height of the ball in the thrower's hand
MOVE_ON_AFTER = 4                             # writing misses before we crumple and throw anyway
UNFOLD_TIME, CRUMPLE_TIME, CHEER_DELAY, STEP_CLOSER_TIME = 0.7, 0.8, 0.8, 1.0
HINT_AFTER = 2                                # wrong balls tapped before the right one glows
TARGET_CARD = pygame.Rect(1146, 386, 124, 150)  # the letter to find, on a sign on the basket's pole
SAY_AGAIN_AT = (1208, 618)                    # the say-again button, under the sign


class Basketball(GameScene):
    """One game of letter basketball for 1-4 players."""

    #: a round, in order; a miss goes "fly" -> "step_closer" -> "aim" until the ball goes in. The throw
    #: line said while the paper crumples carries on while the child aims, and stops once the ball flies.
    states = {
        "find": State(shows=("balls",), prompt=lambda g: g.find_lines(), waits=True),
        "unfold": State(enter=lambda g: g.open_paper(0.0, 1.0, UNFOLD_TIME), after=UNFOLD_TIME, then="write"),
        "write": State(shows=("pad",), enter=lambda g: g.writing.start(g.card.answer, player=g.player),
                       prompt=lambda g: g.write_lines(), interrupt=False, waits=True),
        "crumple": State(enter=lambda g: g.crumple(), prompt=lambda g: g.throw_line(), after=CRUMPLE_TIME, then="aim"),
        "aim": State(enter=lambda g: g.forget_drag(), waits=True, keeps_voice=True),
        "fly": State(),
        "step_closer": State(enter=lambda g: g.step_closer(), after=STEP_CLOSER_TIME, then=lambda g: g.stepped_closer()),
        "cheer": State(after=CHEER_DELAY, then=lambda g: g.cheered()),
        "celebrating": State(enter=lambda g: g.celebrate()),
    }

    def __init__(self, app, level, players=None):
        super().__init__(app, SAY_AGAIN_AT)
        self.level = level
        opts = level.options
        self.ball_count = opts.get("balls", 3)
        self.look_alikes = opts.get("look_alikes", 0)
        self.easy_throw = opts.get("easy_throw", False)
        self.start_tape = opts.get("tape", 520)
        self.base_assist = opts.get("assist", 0.3)
        self.turns = Turns(list(players or default_players(1)))
        self.badge = TurnBadge(self.turns, center=(d.W / 2, 58))
        self.rounds = letters_per_game(len(self.turns.players))
        self.targets = self._choose_targets()
        self.round = 0
        self.helped = 0             # rounds where the writing needed the guide
        self.wrong_taps = 0
        self.recorder = GAME.recorder(app, level)
        self.writing = WritingTask(app, PAD, self.on_written, recorder=self.recorder,
                                   fallback_after=MOVE_ON_AFTER, fallback=Fallback.MOVE_ON)
        self.pad = self.writing.pad
        self.balls: list[PaperBall] = []
        self.chosen: PaperBall | None = None
        self.paper_open = 0.0       # the chosen ball: 0 crumpled .. 1 a sheet to write on
        self.step_closer_k = 0.0    # after a miss: the tape moving closer and the ball coming back, 0..1
        self.tape_x = self.tape_from = self.tape_to = float(self.start_tape)
        self.throw_misses = 0
        self.flight: Flight | None = None
        self.drag: tuple[int, tuple, tuple] | None = None    # (pointer id, start, now)
        self.net_stretch = self.net_sway = 0.0
        self.cheer = 0.0
        self.ball_back_from = pygame.Vector2()
        self.next_cards: list[LetterCard] | None = None   # chosen while everyone cheers, painted a ball a frame

    # -- letters -----------------------------------------------------------------------------------
    def _choose_targets(self) -> list[LetterCard]:
        """The run of letters to find: the teacher's set, shuffled, repeated if the set is small."""
        letters = self.app.settings.active_letters()
        out: list[LetterCard] = []
        while len(out) < self.rounds:
            batch = letters.cards(self.app.settings.case, self.app.rng, chooser=self.app.progress.order)
            if out and len(batch) > 1 and batch[0].base == out[-1].base:
                batch.append(batch.pop(0))     # never the same letter twice in a row
            out += batch
        return out[: self.rounds]

    def _floor_cards(self, target: LetterCard) -> list[LetterCard]:
        """The target and the other balls: its look-alikes at higher levels, letters from the set."""
        letters = self.app.settings.active_letters()
        return floor_cards(target, letters, letters.case or self.app.settings.case, self.ball_count,
                           self.look_alikes, self.app.rng, chooser=self.app.progress.order)

    @property
    def card(self) -> LetterCard:
        return self.targets[self.round - 1]

    @property
    def player(self):
        return self.turns.current

    # -- rounds ------------------------------------------------------------------------------------
    def enter(self):
        self.new_round()

    def new_round(self):
        self.round += 1
        cards, self.next_cards = self.next_cards or self._floor_cards(self.card), None
        n = len(cards)
        left, right = 170, 880
        self.balls = []
        for i, c in enumerate(cards):
            x = left + (right - left) * (i + 0.5) / n
            y = 575 + (55 if i % 2 else 0) + self.app.rng.uniform(-8, 8)
            self.balls.append(PaperBall((x, y), c, seed=court.ball_seed(self.round, i), on_press=self.on_ball,
                                        delay=0.1 * i))
        self.chosen = None
        self.tape_x = self.tape_from = self.tape_to = float(self.start_tape)
        self.throw_misses = self.wrong_taps = 0
        self.flight = None
        self.timeline.clear()
        self.set_state("find")

    def find_lines(self) -> tuple:
        """Whose turn it is (with several players) and the call: "Find the letter M!" (or its sound, its picture)."""
        whose_turn = self.app.phrases.get("your_turn", player=self.player.name) if self.turns.multi else None
        self.call = call_for(self.app, self.card, self.app.phrases.get("find", letter=self.card.name))
        return whose_turn, self.call.line

    # -- finding -----------------------------------------------------------------------------------
    def on_ball(self, ball: PaperBall):
        if self.state != "find":
            return
        self.recorder.record(self.card.answer, "found", ball.card.base == self.card.base, chosen=ball.card.shown,
                             help="guide" if self.wrong_taps >= HINT_AFTER else "none", player=self.player)
        if ball.card.base == self.card.base:
            self.chosen = ball
            self.app.sounds.play("flip")
            self.set_state("unfold")
            self.app.speaker.say(self.app.phrases.get("found", letter=self.card.name), interrupt=True)
            return
        ball.shake()
        self.app.sounds.play("try_again")
        self.app.speaker.say(self.app.phrases.get("that_is", letter=ball.card.name,
                                                  target=self.card.name), interrupt=True)
        self.wrong_taps += 1
        if self.wrong_taps >= HINT_AFTER:
            self.show_hint()

    def show_hint(self):
        """The right ball glows gently (after two wrong taps)."""
        for ball in self.balls:
            ball.hint = ball.card.base == self.card.base

    # -- writing -----------------------------------------------------------------------------------
    def open_paper(self, start: float, end: float, seconds: float):
        """The chosen ball unfolds into a sheet (0 -> 1) or crumples back into a ball (1 -> 0)."""
        self.timeline.tween(self, "paper_open", start, end, seconds, "smooth")

    def write_lines(self) -> tuple:
        which_case = None
        if self.card.answer != self.card.shown:
            which_case = self.app.phrases.get("write_small" if self.card.answer.islower() else "write_big")
        return self.app.phrases.get("write", letter=self.card.name), which_case

    def on_written(self, outcome):
        """Written (or, after four misses, crumpled and thrown anyway: every round ends in a throw)."""
        if self.state != "write":
            return
        if not outcome.accepted:
            self.app.speaker.say(self.app.phrases.get("move_on"), interrupt=True)
        self.helped += outcome.help != "none"
        self.set_state("crumple", quiet=not outcome.accepted)   # "throw it anyway" was just said

    def crumple(self):
        self.app.sounds.play("crumple")
        self.open_paper(1.0, 0.0, CRUMPLE_TIME)

    def throw_line(self) -> str:
        return self.app.phrases.get("throw_easy" if self.easy_throw else "throw")

    # -- throwing ----------------------------------------------------------------------------------
    @property
    def hand(self) -> pygame.Vector2:
        return pygame.Vector2(self.tape_x + 40, HAND_Y)

    @property
    def assist(self) -> float:
        return assist(self.base_assist, self.throw_misses)

    def forget_drag(self):
        self.drag = None    # a drag begun before the ball was in the hand is no throw

    def throw(self, velocity):
        self.flight = Flight(HOOP, self.hand, velocity, THROWN_BALL_RADIUS)
        self.app.sounds.play("whoosh")
        self.set_state("fly")

    def throw_by_drag(self, drag):
        self.throw(fling_velocity(drag, self.hand, HOOP, self.assist))

    def easy_throw_now(self):
        self.throw(perfect_throw(self.hand, HOOP))

    def on_pointer(self, p: Pointer):
        if self.state != "aim" or p.pos[1] > d.H - 100:
            return
        if p.kind == DOWN:    # a new press always starts a new drag, even if an old one never let go
            self.drag = (p.id, p.pos, p.pos)
        elif self.drag and p.id == self.drag[0] and p.kind == MOVE:
            self.drag = (p.id, self.drag[1], p.pos)
        elif self.drag and p.id == self.drag[0] and p.kind == UP:
            start = self.drag[1]
            self.drag = None
            vector = pygame.Vector2(p.pos) - pygame.Vector2(start)
            if vector.length() >= DRAG_IS_A_THROW:
                self.throw_by_drag(vector)
            elif self.easy_throw and self._on_basket(p.pos):
                self.easy_throw_now()
            else:
                self.app.speaker.say(self.app.phrases.get("how_to_throw"), interrupt=True)

    @staticmethod
    def _on_basket(pos) -> bool:
        area = pygame.Rect(HOOP.front_x - 50, HOOP.board_top - 20, HOOP.board_x - HOOP.front_x + 110,
                           HOOP.rim_y + HOOP.net_depth + 60 - HOOP.board_top)
        return area.collidepoint(pos)

    def on_key(self, event):
        if self.state == "aim" and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.easy_throw_now()
            return
        super().on_key(event)

    def on_flight_over(self):
        if self.flight.scored:
            return
        self.throw_misses += 1
        self.set_state("step_closer")
        self.app.speaker.say(self.app.phrases.get("missed"), interrupt=True)

    def step_closer(self):
        """The tape moves closer and the ball hops back to the thrower."""
        self.tape_from, self.tape_to = self.tape_x, tape_after_a_miss(self.tape_x)
        self.ball_back_from = pygame.Vector2(self.flight.pos)
        self.timeline.tween(self._step_closer_at, None, 0.0, 1.0, STEP_CLOSER_TIME, "linear")

    def _step_closer_at(self, k):
        self.step_closer_k = k
        self.tape_x = self.tape_from + (self.tape_to - self.tape_from) * ease("smooth", k)

    def stepped_closer(self):
        self.flight = None
        return "aim"

    def on_basket(self):
        """The ball is through the net: everyone cheers, the letter is collected; then the celebration."""
        self.app.speaker.stop()     # the last "try again" line is stale now
        self.player.collected.append(self.card.shown)
        self.player.score += 1
        self.cheer = 1.0
        self.set_state("cheer")

    def cheered(self):
        """Everyone has cheered: the celebration, once nothing covers the game (a dialog waits)."""
        if self.app.scenes.top is not self:
            self.timeline.after(0, self._celebrate_when_free)
            return None
        return "celebrating"

    def _celebrate_when_free(self):
        if self.cheered() == "celebrating":
            self.set_state("celebrating")

    def _paint_next_balls_ahead(self):
        """Paint the next round's balls one per frame now, so the next round starts without a stutter."""
        if self.round >= self.rounds:
            return
        if self.next_cards is None:
            self.next_cards = self._floor_cards(self.targets[self.round])
            self._painted_ahead = 0
        if self._painted_ahead < len(self.next_cards):
            i = self._painted_ahead
            art.paper_ball(self.next_cards[i].shown, FLOOR_BALL_RADIUS, court.ball_seed(self.round + 1, i))
            self._painted_ahead += 1

    def celebrate(self):
        if self.turns.multi:
            praise = self.app.phrases.get("basket_player", player=self.player.name, letter=self.card.name)
        else:
            praise = self.app.phrases.get("basket", letter=self.card.name)
        self.app.push(Celebration(self.app, praise, self.after_celebration, big_letter=self.card.shown))

    def after_celebration(self):
        if self.round >= self.rounds:
            self.finish()
            return
        self.turns.advance()
        self.badge.changed()
        self.new_round()

    def finish(self):
        stars = stars_for(self.helped)
        players = self.turns.players
        self.app.replace(Scoreboard(self.app, stars, list(players[0].collected), players, replay=self.replay,
                                    picture=lambda letter, j: art.paper_ball(letter, 22, j + 3)))

    def replay(self):
        for p in self.turns.players:
            p.score, p.collected = 0, []
        self.app.replace(Basketball(self.app, self.level, self.turns.players))

    def pause(self):
        self.drag = None    # a drag cut off by a lost window focus never gets its release

    # -- time --------------------------------------------------------------------------------------
    def update(self, dt):
        super().update(dt)
        self.badge.update(dt)
        self.net_stretch = max(0.0, self.net_stretch - dt * 1.5)
        self.net_sway = max(0.0, self.net_sway - dt * 0.7)
        self.cheer = max(0.0, self.cheer - dt * 0.7)
        if self.state == "fly":
            self._fly(dt)
        elif self.state == "cheer":
            self._paint_next_balls_ahead()
            if not self.flight.over:
                self.flight.update(dt)       # the ball drops out of the net and bounces while everyone cheers
                self.flight.events.clear()

    def _fly(self, dt):
        flight = self.flight
        flight.update(dt)
        for event in flight.events:
            if event == "basket":
                self.app.sounds.play("swish")
                self.net_stretch, self.net_sway = 1.0, 1.0
            elif event in ("rim", "board"):
                self.app.sounds.play("click")
                self.net_sway = max(self.net_sway, 0.5)
        flight.events.clear()
        if flight.scored and (flight.pos.y > HOOP.rim_y + HOOP.net_depth + 20 or flight.over):
            self.on_basket()
        elif flight.over:
            self.on_flight_over()

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, surface):
        surface.blit(art.gym(HOOP), (0, 0))
        st = self.state
        thrower_up = st in ("aim", "fly", "step_closer", "cheer", "celebrating", "crumple")
        if thrower_up:   # the tape is where the thrower stands; it would poke out from under the floor balls
            tape = art.tape_line(self.tape_x)
            surface.blit(tape, (self.tape_x - 20, art.TAPE_TOP))
        court.draw_scoreboard(surface, self.turns.players, self.rounds, self.cheer)
        art.draw_rim_back(surface, HOOP)
        if thrower_up:
            self._draw_thrower(surface)
        if st == "find":
            for ball in self.balls:
                ball.draw(surface, focused=ball is self.focus)
        if st == "aim":
            drag = None if self.drag is None else pygame.Vector2(self.drag[2]) - pygame.Vector2(self.drag[1])
            court.draw_aim(surface, HOOP, self.hand, drag, self.t, self.easy_throw, self.assist)
        if self.flight and st in ("fly", "cheer", "celebrating"):
            self._draw_flying_ball(surface)
        art.draw_net_and_rim_front(surface, HOOP, self.t, self.net_stretch, self.net_sway)
        if st in ("unfold", "write", "crumple"):
            self._draw_paper(surface)
        if st == "write":
            self.pad.draw(surface, focused=self.focus is self.pad)
        self.home_button.draw(surface, focused=self.focus is self.home_button)
        self.badge.draw(surface)
        self._draw_target(surface)

    def _draw_target(self, surface):
        """The letter to find stays on a sign on the basket's pole, with the say-again button under it."""
        sign = TARGET_CARD
        for x in (sign.x + 30, sign.right - 30):   # two strings tie it to the pole
            pygame.draw.line(surface, d.shade(d.BROWN, 0.9), (x, sign.y + 6), (sign.centerx, sign.y - 26), 4)
        pygame.draw.circle(surface, d.INK, (sign.centerx, sign.y - 26), 7)
        d.blit_panel(surface, sign, d.WHITE, radius=22, border=d.ORANGE)
        # by sound or picture word, the letter shows once the child has tried a ball (help) or found it
        self.call.draw_cue(surface, sign, letter_size=104, card=self.card,
                           show_letter=self.wrong_taps > 0 or self.state != "find")
        self.say_again.draw(surface, focused=self.focus is self.say_again)

    def _draw_paper(self, surface):
        """The chosen ball unfolding into a sheet, the sheet while writing, and crumpling back into a ball."""
        seed = self.chosen.seed if self.chosen else 0
        small_from = self.chosen.rect if self.chosen else pygame.Rect(0, 0, 100, 100)
        k = self.paper_open
        if self.state == "crumple":
            ball_rect = pygame.Rect(0, 0, THROWN_BALL_RADIUS * 2, THROWN_BALL_RADIUS * 2)
            ball_rect.center = self.hand
        else:
            ball_rect = small_from
        radius = FLOOR_BALL_RADIUS if self.state == "unfold" else THROWN_BALL_RADIUS
        court.draw_paper(surface, court.lerp_rect(ball_rect, SHEET, k), k, self.card.shown, seed, radius)

    def _draw_thrower(self, surface):
        """The player whose turn it is, standing at the tape line and holding the ball."""
        jump = abs(math.sin(self.cheer * 12)) * 40 * self.cheer
        img = avatar(self.player.name, 110)
        surface.blit(img, img.get_rect(center=(self.tape_x - 64, 600 - jump)))   # just behind the tape, not on it
        ball = art.paper_ball(self.card.shown, THROWN_BALL_RADIUS, self.chosen.seed if self.chosen else 0)
        if self.state == "aim" or (self.state == "crumple" and self.paper_open < 1 - ease("smooth", 0.6)):
            surface.blit(ball, ball.get_rect(center=self.hand))
        elif self.state == "step_closer":   # the ball hops back to the thrower
            k = self.step_closer_k
            pos = self.ball_back_from.lerp(self.hand, ease("smooth", k)) - pygame.Vector2(0, math.sin(k * math.pi) * 90)
            surface.blit(ball, ball.get_rect(center=pos))

    def _draw_flying_ball(self, surface):
        seed = self.chosen.seed if self.chosen else 0
        img = art.paper_ball(self.card.shown, THROWN_BALL_RADIUS, seed)
        img = pygame.transform.rotate(img, -math.degrees(self.flight.spin) % 360)
        surface.blit(img, img.get_rect(center=self.flight.pos))
