"""Players and turns for games that 1-4 children play together.

Children join by tapping big animal tokens (no reading needed); the game says whose turn it is by
the animal's name and shows that token. Scores are kept per player, but the end celebrates everyone.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import pygame

from games.engine.core import draw as d
from games.engine.core.scene import Scene
from games.engine.core.widgets import Button, Tappable
from games.engine.play.avatars import avatar_image, rgb

AVATARS = [  # (name spoken and shown, colour)
    ("Lion", d.ORANGE),
    ("Frog", d.GREEN),
    ("Fish", d.BLUE),
    ("Bird", d.PURPLE),
]


@dataclass
class Player:
    name: str
    color: tuple
    score: int = 0
    collected: list[str] = field(default_factory=list)
    child: object = None   # the child (app.progress) playing as this animal; None: a guest


#: children playing under their own avatar: the token's name (the child's) -> (animal, colour name)
CHILD_TOKENS: dict[str, tuple[str, str]] = {}


def default_players(count: int = 1) -> list[Player]:
    return [Player(name, color) for name, color in AVATARS[:count]]


def players_for(children) -> list[Player]:
    """Players for the children who joined (None: a guest): a child plays as their own avatar and is
    called by their name; a guest plays as an animal token (Lion, Frog...) nobody has."""
    names = {c.name for c in children if c is not None}
    colors = {rgb(c.color) for c in children if c is not None}
    free = sorted(((name, color) for name, color in AVATARS if name not in names),
                  key=lambda token: token[1] in colors)   # a colour no child has first: cards tell apart
    players = []
    for child in children:
        if child is None:
            name, color = free.pop(0)
            players.append(Player(name, color))
        else:
            CHILD_TOKENS[child.name] = (child.animal, child.color)
            players.append(Player(child.name, rgb(child.color), child=child))
    return players


def token_color(name: str):
    """The colour of a token: a child's avatar colour, or the animal token's."""
    if name in CHILD_TOKENS:
        return rgb(CHILD_TOKENS[name][1])
    return dict(AVATARS).get(name, d.YELLOW)


class Turns:
    """Whose turn it is; ``advance()`` passes the turn on and returns the new player."""

    def __init__(self, players: list[Player]):
        self.players = players or default_players(1)
        self.index = 0

    @property
    def current(self) -> Player:
        return self.players[self.index]

    def advance(self) -> Player:
        self.index = (self.index + 1) % len(self.players)
        return self.current

    @property
    def multi(self) -> bool:
        return len(self.players) > 1


def avatar(name: str, size: int) -> pygame.Surface:
    """The token of the player called ``name``: a child's own avatar, or a round animal face (Lion,
    Frog, Fish, Bird)."""
    if name in CHILD_TOKENS:
        animal, color = CHILD_TOKENS[name]
        return avatar_image(animal, color, size)
    return _animal_token(name, size)


@d.surface_cache
def _animal_token(name: str, size: int) -> pygame.Surface:
    color = dict(AVATARS).get(name, d.YELLOW)

    def paint(s, k):
        r = size * k / 2
        c = (r, r)
        if name == "Lion":   # mane of petals around the face
            for i in range(12):
                a = i * math.tau / 12
                pygame.draw.circle(s, d.shade(color, 0.8), (r + math.cos(a) * r * .7, r + math.sin(a) * r * .7), r * .3)
            pygame.draw.circle(s, d.YELLOW, c, r * .62)
        elif name == "Frog":
            pygame.draw.circle(s, color, (r, r * 1.1), r * .8)
            for ex in (.55, 1.45):
                pygame.draw.circle(s, color, (r * ex, r * .5), r * .3)
                pygame.draw.circle(s, d.WHITE, (r * ex, r * .5), r * .2)
                pygame.draw.circle(s, d.INK, (r * ex, r * .52), r * .1)
            pygame.draw.arc(s, d.INK, pygame.Rect(r * .5, r * .7, r, r * .7), math.pi * 1.1, math.pi * 1.9, int(r * .08))
            return
        elif name == "Fish":
            pygame.draw.polygon(s, d.shade(color, 0.8), [(r * 1.5, r), (r * 2, r * .45), (r * 2, r * 1.55)])
            pygame.draw.ellipse(s, color, pygame.Rect(r * .1, r * .35, r * 1.6, r * 1.3))
            pygame.draw.circle(s, d.WHITE, (r * .6, r * .85), r * .18)
            pygame.draw.circle(s, d.INK, (r * .58, r * .87), r * .09)
            pygame.draw.arc(s, d.shade(color, 1.4), pygame.Rect(r * .8, r * .6, r * .5, r * .8), -1, 1, int(r * .08))
            return
        else:   # Bird
            pygame.draw.circle(s, color, (r, r * 1.05), r * .82)
            pygame.draw.polygon(s, d.ORANGE, [(r * .85, r * 1.05), (r * 1.15, r * 1.05), (r, r * 1.35)])
            pygame.draw.ellipse(s, d.shade(color, 1.3), pygame.Rect(r * .55, r * 1.3, r * .9, r * .5))
            pygame.draw.polygon(s, d.shade(color, 0.8), [(r * .8, r * .3), (r, r * .05), (r * 1.1, r * .32)])
        for ex in (.72, 1.28):
            pygame.draw.circle(s, d.WHITE, (r * ex, r * .85), r * .16)
            pygame.draw.circle(s, d.INK, (r * ex, r * .88), r * .08)
        if name == "Lion":
            pygame.draw.circle(s, d.BROWN, (r, r * 1.12), r * .1)
            pygame.draw.arc(s, d.INK, pygame.Rect(r * .75, r * 1.05, r * .5, r * .35), math.pi * 1.1, math.pi * 1.9, int(r * .06))
    return d.smooth((size, size), paint)


def draw_avatar_on_disc(surface, name: str, size: int, center, alpha: int = 255) -> None:
    """The animal on a light disc with a ring of its own colour, so it stands out on any background
    (a green frog on the green tile of the frog)."""
    color = token_color(name)
    disc = _disc(size, color)
    img = avatar(name, size)
    if alpha < 255:
        disc, img = disc.copy(), img.copy()
        disc.set_alpha(alpha)
        img.set_alpha(alpha)
    surface.blit(disc, disc.get_rect(center=center))
    surface.blit(img, img.get_rect(center=center))


@d.surface_cache
def _disc(size: int, color) -> pygame.Surface:
    ring = max(3, size // 30)
    total = size + 4 * ring

    def paint(s, k):
        c = total * k / 2
        pygame.draw.circle(s, d.shade(color, 0.7), (c, c), c)
        pygame.draw.circle(s, (255, 252, 244), (c, c), c - ring * k)
    return d.smooth((total, total), paint)


class PlayerToken(Tappable):
    """A big tappable token: joined players stand up bright, others wait faded."""

    def __init__(self, rect, name, color, on_toggle):
        super().__init__(rect)
        self.name, self.color, self.on_toggle = name, color, on_toggle
        self.joined = False
        self.t = 0.0

    def activate(self):
        self.on_toggle(self)

    def update(self, dt):
        self.t += dt

    def lift(self) -> float:
        return -12 + math.sin(self.t * 4) * 4 if self.joined else 0

    def face_center(self) -> tuple[float, float]:
        """Where the animal is drawn (it bobs while the player has joined)."""
        return self.rect.centerx, self.rect.centery - 22 + self.lift()

    def face_size(self) -> int:
        return int(self.rect.w * 0.62)

    def draw(self, surface, focused=False):
        rect = self.rect.move(0, self.lift())
        d.blit_panel(surface, rect, self.color if self.joined else (225, 225, 232), radius=40,
                     border=d.BLUE if focused else None)
        draw_avatar_on_disc(surface, self.name, self.face_size(), self.face_center(),
                            alpha=255 if self.joined else 110)
        d.draw_text(surface, self.name, 34, (rect.centerx, rect.bottom - 34), d.INK if self.joined else d.SOFT_INK,
                    bold=True)


class PlayerPicker(Scene):
    """Who is playing? Tap the animals to join (1-4), then the big green button."""

    def __init__(self, app, on_start, most=4):
        super().__init__(app)
        self.on_start = on_start
        self.tokens = []
        n = min(most, len(AVATARS))
        w, gap = 230, 40
        x0 = d.W / 2 - (n * w + (n - 1) * gap) / 2
        for i, (name, color) in enumerate(AVATARS[:n]):
            tok = PlayerToken((x0 + i * (w + gap), 170, w, 270), name, color, self.toggle)
            self.tokens.append(tok)
        self.tokens[0].joined = True
        self.play = Button((d.W / 2 - 150, 500, 300, 150), self.start, icon_name="play", color=d.GREEN,
                           icon_color=d.WHITE)
        self.widgets = [Button((24, 24, 96, 96), self.back, icon_name="back", color=d.WHITE)] + self.tokens + [self.play]

    def enter(self):
        self.app.speaker.say(self.app.phrases.get("who_plays"), interrupt=True)

    def toggle(self, token):
        joined = [t for t in self.tokens if t.joined]
        if token.joined and len(joined) == 1:
            self.app.speaker.say(self.app.phrases.get("player_joined", player=token.name), interrupt=True)
            return   # at least one player always
        token.joined = not token.joined
        self.app.sounds.play("pop" if token.joined else "click")
        if token.joined:
            self.app.speaker.say(self.app.phrases.get("player_joined", player=token.name), interrupt=True)

    def players(self) -> list[Player]:
        return [Player(t.name, t.color) for t in self.tokens if t.joined]

    def start(self):
        self.app.pop_scene(self)
        self.on_start(self.players())

    def draw(self, surface):
        surface.blit(d.background("sky"), (0, 0))
        d.draw_text(surface, "Who is playing?", 56, (d.W / 2, 80), d.INK, bold=True)
        super().draw(surface)


class TurnBadge:
    """Shows whose turn it is: the player's token and name, bouncing when the turn changes."""

    def __init__(self, turns: Turns, center=(d.W / 2, 56)):
        self.turns, self.center = turns, center
        self.bounce = 0.0

    def changed(self):
        self.bounce = 1.0

    def update(self, dt):
        self.bounce = max(0.0, self.bounce - dt * 2)

    def draw(self, surface):
        if not self.turns.multi:
            return
        p = self.turns.current
        size = int(84 * (1 + 0.25 * math.sin(self.bounce * math.pi))) // 6 * 6   # few sizes: cache hits
        rect = pygame.Rect(0, 0, 250, 96)
        rect.center = self.center
        d.blit_panel(surface, rect, p.color, radius=40)
        draw_avatar_on_disc(surface, p.name, size - 8, (rect.x + 56, rect.centery))
        d.draw_text(surface, p.name, 36, (rect.x + 165, rect.centery), d.INK, bold=True, max_width=150)


def draw_player_rows(surface, players: list[Player], picture, top: int = 320) -> None:
    """The end screen's rows, one per player: their animal, its name and what they collected.

    ``picture(item, j)`` gives the picture of the ``j``-th thing a player collected (a paper ball,
    a candy), drawn centred in the row.
    """
    for i, p in enumerate(players):
        y = top + i * 60
        row = pygame.Rect(d.W / 2 - 320, y - 26, 640, 52)
        d.blit_panel(surface, row, d.shade(p.color, 1.5), radius=24)
        draw_avatar_on_disc(surface, p.name, 40, (row.x + 34, y))
        d.draw_text(surface, p.name, 28, (row.x + 110, y), d.INK, bold=True)
        step = min(56, (row.w - 230) / max(1, len(p.collected)))
        for j, item in enumerate(p.collected):
            img = picture(item, j)
            surface.blit(img, img.get_rect(center=(row.x + 200 + j * step, y)))
