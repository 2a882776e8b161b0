"""Behind the grown-up gate: the gate, the settings pages, the children and progress pages, reports,
the class list's command line, and the quit dialog. May import every other room; the list of games
comes from the app (``app.games``), never from ``games.registry``.
"""
