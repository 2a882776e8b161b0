"""The teacher's settings screen (behind the gate, ``gate.py``): letters, voice and games pages."""
from __future__ import annotations

import pygame

from games.engine.core import draw as d
from games.engine.core.letters import ALPHABET, STROKE_ORDERS, CaseMode, load_letter_sets
from games.engine.core.scene import Scene
from games.engine.core.widgets import Button

TITLE_X = 150   # where game titles start on the Games page (their pictures sit left of it)


class SettingsScreen(Scene):
    """Everything a teacher or parent can change, written to disk when they leave."""

    captions = False   # grown-ups read; the screen shows the voice's status itself

    def __init__(self, app):
        super().__init__(app)
        self.s = app.settings
        self.notice = self.s.problem or app.progress.problem   # a damaged settings or progress file
        self.page = "letters"
        self.example = None   # the voice page's example of how letters are called: (text, y)
        self.build()

    def build(self):
        """Lay out the current page: "letters" (letters, case, voice, pen) or "games" (which games, options)."""
        W = []
        for i, (page, label) in enumerate((("letters", "Letters"), ("voice", "Voice"), ("games", "Games"))):
            tab = Button((718 + i * 184, 22, 174, 62), lambda p=page: self.show_page(p), label=label, color=d.WHITE,
                         label_size=26, sound="click")
            tab.selected = self.page == page
            W.append(tab)
        W.append(Button((570, 22, 136, 62), self.open_profiles, label="Children", color=d.WHITE, label_size=24))
        if self.page == "games":
            self._games_page(W)
        elif self.page == "voice":
            self._voice_page(W)
        else:
            self._letters_page(W)
        W.append(Button((d.W - 250, d.H - 120, 220, 100), self.done, icon_name="done", label="Done", color=d.GREEN,
                        icon_color=d.WHITE))
        if self.app.kiosk:
            W.append(Button((d.W - 490, d.H - 120, 220, 100), self.app.quit, icon_name="cross", label="Quit",
                            color=d.WHITE, icon_color=d.RED))
        self.widgets = W
        self.focus = None

    def show_page(self, page):
        self.page = page
        self.build()

    def _games_page(self, W):
        """One row per registered game: its picture and title, shown in the launcher or not, its own options.

        The "shown" buttons start after the widest title (measured), so a long title never touches them.
        """
        self.headings, self.rows, self.game_rows = [("Games in the launcher", 130)], [], []
        s = self.s
        games = self.app.games
        if not games:
            return
        title_size = 28
        while title_size > 18 and max(d.font(title_size, True).size(g.title)[0] for g in games) > 330:
            title_size -= 2
        widest = max(d.font(title_size, True).size(g.title)[0] for g in games)
        shown_x = TITLE_X + widest + 28
        for i, game in enumerate(games):
            y = 140 + i * 78
            title_w = d.font(title_size, True).size(game.title)[0]
            title = pygame.Rect(TITLE_X, y + 31 - title_size, title_w, title_size * 2)
            self.game_rows.append((game, y, title_size, title))
            shown = game.id not in s.hidden_games
            W.append(Button((shown_x, y, 150, 62), lambda g=game.id: self.toggle_game(g), label="shown" if shown else "hidden",
                            color=d.GREEN if shown else d.WHITE, label_size=26, sound="click"))
            x = shown_x + 150 + 24
            for opt in game.options:
                on = s.game_option(game.id, opt.key, opt.default)
                w = d.font(24, True).size(f"{opt.label}: off")[0] + 40
                W.append(Button((x, y, w, 62), lambda g=game.id, o=opt: self.toggle_option(g, o),
                                label=f"{opt.label}: {'on' if on else 'off'}", color=d.GREEN if on else d.WHITE,
                                label_size=24, sound="click"))
                x += w + 12

    def open_profiles(self):
        """Children, classes, progress and reports (games/engine/grownups/profiles_screen.py and its pages)."""
        from games.engine.grownups.profiles_screen import ProfilesScreen
        self.app.push(ProfilesScreen(self.app))

    def toggle_game(self, game_id):
        hidden = set(self.s.hidden_games) ^ {game_id}
        if len(hidden) < len(self.app.games):   # at least one game always stays
            self.s.hidden_games = sorted(hidden)
        self.build()

    def toggle_option(self, game_id, option):
        options = dict(self.s.game_options.get(game_id, {}))
        options[option.key] = not self.s.game_option(game_id, option.key, option.default)
        self.s.game_options = {**self.s.game_options, game_id: options}
        self.build()

    def _letters_page(self, W):
        s = self.s
        y = 120
        sets = load_letter_sets(s.week_letters)
        x = 60
        for ls in sets.values():
            w = max(150, d.font(24, True).size(ls.name)[0] + 36)
            if x + w > d.W - 60:
                x, y = 60, y + 70
            b = Button((x, y, w, 58), lambda i=ls.id: self.set("letter_set", i), label=ls.name, color=d.WHITE,
                       label_size=24, sound="click")
            b.selected = s.letter_set == ls.id
            W.append(b)
            x += w + 12
        y += 100
        self.headings = [("Letter set", 120), ("Letters of the week", y)]
        for i, ch in enumerate(ALPHABET):
            b = Button((60 + i * 44, y, 40, 52), lambda c=ch: self.toggle_week(c), label=ch, color=d.WHITE,
                       label_size=28, sound="click")
            b.selected = ch in s.week_letters
            W.append(b)
        y += 100
        self.headings.append(("Case", y))
        for i, mode in enumerate(CaseMode):
            b = Button((60 + i * 210, y, 195, 58), lambda m=mode: self.set("case_mode", m.value), label=mode.label,
                       color=d.WHITE, label_size=26, sound="click")
            b.selected = s.case_mode == mode.value
            W.append(b)
        b = Button((910, y, 330, 58), lambda: self.set("case_must_match", not s.case_must_match),
                   label=f"Case must match: {'on' if s.case_must_match else 'off'}",
                   color=d.GREEN if s.case_must_match else d.WHITE, label_size=24, sound="click")
        W.append(b)
        y += 90
        rows = [("Check after pen rests", "auto_submit", 0.5), ("Full screen", "fullscreen", None),
                ("Stroke order", "stroke_order", "choice")]
        if self.app.kiosk:
            rows[1] = ("Full screen (kiosk)", "fullscreen", None)
        self._setting_rows(W, rows, y, per_column=2)

    def _voice_page(self, W):
        """Voice on/off, speed and volume; which English; how games call the letter to find."""
        from games.engine.voice.espeak import voice_ids, voice_label
        from games.engine.voice.letter_call import EXAMPLES
        s = self.s
        self.headings = []
        self._setting_rows(W, [("Voice", "speech", None), ("Speech speed", "speech_rate", 10),
                               ("Volume", "volume", 0.1)], 130, per_column=3)
        y = 380
        self.headings.append(("English voice", y))
        for i, voice in enumerate(voice_ids()):
            b = Button((60 + i * 330, y, 310, 62), lambda v=voice: self.set("voice", v), label=voice_label(voice),
                       color=d.WHITE, label_size=26, sound="click")
            b.selected = s.voice == voice
            W.append(b)
        W.append(Button((720, y, 200, 62), self.listen, icon_name="speaker", label="Listen", color=d.WHITE,
                        label_size=26))
        W.append(Button((940, y, 300, 62), self.open_own_voice, label="Record my own voice", color=d.WHITE,
                        label_size=24))
        y += 120
        self.headings.append(("Call letters by", y))
        for i, way in enumerate(EXAMPLES):
            b = Button((60 + i * 250, y, 230, 62), lambda w=way: self.set("call_letters_by", w),
                       label={"picture": "picture word"}.get(way, way), color=d.WHITE, label_size=26, sound="click")
            b.selected = s.call_letters_by == way
            W.append(b)
        self.example = (EXAMPLES[s.call_letters_by], y + 100)

    def open_own_voice(self):
        """Record letter names and sounds in a grown-up's own voice (games/engine/voice/own_voice.py)."""
        from games.engine.voice.own_voice import OwnVoiceScreen
        self.app.push(OwnVoiceScreen(self.app))

    def listen(self):
        """Say a sample line the way the games will: the chosen voice, speed and way of calling letters."""
        from games.engine.voice.letter_call import sample_call
        self.app.speaker.say(sample_call(self.app), interrupt=True)

    def _setting_rows(self, W, rows, y, per_column):
        """Rows of (label, settings key, step): step None is on/off, "choice" the stroke orders, a number -/+."""
        s = self.s
        self.rows = []
        for i, (label, key, step) in enumerate(rows):
            rx, ry = (60 if i < per_column else 680), y + (i % per_column) * 70
            cx = rx + 300
            self.rows.append((label, key, rx, ry))
            if step == "choice":
                for j, order in enumerate(STROKE_ORDERS):
                    b = Button((cx - 30 + j * 96, ry, 88, 56), lambda o=order: self.set("stroke_order", o),
                               label=order, color=d.WHITE, label_size=22, sound="click")
                    b.selected = s.stroke_order == order
                    W.append(b)
            elif key == "fullscreen":
                on = self.app.fullscreen or self.app.kiosk   # what the screen really shows, not the saved wish
                b = Button((cx, ry, 150, 56), self.toggle_fullscreen, label="on" if on else "off",
                           color=d.GREEN if on else d.WHITE, label_size=28, sound="click")
                b.enabled = not self.app.kiosk   # kiosk mode stays full screen
                W.append(b)
            elif step is None:
                W.append(Button((cx, ry, 150, 56), lambda k=key: self.set(k, not getattr(s, k)),
                                label="on" if getattr(s, key) else "off",
                                color=d.GREEN if getattr(s, key) else d.WHITE, label_size=28, sound="click"))
            else:
                W.append(Button((cx, ry, 64, 56), lambda k=key, st=step: self.nudge(k, -st), label="-",
                                color=d.WHITE, label_size=40, sound="click"))
                W.append(Button((cx + 210, ry, 64, 56), lambda k=key, st=step: self.nudge(k, st), label="+",
                                color=d.WHITE, label_size=40, sound="click"))

    def set(self, key, value):
        setattr(self.s, key, value)
        self.apply()

    def nudge(self, key, step):
        lo, hi = self.s.RANGES[key]
        value = round(min(hi, max(lo, getattr(self.s, key) + step)), 2)
        setattr(self.s, key, type(getattr(self.s, key))(value))
        self.apply()

    def toggle_week(self, ch):
        letters = self.s.week_letters
        letters = letters.replace(ch, "") if ch in letters else letters + ch
        if letters:
            self.s.week_letters = "".join(c for c in ALPHABET if c in letters)
        self.apply()

    def toggle_fullscreen(self):
        """Switch the window the way the button shows it (kiosk mode always stays full screen)."""
        if self.app.kiosk:
            return
        self.s.fullscreen = not self.app.fullscreen
        self.app.set_fullscreen(self.s.fullscreen)
        self.apply()

    def apply(self):
        sp = self.app.speaker
        sp.set_enabled(self.s.speech)
        sp.set_rate(self.s.speech_rate)
        sp.set_voice(self.s.voice)
        sp.set_volume(self.s.volume)
        self.app.sounds.set_volume(self.s.volume)
        self.build()

    def done(self):
        try:
            self.s.save()
            self.s.problem = None
        except (OSError, ValueError) as err:
            self.notice = f"Could not save the settings: {err}"
            return
        self.app.pop()

    def back(self):
        self.done()

    def draw(self, surface):
        surface.blit(d.background("wall"), (0, 0))
        d.draw_text(surface, "Settings for grown-ups", 44, (60 + d.font(44, True).size("Settings for grown-ups")[0] / 2, 52),
                    d.INK, bold=True)
        if self.page == "games":
            for game, y, size, title in self.game_rows:
                game.paint_icon(surface, pygame.Rect(60, y, 70, 62))
                d.draw_text(surface, game.title, size, (title.centerx, y + 31), d.INK, bold=True)
        if self.page == "voice" and self.example:
            text, y = self.example
            text = f"The games say: \u201c{text}\u201d"
            d.draw_text(surface, text, 26, (60 + min(1160, d.font(26).size(text)[0]) / 2, y), d.INK, max_width=1160)
        for text, y in self.headings:
            d.draw_text(surface, text, 24, (60 + d.font(24, True).size(text)[0] / 2, y - 22), d.SOFT_INK, bold=True)
        for label, key, rx, ry in self.rows:
            size = 28
            while size > 18 and d.font(size, True).size(label)[0] > 280:   # never touching its buttons at rx + 300
                size -= 2
            d.draw_text(surface, label, size, (rx + d.font(size, True).size(label)[0] / 2, ry + 28), d.INK, bold=True)
            value = getattr(self.s, key)
            if key in ("speech_rate", "volume", "auto_submit"):
                text = {"speech_rate": f"{value} words/min", "volume": f"{round(value * 100)} %",
                        "auto_submit": "Done button" if value == 0 else f"{value:g} s"}[key]
                d.draw_text(surface, text, 24, (rx + 437, ry + 28), d.INK, max_width=136)
        status = [self.app.speaker.status, getattr(self.app.checker, "status", "")]
        if self.notice:
            status.insert(0, self.notice)
        for i, line in enumerate(s for s in status if s):
            d.draw_text(surface, line, 22, (490, d.H - 110 + i * 30), d.RED if (i == 0 and self.notice) else d.SOFT_INK,
                        max_width=900)
        super().draw(surface)
