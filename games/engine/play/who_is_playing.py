"""The children's avatar picker: "Who are you?", a big grid of the class's animals (the sun is "Just play")."""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.core.scene import Scene
from games.engine.core.widgets import Button, Tappable
from games.engine.play.avatars import draw_avatar, draw_guest


def grid_cells(n: int, area: pygame.Rect, gap: int = 16, aspect: float = 1.0) -> list[pygame.Rect]:
    """``n`` cells as big as fit in ``area`` (at most 230 px high), rows centred."""
    return d.grid_rects(n, area, gap, aspect, largest=230)


class AvatarCard(Tappable):
    """A child's avatar with their name under it (or the sun, for "Just play")."""

    def __init__(self, rect, child, on_tap):
        super().__init__(rect)
        self.child, self.on_tap = child, on_tap
        self.selected = False
        self.bounce = 0.0

    def activate(self):
        self.bounce = 1.0
        self.on_tap(self)

    def update(self, dt):
        self.bounce = max(0.0, self.bounce - dt * 2.5)

    def draw(self, surface, focused=False):
        lift = -10 * math.sin(self.bounce * math.pi)
        rect = self.rect.move(0, lift)
        color = d.shade(d.YELLOW, 1.35) if self.selected else d.WHITE
        d.blit_panel(surface, rect, color, radius=max(16, rect.h // 6),
                     border=d.GREEN if self.selected else (d.BLUE if focused else None))
        size = int(min(rect.w * 0.74, rect.h - 44))
        face = (rect.centerx, rect.y + 10 + size / 2)
        if self.child is None:
            draw_guest(surface, size, face)
            name = "Just play"
        else:
            draw_avatar(surface, self.child.animal, self.child.color, int(size * 0.88), face)
            name = self.child.name
        d.draw_text(surface, name, max(18, min(30, rect.h // 6)), (rect.centerx, rect.bottom - 20), d.INK,
                    bold=True, max_width=rect.w - 12)


class AvatarPicker(Scene):
    """Who are you? ``on_pick(child)`` runs with the child (None for "Just play") after the green button.

    ``player``: in a game for several players, the animal token asking ("Lion, who are you?");
    ``taken``: ids of children already picked for another animal.
    """

    animating = False
    PAGE = 27   # avatars a page; more children get page arrows

    def __init__(self, app, on_pick, current=None, player=None, taken=()):
        super().__init__(app)
        self.on_pick, self.player = on_pick, player
        self.children = [c for c in app.progress.class_children() if c.id not in set(taken)]
        self.page = 0
        self.selected = None   # an AvatarCard
        self.go = Button((d.W - 176, d.H - 250, 150, 150), self.start, icon_name="play", color=d.GREEN,
                         icon_color=d.WHITE)
        self.back_button = Button((24, 24, 96, 96), self.back, icon_name="back", color=d.WHITE)
        self.prev = Button((24, 330, 96, 120), lambda: self.turn(-1), icon_name="back", color=d.WHITE, sound="click")
        self.next = Button((d.W - 120, 330, 96, 120), lambda: self.turn(1), color=d.WHITE, sound="click",
                           painter=_next_arrow)
        start = next((i for i, c in enumerate(self.children) if current and c.id == current.id), None)
        if start is not None:
            self.page = start // self.PAGE
        self.build(select=current)

    def pages(self) -> int:
        return max(1, -(-(len(self.children) + 1) // self.PAGE))

    def build(self, select=None):
        items = ([None] + self.children)[self.page * self.PAGE:(self.page + 1) * self.PAGE]
        area = pygame.Rect(140, 130, d.W - 280, d.H - 130 - 110)
        self.cards = [AvatarCard(r, child, self.tap) for r, child in zip(grid_cells(len(items), area), items)]
        self.selected = None
        for card in self.cards:
            if select is not None and card.child is not None and card.child.id == select.id:
                card.selected, self.selected = True, card
        self.prev.visible = self.prev.enabled = self.page > 0
        self.next.visible = self.next.enabled = self.page < self.pages() - 1
        self.widgets = [self.back_button, self.prev, *self.cards, self.next, self.go]

    def turn(self, step):
        self.page = max(0, min(self.pages() - 1, self.page + step))
        self.build()

    @property
    def question(self) -> str:
        return f"{self.player.name}, who are you?" if self.player else "Who are you? Tap your animal."

    def enter(self):
        self.app.speaker.say(self.question, interrupt=True)

    def tap(self, card):
        if card is self.selected:
            self.start()   # touching your own animal again starts too
            return
        if self.selected:
            self.selected.selected = False
        card.selected, self.selected = True, card
        self.app.speaker.say("Just play!" if card.child is None else f"{card.child.name}!", interrupt=True)

    def start(self):
        if self.selected is None:
            self.app.speaker.say(self.question, interrupt=True)
            return
        self.app.pop_scene(self)
        self.on_pick(self.selected.child)

    def back(self):
        self.app.pop_scene(self)

    def draw(self, surface):
        surface.blit(d.background("sky"), (0, 0))
        x = d.W / 2
        if self.player is not None:
            from games.engine.play.players import draw_avatar_on_disc
            draw_avatar_on_disc(surface, self.player.name, 84, (d.W / 2 - 220, 66))
            x += 50
        d.draw_text(surface, "Who are you?", 56, (x, 66), d.INK, bold=True)
        self.go.enabled = self.selected is not None
        super().draw(surface)


def _next_arrow(surface, rect):
    from games.engine.core.icons import icon
    img = pygame.transform.flip(icon("back", int(min(rect.w, rect.h) * 0.62), d.INK), True, False)
    surface.blit(img, img.get_rect(center=rect.center))


def pick_child(app, then) -> None:
    """Before a one-player game: the avatar picker (when the class has children), then ``then()``."""
    progress = app.progress
    if not progress.class_children():
        progress.choose(None)
        then()
        return

    def picked(child):
        progress.choose(child)
        then()
    app.push(AvatarPicker(app, picked, current=progress.child))


def pick_players(app, players, then) -> None:
    """After the player picker: each animal picks who they are, then ``then(players)``."""
    progress = app.progress
    progress.choose(None)   # answers go to each player's child; nothing to a guest
    if not progress.class_children():
        then(players)
        return

    def ask(i):
        if i >= len(players):
            then(players)
            return
        taken = {p.child.id for p in players[:i] if getattr(p, "child", None)}

        def picked(child):
            players[i].child = child
            ask(i + 1)
        app.push(AvatarPicker(app, picked, player=players[i], taken=taken))
    ask(0)
