"""The grown-ups' Children and progress screen (from the settings, "Children", behind the gate).

:class:`ProfilesScreen` holds the tabs, the class buttons, the notice line and the Back button; its
pages live beside it: ``children_page.py`` (classes and children, class lists, the teacher's options,
reports, export, import, wipe) and ``progress_pages.py`` (the class grid, children x letters, seen ○ /
recognises ◐ / writes ●, and a page per child). Its dialogs are in ``dialogs.py``; the children's own
"Who are you?" picker is ``picker.py``.
"""
from __future__ import annotations

import pygame

from games.engine.core import draw as d
from games.engine.core.scene import Scene
from games.engine.core.widgets import Button
from games.engine.grownups.children_page import ChildrenPage
from games.engine.grownups.progress_pages import ProgressPages


class ProfilesScreen(ChildrenPage, ProgressPages, Scene):
    """The grown-ups' pages for children and progress (reached from the settings, behind the gate)."""

    captions = False
    animating = False

    def __init__(self, app):
        super().__init__(app)
        self.progress = app.progress
        self.store = app.progress.store
        self.page = "children"      # "children", "grid" or "child"
        self.child = None           # the child chosen on the children page / shown on the child page
        self.came_from = "grid"     # the page a child's page goes back to
        self.notice = self.progress.problem
        self.notice_is_problem = bool(self.notice)
        self.grid_rows: list = []
        self.build()

    # -- layout --------------------------------------------------------------------------------------
    def build(self):
        self.progress.forget_cache()
        W = []
        for i, (page, label) in enumerate((("children", "Children"), ("grid", "Class grid"))):
            tab = Button((720 + i * 270, 22, 250, 62), lambda p=page: self.show(p), label=label, color=d.WHITE,
                         label_size=26, sound="click")
            tab.selected = self.page == page   # a child's page is neither tab: its own button leads back
            W.append(tab)
        self.klass = self.progress.active_class()
        self.hint_at = (d.W / 2, 300)                 # where the page's hint goes (the pages below move it)
        self.notice_at = pygame.Rect(40, d.H - 84, 980, 44)   # the status line: left of Back, under the rest
        x = 40
        for c in self.store.classes():
            w = max(140, d.font(24, True).size(c.name)[0] + 40)
            b = Button((x, 104, w, 58), lambda c=c: self.pick_class(c), label=c.name, color=d.WHITE, label_size=24,
                       sound="click")
            b.selected = self.klass is not None and c.id == self.klass.id
            W.append(b)
            x += w + 10
        W.append(Button((x, 104, 150, 58), self.add_class, label="+ Class", color=d.WHITE, label_size=24, sound="click"))
        if self.page == "children":
            self.build_children_page(W)
        elif self.page == "grid":
            self.build_grid_page(W)
        else:
            self.build_child_page(W)
        W.append(Button((d.W - 230, d.H - 104, 200, 84), self.back, icon_name="back", label="Back", color=d.GREEN,
                        icon_color=d.WHITE))
        self.widgets = W
        self.focus = None

    # -- actions -------------------------------------------------------------------------------------
    def say(self, text, problem=False):
        self.notice, self.notice_is_problem = text, problem

    def show(self, page):
        self.page = page
        self.build()

    def back(self):
        if self.page == "child":
            self.show(self.came_from)
            return
        self.app.pop_scene(self)

    # -- drawing -------------------------------------------------------------------------------------
    def draw(self, surface):
        surface.blit(d.background("wall"), (0, 0))
        title = "Children and progress"
        d.draw_text(surface, title, 44, (40 + d.font(44, True).size(title)[0] / 2, 52), d.INK, bold=True)
        if not self.store.classes():
            d.draw_text(surface, "Start with a class: press + Class.", 30, self.hint_at, d.SOFT_INK, bold=True)
        if self.page == "grid":
            self.draw_grid_page(surface)
        elif self.page == "child" and self.child is not None:
            self.draw_child_page(surface)
        elif self.page == "children" and self.klass is not None and not self.cards:
            d.draw_text(surface, "No children in this class yet.", 28, self.hint_at, d.SOFT_INK)
        if self.notice:
            self.draw_notice(surface)
        super().draw(surface)


    def draw_notice(self, surface):
        """The status line in its own strip (``notice_at``): one line, or two when it is long."""
        box, size = self.notice_at, 22
        color = d.RED if self.notice_is_problem else d.INK
        lines = d.wrap(self.notice, size, box.w)
        if len(lines) > 2:
            lines = [lines[0], " ".join(lines[1:])]
        step = min(box.h / len(lines), size + 4)
        top = box.centery - step * (len(lines) - 1) / 2
        for i, line in enumerate(lines):
            w = min(box.w, d.font(size).size(line)[0])
            d.draw_text(surface, line, size, (box.x + w / 2, top + i * step), color, max_width=box.w)
