"""The picture cache: everything drawn once (panels, letters, candies, backgrounds) kept for reuse,
bounded in bytes for the whole game, and let go when a game is left."""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
from collections import OrderedDict

import pygame

SURFACE_CACHE_BYTES = 24 * 2**20   # every drawn picture kept for reuse, all games together (see SurfaceCache)


def surface_bytes(value) -> int:
    """Memory a cached drawing holds: width x height x bytes per pixel (summed over tuples)."""
    if isinstance(value, pygame.Surface):
        w, h = value.get_size()
        return w * h * value.get_bytesize()
    if isinstance(value, (tuple, list)):
        return sum(surface_bytes(v) for v in value)
    return 64


class SurfaceCache:
    """Pictures drawn once and reused, bounded by bytes.

    Shared by every ``@surface_cache`` function, so one budget holds for the whole game. Callers
    must not draw on a picture they got from the cache (``.copy()`` it first).

    A segmented LRU: a new picture waits in the "new" part; asked for again, it moves to the "kept"
    part, which holds at most three quarters of the budget. Room is made from the least recently used
    new pictures first. So the one-off pictures of an animation (a size a frame) or of a caption push
    out only each other, never the pictures a screen draws every frame (a plain LRU repainted those
    ~20 times a minute in a soak).
    """

    KEPT_SHARE = 0.75

    def __init__(self, budget: int = SURFACE_CACHE_BYTES):
        self.budget = budget
        self.hits = self.misses = self.evictions = 0
        self._new: OrderedDict = OrderedDict()    # (function, args) -> (surface, bytes), oldest first
        self._kept: OrderedDict = OrderedDict()
        self._new_bytes = self._kept_bytes = 0

    @property
    def bytes(self) -> int:
        return self._new_bytes + self._kept_bytes

    @property
    def _items(self) -> dict:
        """Every cached (surface, bytes) by key (for tests and benchmarks)."""
        return {**self._kept, **self._new}

    def __len__(self):
        return len(self._new) + len(self._kept)

    def get(self, key):
        item = self._kept.get(key)
        if item is not None:
            self._kept.move_to_end(key)
            self.hits += 1
            return item[0]
        item = self._new.pop(key, None)
        if item is None:
            self.misses += 1
            return None
        self.hits += 1
        self._new_bytes -= item[1]
        self._kept[key] = item
        self._kept_bytes += item[1]
        while self._kept_bytes > self.budget * self.KEPT_SHARE and len(self._kept) > 1:
            old_key, old = self._kept.popitem(last=False)   # back to the new part, as its newest
            self._kept_bytes -= old[1]
            self._new[old_key] = old
            self._new_bytes += old[1]
        return item[0]

    def put(self, key, value) -> None:
        size = surface_bytes(value)
        if size > self.budget:
            return   # bigger than the whole budget: drawn each time it is asked for
        self._forget(key)
        self._new[key] = (value, size)
        self._new_bytes += size
        while self.bytes > self.budget:
            part = self._new if self._new else self._kept
            _, (_, dropped) = part.popitem(last=False)
            if part is self._new:
                self._new_bytes -= dropped
            else:
                self._kept_bytes -= dropped
            self.evictions += 1

    def _forget(self, key) -> None:
        old = self._new.pop(key, None)
        if old is not None:
            self._new_bytes -= old[1]
        old = self._kept.pop(key, None)
        if old is not None:
            self._kept_bytes -= old[1]

    def clear(self, keep=lambda function: False) -> None:
        """Forget every picture, or those of the functions ``keep(function)`` is false for."""
        for key in [k for k in (*self._new, *self._kept) if not keep(k[0])]:
            self._forget(key)

    def stats(self) -> dict:
        return {"items": len(self._items), "mb": round(self.bytes / 2**20, 1),
                "budget_mb": round(self.budget / 2**20, 1), "hits": self.hits, "misses": self.misses,
                "evictions": self.evictions}


PICTURES = SurfaceCache()


def _c_library():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None
    except (OSError, TypeError):
        return None   # not glibc (macOS, Windows, musl): its allocator is left as it is


_LIBC = _c_library()
if _LIBC is not None:
    # A full-screen picture is 4 MB. glibc raises its mmap threshold after such a block is freed, so
    # later ones come from the heap and their memory is never given back (RSS +30 MB in a soak).
    # A fixed threshold keeps every big picture in its own mapping, returned when it is freed.
    _LIBC.mallopt(-3, 128 * 1024)   # M_MMAP_THRESHOLD


def release_memory() -> None:
    """Give memory freed by dropped pictures back to the system (glibc keeps it otherwise)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def surface_cache(function=None, *, shared: bool | None = None):
    """Decorator: remember what ``function`` drew for its arguments, in the shared byte-bounded cache.

    Arguments must be hashable (as for ``functools.lru_cache``). ``function.cache_clear()`` forgets
    only that function's pictures. A game's pictures are forgotten when the child leaves the game
    (:func:`forget_game_pictures`); the engine's, and those marked ``@surface_cache(shared=True)``
    (a game's launcher icon), stay.
    """
    if function is None:
        return lambda f: surface_cache(f, shared=shared)

    @functools.wraps(function)
    def cached(*args, **kwargs):
        key = (cached, args, tuple(sorted(kwargs.items())) if kwargs else ())
        value = PICTURES.get(key)
        if value is None:
            value = function(*args, **kwargs)
            PICTURES.put(key, value)
        return value

    engine = __name__.rsplit(".", 1)[0]
    cached.shared = shared if shared is not None else function.__module__.startswith(engine + ".")
    cached.cache_clear = lambda: PICTURES.clear(keep=lambda f: f is not cached)
    return cached


def forget_game_pictures() -> None:
    """Drop the pictures games drew (tables, balls, candies) when the child is back at the launcher."""
    PICTURES.clear(keep=lambda f: f.shared)
    gc.collect()   # left scenes hold full-screen pictures in reference cycles: free them now, not some day
    release_memory()


def surface_cache_stats() -> dict:
    """How full the picture cache is and how well it works (for benchmarks)."""
    return PICTURES.stats()
