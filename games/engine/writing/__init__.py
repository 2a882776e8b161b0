"""Writing a letter: the trace pad, the checker (the games' one door to ``recognizer``), the writing
task every game uses to ask for a letter, and the coach's guides (dotted paths, arrows, the pen that
shows how). May import: ``core``, ``voice``, ``records`` and ``recognizer``.
"""
