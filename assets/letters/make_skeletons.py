"""Generate assets/letters/skeletons.json (school manuscript stroke models).

    python assets/letters/make_skeletons.py assets/letters/skeletons.json

The JSON is the committed source of truth (the writing coach and the recognizer read it); this script is
how its curves were made, kept so a letter can be reshaped and the file rebuilt the same way.

Coordinates are line units, y down: 0 top line, 0.5 midline, 1 baseline, 1.5 descender.
Angles for arcs are in degrees on the clock face as a child sees it: 0 = 3 o'clock,
90 = 12 o'clock; increasing angle = counter-clockwise on screen.
"""
import json, math, sys
import numpy as np

STEP = 0.03


def _densify(pts):
    pts = np.asarray(pts, float)
    out = [pts[0]]
    for a, b in zip(pts[:-1], pts[1:]):
        d = np.linalg.norm(b - a)
        n = max(1, int(math.ceil(d / STEP)))
        for k in range(1, n + 1):
            out.append(a + (b - a) * k / n)
    return np.array(out)


def line(*pts):
    """Straight segments: only the corners are stored (readers resample)."""
    return np.asarray(pts, float)


def arc(cx, cy, rx, ry, a0, a1):
    length = abs(math.radians(a1 - a0)) * (rx + ry) / 2
    n = max(2, int(math.ceil(length / STEP)) + 1)
    t = np.radians(np.linspace(a0, a1, n))
    return np.stack([cx + rx * np.cos(t), cy - ry * np.sin(t)], 1)


def spline(*pts):
    """Catmull-Rom through the control points."""
    p = np.asarray(pts, float)
    p = np.vstack([2 * p[0] - p[1], p, 2 * p[-1] - p[-2]])
    out = [p[1]]
    for i in range(1, len(p) - 2):
        p0, p1, p2, p3 = p[i - 1], p[i], p[i + 1], p[i + 2]
        n = max(2, int(math.ceil(np.linalg.norm(p2 - p1) / STEP * 1.2)))
        for t in np.linspace(0, 1, n + 1)[1:]:
            t2, t3 = t * t, t * t * t
            out.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
                              + (-p0 + 3 * p1 - 3 * p2 + p3) * t3))
    return np.array(out)


def join(*parts):
    """Concatenate path pieces into one stroke (drops duplicate joint points)."""
    out = [np.asarray(parts[0])]
    for p in parts[1:]:
        p = np.asarray(p)
        if np.linalg.norm(out[-1][-1] - p[0]) < 1e-6:
            p = p[1:]
        out.append(p)
    return np.vstack(out)


def dot(x, y):
    return np.array([[x, y], [x + 0.006, y + 0.006]])


def S(cue, pts):
    return {"cue": cue, "points": [[round(float(x), 3), round(float(y), 3)] for x, y in pts]}


def A(name, width, strokes, synthetic_only=False, weight=None):
    # Width comes from the ink: shift so the leftmost ink is at x=0; very narrow
    # letters (i, l, I) are centred in a 0.1 wide box.  `width` arg is only a note.
    xs = np.concatenate([np.asarray(s["points"])[:, 0] for s in strokes])
    ink_w = xs.max() - xs.min()
    shift = -xs.min() + max(0.0, (0.1 - ink_w) / 2)
    for s in strokes:
        s["points"] = [[round(x + shift, 3), y] for x, y in s["points"]]
    width = round(max(0.1, ink_w), 2)
    d = {"name": name, "width": width}
    if synthetic_only:
        d["synthetic_only"] = True
    if weight is not None:
        d["weight"] = weight
    d["strokes"] = strokes
    return d


L = {}


def letter(ch, *allographs):
    L[ch] = {"allographs": list(allographs)}


# ---------- shared lowercase pieces ----------
R = 0.25  # x-height circle radius
def ball(cx=0.25, start=30, end=390):          # counter-clockwise from 2 o'clock
    return arc(cx, 0.75, R, R, start, end)

def bowl_cw(x0=0.0):                           # b/p bowl: from the stick, clockwise round
    return arc(x0 + R, 0.75, R, R, 180, -180)

def hump(x0, w, cy=0.72):
    """Push up the stick a little, curve over, pull down to the baseline."""
    r = w / 2
    return join(arc(x0 + r, cy, r, cy - 0.5, 180, 0), line((x0 + w, cy), (x0 + w, 1.0)))

def hook_left(x, y, w=0.2, depth=0.18, end=-165):
    """Tail at the bottom of g, j, y: curve down and back to the left."""
    return arc(x - w, y, w, depth, 0, end)

# ---------- lowercase ----------
letter("a",
       A("school", 0.5, [S("around", ball()), S("down", line((0.5, 0.5), (0.5, 1.0)))]),
       A("one-stroke", 0.5, [S("around", join(ball(end=360), line((0.5, 0.75), (0.5, 0.5), (0.5, 1.0))))],
         True, 0.6),
       A("double-storey", 0.45, [
           S("curve", join(arc(0.23, 0.67, 0.21, 0.17, 160, 0), line((0.44, 0.67), (0.44, 1.0)))),
           S("around", spline((0.44, 0.74), (0.2, 0.73), (0.02, 0.84), (0.09, 0.98), (0.3, 0.99), (0.44, 0.9)))],
         True, 0.8),
       A("tail", 0.6, [S("around", ball()),
                       S("down", join(line((0.5, 0.5), (0.5, 0.9)), arc(0.6, 0.9, 0.1, 0.1, 180, 320)))], True, 0.6))
letter("b",
       A("school", 0.5, [S("down", line((0, 0), (0, 1))), S("around", bowl_cw())]),
       A("one-stroke", 0.5, [S("down", join(line((0, 0), (0, 1), (0, 0.72)), arc(R, 0.75, R, R, 175, -180)))],
         True, 0.7),
       A("looped", 0.5, [S("down", join(spline((0.0, 0.55), (0.2, 0.25), (0.2, 0.03), (0.08, 0.02), (0.02, 0.2)),
                                         line((0.02, 0.2), (0.0, 1.0), (0.0, 0.72)),
                                         arc(R, 0.75, R, R, 175, -180)))], True, 0.3))
letter("c", A("school", 0.48, [S("around", arc(0.25, 0.75, 0.25, 0.25, 40, 320))]))
letter("d",
       A("school", 0.5, [S("around", ball()), S("down", line((0.5, 0.0), (0.5, 1.0)))]),
       A("one-stroke", 0.5, [S("around", join(ball(end=360), line((0.5, 0.75), (0.5, 0.0), (0.5, 1.0))))],
         True, 0.7))
letter("e",
       A("school", 0.5, [S("across", join(line((0.0, 0.75), (0.5, 0.75)), arc(0.25, 0.75, 0.25, 0.25, 0, 320)))]),
       A("loop", 0.48, [S("around", join(spline((0.02, 0.8), (0.3, 0.74), (0.44, 0.62), (0.3, 0.5), (0.1, 0.56)),
                                          arc(0.24, 0.75, 0.23, 0.25, 150, 330)))], True, 0.5))
f_top = join(arc(0.3, 0.15, 0.15, 0.15, 20, 180), line((0.15, 0.15), (0.15, 1.0)))
letter("f",
       A("school", 0.45, [S("curve", f_top), S("across", line((0.0, 0.5), (0.35, 0.5)))]),
       A("descender", 0.45, [S("curve", join(arc(0.3, 0.15, 0.15, 0.15, 20, 180), line((0.15, 0.15), (0.15, 1.3)),
                                             arc(0.05, 1.3, 0.1, 0.15, 0, -160))),
                             S("across", line((0.0, 0.5), (0.35, 0.5)))], True, 0.5),
       A("straight", 0.4, [S("down", line((0.15, 0.0), (0.15, 1.0))),
                           S("across", line((0.0, 0.5), (0.32, 0.5))),
                           S("across", line((0.15, 0.0), (0.35, 0.0)))], True, 0.4),
       A("looped", 0.42, [S("up", spline((0.0, 0.95), (0.2, 0.6), (0.34, 0.2), (0.3, 0.02), (0.2, 0.03),
                                         (0.17, 0.3), (0.17, 1.0), (0.15, 1.38), (0.08, 1.42), (0.07, 1.25),
                                         (0.2, 1.0), (0.4, 0.9))),
                          S("across", line((0.02, 0.5), (0.36, 0.5)))], True, 0.3))
letter("g",
       A("school", 0.5, [S("around", ball()), S("down", join(line((0.5, 0.5), (0.5, 1.3)), hook_left(0.5, 1.3, 0.24, 0.18)))]),
       A("looped", 0.5, [S("around", ball()),
                         S("down", join(line((0.5, 0.5), (0.5, 1.25)),
                                        spline((0.5, 1.25), (0.42, 1.45), (0.22, 1.48), (0.18, 1.35), (0.35, 1.1), (0.55, 0.98))))],
         True, 0.6),
       A("one-stroke", 0.5, [S("around", join(ball(end=360), line((0.5, 0.75), (0.5, 0.5), (0.5, 1.3)),
                                             hook_left(0.5, 1.3, 0.24, 0.18)))], True, 0.5),
       A("double-storey", 0.5, [
           S("around", join(arc(0.24, 0.67, 0.19, 0.17, 30, 390),
                            spline((0.4, 0.76), (0.3, 0.87), (0.12, 0.9), (0.12, 1.02), (0.38, 1.08),
                                   (0.5, 1.27), (0.3, 1.44), (0.06, 1.4), (0.02, 1.22), (0.2, 1.08)))),
           S("flick", line((0.38, 0.55), (0.5, 0.5)))], True, 0.2))
letter("h",
       A("school", 0.46, [S("down", line((0, 0), (0, 1))), S("hump", hump(0.0, 0.46))]),
       A("looped", 0.5, [S("down", join(spline((0.0, 0.55), (0.2, 0.25), (0.2, 0.03), (0.08, 0.02), (0.02, 0.2)),
                                         line((0.02, 0.2), (0.0, 1.0)), line((0.0, 1.0), (0.0, 0.75)), hump(0.0, 0.46)))],
         True, 0.3),
       A("one-stroke", 0.46, [S("down", join(line((0, 0), (0, 1), (0, 0.75)), hump(0.0, 0.46)))], True, 0.5))
letter("i",
       A("school", 0.1, [S("down", line((0.05, 0.5), (0.05, 1.0))), S("dot", dot(0.05, 0.27))]),
       A("tail", 0.25, [S("down", join(line((0.05, 0.5), (0.05, 0.9)), arc(0.15, 0.9, 0.1, 0.1, 180, 330))),
                        S("dot", dot(0.05, 0.27))], True, 0.4))
letter("j",
       A("school", 0.3, [S("down", join(line((0.25, 0.5), (0.25, 1.3)), hook_left(0.25, 1.3, 0.14, 0.18))),
                         S("dot", dot(0.25, 0.27))]),
       A("curly", 0.35, [S("down", join(line((0.3, 0.5), (0.3, 1.25)), arc(0.15, 1.25, 0.15, 0.22, 0, -200))),
                         S("dot", dot(0.3, 0.27))], True, 0.5))
letter("k",
       A("school", 0.44, [S("down", line((0, 0), (0, 1))), S("slant", line((0.42, 0.5), (0.03, 0.76), (0.44, 1.0)))]),
       A("two-arms", 0.44, [S("down", line((0, 0), (0, 1))), S("slant", line((0.42, 0.5), (0.02, 0.78))),
                            S("slant", line((0.13, 0.71), (0.44, 1.0)))], True, 0.6),
       A("looped", 0.45, [S("down", join(line((0, 0), (0, 1)))),
                          S("curve", join(spline((0.0, 0.88), (0.15, 0.6), (0.32, 0.52), (0.4, 0.62), (0.28, 0.73), (0.05, 0.76)),
                                          line((0.05, 0.76), (0.44, 1.0))))], True, 0.4),
       A("looped-stem", 0.5, [S("down", join(spline((0.0, 0.55), (0.2, 0.25), (0.2, 0.03), (0.08, 0.02), (0.02, 0.2)),
                                              line((0.02, 0.2), (0.0, 1.0)))),
                              S("slant", line((0.45, 0.5), (0.04, 0.76), (0.46, 1.0)))], True, 0.3))
letter("l",
       A("school", 0.1, [S("down", line((0.05, 0.0), (0.05, 1.0)))]),
       A("looped", 0.4, [S("up", join(spline((0.0, 0.85), (0.2, 0.5), (0.3, 0.2), (0.25, 0.02), (0.13, 0.03), (0.1, 0.25)),
                                      line((0.1, 0.25), (0.1, 0.88)),
                                      spline((0.1, 0.88), (0.18, 0.99), (0.3, 0.98), (0.38, 0.9))))], True, 0.6),
       A("tail", 0.3, [S("down", join(line((0.05, 0.0), (0.05, 0.88)), arc(0.17, 0.88, 0.12, 0.12, 180, 330)))],
         True, 0.5))
letter("m",
       A("school", 0.7, [S("down", line((0, 0.5), (0, 1))), S("hump", hump(0.0, 0.35)), S("hump", hump(0.35, 0.35))]),
       A("one-stroke", 0.7, [S("down", join(line((0, 0.5), (0, 1), (0, 0.75)), hump(0.0, 0.35),
                                            line((0.35, 1.0), (0.35, 0.75)), hump(0.35, 0.35)))], True, 0.7))
letter("n",
       A("school", 0.46, [S("down", line((0, 0.5), (0, 1))), S("hump", hump(0.0, 0.46))]),
       A("one-stroke", 0.46, [S("down", join(line((0, 0.5), (0, 1), (0, 0.75)), hump(0.0, 0.46)))], True, 0.7))
letter("o",
       A("school", 0.5, [S("around", arc(0.25, 0.75, 0.25, 0.25, 30, 395))]),
       A("from-top", 0.5, [S("around", arc(0.25, 0.75, 0.25, 0.25, 90, 450))], True, 0.5),
       A("loop", 0.5, [S("around", join(arc(0.25, 0.75, 0.25, 0.25, 80, 440),
                                        spline((0.29, 0.5), (0.22, 0.56), (0.2, 0.52), (0.3, 0.5), (0.45, 0.53))))],
         True, 0.4))
letter("p",
       A("school", 0.5, [S("down", line((0, 0.5), (0, 1.5))), S("around", bowl_cw())]),
       A("one-stroke", 0.5, [S("down", join(line((0, 0.5), (0, 1.5), (0, 0.72)), arc(R, 0.75, R, R, 175, -180)))],
         True, 0.7))
letter("q",
       A("school", 0.5, [S("around", ball()), S("down", line((0.5, 0.5), (0.5, 1.5)))]),
       A("one-stroke", 0.5, [S("around", join(ball(end=360), line((0.5, 0.75), (0.5, 0.5), (0.5, 1.5))))], True, 0.6),
       A("flick", 0.62, [S("around", ball()),
                         S("down", join(line((0.5, 0.5), (0.5, 1.38)), spline((0.5, 1.38), (0.55, 1.47), (0.62, 1.4))))],
         True, 0.5))
letter("r",
       A("school", 0.4, [S("down", line((0, 0.5), (0, 1))), S("curve", arc(0.22, 0.74, 0.22, 0.24, 180, 35))]),
       A("one-stroke", 0.4, [S("down", join(line((0, 0.5), (0, 1), (0, 0.74)), arc(0.22, 0.74, 0.22, 0.24, 180, 35)))],
         True, 0.6),
       A("cursive", 0.34, [S("up", spline((0.0, 1.0), (0.07, 0.7), (0.12, 0.5), (0.16, 0.58), (0.22, 0.52),
                                          (0.27, 0.55), (0.25, 0.75), (0.25, 0.98), (0.34, 0.93)))], True, 0.4),
       A("flick", 0.42, [S("down", line((0, 0.5), (0, 1))),
                         S("curve", join(arc(0.2, 0.72, 0.2, 0.2, 180, 60), line((0.3, 0.55), (0.42, 0.6))))],
         True, 0.3))
s_path = join(arc(0.2, 0.625, 0.2, 0.125, 25, 270), arc(0.2, 0.875, 0.2, 0.125, 90, -155))
letter("s", A("school", 0.4, [S("curve", s_path)]),
       A("sail", 0.38, [S("up", spline((0.0, 0.98), (0.12, 0.75), (0.2, 0.52), (0.3, 0.7), (0.37, 0.86),
                                       (0.27, 0.99), (0.1, 0.98), (0.04, 0.93)))], True, 0.35))
letter("t",
       A("school", 0.4, [S("down", line((0.2, 0.1), (0.2, 1.0))), S("across", line((0.0, 0.5), (0.4, 0.5)))]),
       A("curly", 0.42, [S("down", join(line((0.15, 0.1), (0.15, 0.88)), arc(0.27, 0.88, 0.12, 0.12, 180, 330))),
                         S("across", line((0.0, 0.5), (0.36, 0.5)))], True, 0.6))
u_cup = join(line((0, 0.5), (0, 0.76)), arc(0.22, 0.76, 0.22, 0.24, 180, 360), line((0.44, 0.76), (0.44, 0.5)))
letter("u",
       A("school", 0.44, [S("down", u_cup), S("down", line((0.44, 0.5), (0.44, 1.0)))]),
       A("one-stroke", 0.44, [S("down", join(u_cup, line((0.44, 0.5), (0.44, 1.0))))], True, 0.7),
       A("cup", 0.44, [S("down", join(line((0, 0.5), (0, 0.76)), arc(0.22, 0.76, 0.22, 0.24, 180, 360),
                                      line((0.44, 0.76), (0.44, 0.5))))], True, 0.15))
letter("v",
       A("school", 0.46, [S("slant", line((0, 0.5), (0.23, 1.0), (0.46, 0.5)))]),
       A("round", 0.46, [S("slant", join(line((0, 0.5), (0.17, 0.92)), spline((0.17, 0.92), (0.23, 1.0), (0.29, 0.92)),
                                         line((0.29, 0.92), (0.46, 0.5))))], True, 0.4))
letter("w",
       A("school", 0.72, [S("slant", line((0, 0.5), (0.18, 1.0), (0.36, 0.55), (0.54, 1.0), (0.72, 0.5)))]),
       A("round", 0.7, [S("down", join(line((0, 0.5), (0, 0.8)), arc(0.175, 0.8, 0.175, 0.2, 180, 360),
                                       line((0.35, 0.8), (0.35, 0.6), (0.35, 0.8)), arc(0.525, 0.8, 0.175, 0.2, 180, 360),
                                       line((0.7, 0.8), (0.7, 0.5))))], True, 0.4),
       A("two-vs", 0.72, [S("slant", line((0, 0.5), (0.18, 1.0), (0.36, 0.5))),
                          S("slant", line((0.36, 0.5), (0.54, 1.0), (0.72, 0.5)))], True, 0.3))
letter("x",
       A("school", 0.46, [S("slant", line((0, 0.5), (0.46, 1.0))), S("slant", line((0.46, 0.5), (0.0, 1.0)))]),
       A("two-curves", 0.46, [S("curve", spline((0.02, 0.55), (0.15, 0.5), (0.23, 0.75), (0.32, 0.99), (0.45, 0.95))),
                              S("slant", line((0.44, 0.5), (0.02, 1.0)))], True, 0.3))
letter("y",
       A("school", 0.48, [S("slant", line((0, 0.5), (0.24, 1.0))), S("slant", line((0.48, 0.5), (0.0, 1.5)))]),
       A("u-tail", 0.46, [S("down", u_cup), S("down", join(line((0.44, 0.5), (0.44, 1.3)), hook_left(0.44, 1.3, 0.22, 0.18)))],
         True, 0.8),
       A("looped", 0.48, [S("down", u_cup), S("down", join(line((0.44, 0.5), (0.44, 1.25)),
                                                           spline((0.44, 1.25), (0.36, 1.45), (0.18, 1.47), (0.14, 1.35), (0.3, 1.1), (0.5, 0.98))))],
         True, 0.4),
       A("curly", 0.5, [S("slant", line((0, 0.5), (0.26, 1.0))),
                        S("slant", join(line((0.5, 0.5), (0.22, 1.3)), spline((0.22, 1.3), (0.14, 1.45), (0.02, 1.42), (0.0, 1.32))))],
         True, 0.5),
       A("one-stroke", 0.48, [S("slant", line((0, 0.5), (0.24, 1.0), (0.44, 0.55), (0.48, 0.5), (0.0, 1.5)))], True, 0.15))
letter("z",
       A("school", 0.45, [S("across", line((0, 0.5), (0.43, 0.5), (0, 1.0), (0.45, 1.0)))]),
       A("crossed", 0.45, [S("across", line((0, 0.5), (0.43, 0.5), (0, 1.0), (0.45, 1.0))),
                           S("across", line((0.1, 0.75), (0.35, 0.75)))], True, 0.3))

# ---------- capitals (top line 0 to baseline 1) ----------
letter("A",
       A("school", 0.7, [S("slant", line((0.35, 0), (0, 1))), S("slant", line((0.35, 0), (0.7, 1))),
                         S("across", line((0.14, 0.6), (0.56, 0.6)))]),
       A("one-stroke", 0.7, [S("slant", line((0, 1), (0.35, 0), (0.7, 1))), S("across", line((0.14, 0.6), (0.56, 0.6)))],
         True, 0.6))
b_bumps = join(line((0, 0), (0.28, 0)), arc(0.28, 0.24, 0.22, 0.24, 90, -90), line((0.28, 0.48), (0.0, 0.48)),
               line((0.0, 0.48), (0.32, 0.48)), arc(0.32, 0.74, 0.26, 0.26, 90, -90), line((0.32, 1.0), (0.0, 1.0)))
letter("B",
       A("school", 0.58, [S("down", line((0, 0), (0, 1))), S("curve", b_bumps)]),
       A("one-stroke", 0.58, [S("down", join(line((0, 1), (0, 0)), b_bumps))], True, 0.5))
letter("C", A("school", 0.85, [S("around", arc(0.45, 0.5, 0.43, 0.5, 45, 315))]))
letter("D",
       A("school", 0.7, [S("down", line((0, 0), (0, 1))),
                         S("curve", join(line((0, 0), (0.22, 0)), arc(0.22, 0.5, 0.47, 0.5, 90, -90), line((0.22, 1), (0, 1))))]),
       A("one-stroke", 0.7, [S("down", join(line((0, 0), (0, 1), (0, 0)), line((0, 0), (0.22, 0)),
                                            arc(0.22, 0.5, 0.47, 0.5, 90, -90), line((0.22, 1), (0, 1))))], True, 0.4))
letter("E",
       A("school", 0.52, [S("down", line((0, 0), (0, 1))), S("across", line((0, 0), (0.52, 0))),
                          S("across", line((0, 0.5), (0.42, 0.5))), S("across", line((0, 1), (0.52, 1)))]),
       A("two-strokes", 0.52, [S("across", line((0.52, 0), (0, 0), (0, 1), (0.52, 1))),
                               S("across", line((0, 0.5), (0.42, 0.5)))], True, 0.5))
letter("F",
       A("school", 0.5, [S("down", line((0, 0), (0, 1))), S("across", line((0, 0), (0.5, 0))),
                         S("across", line((0, 0.5), (0.4, 0.5)))]),
       A("two-strokes", 0.5, [S("down", line((0.5, 0), (0, 0), (0, 1))), S("across", line((0, 0.5), (0.4, 0.5)))],
         True, 0.5))
g_arc = arc(0.45, 0.5, 0.43, 0.5, 45, 360)
letter("G",
       A("school", 0.88, [S("around", g_arc), S("across", line((0.88, 0.55), (0.55, 0.55)))]),
       A("spur", 0.88, [S("around", join(g_arc, line((0.88, 0.5), (0.88, 1.0)))), S("across", line((0.88, 0.55), (0.55, 0.55)))],
         True, 0.4),
       A("one-stroke", 0.88, [S("around", join(g_arc, line((0.88, 0.5), (0.88, 0.56), (0.56, 0.56))))], True, 0.6))
letter("H",
       A("school", 0.65, [S("down", line((0, 0), (0, 1))), S("down", line((0.65, 0), (0.65, 1))),
                          S("across", line((0, 0.5), (0.65, 0.5)))]))
letter("I",
       A("school", 0.44, [S("down", line((0.22, 0), (0.22, 1))), S("across", line((0, 0), (0.44, 0))),
                          S("across", line((0, 1), (0.44, 1)))]),
       A("plain", 0.1, [S("down", line((0.05, 0), (0.05, 1)))], True, 0.8),
       A("hooked", 0.2, [S("down", join(spline((0.0, 0.1), (0.06, 0.01), (0.14, 0.0)),
                                        line((0.14, 0.0), (0.14, 1.0))))], True, 0.3))
letter("J",
       A("school", 0.5, [S("down", join(line((0.45, 0), (0.45, 0.75)), arc(0.225, 0.75, 0.225, 0.25, 0, -180)))]),
       A("top-bar", 0.6, [S("down", join(line((0.45, 0), (0.45, 0.75)), arc(0.225, 0.75, 0.225, 0.25, 0, -180))),
                          S("across", line((0.22, 0), (0.6, 0)))], True, 0.7),
       A("hook", 0.45, [S("down", join(line((0.4, 0), (0.4, 0.8)), arc(0.22, 0.8, 0.18, 0.2, 0, -170)))], True, 0.4))
letter("K",
       A("school", 0.62, [S("down", line((0, 0), (0, 1))), S("slant", line((0.6, 0), (0.03, 0.55), (0.62, 1)))]),
       A("two-arms", 0.62, [S("down", line((0, 0), (0, 1))), S("slant", line((0.6, 0), (0.02, 0.55))),
                            S("slant", line((0.2, 0.42), (0.62, 1)))], True, 0.6))
letter("L", A("school", 0.5, [S("down", line((0, 0), (0, 1), (0.5, 1)))]))
letter("M",
       A("school", 0.8, [S("down", line((0, 0), (0, 1))), S("slant", line((0, 0), (0.4, 0.72), (0.8, 0), (0.8, 1)))]),
       A("deep", 0.8, [S("down", line((0, 0), (0, 1))), S("slant", line((0, 0), (0.4, 1.0), (0.8, 0), (0.8, 1)))],
         True, 0.4),
       A("splayed", 0.9, [S("slant", line((0.0, 1), (0.15, 0), (0.45, 0.75), (0.75, 0), (0.9, 1)))], True, 0.4))
letter("N",
       A("school", 0.66, [S("down", line((0, 0), (0, 1))), S("slant", line((0, 0), (0.66, 1), (0.66, 0)))]),
       A("one-stroke", 0.66, [S("up", line((0, 1), (0, 0), (0.66, 1), (0.66, 0)))], True, 0.6))
letter("O",
       A("school", 0.9, [S("around", arc(0.45, 0.5, 0.45, 0.5, 75, 440))]))
p_bump = join(line((0, 0), (0.28, 0)), arc(0.28, 0.26, 0.26, 0.26, 90, -90), line((0.28, 0.52), (0.0, 0.52)))
letter("P",
       A("school", 0.55, [S("down", line((0, 0), (0, 1))), S("curve", p_bump)]),
       A("one-stroke", 0.55, [S("down", join(line((0, 1), (0, 0)), p_bump))], True, 0.5))
o_big = arc(0.45, 0.5, 0.45, 0.5, 75, 440)
letter("Q",
       A("school", 0.95, [S("around", o_big), S("slant", line((0.55, 0.7), (0.92, 1.05)))]),
       A("flick", 0.95, [S("around", o_big), S("tail", spline((0.42, 0.88), (0.56, 1.0), (0.76, 1.08), (0.96, 1.02)))],
         True, 0.5),
       A("outside-tail", 0.95, [S("around", o_big), S("slant", line((0.74, 0.86), (0.98, 1.1)))], True, 0.5),
       A("one-stroke", 0.95, [S("around", join(o_big, line((o_big[-1][0], o_big[-1][1]), (0.5, 0.5)),
                                                line((0.5, 0.5), (0.6, 0.7), (0.92, 1.05))))], True, 0.2))
letter("R",
       A("school", 0.6, [S("down", line((0, 0), (0, 1))), S("curve", join(p_bump, line((0.0, 0.52), (0.22, 0.52)),
                                                                            line((0.22, 0.52), (0.6, 1.0))))]),
       A("separate-leg", 0.6, [S("down", line((0, 0), (0, 1))), S("curve", p_bump), S("slant", line((0.2, 0.52), (0.6, 1.0)))],
         True, 0.6))
letter("S", A("school", 0.62, [S("curve", join(arc(0.31, 0.25, 0.3, 0.25, 25, 270), arc(0.31, 0.75, 0.31, 0.25, 90, -155)))]))
letter("T",
       A("school", 0.7, [S("down", line((0.35, 0), (0.35, 1))), S("across", line((0, 0), (0.7, 0)))]),
       A("bar-first", 0.7, [S("across", line((0, 0), (0.7, 0))), S("down", line((0.35, 0), (0.35, 1)))], True, 0.6))
letter("U",
       A("school", 0.66, [S("down", join(line((0, 0), (0, 0.67)), arc(0.33, 0.67, 0.33, 0.33, 180, 360), line((0.66, 0.67), (0.66, 0))))]),
       A("stem", 0.66, [S("down", join(line((0, 0), (0, 0.67)), arc(0.33, 0.67, 0.33, 0.33, 180, 360), line((0.66, 0.67), (0.66, 0)))),
                        S("down", line((0.66, 0), (0.66, 1.0)))], True, 0.2))
letter("V", A("school", 0.7, [S("slant", line((0, 0), (0.35, 1), (0.7, 0)))]))
letter("W",
       A("school", 1.0, [S("slant", line((0, 0), (0.25, 1), (0.5, 0.1), (0.75, 1), (1.0, 0)))]),
       A("tall-middle", 1.0, [S("slant", line((0, 0), (0.3, 1), (0.5, 0.0), (0.7, 1), (1.0, 0)))], True, 0.3))
letter("X", A("school", 0.66, [S("slant", line((0, 0), (0.66, 1))), S("slant", line((0.66, 0), (0, 1)))]))
letter("Y",
       A("school", 0.7, [S("slant", line((0, 0), (0.35, 0.5))), S("slant", line((0.7, 0), (0.35, 0.5), (0.35, 1)))]),
       A("like-y", 0.7, [S("slant", line((0, 0), (0.35, 0.5))), S("slant", line((0.7, 0), (0.1, 1)))], True, 0.4))
letter("Z", A("school", 0.66, [S("across", line((0, 0), (0.64, 0), (0, 1), (0.66, 1)))]),
       A("crossed", 0.66, [S("across", line((0, 0), (0.64, 0), (0, 1), (0.66, 1))), S("across", line((0.15, 0.5), (0.5, 0.5)))],
         True, 0.3))

order = [chr(c) for c in range(ord("a"), ord("z") + 1)] + [chr(c) for c in range(ord("A"), ord("Z") + 1)]
doc = {"version": 1,
       "about": "School manuscript (ball-and-stick) stroke models in line units, y down. "
                "See recognizer/skeletons.py for the format.",
       "lines": {"top": 0.0, "midline": 0.5, "baseline": 1.0, "descender": 1.5},
       "letters": {ch: L[ch] for ch in order}}


def dump(doc):
    # One point list per line keeps the file diff-friendly and readable.
    out = json.dumps(doc, indent=1)
    return out


if __name__ == "__main__":
    text = json.dumps(doc, indent=1, separators=(",", ": "))
    import re
    # collapse [x, y] pairs onto single lines and point lists onto one line each
    text = re.sub(r"\[\s*(-?[\d.]+),\s*(-?[\d.]+)\s*\]", r"[\1, \2]", text)
    text = re.sub(r'"points": \[\s*((?:\[[^\]]*\],?\s*)+)\]',
                  lambda m: '"points": [' + re.sub(r"\],\s*\[", "], [", m.group(1).strip()) + "]", text)
    open(sys.argv[1], "w").write(text + "\n")
    print(sum(len(v["allographs"]) for v in L.values()), "allographs")
