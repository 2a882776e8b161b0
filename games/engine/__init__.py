"""The engine every game is built on, in rooms by job. Each room's ``__init__`` says what lives there
and what it may import; ``tests/engine/test_rooms.py`` enforces it. From the floor up:

* ``core/``: the app's frame — paths, user files, settings, letter sets, scenes, input, timeline,
  drawing, pictures and widgets. Imports no other room.
* ``records/``: children, classes and answers (the SQLite store), mastery, class lists, exchange,
  writing help levels. No pygame: it never draws and never opens a scene.
* ``voice/``: speech, letter sounds, phrases, sound effects, letter calls, the child's own voice.
* ``writing/``: the trace pad, the checker (the recognizer's API for games), the writing task and
  the writing coach's guides.
* ``play/``: what a game is made of around its own rules — GameScene, the start screen, players and
  "who is playing", celebrations, and the test driver that plays by posting events.
* ``grownups/``: behind the gate — the gate, settings pages, children pages, reports, the quit dialog.
* ``app.py``: the one place that wires the rooms together (the services a scene gets).

No room imports ``games.registry`` or a game: the launcher hands the game list to the app.
"""
