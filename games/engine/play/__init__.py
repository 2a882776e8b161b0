"""What a game is made of around its own rules: ``GameScene`` (prompt, timeline, home button), the
level screen, the "Stop playing?" question, players and "who is playing" (the avatar picker), avatars,
the celebration, and the test ``Driver`` that plays a scene by posting real events. May import:
``core``, ``voice``, ``writing`` and ``records``.
"""
