"""Trace and write: each letter is first watched, then traced with help, then written from memory.

A letter's round: the "watch me" pen writes it stroke by stroke (spoken cues: "down", "around");
the child traces it with the help level the coach keeps for that letter (1: dotted path, start dot
and arrows; 2: start dots and a faint outline), stroke by stroke, with an answer at once to a
stroke that goes wrong; then writes it on blank lines. At level 3 ("Write", ``from_memory``) the
child writes straight away: the pen shows how only when the eye is tapped, and the dots come back
only after misses. Watching again keeps the child's half-written letter (pale under the pen) and
gives it back afterwards.  The recognizer (``app.checker``) says
whether it is the right letter; the coach says whether it was written the taught way.  Two misses
bring the help back; a stroke missed three times is marked done for the child, so every round
ends with a sticker.  At the end: the sticker sheet, then the stars.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from games.engine.core import draw as d
from games.engine.play.celebration import Celebration
from games.engine.writing.checker import Verdict
from games.engine.writing.coach import (DOTS, TRACE, WRITE, HelpLevels, TracingSession, place_on_lines, review_letter)
from games.engine.writing.guides import StrokeGuide, WatchMe
from games.engine.records.writing_help import help_file
from games.engine.play.common_scenes import StarsScreen, stars_for
from games.engine.play.game_scene import GameScene, State
from games.engine.core.icons import icon
from games.engine.core.scene import Scene
from games.engine.core.widgets import Button
from games.engine.writing.writing_task import Fallback, WritingTask

from . import GAME
from .art import draw_sticker_sheet, sticker

PAD = pygame.Rect(300, 120, 640, 560)
CARD = pygame.Rect(40, 150, 220, 240)
SAY_AGAIN_AT = (CARD.centerx, 618)   # under the letter card and the eye
WRITE_MISSES_BEFORE_HELP = 2     # misses on blank lines before the dots come back
TIP_KINDS = ("order", "direction", "start")
SHOWN = ("home_button", "watch_button", "say_again", "pad")   # in every step, in this order for Tab
PART_REMINDERS = 2               # "Don't forget the line across!" keeps the ink this often per letter


@dataclass
class KeptInk:
    """A step set aside while the pen shows how the letter is written: its ink and the coach's view of it."""

    step: tuple[str, int]
    strokes: list
    session: object = None    # the TracingSession of a guided step
    inked: list | None = None


class TraceAndWrite(GameScene):
    """One game: a few letters from the active set, one sticker each."""

    #: a letter's steps (``steps``, made in ``next_letter``): the pen shows how it is written ("watch"),
    #: the child traces it with the coach ("guided": the full path or the dots, ``step[1]``), then writes
    #: it on blank lines ("write"). A traced letter is praised before the next step ("traced"); every
    #: letter ends with its sticker ("sticker"). The eye goes back to "watch", then to the same step.
    states = {
        "watch": State(shows=SHOWN, enter=lambda g: g.pen_writes(),
                       prompt=lambda g: g.app.phrases.get("watch", letter=g.letter)),
        "guided": State(shows=SHOWN, enter=lambda g: g.start_tracing(), waits=True,
                        prompt=lambda g: g.app.phrases.get("trace" if g.step[1] == TRACE else "dots", letter=g.letter)),
        "write": State(shows=SHOWN, enter=lambda g: g.start_writing(), prompt=lambda g: g.write_lines(), waits=True),
        "traced": State(shows=SHOWN, enter=lambda g: g.praise_tracing(), after=0.9, then=lambda g: g.next_step()),
        "sticker": State(shows=SHOWN, enter=lambda g: g.give_sticker()),
    }

    def __init__(self, app, level, players=None):
        super().__init__(app, SAY_AGAIN_AT)
        self.level = level
        self.options = level.options
        self.help_path = help_file(app.progress.child.uid if app.progress.child else None)
        self.help = HelpLevels.load(self.help_path)
        count = self.options.get("letters", 3)
        self.cards = app.settings.active_letters().cards(app.settings.case, app.rng, count, chooser=app.progress.order)
        self.index = -1
        self.stickers: list[str] = []
        self.helped_letters = 0
        self.writing = WritingTask(app, PAD, self.on_written, recorder=GAME.recorder(app, level), auto_submit=0,
                                   guide_after=WRITE_MISSES_BEFORE_HELP, fallback_after=WRITE_MISSES_BEFORE_HELP,
                                   fallback=Fallback.TRACE, reviewer=self.review_written, on_miss=self.on_write_miss,
                                   retry_guide=lambda misses: StrokeGuide(self.letter, WRITE),
                                   on_other_verdict=self.on_traced_verdict, on_stroke=self.on_stroke,
                                   on_erase=self.on_erase)
        self.pad = self.writing.pad
        self.watch_button = Button((CARD.centerx - 55, CARD.bottom + 30, 110, 110), self.watch, icon_name="eye",
                                   color=d.WHITE)
        self.steps: list[tuple[str, int]] = []
        self.step = ("none", 0)          # the step under way ("done" between steps) and its help level
        self.session: TracingSession | None = None
        self.inked: list[int] = []
        self.part_reminders = 0          # times the coach asked for a forgotten bar, dot or hump
        self.watched_again = False       # the eye button was pressed during this letter
        self.kept: KeptInk | None = None   # the step and ink set aside while watching again
        self.letter_helped = False

    # -- letters and steps -------------------------------------------------------------------------
    @property
    def card(self):
        return self.cards[self.index]

    @property
    def letter(self) -> str:
        return self.card.answer

    def enter(self):
        self.next_letter()

    def next_letter(self):
        self.index += 1
        if self.index >= len(self.cards):
            self.finish()
            return
        self.letter_helped, self.part_reminders, self.watched_again = False, 0, False
        self.kept = None
        if not self.options.get("write", True):
            help_level = TRACE
        elif self.options.get("from_memory", False):
            help_level = WRITE      # the dots come back only after misses (on_written)
        else:
            help_level = self.help.level(self.letter)
        steps = [("watch", 0)] if self.options.get("watch", True) else []
        if help_level < WRITE:
            steps.append(("guided", help_level))
        if self.options.get("write", True):
            steps.append(("write", WRITE))
        self.steps = steps
        self.next_step()

    def next_step(self):
        if not self.steps:
            self.letter_done()
            return
        kind, level = self.steps.pop(0)
        self.start_step(kind, level)

    def start_step(self, kind, level):
        """Begin step ``kind`` ("watch", "guided" or "write") at help ``level``: its state sets the pad up."""
        self.step = (kind, level)
        self.writing.cancel()     # only the "write" step is a writing task; the others trace
        self.timeline.clear()
        self.pad.enabled = kind != "watch"
        self.set_state(kind)

    def pen_writes(self):
        """The "watch me" pen writes the letter; the child's half letter, kept while watching, stays pale under it."""
        self.session = None
        self.pad.reset(target=self.letter, guide=WatchMe(self.letter, self.speak_cue, self.next_step))
        self.pad.auto_submit = 0
        if self.kept is not None:
            self.pad.put_back(self.kept.strokes)
            self.pad.ink_faded = True

    def ink_set_aside(self) -> KeptInk | None:
        """The ink set aside while the pen showed how, if it was this step's (it is given back once)."""
        kept, self.kept = self.kept, None
        return kept if kept is not None and kept.step == self.step else None

    def start_tracing(self):
        kept = self.ink_set_aside()
        if kept is not None and kept.session is not None:   # back from watching: the coach goes on
            self.session, self.inked = kept.session, kept.inked
        else:
            self.session = TracingSession(self.letter, self.lines_place(), self.app.settings.stroke_order)
            self.inked = []   # the taught stroke each stroke of ink on the pad was taken as
        self.pad.reset(target=self.letter, guide=StrokeGuide(self.letter, self.step[1], self.session))
        self.pad.auto_submit = 0   # the coach knows when the letter is finished
        if kept is not None:
            self.pad.put_back(kept.strokes)

    def start_writing(self):
        kept = self.ink_set_aside()
        self.session = None
        self.writing.start(self.letter, guide=StrokeGuide(self.letter, WRITE), again=self.watched_again)
        self.pad.auto_submit = self.app.settings.auto_submit
        if kept is not None:
            self.pad.put_back(kept.strokes)

    def write_lines(self) -> tuple:
        """Write the letter (from memory, the first time at level 3), and in which case when that matters."""
        which_case = None
        if self.app.settings.case_must_match or self.card.shown != self.card.answer:
            which_case = self.app.phrases.get("write_big" if self.letter.isupper() else "write_small",
                                              letter=self.letter)
        first_try = self.options.get("from_memory", False) and not self.watched_again and not self.writing.misses
        return self.app.phrases.get("write_memory" if first_try else "write", letter=self.letter), which_case

    def lines_place(self):
        lines = self.pad.lines
        return place_on_lines(self.letter, lines.x_center(), lines.y(0), lines.unit)

    def watch(self):
        """The eye button: watch the pen write the letter again, then carry on where we were."""
        if self.step[0] in ("watch", "none", "done"):
            return
        self.steps.insert(0, self.step)
        self.kept = KeptInk(self.step, [list(s) for s in self.pad.strokes], self.session,
                            list(self.inked) if self.step[0] == "guided" else None)
        self.watched_again = True   # the misses so far still count when the child writes again
        self.start_step("watch", 0)

    def speak_cue(self, k, cue):
        if cue != "dot" or k == 0:
            self.app.speaker.say(cue)
        else:
            self.app.speaker.say("and a dot")

    def on_erase(self, count):
        """Undo or Clear on the pad: the coach forgets the strokes that are gone."""
        if self.step[0] == "guided" and self.session is not None:
            while len(self.inked) > len(self.pad.strokes):
                self.session.take_back(self.inked.pop())

    def say(self, key, interrupt=False, **values):
        self.app.speaker.say(self.app.phrases.get(key, **values), interrupt=interrupt)

    # -- the child's strokes -----------------------------------------------------------------------
    def on_stroke(self, points):
        if self.step[0] != "guided" or self.session is None or self.session.finished:
            return
        verdict = self.session.add_stroke(points)
        if verdict.counted:
            self.inked.append(verdict.stroke)
        if not verdict.counted:
            self.pad.undo()
            self.app.sounds.play("try_again")
            if verdict.given is not None:
                self.say("helped", interrupt=True)
            else:
                self.say_problem(verdict.problems[0])
        else:
            self.app.sounds.play("pop")
            if verdict.problems:
                self.say_problem(verdict.problems[0])
        if self.session.finished:
            self.timeline.after(0, self.finish_guided)   # in update(), outside the pad's event handling

    def say_problem(self, problem):
        key = {"missing": f"missing_{problem.part}", "case": f"case_{problem.part}", "off_path": "off_path",
               "start": "start", "direction": "direction", "order": "order"}[problem.kind]
        number = (problem.stroke or 0) + 1
        if problem.kind == "order" and self.session is not None and self.session.current is not None:
            number = self.session.current + 1
        self.say(key, interrupt=True, letter=self.letter, number=number)

    def on_traced_verdict(self, verdict, strokes):
        """Done pressed while tracing (the write step's verdicts go to the writing task)."""
        if self.step[0] == "guided":
            self.guided_verdict(verdict)

    def finish_guided(self):
        """Every stroke is done: ask the recognizer too (the coach may have done a stroke for the child)."""
        strokes = [list(s) for s in self.pad.strokes]
        verdict = self.app.checker.check(strokes, self.letter) if strokes else \
            Verdict(False, 0.0, "", "the coach drew every stroke")
        self.guided_verdict(verdict)

    def guided_verdict(self, verdict):
        session = self.session
        if not session.finished:   # Done pressed early
            missing = session.missing_parts()
            self.say_problem(missing[-1] if missing[-1].part != "stroke" else missing[0])
            self.app.sounds.play("try_again")
            return
        clean = session.clean and verdict.accepted
        self.writing.report(verdict, self.pad.strokes, correct=verdict.accepted, letter=self.letter, help="guide")
        self.letter_helped |= not clean
        self.help.record(self.letter, "clean" if clean else "helped")
        self.help.save(self.help_path)
        self.step = ("done", 0)
        self.pad.enabled = False
        self.set_state("traced")

    def praise_tracing(self):
        self.app.sounds.play("swish")
        self.app.speaker.say(self.app.phrases.get("praise"), interrupt=True)

    def review_written(self, verdict, strokes) -> str:
        """The coach's look at a letter the recognizer accepted: was it written the taught way?"""
        review = review_letter(strokes, self.letter, self.lines_place(), self.app.settings.stroke_order,
                               self.app.settings.case_must_match)
        blocking = [p for p in review.problems
                    if p.kind in ("missing", "case") or self.app.settings.stroke_order == "strict"]
        if not blocking:
            tips = [p for p in review.problems if p.kind in TIP_KINDS]
            self.help.record(self.letter, "helped" if tips or self.part_reminders else "clean")
            self.help.save(self.help_path)
            self.letter_helped |= bool(tips)
            if tips:
                self.say_problem(tips[0])
            return "accept"
        self.say_problem(blocking[0])
        self.app.sounds.play("try_again")
        if all(p.kind == "missing" for p in blocking) and self.part_reminders < PART_REMINDERS:
            # Only a part is missing: the ink stays on the pad so the child can add the bar or dot.
            self.part_reminders += 1
            self.letter_helped = True
            return "keep"
        return "miss"

    def on_write_miss(self, outcome):
        self.letter_helped = True
        self.help.record(self.letter, "miss")
        self.help.save(self.help_path)

    def on_written(self, outcome):
        if outcome.accepted:
            self.letter_done()
            return
        # Two misses: the hint comes back (trace with dots or the full path), then this letter is done.
        self.say("hint_back")
        self.start_step("guided", min(DOTS, self.help.level(self.letter)))
        self.steps = []

    # -- stickers and the end ----------------------------------------------------------------------
    def letter_done(self):
        self.step = ("done", 0)
        self.pad.enabled = False
        self.stickers.append(self.letter)
        self.helped_letters += self.letter_helped
        self.set_state("sticker")

    def give_sticker(self):
        praise = self.app.phrases.get("wrote_letter", letter=self.letter) + " " + \
            self.app.phrases.get("sticker", letter=self.letter)
        self.app.push(Celebration(self.app, praise, self.next_letter, big_letter=self.letter))

    def finish(self):
        stars = stars_for(self.helped_letters)
        self.app.replace(StickerSheet(self.app, self.stickers, lambda: self.app.replace(
            StarsScreen(self.app, stars, [c.shown for c in self.cards],
                        replay=lambda: self.app.replace(TraceAndWrite(self.app, self.level))))))

    # -- time and drawing ----------------------------------------------------------------------------
    def draw(self, surface):
        surface.blit(d.background("wall"), (0, 0))
        self.home_button.draw(surface, focused=self.focus is self.home_button)
        if 0 <= self.index < len(self.cards):
            bob = math.sin(self.t * 2) * 4
            card = CARD.move(0, bob)
            d.blit_panel(surface, card, d.WHITE, radius=28)
            d.draw_glyph(surface, self.card.shown, 150, card.center, d.BLUE)
        self.watch_button.draw(surface, focused=self.focus is self.watch_button)
        self.say_again.draw(surface, focused=self.focus is self.say_again)
        self.pad.draw(surface, focused=self.focus is self.pad)
        self._draw_step_dots(surface)
        self._draw_collected(surface)

    def _draw_step_dots(self, surface):
        """Three little pictures over the pad: watch, trace, write; the current one is big."""
        kind, level = self.step
        names = [("watch", "eye"), ("guided", "pencil"), ("write", "star")]
        for i, (step, icon_name) in enumerate(names):
            now = kind == step
            size = 56 if now else 40
            x = PAD.centerx + (i - 1) * 90
            pygame.draw.circle(surface, d.YELLOW if now else d.WHITE, (x, 70), size / 2 + 8)
            img = icon(icon_name, size, d.INK if now else d.SOFT_INK)
            surface.blit(img, img.get_rect(center=(x, 70)))

    def _draw_collected(self, surface):
        for i in range(len(self.cards)):
            centre = (d.W - 80, 170 + i * 100)
            if i < len(self.stickers):
                img = sticker(self.stickers[i], 86)
                surface.blit(img, img.get_rect(center=centre))
            else:
                pygame.draw.circle(surface, (230, 222, 205), centre, 36)
                pygame.draw.circle(surface, (205, 195, 175), centre, 36, 3)


class StickerSheet(Scene):
    """The stickers collected in this game, popping onto a sheet; tap (or wait) to see the stars."""

    SHOW_FOR = 5.0

    def __init__(self, app, letters, on_done):
        super().__init__(app)
        self.letters, self.on_done = letters, on_done
        self.t = 0.0
        self.done = False
        self.widgets = [Button((d.W / 2 - 75, 560, 150, 120), self.close, icon_name="play", color=d.GREEN,
                               icon_color=d.WHITE)]

    def enter(self):
        self.app.sounds.play("tada")
        self.app.speaker.say(self.app.phrases.get("sheet"), interrupt=True)

    def close(self):
        if not self.done:
            self.done = True
            self.on_done()

    def update(self, dt):
        super().update(dt)
        self.t += dt
        if self.t >= self.SHOW_FOR:
            self.close()

    def draw(self, surface):
        surface.blit(d.background("sky"), (0, 0))
        draw_sticker_sheet(surface, pygame.Rect(190, 60, 900, 470), self.letters, self.t)
        super().draw(surface)
