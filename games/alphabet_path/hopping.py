"""Moving a piece along the road: one hop per tap on the next stone or on the piece, or by dragging it; "Count again!" when a child taps too far; the road and pieces drawn as they move."""
from __future__ import annotations

import math

import pygame

from games.engine.play.celebration import try_again
from games.engine.core.input import DOWN, MOVE, UP, Pointer

from .board import PIECE_SIZE, StoneTarget, draw_next_stone, draw_piece, in_flight, piece_spot, standing
from .die import number_word

HOP_TIME = 0.28
LAND_PAUSE = 0.7         # the piece has landed: a breath before the letter is judged


class PieceMoves:
    """The hopping part of the alphabet path's turn, mixed into its scene (``scene.AlphabetPath``).

    It uses the scene's ``game`` (the rules' ``PathGame``), ``layout``, ``board``, ``stones``,
    ``players``, ``turns``, ``timeline`` and ``prompt``, keeps the hop's animation in ``hop_from``,
    ``hop_to`` and ``hop_k`` (0 -> 1), and after the last hop moves the scene to its "landed" state."""

    def hop_line(self) -> str:
        """The die's number and what to do with it: "Three! Hop three stones." """
        number = number_word(self.die_value)
        key = "hop_count_one" if self.die_value == 1 else "hop_count"
        return self.app.phrases.get(key, number=number, count=number.lower())

    def on_stone(self, target: StoneTarget):
        self.try_stone(target.index)

    def try_stone(self, index: int):
        if self.state != "hop" or self.hop_k < 1:
            return
        before = self.game.positions[self.player]
        result = self.game.step_to(index)
        if result == "hop":
            self.hopped(before)
        elif result == "too_far":
            self.slips += 1
            self.dragging = None
            try_again(self.app, self.app.phrases.get("count_again"))
            self.hop_from = self.piece_spot(before)
            self.hop_to = self.piece_spot(self.game.positions[self.player])
            self.timeline.tween(self, "hop_k", 0.0, 1.0, HOP_TIME * 2, "smooth")
            self.focus_next_stone()
        else:
            self.app.speaker.say(self.app.phrases.get("hop_more"), interrupt=True)

    def hop_piece(self):
        """A tap on the piece itself (or Enter on it): one hop on."""
        if self.state == "hop" and self.hop_k >= 1 and self.game.hops_left > 0:
            before = self.game.positions[self.player]
            self.game.hop()
            self.hopped(before)

    def hopped(self, before: int):
        stone = self.game.road[self.game.positions[self.player]]
        self.hop_from, self.hop_to = self.piece_spot(before), self.piece_spot(self.game.positions[self.player])
        self.timeline.tween(self, "hop_k", 0.0, 1.0, HOP_TIME, "smooth")
        self.app.sounds.play("click")
        number = number_word(self.game.hops)
        self.app.speaker.say(self.app.phrases.get("hop_named", number=number, letter=stone.face), interrupt=True)
        if self.game.hops_left == 0:
            self.dragging = None
            self.set_state("landed")
        else:
            self.prompt.keep(self.app.phrases.get("hop_more"))
            self.focus_next_stone()

    def focus_next_stone(self):
        if self.using_keys and self.state == "hop":
            self.focus = self.stones[self.game.next_stone(self.game.positions[self.player])]

    def piece_spot(self, position: int, player: int | None = None) -> pygame.Vector2:
        """Where a piece stands (``position``: a stone, or the start), as the board places it."""
        player = self.player if player is None else player
        return piece_spot(self.layout, position, self.game.positions, player, self.turns.multi)

    def piece_centre(self, player: int) -> pygame.Vector2:
        if player == self.player and self.hop_k < 1 and self.hop_from is not None:
            return in_flight(self.hop_from, self.hop_to, self.hop_k)
        return standing(self.piece_spot(self.game.positions[player], player))

    def handle(self, event):
        self.using_keys = not isinstance(event, Pointer)
        if isinstance(event, Pointer) and self.state == "hop" and self.handle_drag(event):
            self.prompt.child_acted()
            return
        super().handle(event)

    def handle_drag(self, p: Pointer) -> bool:
        """The child drags the piece along the road: each stone reached in order is one hop; a tap on
        the piece without moving it is one hop too."""
        if p.kind == DOWN and p.pos is not None and self.piece_centre(self.player).distance_to(p.pos) <= PIECE_SIZE * 0.6:
            self.dragging = {"id": p.id, "moved": False}
            return True
        if self.dragging is None or p.id != self.dragging["id"]:
            return False
        if p.kind == MOVE:
            for target in self.stones:
                if target.hit(p.pos) and target.index != self.game.positions[self.player]:
                    self.dragging["moved"] = True
                    self.try_stone(target.index)
                    break
            return True
        if p.kind == UP:
            if not self.dragging["moved"]:
                self.hop_piece()
            self.dragging = None
            return True
        return False

    # -- drawing -----------------------------------------------------------------------------------
    def draw_road(self, surface):
        surface.blit(self.board, (0, 0))
        game = self.game
        if self.state == "hop" and game.hops_left:   # the next stone breathes: hop here
            i = game.next_stone(game.positions[self.player])
            draw_next_stone(surface, self.layout, i, game.road[i], self.t)
        if isinstance(self.focus, StoneTarget):
            self.focus.draw(surface, focused=True)

    def draw_pieces(self, surface):
        """The current player's piece last (on top), the others from the back of the meadow forwards."""
        order = sorted(range(len(self.players)), key=lambda i: (i == self.player, self.piece_centre(i).y))
        for i in order:
            hopping = i == self.player and self.hop_k < 1
            foot = self.hop_from.lerp(self.hop_to, self.hop_k) if hopping else \
                self.piece_spot(self.game.positions[i], i)
            bob = math.sin(self.t * 5) * 3 if i == self.player and self.state == "hop" else 0
            draw_piece(surface, self.players[i], foot, self.piece_centre(i), bob)
