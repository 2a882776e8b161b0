"""The children's avatar picker: a big grid of the class's avatars (the sun is "Just play").

Before a one-player game: "Who are you?", one child taps their avatar. Before a game for several: "Who
is playing?", each child taps their own avatar (again to leave), and that avatar is their token in the
game; the sun adds a guest, who plays as an animal. Without children in the class the games ask as
before: nobody (one player) or the animal picker (several).
"""
from __future__ import annotations

import math

import pygame

from games.engine.core import draw as d
from games.engine.core.scene import Scene
from games.engine.core.widgets import Button, Tappable
from games.engine.play.avatars import draw_avatar, draw_guest
from games.engine.writing.checker import use_childrens_checkers


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

    ``most`` > 1: who is playing? Up to ``most`` children join by tapping their avatar (the sun: a
    guest), and ``on_pick(children)`` gets them in the order they joined.
    """

    animating = False
    PAGE = 27   # avatars a page; more children get page arrows

    def __init__(self, app, on_pick, current=None, most=1):
        super().__init__(app)
        self.on_pick, self.most = on_pick, most
        self.children = app.progress.class_children()
        self.joined: list = []   # several players: the children who joined (None: the guest), in order
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
            if self.most > 1:
                card.selected = self.joined_at(card) is not None
            elif select is not None and card.child is not None and card.child.id == select.id:
                card.selected, self.selected = True, card
        self.prev.visible = self.prev.enabled = self.page > 0
        self.next.visible = self.next.enabled = self.page < self.pages() - 1
        self.widgets = [self.back_button, self.prev, *self.cards, self.next, self.go]

    def turn(self, step):
        self.page = max(0, min(self.pages() - 1, self.page + step))
        self.build()

    @property
    def question(self) -> str:
        return self.app.phrases.get("who_plays") if self.most > 1 else "Who are you? Tap your animal."

    def enter(self):
        self.app.speaker.say(self.question, interrupt=True)

    def joined_at(self, card) -> int | None:
        """Where ``card``'s child is in the order of play (None: not playing)."""
        for i, child in enumerate(self.joined):
            if (child is None and card.child is None) or (child is not None and card.child is not None
                                                          and child.id == card.child.id):
                return i
        return None

    def tap(self, card):
        if self.most > 1:
            self.join(card)
            return
        if card is self.selected:
            self.start()   # touching your own animal again starts too
            return
        if self.selected:
            self.selected.selected = False
        card.selected, self.selected = True, card
        self.app.speaker.say("Just play!" if card.child is None else f"{card.child.name}!", interrupt=True)

    def join(self, card):
        """Several players: a tap joins (or, again, leaves); the game takes at most ``most``."""
        at = self.joined_at(card)
        if at is not None:
            self.joined.pop(at)
            card.selected = False
            self.app.sounds.play("click")
            return
        if len(self.joined) >= self.most:
            self.app.speaker.say(self.app.phrases.get("players_full", count=self.most), interrupt=True)
            return
        self.joined.append(card.child)
        card.selected = True
        line = "Just play!" if card.child is None else self.app.phrases.get("player_joined", player=card.child.name)
        self.app.speaker.say(line, interrupt=True)

    def ready(self) -> bool:
        return bool(self.joined) if self.most > 1 else self.selected is not None

    def start(self):
        if not self.ready():
            self.app.speaker.say(self.question, interrupt=True)
            return
        self.app.pop_scene(self)
        self.on_pick(list(self.joined) if self.most > 1 else self.selected.child)

    def back(self):
        self.app.pop_scene(self)

    def draw(self, surface):
        surface.blit(d.background("sky"), (0, 0))
        d.draw_text(surface, "Who is playing?" if self.most > 1 else "Who are you?", 56, (d.W / 2, 66), d.INK,
                    bold=True)
        self.go.enabled = self.ready()
        super().draw(surface)
        if self.most > 1:   # the order of play, for the grown-up watching
            for card in self.cards:
                at = self.joined_at(card)
                if at is not None:
                    corner = (card.rect.x + 8, card.rect.y + 8)
                    pygame.draw.circle(surface, d.GREEN, corner, 20)
                    d.draw_text(surface, str(at + 1), 26, corner, d.WHITE, bold=True)


def _next_arrow(surface, rect):
    from games.engine.core.icons import icon
    img = pygame.transform.flip(icon("back", int(min(rect.w, rect.h) * 0.62), d.INK), True, False)
    surface.blit(img, img.get_rect(center=rect.center))


def pick_child(app, then) -> None:
    """Before a one-player game: the avatar picker (when the class has children), then ``then()``. The
    child picked gets their own letter checker (built off the frame from the writings a grown-up
    confirmed for them: ``writing/checker.py``)."""
    progress = app.progress
    if not progress.class_children():
        progress.choose(None)
        use_childrens_checkers(app, [])
        then()
        return

    def picked(child):
        progress.choose(child)
        use_childrens_checkers(app, [child], playing=child)
        then()
    app.push(AvatarPicker(app, picked, current=progress.child))


def pick_players(app, then, most: int) -> None:
    """Before a game for up to ``most`` players: with children in the class, each taps their own avatar,
    which is their token in the game; without, the animal picker. Then ``then(players)``. Each child
    gets their own letter checker, as in :func:`pick_child`."""
    from games.engine.play.players import PlayerPicker, players_for
    progress = app.progress
    progress.choose(None)   # answers go to each player's child; nothing to a guest
    use_childrens_checkers(app, [])
    if not progress.class_children():
        app.push(PlayerPicker(app, then, most=most))
        return

    def picked(children):
        use_childrens_checkers(app, children)
        then(players_for(children))
    app.push(AvatarPicker(app, picked, most=most))
