"""Children's records: classes, children, answers and what they say.

The SQLite store and its schema, the progress service games record answers through (``progress``),
mastery, names and class lists, export and merge, the writing help levels per child. May import:
the standard library and ``games.engine.core``'s pure modules (``paths``, ``storage``, ``letters``).
No pygame: this room never draws and never opens a scene ("who is playing" is asked in ``play``).
"""
