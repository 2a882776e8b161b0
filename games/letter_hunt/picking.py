"""The first part of a letter hunt game: each child in turn picks letter tiles from the table into
their basket (or lets the die pick), and a tile tapped in the basket goes back to the table.

At level 3 each child then gets a proper look before their tiles turn face down (issue 23: with
"pick for me" the next child's picker came at once and the tiles hid ~2 s later, so nobody ever saw
their letters): their basket stays big, "Look at your letters!" is said, each tile glows in turn,
and only after ``look_time`` seconds do the tiles turn over, before the next child picks.

:class:`PickingLetters` is part of :class:`~games.letter_hunt.scene.LetterHunt` (a mixin): it uses
the scene's baskets, turns, prompt, timeline and flights, and hands over to ``start_play`` when
every basket is full. Which step comes when (the states ``pick``, ``pick_full``, ``look`` and
``turned_over``) is declared in the scene's ``states`` table.
"""
from __future__ import annotations

from itertools import chain

from .rules import table_size
from .table import LOOK_BASKET, look_pictures, supply_places
from .tiles import Flight, HuntTile

FULL_PAUSE = 1.6        # a full basket is admired this long before the next player picks
PICK_STAGGER = 0.09     # "pick for me": seconds between tiles flying in
LOOK_FIRST = 2.0        # level 3: "Look at your letters!" is said, then the tiles glow one by one
LOOK_STEP = 0.5         # seconds between one tile's glow and the next
LOOK_LAST = 1.5         # and a last look at them all before they turn over
TURNED_PAUSE = 2.2      # the tiles turned over: "Can you remember them?" before the next child picks


def look_time(tiles: int) -> float:
    """Seconds a child looks at their ``tiles`` letters at level 3 before they turn face down."""
    return LOOK_FIRST + LOOK_STEP * tiles + LOOK_LAST


class PickingLetters:
    """Picking: the teacher's letters lie on the table; the player whose turn it is taps them into
    their basket until it holds ``count`` tiles."""

    def lay_out_supply(self):
        """The tiles to pick from: the teacher's letters (see ``rules.table_size``), in alphabet order."""
        settings = self.app.settings
        letters = settings.active_letters()
        wanted = table_size(len(set(letters.letters)), self.count, len(self.players))
        self.supply = sorted(letters.cards(settings.case, self.app.rng, wanted,
                                          chooser=self.app.progress.order), key=lambda c: c.base)
        self.supply_tiles = [HuntTile(r, c, self.on_supply_tile) for r, c in zip(supply_places(len(self.supply)),
                                                                                   self.supply)]

    def start_picking(self, player: int):
        self.turns.index = player
        self.badge.changed()
        self.show_basket(player)
        self.set_state("pick")

    def pick_line(self) -> str:
        key = "pick_letters_player" if self.turns.multi else "pick_letters"
        return self.app.phrases.get(key, count=self.count, player=self.turns.current.name)

    def on_supply_tile(self, tile: HuntTile):
        basket = self.baskets[self.turns.index]
        if self.state != "pick" or not basket.add(tile.card):
            return
        self.app.speaker.say_letter_name(tile.face, interrupt=True)
        self.fly_into_basket(tile, len(basket.cards) - 1)
        if basket.full:
            self.set_state("pick_full")

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
        self.set_state("pick_full")

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

    def admire_full_basket(self):
        """The basket is full: "Your basket is full!" (level 3: the look's pictures are painted meanwhile)."""
        if self.write:   # paint the look's pictures now, a few each frame, while the full basket is admired
            basket = self.baskets[self.turns.index]
            self.warm_up = chain(look_pictures(self.players[self.turns.index].color, basket.cards, self.count),
                                 self.warm_up)
        self.app.speaker.say(self.app.phrases.get("basket_full"))

    def done_picking(self):
        if self.flights:   # let the last tiles land first
            self.timeline.after(0.1, self.done_picking)
            return
        if self.write and self.turns.index not in self.face_down:
            self.show_basket(self.turns.index, LOOK_BASKET)   # level 3: their basket, big and face up
            self.set_state("look")
            return
        waiting = [i for i, b in enumerate(self.baskets) if not b.full]
        if waiting:
            self.start_picking(waiting[0])
        else:
            self.start_play()

    def look_line(self) -> str:
        key = "look_at_letters_player" if self.turns.multi else "look_at_letters"
        return self.app.phrases.get(key, player=self.turns.current.name)

    def light_each_tile(self):
        """Level 3: as the child looks at their letters, each tile glows in turn."""
        for j, tile in enumerate(sorted(self.basket_tiles, key=lambda t: (t.rect.y, t.rect.x))):
            self.timeline.after(LOOK_FIRST + LOOK_STEP * j, lambda tile=tile: setattr(tile, "glow", LOOK_STEP * 2))

    def turn_tiles_over(self):
        """Level 3: after the look, the child's tiles turn face down; then the next child picks."""
        self.face_down.add(self.turns.index)
        self.app.sounds.play("flip")
        for tile in self.basket_tiles:
            tile.face_up = False
        self.app.speaker.say(self.app.phrases.get("turn_over"), interrupt=True)
