"""The first part of a letter hunt game: each child in turn picks letter tiles from the table into
their basket (or lets the die pick), and a tile tapped in the basket goes back to the table.

:class:`PickingLetters` is part of :class:`~games.letter_hunt.scene.LetterHunt` (a mixin): it uses
the scene's baskets, turns, prompt, timeline and flights, and hands over to ``start_play`` when
every basket is full.
"""
from __future__ import annotations

from .table import supply_places
from .tiles import Flight, HuntTile

SUPPLY_MIN = 6          # a tiny letter set is filled up to this many letters (look-alikes first)
FULL_PAUSE = 1.6        # a full basket is admired this long before the next player picks
PICK_STAGGER = 0.09     # "pick for me": seconds between tiles flying in


class PickingLetters:
    """Picking: the teacher's letters lie on the table; the player whose turn it is taps them into
    their basket until it holds ``count`` tiles."""

    def lay_out_supply(self):
        """The tiles to pick from: the teacher's letters (at least ``SUPPLY_MIN``), in alphabet order."""
        settings = self.app.settings
        letters = settings.active_letters()
        wanted = min(26, max(SUPPLY_MIN, len(set(letters.letters))))
        self.supply = sorted(letters.cards(settings.case, self.app.rng, wanted, chooser=self.app.progress.order),
                             key=lambda c: c.base)
        self.supply_tiles = [HuntTile(r, c, self.on_supply_tile) for r, c in zip(supply_places(len(self.supply)),
                                                                                   self.supply)]

    def start_picking(self, player: int):
        self.turns.index = player
        self.badge.changed()
        self.show_basket(player)
        self.set_state("pick")
        key = "pick_letters_player" if self.turns.multi else "pick_letters"
        self.prompt.ask(self.app.phrases.get(key, count=self.count, player=self.players[player].name))

    def on_supply_tile(self, tile: HuntTile):
        basket = self.baskets[self.turns.index]
        if self.state != "pick" or not basket.add(tile.card):
            return
        self.app.speaker.say_letter_name(tile.face, interrupt=True)
        self.fly_into_basket(tile, len(basket.cards) - 1)
        if basket.full:
            self.basket_filled()

    def on_pick_for_me(self):
        basket = self.baskets[self.turns.index]
        if self.state != "pick":
            return
        start = len(basket.cards)
        added = basket.fill_at_random(self.supply, self.app.rng)
        self.app.speaker.say(self.app.phrases.get("picked_for_you"), interrupt=True)
        for j, card in enumerate(added):
            source = self.supply_tiles[self.supply.index(card)]
            self.fly_into_basket(source, start + j, delay=j * PICK_STAGGER)
        self.basket_filled()

    def fly_into_basket(self, source: HuntTile, index: int, delay=0.0):
        self.show_basket(self.turns.index)
        tile = self.basket_tiles[index]
        tile.hidden = True

        def landed():
            tile.hidden = False
            self.app.sounds.play("pop")
        self.flights.send(Flight(source.face, source.rect.center, tile.rect.center, source.rect.w, tile.rect.w,
                                 landed, lift=80, delay=delay))

    def on_basket_tile_while_picking(self, tile: HuntTile):
        """A tile tapped in the basket while picking goes back to the letters on the table."""
        basket = self.baskets[self.turns.index]
        if self.state != "pick" or tile.index >= len(basket.cards):
            return
        card = basket.take(tile.index)
        self.app.sounds.play("whoosh")
        target = self.supply_tiles[self.supply.index(card)]
        self.flights.send(Flight(card.answer, tile.rect.center, target.rect.center, tile.rect.w, target.rect.w,
                                 lift=60))
        self.show_basket(self.turns.index)

    def basket_filled(self):
        self.set_state("pick_full")
        self.app.speaker.say(self.app.phrases.get("basket_full"))
        self.timeline.after(FULL_PAUSE, self.done_picking)

    def done_picking(self):
        if self.flights:   # let the last tiles land first
            self.timeline.after(0.1, self.done_picking)
            return
        waiting = [i for i, b in enumerate(self.baskets) if not b.full]
        if waiting:
            self.start_picking(waiting[0])
        else:
            self.start_play()
