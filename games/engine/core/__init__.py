"""The floor of the engine: what every screen stands on.

Paths and user files (``paths``, ``storage``), the teacher's settings and letter sets (``settings``,
``letters``), scenes and the scene stack, pointer input, the timeline, drawing and the picture cache,
icons, widgets (buttons, caption bar) and the spoken prompt's timing. May import: the standard library,
pygame, numpy and ``recognizer`` (pure data such as the handwriting lines). Imports no other engine room.
"""
