#!/usr/bin/env python3
"""Draw the photos of the example fair in content/vendors/*/photos/.

vitrina's example site (content/) needs product photos, but no real person's
picture belongs in a repository. This script *draws* every photo the example
content references -- quail eggs in a basket, alfajores, an embroidered shirt,
a succulent in a painted pot, a face-painted butterfly... -- with Pillow shapes,
gradients and soft shadows, and writes them as JPEG.

Run it from the repository root:

    python3 scripts/example_photos.py

It needs Python 3 and Pillow (`pip install pillow`). The output is
deterministic: every shape and every speckle comes from fixed numbers and
seeded random generators, so running it again rewrites the same bytes
(given the same Pillow version).

What the photos exercise in vitrina's image pipeline:

* most are 1200x900 (some 900x1200 or 1000x1000, logos 600x600);
* three are camera-sized (4000x3000 pixels stored);
* exactly one, `huevos-codorniz-andrea/photos/huevos.jpg`, is stored the way a
  phone stores a portrait photo: pixels rotated, EXIF Orientation = 6, plus
  Make "VitrinaTestPhone", Model "GPS-TEST-7" and GPS coordinates (Miraflores,
  Lima). vitrina must show it upright and must never publish those tags.
"""

from __future__ import annotations

import math
import random
import sys
import zlib
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageOps

ROOT = Path(__file__).resolve().parent.parent
VENDORS = ROOT / "content" / "vendors"

SS = 2  # supersampling: draw at twice the size, then scale down (anti-aliasing)
JPEG_QUALITY = 82

# EXIF tag numbers used for the phone photo
EXIF_MAKE, EXIF_MODEL, EXIF_ORIENTATION, EXIF_GPS_IFD = 0x010F, 0x0110, 0x0112, 0x8825
GPS_VERSION, GPS_LAT_REF, GPS_LAT, GPS_LON_REF, GPS_LON = 0, 1, 2, 3, 4


# --------------------------------------------------------------------------- helpers


def hexc(s: str, a: int | None = None) -> tuple:
    """'#rrggbb' -> (r, g, b) or (r, g, b, a)."""
    s = s.lstrip("#")
    c = tuple(int(s[i : i + 2], 16) for i in (0, 2, 4))
    return c if a is None else c + (a,)


def mix(c1, c2, t: float) -> tuple:
    """Blend two colours (t = 0 -> c1, t = 1 -> c2)."""
    return tuple(round(a + (b - a) * t) for a, b in zip(c1, c2))


def shade(c, f: float) -> tuple:
    """Darken (f < 0) or lighten (f > 0) a colour."""
    return mix(c[:3], (0, 0, 0) if f < 0 else (255, 255, 255), abs(f)) + tuple(c[3:])


def seeded(name: str) -> random.Random:
    return random.Random(zlib.crc32(name.encode()))


def oval(cx, cy, rx, ry, a0=0.0, a1=2 * math.pi, n=72, rot=0.0):
    """Points on an ellipse (rot in degrees), from angle a0 to a1."""
    r = math.radians(rot)
    cr, sr = math.cos(r), math.sin(r)
    pts = []
    for i in range(n + 1 if a1 - a0 < 2 * math.pi else n):
        t = a0 + (a1 - a0) * i / n
        x, y = rx * math.cos(t), ry * math.sin(t)
        pts.append((cx + x * cr - y * sr, cy + x * sr + y * cr))
    return pts


def rotate(pts, deg, cx=0.0, cy=0.0):
    r = math.radians(deg)
    cr, sr = math.cos(r), math.sin(r)
    return [(cx + (x - cx) * cr - (y - cy) * sr, cy + (x - cx) * sr + (y - cy) * cr) for x, y in pts]


def move(pts, dx, dy):
    return [(x + dx, y + dy) for x, y in pts]


def egg_pts(cx, cy, rx, ry, rot=0.0, n=60):
    """An egg outline: narrower at the top."""
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        pts.append((rx * math.sin(t) * (1 - 0.13 * math.cos(t)), -ry * math.cos(t)))
    return move(rotate(pts, rot), cx, cy)


def leaf_pts(length, width, n=24):
    """A pointed leaf from (0, 0) along +y."""
    left, right = [], []
    for i in range(n + 1):
        t = i / n
        w = width * math.sin(math.pi * t) ** 0.9 * (1 - 0.25 * t)
        left.append((-w, length * t))
        right.append((w, length * t))
    return left + right[::-1]


def star_pts(cx, cy, r1, r2, n=5, rot=-90):
    pts = []
    for i in range(2 * n):
        r = r1 if i % 2 == 0 else r2
        a = math.radians(rot + 180 * i / n)
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def heart_pts(cx, cy, s, n=60):
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        x = 16 * math.sin(t) ** 3
        y = -(13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t))
        pts.append((cx + x * s / 16, cy + y * s / 16))
    return pts


def rrect_pts(x0, y0, x1, y1, r, n=8):
    """Rounded rectangle as a polygon (so it can be rotated)."""
    r = min(r, (x1 - x0) / 2, (y1 - y0) / 2)
    pts = []
    for cx, cy, a in ((x1 - r, y0 + r, -90), (x1 - r, y1 - r, 0), (x0 + r, y1 - r, 90), (x0 + r, y0 + r, 180)):
        for i in range(n + 1):
            t = math.radians(a + 90 * i / n)
            pts.append((cx + r * math.cos(t), cy + r * math.sin(t)))
    return pts


def bezier(p0, p1, p2, p3=None, n=32):
    pts = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        if p3 is None:
            pts.append((u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0], u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1]))
        else:
            pts.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )
    return pts


def gradient_tile(w, h, stops, direction="v"):
    """An RGB image w x h with a gradient through the colours `stops`."""
    stops = [hexc(c) if isinstance(c, str) else tuple(c[:3]) for c in stops]
    n = len(stops) - 1
    luts = ([], [], [])
    for v in range(256):
        t = v / 255 * n
        i = min(int(t), n - 1)
        c = mix(stops[i], stops[i + 1], t - i)
        for ch in range(3):
            luts[ch].append(c[ch])
    if direction == "r":
        g = Image.radial_gradient("L").resize((w, h), Image.BILINEAR)
        g = g.point(lambda v: min(255, round(v * 1.41)))
    else:
        g = Image.linear_gradient("L")
        if direction == "h":
            g = g.transpose(Image.ROTATE_90)
        g = g.resize((w, h), Image.BILINEAR)
    return Image.merge("RGB", [g.point(lut) for lut in luts])


class Canvas:
    """An RGB picture drawn in logical units (the final pixel size) with a transform stack.

    All coordinates are logical; the canvas multiplies them by the current
    transform (`at`) and by the supersampling factor.
    """

    def __init__(self, w: int, h: int, k: float = SS):
        self.w, self.h, self.k = w, h, k
        self.img = Image.new("RGB", (round(w * k), round(h * k)), (255, 255, 255))
        self.d = ImageDraw.Draw(self.img, "RGBA")
        self.tf = [(0.0, 0.0, 1.0)]

    # -- transform
    @contextmanager
    def at(self, x, y, s=1.0):
        ox, oy, cs = self.tf[-1]
        self.tf.append((ox + x * cs, oy + y * cs, cs * s))
        try:
            yield
        finally:
            self.tf.pop()

    def P(self, pts):
        ox, oy, s = self.tf[-1]
        k = self.k
        return [((ox + x * s) * k, (oy + y * s) * k) for x, y in pts]

    def L(self, v):
        return max(1, round(v * self.tf[-1][2] * self.k))

    # -- primitives
    def poly(self, pts, fill=None, outline=None, width=1):
        dp = self.P(pts)
        if fill is not None:
            self.d.polygon(dp, fill=fill)
        if outline is not None:
            self.d.line(dp + dp[:1], fill=outline, width=self.L(width), joint="curve")

    def ellipse(self, cx, cy, rx, ry, fill=None, outline=None, width=1, rot=0.0):
        self.poly(oval(cx, cy, rx, ry, n=96, rot=rot), fill, outline, width)

    def circle(self, cx, cy, r, fill=None, outline=None, width=1):
        self.ellipse(cx, cy, r, r, fill, outline, width)

    def rect(self, x0, y0, x1, y1, fill=None, r=0, outline=None, width=1, rot=0.0):
        pts = rrect_pts(x0, y0, x1, y1, r) if r else [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        if rot:
            pts = rotate(pts, rot, (x0 + x1) / 2, (y0 + y1) / 2)
        self.poly(pts, fill, outline, width)

    def line(self, pts, fill, width=2, round_caps=True):
        dp = self.P(pts)
        w = self.L(width)
        self.d.line(dp, fill=fill, width=w, joint="curve")
        if round_caps and len(dp) > 1 and w > 2:
            for x, y in (dp[0], dp[-1]):
                self.d.ellipse((x - w / 2, y - w / 2, x + w / 2, y + w / 2), fill=fill)

    def dot(self, x, y, r, fill):
        self.circle(x, y, r, fill)

    # -- effects
    def _bbox(self, dp, pad=0):
        xs = [p[0] for p in dp]
        ys = [p[1] for p in dp]
        x0 = max(0, int(min(xs)) - pad)
        y0 = max(0, int(min(ys)) - pad)
        x1 = min(self.img.width, int(max(xs)) + 2 + pad)
        y1 = min(self.img.height, int(max(ys)) + 2 + pad)
        return x0, y0, x1, y1

    def gpoly(self, pts, *stops, direction="v", alpha=255):
        """Fill a polygon with a gradient through the colours `stops`.

        direction: 'v' top->bottom, 'h' left->right, 'r' centre->edge."""
        dp = self.P(pts)
        x0, y0, x1, y1 = self._bbox(dp)
        if x1 <= x0 or y1 <= y0:
            return
        w, h = x1 - x0, y1 - y0
        mask = Image.new("L", (w, h), 0)
        ImageDraw.Draw(mask).polygon([(x - x0, y - y0) for x, y in dp], fill=alpha)
        self.img.paste(gradient_tile(w, h, stops, direction), (x0, y0), mask)

    def gellipse(self, cx, cy, rx, ry, *stops, direction="v", rot=0.0, alpha=255):
        self.gpoly(oval(cx, cy, rx, ry, n=96, rot=rot), *stops, direction=direction, alpha=alpha)

    def shadow(self, cx, cy, rx, ry, alpha=90, blur=18, color=(40, 25, 15)):
        """A soft blurred ellipse (contact shadow or glow)."""
        dp = self.P(oval(cx, cy, rx, ry, n=72))
        pad = self.L(blur) * 3
        x0, y0, x1, y1 = self._bbox(dp, pad)
        if x1 <= x0 or y1 <= y0:
            return
        mask = Image.new("L", (x1 - x0, y1 - y0), 0)
        ImageDraw.Draw(mask).polygon([(x - x0, y - y0) for x, y in dp], fill=alpha)
        mask = mask.filter(ImageFilter.GaussianBlur(self.L(blur)))
        self.img.paste(Image.new("RGB", mask.size, color[:3]), (x0, y0), mask)

    def soft_poly(self, pts, alpha=80, blur=14, color=(40, 25, 15)):
        dp = self.P(pts)
        pad = self.L(blur) * 3
        x0, y0, x1, y1 = self._bbox(dp, pad)
        mask = Image.new("L", (x1 - x0, y1 - y0), 0)
        ImageDraw.Draw(mask).polygon([(x - x0, y - y0) for x, y in dp], fill=alpha)
        mask = mask.filter(ImageFilter.GaussianBlur(self.L(blur)))
        self.img.paste(Image.new("RGB", mask.size, color[:3]), (x0, y0), mask)

    def soft_line(self, pts, width, alpha=120, blur=6, color=(255, 255, 255)):
        dp = self.P(pts)
        pad = self.L(blur) * 3 + self.L(width)
        x0, y0, x1, y1 = self._bbox(dp, pad)
        mask = Image.new("L", (x1 - x0, y1 - y0), 0)
        ImageDraw.Draw(mask).line([(x - x0, y - y0) for x, y in dp], fill=alpha, width=self.L(width), joint="curve")
        mask = mask.filter(ImageFilter.GaussianBlur(self.L(blur)))
        self.img.paste(Image.new("RGB", mask.size, color[:3]), (x0, y0), mask)

    @contextmanager
    def clip(self, pts):
        """Everything drawn inside the block only shows within the polygon."""
        dp = self.P(pts)
        x0, y0, x1, y1 = self._bbox(dp, 2)
        base, based = self.img, self.d
        self.img = base.copy()
        self.d = ImageDraw.Draw(self.img, "RGBA")
        try:
            yield
        finally:
            mask = Image.new("L", base.size, 0)
            ImageDraw.Draw(mask).polygon(dp, fill=255)
            box = (x0, y0, x1, y1)
            base.paste(self.img.crop(box), box[:2], mask.crop(box))
            self.img, self.d = base, based

    def result(self, size=None) -> Image.Image:
        size = size or (self.w, self.h)
        return self.img.resize(size, Image.LANCZOS)


# --------------------------------------------------------------------------- backgrounds


def backdrop(cv: Canvas, top, bottom, table_y=None, table=("#c9925c", "#a8703f"), kind="wood", seed="bg"):
    """Soft wall gradient and, optionally, a table top from table_y down."""
    W, H = cv.w, cv.h
    cv.gpoly([(0, 0), (W, 0), (W, H), (0, H)], top, bottom)
    cv.shadow(W * 0.5, H * 0.28, W * 0.42, H * 0.25, alpha=70, blur=60, color=(255, 255, 255))
    if table_y is None:
        return
    t1, t2 = hexc(table[0]), hexc(table[1])
    cv.gpoly([(0, table_y), (W, table_y), (W, H), (0, H)], t1, t2)
    rng = seeded(seed)
    if kind == "wood":
        y = table_y
        gap = (H - table_y) / 3.2
        while y < H:
            y += gap
            cv.line([(0, y), (W, y)], shade(t2, -0.18) + (120,), 3, round_caps=False)
            gap *= 1.25
        for _ in range(26):
            x = rng.uniform(0, W)
            y = rng.uniform(table_y + 8, H)
            ln = rng.uniform(60, 260)
            cv.line([(x, y), (x + ln, y + rng.uniform(-3, 3))], shade(t1, -0.12) + (70,), 2, round_caps=False)
        cv.line([(0, table_y), (W, table_y)], shade(t1, 0.25) + (200,), 3, round_caps=False)
    elif kind == "cloth":
        # a checked tablecloth in perspective
        c = shade(t1, -0.1) + (70,)
        n = 14
        for i in range(-n, 2 * n):
            x_top = W * i / n
            x_bot = W / 2 + (x_top - W / 2) * 1.8
            cv.line([(x_top, table_y), (x_bot, H)], c, 16, round_caps=False)
        y = table_y + 10
        step = 22
        while y < H:
            cv.line([(0, y), (W, y)], c, 8 + (y - table_y) / 30, round_caps=False)
            step *= 1.25
            y += step
        cv.line([(0, table_y), (W, table_y)], shade(t1, 0.3) + (200,), 3, round_caps=False)
    elif kind == "linen":
        for _ in range(300):
            x = rng.uniform(0, W)
            y = rng.uniform(table_y, H)
            cv.line([(x, y), (x + rng.uniform(10, 40), y)], shade(t1, rng.choice([-0.08, 0.08])) + (60,), 1, round_caps=False)


def flat_backdrop(cv: Canvas, c1, c2, direction="r"):
    W, H = cv.w, cv.h
    cv.gpoly([(0, 0), (W, 0), (W, H), (0, H)], c1, c2, direction=direction)


def confetti(cv: Canvas, seed, colors, n=40, region=None, size=(4, 9), alpha=150):
    rng = seeded(seed)
    x0, y0, x1, y1 = region or (0, 0, cv.w, cv.h)
    for _ in range(n):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        r = rng.uniform(*size)
        cv.dot(x, y, r, hexc(rng.choice(colors), alpha))


# --------------------------------------------------------------------------- shared objects


def blob_pts(cx, cy, rx, ry, rng, jitter=0.12, n=40, rot=0.0):
    """An irregular, smooth closed shape (sauces, bushes, clouds)."""
    ph = [rng.uniform(0, 2 * math.pi) for _ in range(3)]
    amp = [jitter * rng.uniform(0.5, 1.0) for _ in range(3)]
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        f = 1 + amp[0] * math.sin(3 * t + ph[0]) + amp[1] * math.sin(5 * t + ph[1]) * 0.6 + amp[2] * math.sin(2 * t + ph[2]) * 0.8
        pts.append((rx * f * math.cos(t), ry * f * math.sin(t)))
    return move(rotate(pts, rot), cx, cy)


def frustum(cv, cx, cy, rxt, ryt, h, rxb, ryb, side, top=None):
    """A cylinder or truncated cone seen from slightly above; side = gradient stops (left->right)."""
    pts = [(cx - rxt, cy)] + oval(cx, cy + h, rxb, ryb, math.pi, 0, n=48) + [(cx + rxt, cy)]
    cv.gpoly(pts, *side, direction="h")
    if top is not None:
        if isinstance(top, (list, tuple)) and isinstance(top[0], (list, tuple, str)):
            cv.gellipse(cx, cy, rxt, ryt, *top)
        else:
            cv.ellipse(cx, cy, rxt, ryt, top)
    return pts


def cyl_side(light, warm=False):
    """Gradient stops for the side of a cylinder lit from the front left."""
    c = hexc(light) if isinstance(light, str) else light
    if warm:
        dark = (110, 60, 25)
        return [mix(c, dark, 0.35), shade(c, 0.15), c, mix(c, dark, 0.2), mix(c, dark, 0.45)]
    return [shade(c, -0.35), shade(c, 0.12), c, shade(c, -0.2), shade(c, -0.45)]


def quail_egg(cv, cx, cy, rx, ry, rot, rng, base="#e3d3ae", peeled=False):
    pts = egg_pts(cx, cy, rx, ry, rot)
    b = hexc(base)
    cv.gpoly(pts, shade(b, 0.35), b, shade(b, -0.22), direction="v")
    with cv.clip(pts):
        if not peeled:
            for _ in range(rng.randint(20, 32)):
                u, v = rng.uniform(-1.05, 1.05), rng.uniform(-1.1, 1.1)
                x, y = rotate([(u * rx, v * ry)], rot)[0]
                s = rx * rng.uniform(0.05, 0.24)
                blob = blob_pts(cx + x, cy + y, s, s * rng.uniform(0.6, 1.0), rng, jitter=0.3, n=14, rot=rng.uniform(0, 180))
                col = rng.choice([hexc("#3f2a1c", 235), hexc("#5b3b22", 220), hexc("#6e5a3a", 170), hexc("#2c2018", 240)])
                cv.poly(blob, col)
        hx, hy = rotate([(-rx * 0.38, -ry * 0.35)], rot)[0]
        cv.ellipse(cx + hx, cy + hy, rx * 0.2, ry * 0.32, (255, 255, 255, 95 if peeled else 70), rot=rot + 15)
        sx, sy = rotate([(rx * 0.7, ry * 0.6)], rot)[0]
        cv.shadow(cx + sx, cy + sy, rx * 0.8, ry * 0.7, alpha=70, blur=rx * 0.3, color=(70, 45, 20))
    cv.poly(pts, outline=shade(b, -0.45) + (110,), width=1.5)


def rim_braid(cv, cx, cy, rx, ry, a0, a1, col, size=20, n=40):
    c = hexc(col) if isinstance(col, str) else col
    for i in range(n + 1):
        t = a0 + (a1 - a0) * i / n
        x, y = cx + rx * math.cos(t), cy + ry * math.sin(t)
        tilt = math.degrees(math.atan2(ry * math.cos(t), -rx * math.sin(t)))
        cv.ellipse(x, y, size, size * 0.55, shade(c, -0.35), rot=tilt + (35 if i % 2 else -35))
        cv.ellipse(x, y - 2, size * 0.85, size * 0.4, c, rot=tilt + (35 if i % 2 else -35))
        cv.ellipse(x - 3, y - 5, size * 0.35, size * 0.15, shade(c, 0.35) + (160,), rot=tilt + (35 if i % 2 else -35))


def woven_body(cv, pts, x0, x1, y0, y1, col, cell=44, row=30, curve=0.0, half=1.0):
    """Basket weave texture inside pts."""
    c = hexc(col)
    with cv.clip(pts):
        cv.gpoly(pts, shade(c, -0.5), shade(c, -0.4))
        r = 0
        y = y0
        while y < y1 + row:
            x = x0 - (cell / 2 if r % 2 else 0)
            while x < x1 + cell:
                xx = x + cell / 2
                yy = y + curve * math.sqrt(max(0.0, 1 - (xx / half) ** 2))
                cv.rect(xx - cell * 0.47, yy - row * 0.42, xx + cell * 0.47, yy + row * 0.42, shade(c, -0.05), r=row * 0.4)
                cv.rect(xx - cell * 0.4, yy - row * 0.36, xx + cell * 0.4, yy - row * 0.05, shade(c, 0.18) + (170,), r=row * 0.3)
                x += cell
            y += row
            r += 1
        # side shading for roundness
        cv.shadow(x0 - 10, (y0 + y1) / 2, 60, (y1 - y0), alpha=120, blur=30)
        cv.shadow(x1 + 10, (y0 + y1) / 2, 60, (y1 - y0), alpha=120, blur=30)
        cv.shadow((x0 + x1) / 2, y1 + 20, (x1 - x0) / 2, 40, alpha=90, blur=25)


def basket_of_eggs(cv, rng, n_rows=((-62, 4), (-35, 5), (-5, 6), (28, 5), (55, 4)), handle=True):
    w, ry, depth, bw = 300, 88, 190, 225
    straw = hexc("#d8a65f")
    if handle:
        hp = bezier((-w * 0.9, 0), (-w * 0.75, -560), (w * 0.75, -560), (w * 0.9, 0), n=60)
        cv.line(hp, shade(straw, -0.35), 36)
        cv.line(hp, straw, 27)
        for i in range(2, len(hp) - 2):
            (xa, ya), (xb, yb) = hp[i - 1], hp[i + 1]
            dx, dy = xb - xa, yb - ya
            ln = math.hypot(dx, dy) or 1
            nx, ny = -dy / ln, dx / ln
            x, y = hp[i]
            cv.line([(x - nx * 11 - dx * 0.25, y - ny * 11 - dy * 0.25), (x + nx * 11 + dx * 0.25, y + ny * 11 + dy * 0.25)],
                    shade(straw, -0.3) + (170,), 3, round_caps=False)
    cv.gellipse(0, 0, w, ry, shade(straw, -0.7), shade(straw, -0.45))
    rim_braid(cv, 0, 0, w, ry, math.pi, 2 * math.pi, straw, n=30)
    eggs = []
    for y, count in n_rows:
        half = w * math.sqrt(max(0.0, 1 - ((y + 10) / (ry * 1.25)) ** 2)) * 0.78
        for i in range(count):
            x = -half + 2 * half * (i + 0.5) / count + rng.uniform(-10, 10)
            lift = 70 * (1 - (x / w) ** 2) * (1 - abs(y) / 140)
            rot = rng.uniform(-40, 40) if rng.random() < 0.75 else rng.choice([-1, 1]) * rng.uniform(70, 100)
            eggs.append((y - lift + rng.uniform(-6, 6), x, rot))
    for y, x, rot in sorted(eggs):
        cv.shadow(x + 8, y + 40, 40, 16, alpha=110, blur=8)
        quail_egg(cv, x, y, 38, 50, rot, rng)
    body = oval(0, 0, w, ry, 0, math.pi, n=60) + oval(0, depth, bw, ry * 0.62, math.pi, 0, n=60)
    woven_body(cv, body, -w, w, 0, depth + ry, "#d8a65f", curve=ry * 0.95, half=w)
    rim_braid(cv, 0, 0, w, ry, 0, math.pi, straw, size=22, n=34)


def bean(cv, x, y, s, rot, col="#4a2a1a"):
    c = hexc(col)
    cv.gellipse(x, y, s, s * 0.7, shade(c, 0.25), c, shade(c, -0.3), rot=rot)
    crease = [(t * s * 0.85, 0.16 * s * math.sin(t * math.pi * 1.2)) for t in [i / 10 - 1 for i in range(21)]]
    cv.line(move(rotate(crease, rot), x, y), shade(c, -0.55), max(1.5, s * 0.13))
    hx, hy = rotate([(-s * 0.3, -s * 0.35)], rot)[0]
    cv.ellipse(x + hx, y + hy, s * 0.35, s * 0.12, (255, 255, 255, 45), rot=rot)


def scatter_beans(cv, rng, region, n, s=(12, 16)):
    x0, y0, x1, y1 = region
    for _ in range(n):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        sz = rng.uniform(*s)
        cv.shadow(x + 2, y + sz * 0.5, sz, sz * 0.4, alpha=90, blur=4)
        bean(cv, x, y, sz, rng.uniform(0, 180))


def plate(cv, cx, cy, rx, ry=None, col="#fbf9f4", rim_col=None):
    ry = ry or rx * 0.5
    c = hexc(col)
    cv.shadow(cx, cy + ry * 0.25, rx * 1.02, ry * 0.95, alpha=90, blur=16)
    cv.ellipse(cx, cy + ry * 0.07, rx, ry, shade(c, -0.25))
    cv.gellipse(cx, cy, rx, ry, shade(c, -0.08), c, shade(c, -0.04))
    if rim_col:
        cv.ellipse(cx, cy, rx * 0.93, ry * 0.92, outline=hexc(rim_col), width=5)
    cv.gellipse(cx, cy + ry * 0.04, rx * 0.72, ry * 0.68, shade(c, -0.1), c)
    cv.ellipse(cx, cy + ry * 0.04, rx * 0.72, ry * 0.68, outline=shade(c, -0.18) + (150,), width=2)


def olive(cv, x, y, s=14):
    cv.gellipse(x, y, s, s * 0.75, "#4a3346", "#20141d")
    cv.ellipse(x - s * 0.35, y - s * 0.3, s * 0.3, s * 0.16, (255, 255, 255, 90))


def egg_slice(cv, x, y, r, half=False, rot=0):
    if half:
        cv.ellipse(x, y, r * 1.25, r, "#fbfbf6", outline=hexc("#d9d6cc"), width=2, rot=rot)
        cv.gellipse(x + r * 0.05, y, r * 0.62, r * 0.55, "#ffd35a", "#f2a91f", direction="r", rot=rot)
    else:
        cv.ellipse(x, y, r, r * 0.8, "#fbfbf6", outline=hexc("#d9d6cc"), width=2)
        cv.gellipse(x, y, r * 0.5, r * 0.4, "#ffd35a", "#f2a91f", direction="r")


def parsley(cv, x, y, s, rng):
    for i in range(5):
        a = rng.uniform(0, 360)
        px, py = x + math.cos(math.radians(a)) * s * 0.5, y + math.sin(math.radians(a)) * s * 0.3
        cv.poly(move(rotate(leaf_pts(s * 0.7, s * 0.28), a), px, py), hexc(rng.choice(["#3f8f3a", "#2f7a30", "#57a847"])))


def steam(cv, x, y, h, n=3, spread=40, alpha=120):
    for i in range(n):
        xx = x + (i - (n - 1) / 2) * spread
        pts = [(xx + 16 * math.sin(t / 40 + i * 1.7) * (t / h + 0.3), y - t) for t in range(0, int(h), 4)]
        cv.soft_line(pts, 14, alpha, 6, (255, 255, 255))


def wrapped_candy(cv, x, y, s, col, rot=0, twist=True):
    """A chocoteja in twisted paper (side view)."""
    c = hexc(col)
    for side in (-1, 1):
        base = [(side * s * 0.75, -s * 0.25), (side * s * 1.45, -s * 0.55), (side * s * 1.55, 0), (side * s * 1.45, s * 0.55), (side * s * 0.75, s * 0.25)]
        cv.poly(move(rotate(base, rot), x, y), shade(c, -0.1))
        for k in (-0.35, 0, 0.35):
            cv.line(move(rotate([(side * s * 0.85, k * s * 0.3), (side * s * 1.45, k * s * 1.25)], rot), x, y), shade(c, -0.35) + (160,), 2)
    cv.gellipse(x, y, s, s * 0.78, shade(c, 0.3), c, shade(c, -0.3), rot=rot)
    hx, hy = rotate([(-s * 0.3, -s * 0.4)], rot)[0]
    cv.ellipse(x + hx, y + hy, s * 0.45, s * 0.15, (255, 255, 255, 110), rot=rot - 10)


def chocoteja_open(cv, x, y, s, rng):
    """An unwrapped chocoteja: a chocolate dome with a pecan on top."""
    cv.shadow(x, y + s * 0.55, s * 1.05, s * 0.3, alpha=120, blur=8)
    cv.ellipse(x, y + s * 0.35, s, s * 0.32, hexc("#2e1a12"))
    dome = oval(x, y + s * 0.35, s, s * 0.95, math.pi, 2 * math.pi, n=40)
    cv.gpoly(dome + oval(x, y + s * 0.35, s, s * 0.32, 0, math.pi, n=20), "#6b3d26", "#4a2818", "#2e1a12", direction="h")
    cv.ellipse(x - s * 0.4, y - s * 0.2, s * 0.22, s * 0.35, (255, 255, 255, 55), rot=20)
    # pecan half
    p = hexc("#9b5a2c")
    cv.ellipse(x, y - s * 0.55, s * 0.5, s * 0.22, p, outline=shade(p, -0.4), width=2)
    for k in (-0.25, 0, 0.25):
        cv.line([(x - s * 0.42, y - s * 0.55 + k * s * 0.5), (x + s * 0.42, y - s * 0.55 + k * s * 0.5)], shade(p, -0.35) + (160,), 2)


def puck(cv, x, y, rx, ry, th, col, top=None, bulge=0.07):
    """A disc with rounded edges (a cookie), seen from slightly above; y is the top centre."""
    c = hexc(col) if isinstance(col, str) else col
    n = 12
    f = [1 - bulge + bulge * math.sin(math.pi * i / n) for i in range(n + 1)]
    left = [(x - rx * f[i], y + th * i / n) for i in range(n + 1)]
    right = [(x + rx * f[i], y + th * i / n) for i in range(n + 1)][::-1]
    pts = left + oval(x, y + th, rx * f[-1], ry, math.pi, 0, n=40) + right
    cv.gpoly(pts, *cyl_side(c, warm=True), direction="h")
    cv.gellipse(x, y, rx * f[0], ry, *(top or [shade(c, 0.2), c]))


def alfajor(cv, x, y, rx, cookie="#f2d199", filling="#9c4f1a", sugar=True, rng=None, tilt=0.32):
    """One alfajor, side view: two soft cookies and a thick line of manjar blanco. y = top centre."""
    ry = rx * tilt
    th = rx * 0.2
    c, fc = hexc(cookie), hexc(filling)
    cv.shadow(x, y + th * 2.4 + ry * 0.7, rx * 1.05, ry * 0.7, alpha=110, blur=10)
    puck(cv, x, y + th * 1.35, rx, ry, th, shade(c, -0.05))
    # manjar: glossy band slightly wider than the cookies
    band = [(x - rx * 1.0, y + th * 0.95)] + oval(x, y + th * 1.4, rx * 1.0, ry, math.pi, 0, n=40) + [(x + rx * 1.0, y + th * 0.95)]
    cv.gpoly(band, shade(fc, -0.35), shade(fc, 0.25), fc, shade(fc, -0.4), direction="h")
    cv.ellipse(x, y + th * 0.95, rx * 1.0, ry, fc)
    for k in range(5):
        bx = x - rx * 0.8 + k * rx * 0.4
        cv.ellipse(bx, y + th * 1.25 + ry * 0.9 * math.sqrt(max(0, 1 - ((bx - x) / rx) ** 2)), rx * 0.09, th * 0.22, shade(fc, -0.1))
    puck(cv, x, y, rx, ry, th, c)
    if sugar and rng is not None:
        cv.ellipse(x, y, rx * 0.93, ry * 0.9, (255, 255, 255, 150))
        for _ in range(int(rx * 3)):
            a = rng.uniform(0, 2 * math.pi)
            r = math.sqrt(rng.random())
            cv.dot(x + r * rx * 0.98 * math.cos(a), y + r * ry * 0.98 * math.sin(a), rng.uniform(1.0, 2.6), (255, 255, 255, 230))
        for _ in range(int(rx * 0.8)):
            a = rng.uniform(0.1, math.pi - 0.1)
            cv.dot(x + rx * 0.97 * math.cos(a) * rng.uniform(0.9, 1.0), y + ry * math.sin(a) + rng.uniform(0, th * 0.8), rng.uniform(1.0, 2.0), (255, 255, 255, 200))


def flower(cv, x, y, r, petal, center="#ffd23f", n=5, rot=0):
    pc = hexc(petal) if isinstance(petal, str) else petal
    for i in range(n):
        a = math.radians(rot + 360 * i / n)
        cv.ellipse(x + math.cos(a) * r * 0.62, y + math.sin(a) * r * 0.62, r * 0.52, r * 0.36, pc, rot=math.degrees(a))
        cv.ellipse(x + math.cos(a) * r * 0.62, y + math.sin(a) * r * 0.62, r * 0.3, r * 0.14, shade(pc, 0.3) + (120,), rot=math.degrees(a))
    cv.circle(x, y, r * 0.3, hexc(center))
    cv.circle(x - r * 0.08, y - r * 0.08, r * 0.12, shade(hexc(center), 0.4))


def small_leaf(cv, x, y, length, width, rot, col="#3d8b3d", vein=True):
    c = hexc(col)
    pts = move(rotate(leaf_pts(length, width), rot), x, y)
    cv.gpoly(pts, shade(c, 0.2), c, shade(c, -0.2))
    if vein:
        cv.line(move(rotate([(0, length * 0.05), (0, length * 0.9)], rot), x, y), shade(c, -0.35), max(1.5, width * 0.12))


# --------------------------------------------------------------------------- scenes (one per photo)
# Each scene draws on a Canvas whose logical size is the photo's (upright) size.


def scene_huevos(cv, rng):
    backdrop(cv, "#f7efe1", "#ecdcc3", table_y=cv.h * 0.56, table=("#c48a55", "#9c6537"), seed="huevos")
    with cv.at(cv.w * 0.5, cv.h * 0.62, 1.22):
        cv.shadow(0, 215, 290, 70, alpha=130, blur=22)
        basket_of_eggs(cv, rng)
    for x, y, rot in ((150, 1030, -70), (265, 1080, 20), (740, 1060, 80)):
        cv.shadow(x + 6, y + 42, 44, 13, alpha=120, blur=8)
        quail_egg(cv, x, y, 40, 52, rot, rng)


def bowl(cv, x, y, rx, col, content=None, content2=None, depth=0.55):
    ry = rx * 0.32
    c = hexc(col)
    cv.shadow(x, y + rx * depth * 0.95, rx * 0.75, ry * 0.6, alpha=110, blur=12)
    body = oval(x, y, rx, rx * depth, 0, math.pi, n=48)
    cv.gpoly(body, *cyl_side(c), direction="h")
    cv.ellipse(x, y, rx, ry, shade(c, 0.15))
    if content:
        cv.gellipse(x, y + ry * 0.1, rx * 0.9, ry * 0.82, shade(hexc(content), 0.2), hexc(content), content2 or shade(hexc(content), -0.15), direction="r")
        cv.ellipse(x - rx * 0.35, y - ry * 0.15, rx * 0.25, ry * 0.18, (255, 255, 255, 110))


def scene_sancochados(cv, rng):
    backdrop(cv, "#fbf3e4", "#f1dfc4", table_y=cv.h * 0.45, table=("#f3c9c0", "#e9b2a6"), kind="cloth", seed="sanc")
    plate(cv, 560, 610, 340, 170, rim_col="#2f7fb5")
    eggs = []
    for row, (y, n) in enumerate(((520, 4), (560, 5), (600, 6), (640, 5), (680, 4))):
        for i in range(n):
            x = 560 + (i - (n - 1) / 2) * 66 + rng.uniform(-8, 8)
            lift = 45 * (1 - abs(i - (n - 1) / 2) / 3) * (1 - abs(row - 2) / 3)
            eggs.append((y - lift + rng.uniform(-5, 5), x, rng.uniform(-80, 80)))
    for y, x, rot in sorted(eggs):
        cv.shadow(x + 4, y + 34, 36, 10, alpha=90, blur=6)
        quail_egg(cv, x, y, 32, 43, rot, rng, base="#f3ecdc", peeled=True)
    for _ in range(7):
        parsley(cv, rng.uniform(430, 690), rng.uniform(480, 700), 20, rng)
    bowl(cv, 930, 470, 120, "#c9572f", "#f2b31d", "#e08a12")
    with cv.at(180, 720, 0.95):
        for x, y, rot in ((0, 0, -80), (80, 30, 10), (-10, 90, 60)):
            cv.shadow(x + 6, y + 42, 42, 12, alpha=120, blur=8)
            quail_egg(cv, x, y, 40, 52, rot, rng)


def scene_encurtidos(cv, rng):
    backdrop(cv, "#e5f0ec", "#cfe0da", table_y=cv.h * 0.7, seed="enc")
    cx, top, bot, w = 600, 250, 770, 200
    cv.shadow(cx, bot + 10, w * 1.05, 30, alpha=130, blur=18)
    jar = rrect_pts(cx - w, top, cx + w, bot, 60)
    cv.gpoly(jar, "#d8dcc0", "#e8e6c4", "#cfd3b0", direction="h")
    with cv.clip(jar):
        cv.gpoly(jar, "#efe4b4", "#e6d69a", direction="v")
        items = []
        for row in range(6):
            for col in range(4):
                items.append((top + 70 + row * 80 + rng.uniform(-12, 12), cx - w + 45 + col * 105 + (row % 2) * 45 + rng.uniform(-10, 10)))
        for y, x in items:
            quail_egg(cv, x, y, 38, 48, rng.uniform(-70, 70), rng, base="#f1e3b6", peeled=True)
            if rng.random() < 0.35:
                cv.ellipse(x + rng.uniform(-40, 40), y + rng.uniform(-30, 30), 36, 20, None, outline=hexc("#8e3a74", 220), width=6, rot=rng.uniform(0, 180))
            if rng.random() < 0.25:
                small_leaf(cv, x + 20, y - 30, 70, 18, rng.uniform(0, 360), "#6f8f3a")
            if rng.random() < 0.5:
                cv.dot(x + rng.uniform(-40, 40), y + rng.uniform(-40, 40), 6, hexc("#3a2a20"))
        cv.gpoly(rrect_pts(cx - w, top, cx - w + 60, bot, 30), "#ffffff", "#eef2e0", direction="h", alpha=70)
        cv.rect(cx + w - 90, top + 40, cx + w - 60, bot - 60, (255, 255, 255, 70), r=14)
        cv.rect(cx - w + 40, top + 30, cx - w + 70, bot - 40, (255, 255, 255, 110), r=14)
    cv.poly(jar, outline=(255, 255, 255, 180), width=5)
    # lid
    frustum(cv, cx, top - 60, w * 0.82, 26, 70, w * 0.82, 26, ["#9a7a2a", "#f1d77a", "#d7b44a", "#9a7a2a"], ["#f4de8c", "#c9a33e"])
    for i in range(24):
        x = cx - w * 0.8 + i * (w * 1.6 / 23)
        cv.line([(x, top - 40), (x, top + 20)], (120, 90, 30, 90), 2, round_caps=False)
    # label
    lab = (cx - w + 30, top + 250, cx + w - 30, top + 390)
    cv.rect(*lab, hexc("#c9a97c"), r=10)
    cv.rect(lab[0] + 12, lab[1] + 12, lab[2] - 12, lab[3] - 12, None, r=8, outline=hexc("#7a5a36"), width=3)
    quail_egg(cv, cx, top + 320, 34, 44, -15, rng)
    small_leaf(cv, cx - 50, top + 340, 60, 16, 120, "#5e7f32")
    small_leaf(cv, cx + 50, top + 340, 60, 16, 240, "#5e7f32")
    # herbs on the table
    for i, (x, a) in enumerate(((250, 200), (290, 230), (950, 150))):
        small_leaf(cv, x, 810, 90, 24, a, "#6f8f3a")
    for x in (330, 900, 930, 870):
        cv.ellipse(x, 830, 40, 22, None, outline=hexc("#8e3a74"), width=8)


def scene_alfajores(cv, rng):
    backdrop(cv, "#fbe7ea", "#f4d2d8", table_y=cv.h * 0.52, table=("#efe4d6", "#dccbb6"), kind="linen", seed="alf")
    board = rrect_pts(150, 540, 1050, 830, 40)
    cv.soft_poly(move(board, 10, 20), alpha=110, blur=16)
    cv.gpoly(board, "#d6a56d", "#b9814a")
    cv.rect(150, 812, 1050, 838, hexc("#8c5a2e"), r=10)
    with cv.clip(board):
        for _ in range(30):
            x, y = rng.uniform(170, 1000), rng.uniform(555, 800)
            cv.line([(x, y), (x + rng.uniform(40, 160), y + rng.uniform(-2, 2))], (120, 75, 35, 50), 2, round_caps=False)
    for i, dx in enumerate((0, -10, 8)):
        alfajor(cv, 420 + dx, 560 - i * 88, 150, sugar=(i == 2), rng=rng)
    alfajor(cv, 760, 580, 140, sugar=True, rng=rng, tilt=0.36)
    alfajor(cv, 620, 690, 130, sugar=True, rng=rng, tilt=0.38)
    alfajor(cv, 900, 690, 110, sugar=True, rng=rng, tilt=0.38)
    for _ in range(500):
        x, y = rng.uniform(200, 1000), rng.uniform(570, 800)
        cv.dot(x, y, rng.uniform(0.8, 2.2), (255, 255, 255, 140))


def scene_alfajores_cafe(cv, rng):
    backdrop(cv, "#f3e6d6", "#e4cfb5", table_y=cv.h * 0.52, table=("#8a5a36", "#6b4226"), seed="alfc")
    scatter_beans(cv, rng, (120, 600, 1100, 860), 24, (13, 18))
    for i, dx in enumerate((0, 8, -6)):
        alfajor(cv, 430 + dx, 560 - i * 84, 140, cookie="#9a6440", filling="#e0b070", sugar=False, rng=rng)
    alfajor(cv, 730, 660, 125, cookie="#9a6440", filling="#e0b070", sugar=False, rng=rng, tilt=0.38)
    with cv.at(900, 430, 0.6):
        coffee_cup(cv, rng)


def coffee_cup(cv, rng, cup="#ffffff", saucer=True):
    c = hexc(cup)
    if saucer:
        cv.shadow(0, 200, 260, 50, alpha=110, blur=16)
        cv.ellipse(0, 180, 250, 70, shade(c, -0.25))
        cv.gellipse(0, 170, 250, 68, shade(c, -0.05), c)
        cv.ellipse(0, 172, 150, 38, shade(c, -0.12))
    # handle
    cv.ellipse(175, 40, 70, 60, None, outline=shade(c, -0.2), width=26)
    cv.ellipse(175, 40, 70, 60, None, outline=c, width=16)
    body = [(-170, -40)] + bezier((-170, -40), (-165, 120), (-110, 175), (0, 178), n=24) + bezier((0, 178), (110, 175), (165, 120), (170, -40), n=24)
    cv.gpoly(body, shade(c, -0.3), shade(c, 0.1), c, shade(c, -0.15), shade(c, -0.35), direction="h")
    cv.ellipse(0, -40, 170, 46, shade(c, -0.1))
    cv.gellipse(0, -34, 152, 38, "#6b3a1c", "#3b1e0e", direction="r")
    cv.ellipse(-20, -40, 110, 24, (196, 140, 90, 90))
    cv.ellipse(-60, -44, 40, 9, (255, 255, 255, 60))
    cv.ellipse(-110, 40, 18, 70, (255, 255, 255, 90))
    steam(cv, 0, -90, 230, n=3, spread=60, alpha=110)


def scene_taza(cv, rng):
    backdrop(cv, "#efe2d0", "#dcc6a9", table_y=cv.h * 0.55, table=("#7d5133", "#5e3a22"), seed="taza")
    with cv.at(540, 440, 1.2):
        coffee_cup(cv, rng)
    for x, y, r in ((400, 700, 10), (470, 718, 30), (640, 720, -20), (700, 700, 50)):
        bean(cv, x, y, 15, r)
    cv.shadow(960, 700, 110, 25, alpha=120, blur=12)
    wrapped_candy(cv, 960, 660, 62, "#c9a227", rot=-12)
    chocoteja_open(cv, 1050, 790, 48, rng)
    scatter_beans(cv, rng, (80, 640, 300, 860), 9, (14, 18))


def scene_chocotejas(cv, rng):
    backdrop(cv, "#f5ece2", "#e9d8c4", table_y=cv.h * 0.45, table=("#9a6a45", "#7a4d2d"), seed="choc")
    cols = ["#d4a017", "#c0392b", "#16a085", "#8e44ad", "#e67e80", "#2e86c1", "#d35400"]
    spots = [(300, 470, -8), (560, 450, 6), (820, 470, -4), (430, 600, 10), (700, 610, -10)]
    for i, (x, y, r) in enumerate(spots):
        cv.shadow(x, y + 50, 120, 22, alpha=120, blur=12)
        wrapped_candy(cv, x, y, 70, cols[i], rot=r)
    chocoteja_open(cv, 420, 770, 80, rng)
    chocoteja_open(cv, 700, 790, 80, rng)
    # loose pecans
    for x, y, r in ((950, 740, 20), (1010, 800, -30), (180, 780, 40)):
        p = hexc("#9b5a2c")
        cv.ellipse(x, y, 40, 20, p, outline=shade(p, -0.4), width=2, rot=r)
        cv.line(move(rotate([(-34, 0), (34, 0)], r), x, y), shade(p, -0.4), 3)


def scene_pudin(cv, rng):
    backdrop(cv, "#f6ead9", "#ead6bb", table_y=cv.h * 0.48, table=("#e9e0d2", "#d6c8b2"), kind="linen", seed="pud")
    plate(cv, 600, 620, 400, 190, rim_col="#c46a4a")
    # the slice: a block seen from above-front
    x0, x1, yt, yb, depth = 400, 760, 470, 640, 90
    cv.soft_poly([(x0, yb), (x1, yb), (x1 + 60, yb - depth * 0.3), (x1 + 60, yt), (x0, yt)], alpha=90, blur=16)
    front = [(x0, yt), (x1, yt), (x1, yb), (x0, yb)]
    cv.gpoly(front, "#d79a4e", "#c9853c", "#b56f2c")
    with cv.clip(front):
        for _ in range(60):
            cv.ellipse(rng.uniform(x0, x1), rng.uniform(yt, yb), rng.uniform(6, 18), rng.uniform(4, 10), (245, 210, 150, 110))
        for _ in range(22):
            cv.poly(blob_pts(rng.uniform(x0 + 10, x1 - 10), rng.uniform(yt + 20, yb - 10), 9, 7, rng, 0.25, 10), hexc("#4b2336"))
    side = [(x1, yt), (x1 + 90, yt - depth), (x1 + 90, yb - depth), (x1, yb)]
    cv.gpoly(side, "#a8652a", "#8f5420")
    top = [(x0, yt), (x0 + 90, yt - depth), (x1 + 90, yt - depth), (x1, yt)]
    cv.gpoly(top, "#8c4a14", "#b0651f", "#7a3e10", direction="h")
    cv.poly(top, outline=hexc("#5e2c08", 160), width=2)
    for _ in range(7):
        x = rng.uniform(x0 + 15, x1 - 15)
        ln = rng.uniform(20, 70)
        cv.line([(x, yt - 2), (x, yt + ln)], hexc("#8c4a14"), rng.uniform(9, 14))
    cv.line([(x0 + 120, yt - 40), (x1 + 20, yt - 50)], (255, 255, 255, 80), 6)
    # caramel pool and fork
    cv.poly(blob_pts(420, 700, 90, 26, rng, 0.15), hexc("#9a5416", 200))
    fork = rrect_pts(860, 560, 1140, 580, 10)
    cv.poly(rotate(fork, 15, 1000, 570), hexc("#b9bcc2"))
    for k in range(4):
        cv.line(rotate([(760, 548 + k * 8), (860, 552 + k * 6)], 15, 1000, 570), hexc("#b9bcc2"), 5)


def scene_torta(cv, rng):
    backdrop(cv, "#fde8ec", "#f7cfd8", table_y=cv.h * 0.62, table=("#f2e4dc", "#e2cfc2"), kind="linen", seed="torta")
    # stand
    cv.shadow(600, 830, 260, 30, alpha=120, blur=16)
    frustum(cv, 600, 700, 60, 18, 120, 150, 40, cyl_side("#f7f7f7"), "#ffffff")
    cv.gellipse(600, 690, 380, 90, "#ffffff", "#e7e3e3")
    cv.ellipse(600, 702, 380, 90, None, outline=hexc("#d8d0d0"), width=3)
    frustum(cv, 600, 470, 300, 80, 200, 300, 80, cyl_side("#5a2e1a"), ["#6e3a22", "#3e1c0e"])
    for i in range(14):
        a = math.pi * (i + 0.5) / 14
        x = 600 - 300 * math.cos(a)
        y = 470 + 80 * math.sin(a)
        cv.line([(x, y), (x, y + rng.uniform(40, 110))], hexc("#3e1c0e"), rng.uniform(16, 24))
    cv.ellipse(560, 455, 160, 30, (255, 255, 255, 50))
    for x, y in ((480, 450), (560, 430), (650, 440), (720, 465), (600, 490), (520, 500), (680, 500)):
        cv.poly(heart_pts(x, y + 10, 34), hexc("#d62839"))
        for _ in range(6):
            cv.dot(x + rng.uniform(-16, 16), y + rng.uniform(-4, 24), 2, hexc("#ffe08a"))
        for a in (-40, 0, 40):
            cv.poly(move(rotate(leaf_pts(26, 8), 180 + a), x, y - 10), hexc("#2f8a3a"))


def potato_slice(cv, x, y, r, col="#f3dc8c", rot=0):
    c = hexc(col)
    cv.ellipse(x, y + r * 0.12, r, r * 0.55, shade(c, -0.25), rot=rot)
    cv.gellipse(x, y, r, r * 0.55, shade(c, 0.25), c, rot=rot)


def scene_causa(cv, rng):
    backdrop(cv, "#f2ece0", "#e3d6c2", table_y=cv.h * 0.45, table=("#4f7f8c", "#3c6470"), kind="linen", seed="causa")
    plate(cv, 600, 640, 420, 190, col="#fdfcf8")
    for a in range(0, 360, 30):
        x = 600 + 300 * math.cos(math.radians(a))
        y = 650 + 125 * math.sin(math.radians(a))
        if a not in (60, 90, 120):
            cv.ellipse(x, y, 13, 7, hexc("#f0b323"))
    cx, top, h, rx, ry = 600, 390, 250, 165, 52
    cv.shadow(cx, top + h + 20, rx * 1.05, ry * 0.8, alpha=120, blur=10)
    # layers from the bottom up: potato, filling, avocado, potato
    layers = [(top + h * 0.62, h * 0.38, "#f5c842"), (top + h * 0.46, h * 0.16, "#f1e4c4"), (top + h * 0.32, h * 0.14, "#8fbf4a"), (top, h * 0.32, "#f5c842")]
    for y, lh, col in layers:
        c = hexc(col)
        frustum(cv, cx, y, rx, ry, lh, rx, ry, cyl_side(c))
        if col == "#f1e4c4":
            with cv.clip([(cx - rx, y)] + oval(cx, y + lh, rx, ry, math.pi, 0, n=40) + [(cx + rx, y)]):
                for _ in range(40):
                    xx = rng.uniform(cx - rx, cx + rx)
                    yy = y + ry * math.sqrt(max(0, 1 - ((xx - cx) / rx) ** 2)) + rng.uniform(0, lh)
                    cv.line([(xx, yy), (xx + rng.uniform(-14, 14), yy + rng.uniform(-3, 3))], hexc("#d8c49a"), 3)
    cv.gellipse(cx, top, rx, ry, "#ffe07a", "#f3c23a")
    # topping: avocado fan, egg, olive, parsley
    for i in range(6):
        a = -75 + i * 30
        p = [(x, y * 0.32) for x, y in rotate(leaf_pts(120, 30), a)]
        p = move(p, cx - 60, top - 8)
        cv.poly(move(p, 0, 5), hexc("#4f7a22"))
        cv.gpoly(p, "#e2f09a", "#a8d255", "#8cbf3e")
    cv.ellipse(cx + 70, top - 2, 44, 16, hexc("#d9d6cc"))
    cv.ellipse(cx + 70, top - 6, 44, 16, hexc("#fbfbf6"))
    cv.gellipse(cx + 70, top - 6, 22, 8, "#ffd35a", "#f2a91f", direction="r")
    olive(cv, cx + 10, top - 20, 16)
    parsley(cv, cx + 110, top - 18, 22, rng)
    cv.ellipse(cx - 90, top + 120, 14, 70, (255, 255, 255, 60))


def scene_aji_de_gallina(cv, rng):
    backdrop(cv, "#f4ead8", "#e6d4b8", table_y=cv.h * 0.42, table=("#b3472f", "#8e3321"), kind="linen", seed="aji")
    plate(cv, 600, 620, 450, 215, col="#fdfcf8", rim_col="#e2b04a")
    # sauce
    sauce = blob_pts(690, 620, 230, 110, rng, 0.08)
    cv.gpoly(sauce, "#ffd55c", "#f2b42a", "#e39a17", direction="r")
    with cv.clip(sauce):
        for _ in range(120):
            x, y = rng.uniform(470, 920), rng.uniform(520, 730)
            cv.line([(x, y), (x + rng.uniform(-16, 16), y + rng.uniform(-5, 5))], hexc("#f7e3a6", 200), 4)
        for _ in range(25):
            cv.ellipse(rng.uniform(470, 920), rng.uniform(520, 730), rng.uniform(8, 22), rng.uniform(3, 6), (255, 255, 255, 70))
    # rice dome
    cv.shadow(400, 680, 130, 30, alpha=120, blur=10)
    frustum(cv, 400, 560, 130, 42, 100, 135, 44, cyl_side("#f7f5ee"), "#ffffff")
    for _ in range(220):
        a = rng.uniform(0, 2 * math.pi)
        r = math.sqrt(rng.random())
        x = 400 + r * 125 * math.cos(a)
        y = 560 + r * 40 * math.sin(a) + (rng.uniform(0, 100) if rng.random() < 0.5 and math.sin(a) > 0 else 0)
        cv.ellipse(x, y, 7, 3, hexc("#e6e1d2"), rot=rng.uniform(0, 180))
    potato_slice(cv, 330, 730, 56)
    potato_slice(cv, 420, 745, 52)
    egg_slice(cv, 720, 560, 48, half=True)
    olive(cv, 820, 600, 22)
    olive(cv, 640, 690, 20)
    parsley(cv, 770, 660, 28, rng)


def scene_huancaina(cv, rng):
    backdrop(cv, "#eef0e2", "#dde1c9", table_y=cv.h * 0.42, table=("#c9a77a", "#a8845a"), seed="huan")
    plate(cv, 600, 620, 450, 215, col="#fdfcf8")
    for i, (x, y, a) in enumerate(((400, 530, -20), (600, 500, 0), (800, 530, 20), (480, 560, -10), (720, 560, 10))):
        leaf = blob_pts(x, y, 120, 60, rng, 0.15, rot=a)
        cv.gpoly(leaf, "#c6e58a", "#7fb843", "#5c9a2e", direction="r")
        cv.line([(x - 90, y + 10), (x + 90, y - 5)], hexc("#e5f5c0", 180), 4)
    for x, y in ((390, 610), (810, 610), (470, 700), (730, 705), (600, 720), (520, 590), (680, 590)):
        potato_slice(cv, x, y, 82, "#f3d98f")
    sauce = blob_pts(600, 635, 200, 75, rng, 0.12)
    cv.soft_poly(move(sauce, 0, 12), alpha=60, blur=8)
    cv.gpoly(sauce, "#ffde6b", "#f7c12f", "#eaa71b", direction="r")
    for _ in range(10):
        cv.ellipse(rng.uniform(460, 740), rng.uniform(600, 670), rng.uniform(12, 26), rng.uniform(4, 7), (255, 255, 255, 90))
    for ang in (0.3, 0.9, 1.6, 2.3, 2.8):
        x = 600 + 190 * math.cos(ang)
        y = 635 + 68 * math.sin(ang)
        cv.line([(x, y), (x + 15 * math.cos(ang), y + 45)], hexc("#f2b92a"), 20)
    egg_slice(cv, 745, 655, 44, half=True, rot=-14)
    egg_slice(cv, 830, 610, 40, half=True, rot=18)
    olive(cv, 470, 640, 21)
    olive(cv, 545, 705, 20)
    parsley(cv, 620, 640, 24, rng)


def scene_chicha(cv, rng):
    backdrop(cv, "#f7efe2", "#eadbc4", table_y=cv.h * 0.6, table=("#d9b98f", "#bf9b6d"), seed="chicha")
    # pitcher
    cx, top, bot = 430, 210, 760
    cv.shadow(cx, bot + 10, 210, 34, alpha=130, blur=18)
    cv.ellipse(cx + 215, 420, 75, 150, None, outline=hexc("#ffffff", 150), width=28)
    body = [(cx - 160, top)] + bezier((cx - 160, top), (cx - 220, 420), (cx - 230, bot - 60), (cx - 170, bot), n=24) + \
        oval(cx, bot, 170, 34, math.pi, 0, n=30) + bezier((cx + 170, bot), (cx + 230, bot - 60), (cx + 220, 420), (cx + 160, top), n=24)
    cv.gpoly(body, "#e7eef0", "#f8fbfb", "#dfe8ea", direction="h")
    liquid = [(cx - 195, 300)] + bezier((cx - 195, 300), (cx - 228, 450), (cx - 225, bot - 60), (cx - 165, bot - 8), n=24) + \
        oval(cx, bot - 8, 165, 30, math.pi, 0, n=30) + bezier((cx + 165, bot - 8), (cx + 225, bot - 60), (cx + 228, 450), (cx + 195, 300), n=24)
    cv.gpoly(liquid, "#3a0f3a", "#6b1f63", "#4a1346", "#2b0a2a", direction="h")
    cv.ellipse(cx, 300, 195, 38, hexc("#7a2a70"))
    with cv.clip(liquid):
        for x, y, r in ((cx - 80, 340, 20), (cx + 60, 360, -15), (cx - 10, 440, 10), (cx + 90, 520, 30)):
            cv.rect(x - 40, y - 40, x + 40, y + 40, (255, 255, 255, 70), r=12, rot=r)
        for x, y in ((cx - 110, 600), (cx + 40, 640), (cx + 120, 430)):
            cv.rect(x - 28, y - 22, x + 28, y + 22, hexc("#f2c230", 200), r=6, rot=rng.uniform(0, 90))
    cv.ellipse(cx, top, 160, 36, None, outline=hexc("#ffffff", 230), width=8)
    cv.poly([(cx - 160, top), (cx - 230, top - 30), (cx - 150, top - 10)], hexc("#ffffff", 220))
    cv.rect(cx - 175, 260, cx - 140, bot - 80, (255, 255, 255, 110), r=16)
    # glass
    gx, gt, gb = 820, 440, 780
    cv.shadow(gx, gb + 8, 110, 20, alpha=120, blur=12)
    g = [(gx - 105, gt), (gx + 105, gt), (gx + 85, gb), (gx - 85, gb)]
    cv.gpoly(g, "#eef3f4", "#ffffff", "#e3ebec", direction="h")
    lq = [(gx - 100, gt + 50), (gx + 100, gt + 50), (gx + 86, gb - 10), (gx - 86, gb - 10)]
    cv.gpoly(lq, "#3a0f3a", "#6b1f63", "#2b0a2a", direction="h")
    cv.ellipse(gx, gt + 50, 100, 20, hexc("#7a2a70"))
    cv.ellipse(gx, gt, 105, 22, None, outline=hexc("#ffffff", 230), width=6)
    cv.rect(gx - 80, gt + 30, gx - 60, gb - 30, (255, 255, 255, 110), r=8)
    # lemon slice on the rim
    cv.circle(gx + 95, gt - 10, 52, hexc("#9ccc3a"))
    cv.circle(gx + 95, gt - 10, 44, hexc("#e6f2a0"))
    for k in range(8):
        a = math.radians(k * 45)
        cv.line([(gx + 95, gt - 10), (gx + 95 + 40 * math.cos(a), gt - 10 + 40 * math.sin(a))], hexc("#b9d66a"), 3)
    # purple corn cob
    with cv.at(990, 800, 0.9):
        cv.shadow(0, 30, 140, 20, alpha=110, blur=10)
        cob = oval(0, 0, 140, 46, n=60, rot=-8)
        cv.gpoly(cob, "#5a1a5a", "#3a0c3a", "#1f051f")
        with cv.clip(cob):
            for i in range(-8, 9):
                for j in range(-3, 4):
                    x, y = rotate([(i * 17 + (j % 2) * 8, j * 13)], -8)[0]
                    cv.ellipse(x, y, 8, 6, hexc("#6a2368"), outline=hexc("#2a0828"), width=1)
        for a in (150, 175, 200):
            cv.poly(move(rotate(leaf_pts(120, 30), a + 90 - 30), 130, -10), hexc("#d8c48a"))


def coffee_bag(cv, x, y, s=1.0):
    """A kraft coffee bag with a drawn label; (x, y) = bottom centre."""
    with cv.at(x, y, s):
        w, h = 170, 430
        cv.shadow(0, 5, w * 1.1, 26, alpha=130, blur=16)
        bag = [(-w, 0), (-w + 10, -h), (w - 10, -h), (w, 0)]
        cv.gpoly(bag, "#a7794a", "#c99b68", "#d4a878", "#a27245", direction="h")
        cv.rect(-w + 6, -h - 40, w - 6, -h + 20, hexc("#b88a59"))
        for i in range(18):
            xx = -w + 15 + i * (2 * w - 30) / 17
            cv.line([(xx, -h - 36), (xx, -h + 16)], (90, 60, 30, 110), 3, round_caps=False)
        cv.rect(-w + 6, -h + 20, w - 6, -h + 28, (80, 50, 20, 90))
        # label
        cv.ellipse(0, -h * 0.45, w * 0.72, w * 0.8, hexc("#f6efdf"))
        cv.ellipse(0, -h * 0.45, w * 0.62, w * 0.7, None, outline=hexc("#4b6b2e"), width=5)
        cv.poly([(-90, -h * 0.45 + 55), (-35, -h * 0.45 - 40), (5, -h * 0.45 + 10), (40, -h * 0.45 - 60), (100, -h * 0.45 + 55)], hexc("#4b6b2e"))
        cv.poly([(28, -h * 0.45 - 42), (40, -h * 0.45 - 60), (52, -h * 0.45 - 42)], hexc("#ffffff"))
        cv.circle(-60, -h * 0.45 - 55, 20, hexc("#e9a23b"))
        bean(cv, 0, -h * 0.45 + 80, 26, 20)
        cv.circle(w - 45, -h + 90, 20, hexc("#6e4a2a"))
        cv.circle(w - 45, -h + 90, 9, hexc("#3e2814"))
        cv.rect(-w + 14, -h + 40, -w + 40, -30, (255, 255, 255, 45), r=10)


def scene_cafe_grano(cv, rng):
    backdrop(cv, "#eef2e6", "#dce5d0", table_y=cv.h * 0.58, table=("#8a5d3b", "#6a4328"), seed="grano")
    coffee_bag(cv, 480, 770, 1.05)
    # pile of beans
    pile = []
    for i in range(70):
        a = rng.uniform(0, math.pi)
        r = rng.random() ** 0.6
        pile.append((760 + 130 * r * math.cos(a) * 1.3, 770 - 70 * r * math.sin(a) * (1 - r * 0.3)))
    for x, y in sorted(pile, key=lambda p: p[1]):
        bean(cv, x, y, 17, rng.uniform(0, 180))
    scatter_beans(cv, rng, (660, 790, 1100, 860), 12, (15, 18))
    # scoop
    with cv.at(1000, 660, 1.0):
        cv.shadow(0, 50, 130, 22, alpha=110, blur=10)
        cv.rect(40, -10, 200, 16, hexc("#b07a45"), r=8, rot=-10)
        cv.gellipse(-20, 0, 90, 60, "#c48b52", "#8e5a2c")
        cv.ellipse(-20, -10, 80, 30, hexc("#3a2010"))
        for _ in range(12):
            bean(cv, -20 + rng.uniform(-60, 60), -14 + rng.uniform(-16, 10), 14, rng.uniform(0, 180))


def scene_cafe_molido(cv, rng):
    backdrop(cv, "#f1eadf", "#e0d3bf", table_y=cv.h * 0.6, table=("#9b6d46", "#7a512f"), seed="molido")
    cx, top, bot, w = 470, 300, 780, 170
    cv.shadow(cx, bot + 8, w * 1.1, 26, alpha=130, blur=16)
    jar = rrect_pts(cx - w, top, cx + w, bot, 40)
    cv.gpoly(jar, "#e8eef0", "#ffffff", "#e2e9eb", direction="h")
    ground = rrect_pts(cx - w + 12, top + 90, cx + w - 12, bot - 10, 32)
    cv.gpoly(ground, "#5a3620", "#4a2a18", "#3a2010", direction="v")
    with cv.clip(ground):
        for _ in range(900):
            cv.dot(rng.uniform(cx - w, cx + w), rng.uniform(top + 80, bot), rng.uniform(1, 2.5), hexc(rng.choice(["#7a4d2e", "#2e1a0e", "#6a4026"])))
        cv.rect(cx - w + 20, top + 100, cx - w + 50, bot - 30, (255, 255, 255, 60), r=14)
    cv.poly(jar, outline=(255, 255, 255, 200), width=5)
    frustum(cv, cx, top - 40, w * 0.9, 22, 50, w * 0.9, 22, cyl_side("#c4884a"), ["#d9a46a", "#a8703a"])
    cv.rect(cx - 100, top + 230, cx + 100, top + 330, hexc("#f6efdf"), r=10)
    bean(cv, cx, top + 280, 30, 30)
    # wooden spoon with a heap
    with cv.at(880, 760, 1.0):
        cv.shadow(0, 30, 210, 24, alpha=110, blur=10)
        cv.rect(-20, -14, 240, 14, hexc("#c99a62"), r=14, rot=-8)
        cv.gellipse(-80, 0, 110, 60, "#d8aa70", "#a87a44")
        heap = blob_pts(-80, -20, 95, 45, rng, 0.06)
        cv.gpoly(heap, "#6a4026", "#3a2010")
        for _ in range(200):
            cv.dot(-80 + rng.uniform(-85, 85), -20 + rng.uniform(-35, 35) * 0.9, rng.uniform(1, 2.2), hexc(rng.choice(["#8a5a36", "#2e1a0e"])))
    scatter_beans(cv, rng, (700, 820, 1150, 870), 8, (14, 17))
    scatter_beans(cv, rng, (120, 800, 300, 870), 6, (14, 17))


EMB = ["#d62839", "#f4a300", "#1d70b8", "#e85a9b", "#7b3fa0", "#f26b1d"]


def shirt_shape(cx, top, w, h, sleeve=1.0, short=False):
    """Polygons (body, left sleeve, right sleeve) of a shirt laid flat."""
    sh = w * 0.5
    body = [(cx - sh, top + 20), (cx - 70, top - 5), (cx + 70, top - 5), (cx + sh, top + 20),
            (cx + sh * 0.92, top + h * 0.35), (cx + sh * 0.98, top + h), (cx - sh * 0.98, top + h), (cx - sh * 0.92, top + h * 0.35)]
    if short:
        ls = [(cx - sh, top + 20), (cx - sh - 120 * sleeve, top + 150), (cx - sh - 60 * sleeve, top + 230), (cx - sh * 0.92, top + h * 0.33)]
    else:
        ls = [(cx - sh, top + 20), (cx - sh - 165 * sleeve, top + h * 0.6), (cx - sh - 62 * sleeve, top + h * 0.68), (cx - sh * 0.92, top + h * 0.3)]
    rs = [(2 * cx - x, y) for x, y in ls]
    return body, ls, rs


def draw_shirt(cv, rng, cx, top, w, h, cloth="#fbfaf4", short=False, motifs="flowers", sleeve=1.0):
    c = hexc(cloth)
    body, ls, rs = shirt_shape(cx, top, w, h, sleeve, short)
    for p in (body, ls, rs):
        cv.soft_poly(move(p, 12, 18), alpha=90, blur=14)
    for p in (ls, rs):
        cv.gpoly(p, shade(c, -0.06), shade(c, -0.12))
    cv.gpoly(body, c, shade(c, -0.05), shade(c, -0.1))
    # folds
    for dx in (-0.25, 0.3):
        cv.soft_line([(cx + dx * w, top + h * 0.45), (cx + dx * w * 1.1, top + h * 0.95)], 10, 40, 8, (90, 80, 70))
    # neck opening, collar band and placket
    warm = mix(c, (150, 120, 90), 0.25)
    cv.ellipse(cx, top + 5, 74, 36, warm)
    cv.line(oval(cx, top + 5, 78, 40, 0.05, math.pi - 0.05, n=40), shade(c, -0.12), 18)
    cv.line(oval(cx, top + 3, 78, 40, 0.05, math.pi - 0.05, n=40), c, 12)
    cv.line([(cx, top + 48), (cx, top + h * 0.38)], shade(c, -0.14), 3)
    for i in range(4):
        cv.circle(cx + 12, top + 75 + i * 55, 7, shade(c, -0.12))
        cv.circle(cx + 12, top + 75 + i * 55, 3, shade(c, -0.22))
    # cuffs
    for p in (ls, rs):
        (x1, y1), (x2, y2) = p[1], p[2]
        cv.line([(x1, y1), (x2, y2)], shade(c, -0.12), 6)
    if motifs not in ("flowers", "birds"):
        return
    # embroidered yoke: two rows around the neck
    rx, ry = 125 * w / 420, 95 * w / 420
    for i in range(13):
        a = math.radians(22 + i * 136 / 12)
        x = cx + rx * 1.75 * math.cos(a)
        y = top + 10 + ry * 1.7 * math.sin(a)
        small_leaf(cv, x, y, 30, 11, math.degrees(a) - 90 + 70, "#2f8a3a", vein=False)
        small_leaf(cv, x, y, 30, 11, math.degrees(a) - 90 - 70, "#3d9a45", vein=False)
        flower(cv, x, y, 13, EMB[(i + 3) % 6], n=5, rot=i * 11)
    for i in range(9):
        a = math.radians(12 + i * 156 / 8)
        x = cx + rx * 1.2 * math.cos(a)
        y = top + 10 + ry * 1.1 * math.sin(a)
        if i % 2 and motifs == "birds":
            bird(cv, x, y, 24, EMB[i % len(EMB)], flip=(x < cx))
        else:
            flower(cv, x, y, 27, EMB[i % len(EMB)], n=5 + i % 2, rot=i * 17)
    for k in range(3):
        flower(cv, cx - 24, top + 150 + k * 60, 11, EMB[(k + 2) % 6])
    for p, sgn in ((ls, -1), (rs, 1)):
        (x1, y1), (x2, y2) = p[1], p[2]
        for t in (0.15, 0.5, 0.85):
            flower(cv, x1 + (x2 - x1) * t - sgn * 8, y1 + (y2 - y1) * t - 24, 13, EMB[int(t * 10) % 6])
    for k in range(9):
        x = cx - w * 0.42 + k * w * 0.84 / 8
        small_leaf(cv, x - 14, top + h - 28, 22, 8, -120, "#2f8a3a", vein=False)
        small_leaf(cv, x + 14, top + h - 28, 22, 8, 120, "#2f8a3a", vein=False)
        flower(cv, x, top + h - 34, 13, EMB[k % 6])


def bird(cv, x, y, s, col, flip=False):
    f = -1 if flip else 1
    c = hexc(col)
    cv.poly([(x - f * s * 0.6, y), (x - f * s * 1.4, y - s * 0.45), (x - f * s * 1.3, y + s * 0.3)], shade(c, -0.2))
    cv.ellipse(x, y, s * 0.75, s * 0.5, c)
    cv.circle(x + f * s * 0.6, y - s * 0.35, s * 0.35, c)
    cv.poly([(x + f * s * 0.9, y - s * 0.4), (x + f * s * 1.25, y - s * 0.3), (x + f * s * 0.9, y - s * 0.22)], hexc("#f4a300"))
    cv.circle(x + f * s * 0.68, y - s * 0.42, s * 0.07, hexc("#222222"))
    cv.ellipse(x - f * s * 0.1, y - s * 0.05, s * 0.45, s * 0.22, shade(c, 0.3), rot=f * -20)


def linen_bg(cv, c1, c2, seed):
    flat_backdrop(cv, c1, c2, "r")
    rng = seeded(seed)
    for _ in range(int(cv.w * cv.h / 1500)):
        x, y = rng.uniform(0, cv.w), rng.uniform(0, cv.h)
        if rng.random() < 0.5:
            cv.line([(x, y), (x + rng.uniform(8, 30), y)], (255, 255, 255, 40), 1, round_caps=False)
        else:
            cv.line([(x, y), (x, y + rng.uniform(8, 30))], (120, 100, 80, 25), 1, round_caps=False)


def scene_camisa_flores(cv, rng):
    linen_bg(cv, "#e9dcc8", "#cdb899", "camisa")
    draw_shirt(cv, rng, 450, 230, 420, 800)
    # sprig of flowers and thread spools around
    with cv.at(120, 1090, 1.0):
        spool(cv, 0, 0, "#d62839")
    with cv.at(780, 1110, 1.0):
        spool(cv, 0, 0, "#1d70b8")


def spool(cv, x, y, col):
    cv.shadow(x + 8, y + 40, 60, 18, alpha=110, blur=8)
    cv.rect(x - 55, y - 60, x + 55, y + 50, hexc("#d9b07a"), r=8)
    cv.gpoly(rrect_pts(x - 45, y - 48, x + 45, y + 38, 6), *cyl_side(hexc(col)), direction="h")
    for k in range(10):
        cv.line([(x - 45, y - 44 + k * 9), (x + 45, y - 40 + k * 9)], shade(hexc(col), -0.25) + (120,), 2, round_caps=False)


def stitch_fill(cv, pts, col, angle, spacing=5, seed=1):
    """Satin stitches: parallel short lines inside pts."""
    c = hexc(col) if isinstance(col, str) else col
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
    r = max(max(xs) - min(xs), max(ys) - min(ys))
    with cv.clip(pts):
        cv.poly(pts, shade(c, -0.15))
        k = -r
        i = 0
        while k < r:
            line = rotate([(cx + k, cy - r), (cx + k, cy + r)], angle, cx, cy)
            cv.line(line, shade(c, 0.22 if i % 2 else 0.05), spacing * 0.75, round_caps=False)
            k += spacing
            i += 1
    cv.poly(pts, outline=shade(c, -0.3), width=1.5)


def scene_camisa_detalle(cv, rng):
    W, H = cv.w, cv.h
    flat_backdrop(cv, "#fdfcf6", "#ece8dc")
    for i in range(0, W, 6):
        cv.line([(i, 0), (i, H)], (200, 190, 170, 40), 1, round_caps=False)
    for j in range(0, H, 6):
        cv.line([(0, j), (W, j)], (200, 190, 170, 35), 1, round_caps=False)
    # stem with stem-stitch
    stem = bezier((200, 980), (300, 700), (420, 600), (520, 470), n=30)
    for i in range(len(stem) - 1):
        cv.line([stem[i], (stem[i + 1][0] + 6, stem[i + 1][1] + 4)], hexc("#2f7a30"), 9)
    for (x, y, a, col) in ((300, 760, -60, "#3f8f3a"), (350, 690, 140, "#2f7a30"), (250, 880, 120, "#57a847"), (430, 590, -40, "#3f8f3a")):
        lf = move(rotate(leaf_pts(150, 48), a), x, y)
        stitch_fill(cv, lf, col, a + 50, 6)
    # the big flower: petals in satin stitch
    fx, fy = 560, 420
    for i in range(8):
        a = i * 45 + 10
        p = move(rotate(leaf_pts(230, 75), a - 90), fx, fy)
        stitch_fill(cv, p, EMB[i % 2 * 3] if i % 2 else "#e8364a", a, 6)
    for i in range(8):
        a = i * 45 + 32
        p = move(rotate(leaf_pts(130, 38), a - 90), fx, fy)
        stitch_fill(cv, p, "#f4a300", a, 5)
    for _ in range(60):
        a = rng.uniform(0, 2 * math.pi)
        r = 55 * math.sqrt(rng.random())
        x, y = fx + r * math.cos(a), fy + r * math.sin(a)
        cv.circle(x, y, 8, hexc("#5a2d82"))
        cv.circle(x - 2, y - 2, 3.5, hexc("#9b6bc4"))
    # small flowers
    for (x, y, col) in ((830, 760, "#1d70b8"), (760, 880, "#e85a9b"), (150, 300, "#1d70b8")):
        for i in range(5):
            p = move(rotate(leaf_pts(70, 28), i * 72 - 90), x, y)
            stitch_fill(cv, p, col, i * 72, 5)
        cv.circle(x, y, 14, hexc("#f4d000"))
    # needle and thread
    nd = [(700, 150), (930, 60)]
    cv.line(nd, hexc("#9ea4ab"), 9)
    cv.line([(700, 150), (690, 154)], hexc("#9ea4ab"), 5)
    cv.ellipse(905, 70, 12, 4, hexc("#4a4a4a"), rot=-21)
    thread = bezier((905, 70), (980, 200), (820, 260), (700, 330), n=40)
    cv.line(thread, hexc("#d62839"), 5)


def scene_camisa_nina(cv, rng):
    linen_bg(cv, "#fbe3e6", "#f0c4cb", "nina")
    # wooden hanger
    cv.line([(600, 95), (600, 130)], hexc("#9aa0a6"), 8)
    cv.ellipse(600, 80, 22, 22, None, outline=hexc("#9aa0a6"), width=7)
    cv.poly([(600, 130), (380, 210), (390, 228), (600, 150), (810, 228), (820, 210)], hexc("#c08a50"))
    draw_shirt(cv, rng, 600, 215, 380, 560, cloth="#cfe7f7", short=True, motifs="birds", sleeve=1.0)


def scene_gorro(cv, rng):
    backdrop(cv, "#e6eef5", "#d2dde8", table_y=cv.h * 0.72, table=("#efe9df", "#ddd3c4"), kind="linen", seed="gorro")
    cx, base, w = 600, 700, 300
    wool = hexc("#d9a21b")
    cv.shadow(cx, base + 30, w * 1.05, 40, alpha=130, blur=18)
    dome = oval(cx, base - 120, w * 0.95, 380, math.pi, 2 * math.pi, n=60) + [(cx + w * 0.95, base - 100), (cx - w * 0.95, base - 100)]
    cv.gpoly(dome, shade(wool, -0.25), shade(wool, 0.12), wool, shade(wool, -0.3), direction="h")
    with cv.clip(dome):
        for i in range(-16, 17):
            x = cx + i * 22
            cv.line(bezier((x, base - 80), (x + i * 4, base - 300), (cx + i * 9, base - 500), n=20), shade(wool, -0.18) + (150,), 5)
        cv.shadow(cx - 120, base - 320, 80, 140, alpha=60, blur=40, color=(255, 240, 200))
    # folded band
    band = rrect_pts(cx - w, base - 150, cx + w, base, 40)
    cv.gpoly(band, shade(wool, -0.2), shade(wool, 0.1), wool, shade(wool, -0.3), direction="h")
    for i in range(-26, 27):
        x = cx + i * 11.5
        cv.line([(x, base - 140), (x, base - 10)], shade(wool, -0.14) + (120,), 3, round_caps=False)
    cv.rect(cx - w, base - 110, cx + w, base - 40, hexc("#f7f0e1"))
    for k in range(9):
        x = cx - w + 35 + k * (2 * w - 70) / 8
        if k % 2:
            small_leaf(cv, x - 12, base - 75, 26, 9, -110, "#2f8a3a", vein=False)
            small_leaf(cv, x + 12, base - 75, 26, 9, 110, "#2f8a3a", vein=False)
        else:
            flower(cv, x, base - 75, 24, EMB[(k // 2) % 6])
    cv.line([(cx - w, base - 110), (cx + w, base - 110)], hexc("#c0392b"), 5, round_caps=False)
    cv.line([(cx - w, base - 40), (cx + w, base - 40)], hexc("#c0392b"), 5, round_caps=False)
    # pompom
    py = base - 505
    cv.shadow(cx, py + 60, 80, 20, alpha=80, blur=10)
    cv.gellipse(cx, py, 95, 90, shade(wool, 0.2), shade(wool, -0.2), direction="r")
    for _ in range(260):
        a = rng.uniform(0, 2 * math.pi)
        r = rng.uniform(40, 100)
        x, y = cx + r * math.cos(a), py + r * 0.95 * math.sin(a)
        cv.line([(x, y), (x + 14 * math.cos(a), y + 14 * math.sin(a))], shade(wool, rng.uniform(-0.3, 0.3)), 4)


def scene_sombrero(cv, rng):
    backdrop(cv, "#eaf3ee", "#d3e4d9", table_y=cv.h * 0.64, table=("#c69c6d", "#a77d50"), seed="somb")
    straw = hexc("#e3c27a")
    cx, cy = 600, 600
    cv.shadow(cx + 20, cy + 50, 470, 110, alpha=120, blur=24)
    brim = oval(cx, cy, 470, 150, n=120)
    cv.gpoly(brim, shade(straw, 0.15), straw, shade(straw, -0.2), direction="v")
    with cv.clip(brim):
        for r in range(60, 480, 18):
            cv.ellipse(cx, cy, r, r * 150 / 470, None, outline=shade(straw, -0.16) + (120,), width=3)
    cv.ellipse(cx, cy, 470, 150, None, outline=shade(straw, -0.3), width=4)
    cv.ellipse(cx, cy - 10, 220, 70, shade(straw, -0.35))
    crown = [(cx - 210, cy - 5)] + bezier((cx - 210, cy - 5), (cx - 220, cy - 200), (cx - 170, cy - 300), (cx, cy - 305), n=24) + \
        bezier((cx, cy - 305), (cx + 170, cy - 300), (cx + 220, cy - 200), (cx + 210, cy - 5), n=24) + oval(cx, cy - 5, 210, 68, 0, math.pi, n=40)
    cv.gpoly(crown, shade(straw, -0.25), shade(straw, 0.18), straw, shade(straw, -0.3), direction="h")
    with cv.clip(crown):
        for y in range(int(cy - 300), int(cy + 70), 16):
            cv.line([(cx - 230, y), (cx + 230, y + 6)], shade(straw, -0.14) + (110,), 3, round_caps=False)
        # ribbon with embroidered flowers
        rib = [(cx - 215, cy - 150), (cx + 215, cy - 150)] + oval(cx, cy - 70, 215, 68, 0, math.pi, n=40)
        cv.poly(rib, hexc("#1f2a5a"))
        for k in range(7):
            a = math.pi * (k + 0.5) / 7
            x = cx + 200 * math.cos(a)
            y = cy - 110 + 60 * math.sin(a)
            flower(cv, x, y, 24 * (0.6 + 0.4 * math.sin(a)), EMB[k % 6])
    for x, y, a in ((1000, 800, 30), (1050, 760, 80)):
        flower(cv, x, y, 30, "#e85a9b")


def sneaker(cv, x, y, s=1.0, upper="#fbfbfb", accent="#19b5a5", flip=False, dim=0.0):
    with cv.at(x, y, s):
        f = -1 if flip else 1
        U = lambda pts: [(f * px, py) for px, py in pts]
        up = shade(hexc(upper), -dim)
        ac = shade(hexc(accent), -dim)
        cv.shadow(0, 5, 280, 26, alpha=130, blur=14)
        outline = (bezier((-255, -40), (-272, -120), (-262, -190), (-232, -205), n=14)
                   + bezier((-232, -205), (-160, -215), (-110, -190), (-75, -172), n=12)
                   + bezier((-75, -172), (-60, -222), (-10, -228), (5, -200), n=12)
                   + bezier((5, -200), (90, -160), (180, -115), (235, -88), n=16)
                   + bezier((235, -88), (268, -72), (275, -50), (268, -40), n=8))
        cv.gpoly(U(outline), shade(up, 0.05), shade(up, -0.12), direction="v")
        # toe cap and heel counter
        cv.gpoly(U(bezier((140, -125), (230, -100), (275, -70), (268, -40), n=12) + [(140, -40)]), shade(up, -0.03), shade(up, -0.1))
        cv.gpoly(U([(-258, -45)] + bezier((-265, -130), (-262, -190), (-232, -205), (-200, -205), n=10) + [(-175, -120), (-170, -45)]), shade(ac, 0.1), ac)
        # swoosh-like side stripe
        stripe = bezier((-150, -70), (-40, -80), (60, -130), (150, -150), n=20) + bezier((150, -150), (60, -110), (-40, -50), (-150, -55), n=20)
        cv.poly(U(stripe), ac)
        # collar lining and tongue
        cv.line(U(bezier((-232, -205), (-160, -215), (-110, -190), (-75, -172), n=12)), shade(ac, -0.2), 10)
        cv.poly(U([(-75, -172), (-60, -222), (-10, -228), (5, -200), (-20, -185)]), shade(up, -0.08))
        # laces
        eyelets = [(-40 + i * 38, -182 + i * 17) for i in range(5)]
        for i, (ex, ey) in enumerate(eyelets):
            cv.circle(f * ex, ey, 5, shade(up, -0.35))
            cv.circle(f * (ex + 26), ey + 16, 5, shade(up, -0.35))
        for i in range(4):
            (ax, ay), (bx, by) = eyelets[i], eyelets[i + 1]
            cv.line(U([(ax, ay), (bx + 26, by + 16)]), shade(up, -0.18), 7)
            cv.line(U([(ax + 26, ay + 16), (bx, by)]), shade(up, -0.08), 7)
        cv.line(U(bezier((-40, -182), (-80, -150), (-70, -110), (-100, -80), n=12)), shade(up, -0.12), 6)
        # sole
        sole = rrect_pts(-268, -50, 276, 0, 24)
        cv.gpoly(U(sole), (245, 245, 240), (214, 212, 205))
        cv.line(U([(-255, -22), (262, -22)]), (190, 188, 180), 4, round_caps=False)
        for i in range(24):
            xx = -250 + i * 22
            cv.line(U([(xx, -48), (xx + 10, -48)]), (170, 168, 160), 2, round_caps=False)


def scene_zapatillas(cv, rng):
    backdrop(cv, "#e8f3f4", "#cfe4e6", table_y=cv.h * 0.6, table=("#f2efe9", "#dcd6cc"), kind="linen", seed="zap")
    cv.shadow(1010, 600, 170, 20, alpha=90, blur=12)
    cv.gpoly([(850, 420), (1170, 420), (1170, 600), (850, 600)], "#f7bd7d", "#e9954a")
    cv.gpoly([(838, 395), (1182, 395), (1182, 440), (838, 440)], "#fbd2a0", "#f2a65a")
    sneaker(cv, 460, 600, 0.95, dim=0.07)
    sneaker(cv, 640, 760, 1.05)


def sandal(cv, x, y, s, rot, flip=False):
    with cv.at(x, y, s):
        f = -1 if flip else 1
        pts = []
        for i in range(80):
            t = 2 * math.pi * i / 80
            wf = 0.72 + 0.28 * (1 + math.cos(t)) / 2
            px = 105 * math.sin(t) * wf + f * 18 * (1 + math.cos(t)) / 2
            py = -270 * math.cos(t)
            pts.append((px, py))
        sole = rotate(pts, rot)
        cv.soft_poly(move(sole, 10, 16), alpha=110, blur=12)
        cv.poly(move(sole, 0, 8), hexc("#6b3d1f"))
        cv.gpoly(sole, "#c99362", "#b07a48", direction="r")
        cv.poly(rotate([(p[0] * 0.9, p[1] * 0.94) for p in pts], rot), outline=hexc("#8a5a30"), width=3)
        for cyv, wdt in ((-130, 130), (-40, 120), (130, 110)):
            band = rotate(rrect_pts(-wdt, cyv - 28, wdt, cyv + 28, 18), rot)
            cv.soft_poly(move(band, 4, 8), alpha=90, blur=6)
            cv.gpoly(band, "#8a4b22", "#a45c2c", "#7a3f1a", direction="h")
            for k in range(-wdt + 10, wdt - 5, 22):
                for sgn in (-1, 1):
                    e = rotate(oval(k, cyv + sgn * 10, 14, 7, n=20, rot=sgn * 35), rot)
                    cv.poly(e, hexc("#c07a44") if sgn > 0 else hexc("#9a5a2c"))
        bx, by = rotate([(f * 100, 130)], rot)[0]
        cv.rect(bx - 14, by - 18, bx + 14, by + 18, hexc("#d4b04a"), r=4, outline=hexc("#8a7020"), width=3)


def scene_sandalias(cv, rng):
    linen_bg(cv, "#f3ead8", "#dcc9a8", "sand")
    sandal(cv, 320, 510, 1.3, -10, flip=True)
    sandal(cv, 690, 520, 1.3, 10)
    for i in range(4):
        small_leaf(cv, 870, 140 + i * 30, 120, 30, 140 + i * 20, "#5f9e48")


def boot(cv, x, y, s=1.0, col="#e79bb0", flip=False, dim=0.0):
    with cv.at(x, y, s):
        f = -1 if flip else 1
        U = lambda pts: [(f * px, py) for px, py in pts]
        c = shade(hexc(col), -dim)
        cv.shadow(0, 5, 250, 24, alpha=130, blur=14)
        outline = ([(-215, -40), (-222, -330), (-60, -340), (-55, -170)]
                   + bezier((-55, -170), (60, -140), (190, -110), (240, -60), n=16) + [(250, -40)])
        cv.gpoly(U(outline), shade(c, 0.12), c, shade(c, -0.15), direction="v")
        with cv.clip(U(outline)):
            rr = seeded(f"boot{flip}{col}")
            for _ in range(500):
                cv.dot(f * rr.uniform(-230, 250), rr.uniform(-340, -40), rr.uniform(1, 2.2), shade(c, rr.choice([-0.12, 0.12])) + (160,))
            cv.shadow(-160, -200, 40, 160, alpha=50, blur=20)
        cv.poly(U(outline), outline=shade(c, -0.3), width=2)
        cv.ellipse(f * -140, -336, 82, 14, shade(c, -0.4))
        # zip
        cv.line(U([(-120, -320), (-120, -70)]), (120, 120, 125), 8, round_caps=False)
        for yy in range(-318, -70, 10):
            cv.line(U([(-127, yy), (-113, yy)]), (170, 170, 175), 3, round_caps=False)
        cv.rect(f * -120 - 9, -330, f * -120 + 9, -295, hexc("#b8b8bd"), r=4)
        cv.line(U(bezier((-55, -170), (60, -140), (190, -110), (240, -60), n=16)), shade(c, -0.2), 3)
        # sole and heel
        cv.gpoly(U(rrect_pts(-220, -48, 258, 0, 20)), "#f4ead8", "#d8caaf")
        cv.gpoly(U([(-220, -10), (-120, -10), (-125, 12), (-215, 12)]), "#d8caaf", "#b9a98a")


def scene_botines(cv, rng):
    backdrop(cv, "#f4eef6", "#e2d7e6", table_y=cv.h * 0.62, table=("#eee6dc", "#d9cdbd"), kind="linen", seed="bot")
    boot(cv, 470, 640, 0.95, dim=0.08)
    boot(cv, 690, 770, 1.0)


def scene_suculenta(cv, rng):
    backdrop(cv, "#eef4ea", "#d8e6d2", table_y=cv.h * 0.7, table=("#d9c3a3", "#bfa47e"), seed="suc")
    painted_pot(cv, 600, 470, 1.12, rng, style=0)
    rosette(cv, 600, 430, 1.4, rng)
    for x, r in ((200, 0), (1000, 1)):
        with cv.at(x, 740, 0.35):
            painted_pot(cv, 0, 0, 1.0, rng, style=r + 1)
            rosette(cv, 0, -40, 1.0, rng, hue=r)


def painted_pot(cv, x, y, s, rng, style=0, plant=True):
    """A terracotta pot painted by hand; (x, y) = centre of the rim."""
    with cv.at(x, y, s):
        tc = hexc("#c8643b")
        cv.shadow(0, 300, 200, 36, alpha=130, blur=16)
        body = [(-200, 40)] + oval(0, 290, 150, 40, math.pi, 0, n=40) + [(200, 40)]
        cv.gpoly(body, *cyl_side(tc), direction="h")
        with cv.clip(body):
            if style == 0:
                cv.line([(-220, 110), (220, 110)], hexc("#f7efe1"), 26, round_caps=False)
                zz = [(-220 + i * 30, 110 + (-14 if i % 2 else 14)) for i in range(16)]
                cv.line(zz, hexc("#1d70b8"), 7)
                for k in range(6):
                    flower(cv, -150 + k * 60, 200 + (k % 2) * 20, 22, EMB[k % 6])
                for k in range(10):
                    cv.dot(-170 + k * 38, 265, 6, hexc("#f7efe1"))
            elif style == 1:
                for k in range(-6, 7):
                    cv.line([(k * 36, 40), (k * 30, 330)], hexc("#f4d35e") if k % 2 else hexc("#2a9d8f"), 14, round_caps=False)
            else:
                for row in range(5):
                    for k in range(-7, 8):
                        cv.dot(k * 30 + (row % 2) * 15, 80 + row * 45, 7, hexc(EMB[(row + k) % 6]))
            cv.shadow(-150, 160, 40, 150, alpha=50, blur=18, color=(255, 230, 200))
        frustum(cv, 0, 0, 215, 52, 55, 205, 50, cyl_side(shade(tc, 0.05)), None)
        with cv.clip([(-215, 0)] + oval(0, 55, 205, 50, math.pi, 0, n=40) + [(215, 0)]):
            cv.line(oval(0, 28, 212, 52, 0.1, math.pi - 0.1, n=40), hexc("#f7efe1"), 8)
        cv.ellipse(0, 0, 215, 52, shade(tc, 0.1))
        cv.ellipse(0, 4, 195, 44, hexc("#4a3022") if plant else shade(tc, -0.45))
        if plant:
            for _ in range(120):
                cv.dot(rng.uniform(-180, 180), rng.uniform(-30, 40), rng.uniform(2, 5), hexc(rng.choice(["#6b4a34", "#3a2418", "#8a6a50"])))


def spoon_pts(length, width, n=20):
    """A succulent leaf: narrow base, broad body, pointed tip; along +y from (0, 0)."""
    left, right = [], []
    for i in range(n + 1):
        t = i / n
        if t < 0.72:
            w = width * (0.3 + 0.7 * math.sin(math.pi / 2 * t / 0.72))
        else:
            w = width * ((1 - t) / 0.28) ** 0.8
        left.append((-w, length * t))
        right.append((w, length * t))
    return left + right[::-1]


def rosette(cv, x, y, s, rng, hue=0):
    """An echeveria seen from above at an angle; (x, y) = centre."""
    greens = [("#a9d3b0", "#6aa583", "#d98fa2"), ("#b5d98a", "#68a544", "#e0a070"), ("#c4d4e2", "#7896ae", "#c890b0")][hue % 3]
    with cv.at(x, y, s):
        rings = [(11, 165, 50, 0), (9, 132, 44, 18), (8, 100, 38, 5), (6, 72, 30, 28), (5, 44, 20, 10)]
        for ri, (n, ln, wd, off) in enumerate(rings):
            order = sorted(range(n), key=lambda i: math.sin(math.radians(off + i * 360 / n)))
            for i in order:
                a = off + i * 360 / n + rng.uniform(-6, 6)
                sq = lambda pts: [(px, py * 0.55) for px, py in rotate(pts, a - 90)]
                light = 0.14 * -math.sin(math.radians(a))
                base = shade(mix(hexc(greens[1]), hexc(greens[0]), ri / 5), light)
                leaf = spoon_pts(ln, wd)
                cv.poly(move(sq(leaf), 3, 7), shade(base, -0.5) + (110,))
                cv.poly(sq(leaf), base, outline=shade(base, -0.25), width=1.5)
                cv.poly(sq(spoon_pts(ln * 0.7, wd * 0.45)), shade(base, 0.22) + (150,))
                tip = [(px, py) for px, py in leaf if py > ln * 0.88]
                cv.poly(sq(tip), hexc(greens[2], 190))
        cv.circle(0, 0, 12, shade(hexc(greens[0]), 0.25))


def column_cactus(cv, x, y, h, w, col="#4f9a4f", rng=None, arms=True, flower_col=None):
    """A saguaro-like cactus standing on (x, y)."""
    c = hexc(col)

    def capsule(x0, y0, x1, y1, ww):
        pts = rrect_pts(x0 - ww, min(y0, y1), x0 + ww, max(y0, y1), ww)
        cv.gpoly(pts, shade(c, -0.25), shade(c, 0.15), c, shade(c, -0.3), direction="h")
        for k in (-0.45, 0, 0.45):
            cv.line([(x0 + k * ww, min(y0, y1) + ww * 0.6), (x0 + k * ww, max(y0, y1) - 4)], shade(c, -0.25) + (150,), 3)
        if rng:
            for _ in range(int(abs(y1 - y0) / 9)):
                sx, sy = x0 + rng.uniform(-ww, ww) * 0.85, rng.uniform(min(y0, y1) + 6, max(y0, y1))
                cv.line([(sx, sy), (sx + rng.uniform(-7, 7), sy - 7)], (250, 245, 220, 230), 1.5)

    if arms:
        cv.line([(x - w * 0.9, y - h * 0.45), (x - w * 1.7, y - h * 0.45)], shade(c, -0.1), w * 0.9)
        capsule(x - w * 1.7, y - h * 0.45 + w * 0.3, x - w * 1.7, y - h * 0.8, w * 0.45)
        cv.line([(x + w * 0.9, y - h * 0.3), (x + w * 1.6, y - h * 0.3)], shade(c, -0.1), w * 0.9)
        capsule(x + w * 1.6, y - h * 0.3 + w * 0.3, x + w * 1.6, y - h * 0.62, w * 0.45)
    capsule(x, y, x, y - h, w)
    if flower_col:
        flower(cv, x, y - h - 4, w * 0.55, flower_col, "#ffe08a", n=7)


def small_pot(cv, x, y, w, h, col, pattern=0):
    c = hexc(col)
    cv.shadow(x, y + h + 6, w * 1.1, 14, alpha=120, blur=10)
    body = [(x - w, y)] + oval(x, y + h, w * 0.78, w * 0.2, math.pi, 0, n=30) + [(x + w, y)]
    cv.gpoly(body, *cyl_side(c), direction="h")
    with cv.clip(body):
        if pattern == 0:
            for k in range(8):
                cv.dot(x - w + 15 + k * (2 * w - 30) / 7, y + h * 0.5, 7, hexc("#ffffff"))
        elif pattern == 1:
            zz = [(x - w + i * 22, y + h * 0.45 + (-12 if i % 2 else 12)) for i in range(int(2 * w / 22) + 2)]
            cv.line(zz, hexc("#ffffff"), 6)
        else:
            for k in range(-4, 5):
                cv.line([(x + k * 24, y), (x + k * 20, y + h)], hexc("#f4d35e"), 8, round_caps=False)
    cv.ellipse(x, y, w, w * 0.24, shade(c, 0.1))
    cv.ellipse(x, y + 2, w * 0.88, w * 0.19, hexc("#4a3022"))


def scene_cactus_trio(cv, rng):
    backdrop(cv, "#fdf1e4", "#f3dcc4", table_y=cv.h * 0.6, table=("#e8d5bb", "#d1b998"), kind="linen", seed="cactus")
    # left: column cactus
    column_cactus(cv, 280, 560, 300, 46, "#4f9a4f", rng, arms=True)
    small_pot(cv, 280, 560, 120, 170, "#2a9d8f", 0)
    # middle: barrel cactus with a pink flower
    bx, by = 600, 560
    for k in range(7):
        cv.gellipse(bx + (k - 3) * 24, by - 95, 40, 100, "#5aa860", "#3f8a48", rot=(k - 3) * 4)
    cv.shadow(bx - 40, by - 140, 40, 50, alpha=60, blur=20, color=(220, 255, 200))
    for k in range(-3, 4):
        for j in range(6):
            sx, sy = bx + k * 40 * (1 - j * 0.05), by - 170 + j * 28
            cv.line([(sx, sy), (sx - 6, sy - 8)], (255, 250, 220), 1.5)
            cv.line([(sx, sy), (sx + 6, sy - 8)], (255, 250, 220), 1.5)
    flower(cv, bx + 10, by - 200, 42, "#f06ea9", "#ffd23f", n=9)
    small_pot(cv, bx, by, 145, 170, "#e76f51", 1)
    # right: bunny-ear pads
    px, py = 920, 560
    for (dx, dy, rx, ry, r) in ((0, -120, 60, 90, 0), (-60, -230, 45, 65, -25), (60, -220, 45, 65, 25), (0, -300, 36, 50, 0)):
        cv.gellipse(px + dx, py + dy, rx, ry, "#8cc46a", "#5a9a3e", direction="r", rot=r)
        for _ in range(14):
            a = rng.uniform(0, 2 * math.pi)
            rr = math.sqrt(rng.random()) * 0.8
            cv.dot(px + dx + rx * rr * math.cos(a), py + dy + ry * rr * math.sin(a), 3, (250, 240, 200))
    small_pot(cv, px, py, 120, 170, "#f4a261", 2)


def scene_terrario(cv, rng):
    flat_backdrop(cv, "#f3f7f4", "#d7e4dd")
    cv.gpoly([(0, 720), (1000, 720), (1000, 1000), (0, 1000)], "#d9c3a3", "#bfa47e")
    cx, cy, r = 500, 520, 320
    cv.shadow(cx, cy + r - 10, r * 0.9, 40, alpha=140, blur=20)
    glass = oval(cx, cy, r, r, n=120)
    with cv.clip(glass):
        cv.gpoly(glass, "#eef5f3", "#dbe9e6", direction="r")
        layers = [(cy + 120, "#e9c98a"), (cy + 170, "#c7774a"), (cy + 205, "#f2e2b8"), (cy + 245, "#8a6a50")]
        for y, col in layers:
            wave = [(cx - r + i * 10, y + 8 * math.sin(i / 3)) for i in range(int(2 * r / 10) + 2)]
            cv.poly(wave + [(cx + r, cy + r), (cx - r, cy + r)], hexc(col))
        for _ in range(40):
            x = rng.uniform(cx - 250, cx + 250)
            cv.ellipse(x, cy + 120 + rng.uniform(-10, 10), rng.uniform(8, 16), rng.uniform(6, 10), hexc(rng.choice(["#ffffff", "#b8b8b8", "#d9d0c0", "#7a7a7a"])))
        column_cactus(cv, cx + 20, cy + 110, 190, 30, "#4f9a4f", rng, arms=False, flower_col="#f8b400")
        rosette(cv, cx - 130, cy + 95, 0.62, rng, hue=0)
        rosette(cv, cx + 150, cy + 105, 0.55, rng, hue=1)
        rosette(cv, cx - 10, cy + 140, 0.42, rng, hue=2)
    cv.ellipse(cx, cy - r * 0.72, r * 0.62, r * 0.16, hexc("#ffffff", 120), outline=(200, 215, 212, 255), width=6)
    cv.poly(glass, outline=(200, 215, 212, 230), width=7)
    cv.line(oval(cx, cy, r * 0.86, r * 0.86, math.radians(200), math.radians(250), n=20), (255, 255, 255, 200), 16)
    cv.line(oval(cx, cy, r * 0.86, r * 0.86, math.radians(258), math.radians(266), n=6), (255, 255, 255, 200), 16)


def scene_maceta(cv, rng):
    backdrop(cv, "#f6efe6", "#e8dccd", table_y=cv.h * 0.66, table=("#e0cdb2", "#c8b08e"), kind="linen", seed="maceta")
    painted_pot(cv, 450, 500, 1.45, rng, style=0, plant=False)
    # paint brush and two small paint pots
    with cv.at(700, 1080, 1.0):
        cv.shadow(0, 10, 160, 14, alpha=100, blur=8)
        cv.rect(-150, -12, 80, 12, hexc("#2a6f97"), r=10, rot=-8)
        cv.rect(70, -15, 120, 15, hexc("#b8b8bd"), rot=-8)
        cv.poly(rotate([(120, -14), (175, -6), (185, 0), (175, 6), (120, 14)], -8), hexc("#e63946"))
    for i, (x, col) in enumerate(((130, "#1d70b8"), (250, "#f4a300"))):
        frustum(cv, x, 1040, 50, 14, 60, 50, 14, cyl_side("#f2f2f2"), None)
        cv.ellipse(x, 1040, 50, 14, hexc("#eeeeee"))
        cv.ellipse(x, 1042, 42, 11, hexc(col))


def stitches(cv, pts, col, dash=14, gap=10, width=3, closed=True):
    """A dashed 'sewn' line along pts."""
    pts = list(pts) + ([pts[0]] if closed else [])
    carry = 0.0
    on = True
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        seg = math.hypot(x1 - x0, y1 - y0)
        pos = 0.0
        while pos < seg:
            step = min((dash if on else gap) - carry, seg - pos)
            if on:
                a, b = pos / seg, (pos + step) / seg
                cv.line([(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a), (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)], col, width, round_caps=False)
            pos += step
            carry += step
            if carry >= (dash if on else gap) - 1e-6:
                carry = 0.0
                on = not on


def leaf_print(cv, x, y, s, rot, col):
    c = hexc(col)
    pts = move(rotate(leaf_pts(120 * s, 45 * s), rot), x, y)
    cv.poly(pts, c + (225,))
    spine = move(rotate([(0, 0), (0, 115 * s)], rot), x, y)
    cv.line(spine, shade(c, 0.35) + (200,), 3 * s)
    for k in range(1, 6):
        t = k / 6.5
        for sgn in (-1, 1):
            vein = move(rotate([(0, 115 * s * t), (sgn * 30 * s * math.sin(math.pi * t), 115 * s * t + 18 * s)], rot), x, y)
            cv.line(vein, shade(c, 0.35) + (180,), 2 * s)


def scene_bolsa_hojas(cv, rng):
    W, H = cv.w, cv.h
    flat_backdrop(cv, "#eaf1e6", "#cfdcc8")
    for i in range(0, W, 90):
        cv.line([(i, 0), (i, H)], (255, 255, 255, 50), 2, round_caps=False)
    # wooden peg
    cv.shadow(450, 215, 60, 20, alpha=100, blur=10)
    cv.rect(300, 160, 600, 190, hexc("#a8703f"), r=8)
    cv.circle(450, 200, 26, hexc("#8c5a2e"))
    # handles
    for dx in (-1, 1):
        cv.line(bezier((450 + dx * 120, 470), (450 + dx * 130, 250), (450 + dx * 30, 190), (450, 200), n=30), hexc("#d8cdb4"), 30)
        cv.line(bezier((450 + dx * 120, 470), (450 + dx * 130, 250), (450 + dx * 30, 190), (450, 200), n=30), hexc("#e9dfc8"), 20)
    bag = [(200, 450), (700, 450), (730, 1080), (170, 1080)]
    cv.soft_poly(move(bag, 16, 22), alpha=100, blur=18)
    cv.gpoly(bag, "#f4ecd9", "#e9dfc6", "#ddd0b3", direction="v")
    with cv.clip(bag):
        for _ in range(1500):
            x, y = rng.uniform(170, 730), rng.uniform(450, 1080)
            cv.line([(x, y), (x + 5, y)], (150, 130, 100, 40), 1, round_caps=False)
        greens = ["#3f7d3a", "#5a9a3e", "#2f6a3a", "#7aa84a"]
        for i, (x, y, s, r) in enumerate(((290, 540, 1.2, 200), (520, 600, 1.5, 150), (330, 760, 1.4, 230), (640, 790, 1.3, 120),
                                          (250, 960, 1.1, 170), (470, 930, 1.3, 210), (650, 560, 0.9, 190), (600, 1000, 1.0, 100))):
            leaf_print(cv, x, y, s, r, greens[i % 4])
        cv.shadow(190, 760, 30, 320, alpha=60, blur=20)
        cv.shadow(715, 760, 30, 320, alpha=60, blur=20)
    cv.rect(200, 450, 700, 500, hexc("#e9dfc6"))
    stitches(cv, [(205, 495), (695, 495)], hexc("#b8a888"), closed=False)
    for x in (330, 570):
        cv.rect(x - 32, 450, x + 32, 520, hexc("#d8cdb4"))
        cv.line([(x - 22, 470), (x + 22, 505)], hexc("#b8a888"), 3)
        cv.line([(x + 22, 470), (x - 22, 505)], hexc("#b8a888"), 3)


def llama(cv, x, y, s, body="#fbf7ef", blanket=("#d62839", "#f4a300", "#1d70b8")):
    """A stitched fabric llama; (x, y) = top of its head."""
    with cv.at(x, y, s):
        c = hexc(body)
        parts = [
            rrect_pts(-60, 0, 20, 70, 35),  # head
            rrect_pts(-50, 30, 10, 230, 28),  # neck
            rrect_pts(-60, 190, 190, 320, 60),  # body
            rrect_pts(-45, 290, -10, 400, 16), rrect_pts(10, 290, 45, 400, 16),
            rrect_pts(120, 290, 155, 400, 16), rrect_pts(150, 290, 185, 395, 16),
            oval(190, 220, 28, 22, n=20),  # tail
            move(rotate(leaf_pts(55, 15), 170), -45, 12), move(rotate(leaf_pts(55, 15), 190), -5, 12),  # ears
            rrect_pts(-110, 28, -30, 68, 20),  # snout
        ]
        for p in parts:
            cv.soft_poly(move(p, 8, 12), alpha=70, blur=8)
        for p in parts:
            cv.gpoly(p, shade(c, 0.05), shade(c, -0.12))
        for p in parts:
            stitches(cv, [(px * 0.96 + (sum(q[0] for q in p) / len(p)) * 0.04, py * 0.96 + (sum(q[1] for q in p) / len(p)) * 0.04) for px, py in p],
                     shade(c, -0.35), dash=8, gap=7, width=2)
        # blanket
        bl = rrect_pts(0, 170, 150, 250, 14)
        cv.poly(bl, hexc(blanket[0]))
        with cv.clip(bl):
            for k, col in enumerate(blanket[1:] * 2):
                yy = 185 + k * 16
                zz = [(xx, yy + (6 if (xx // 15) % 2 else -6)) for xx in range(0, 160, 15)]
                cv.line(zz, hexc(col), 6)
        for k in range(6):
            cv.line([(10 + k * 26, 250), (10 + k * 26, 268)], hexc(blanket[1 + k % 2]), 5)
        cv.circle(-35, 30, 7, hexc("#2b2b2b"))
        cv.circle(-37, 28, 2.5, hexc("#ffffff"))
        cv.circle(-98, 48, 4, hexc("#6b4a3a"))
        cv.circle(-50, 60, 9, hexc("#f4a6b8", 200))


def key_ring(cv, x, y, r=60):
    cv.ellipse(x, y, r, r, None, outline=hexc("#8f959c"), width=12)
    cv.ellipse(x, y, r, r, None, outline=hexc("#d6dbe0"), width=6)
    cv.line(oval(x, y, r, r, math.radians(200), math.radians(250), n=10), (255, 255, 255, 220), 3)


def chain(cv, x0, y0, x1, y1, n=6):
    for i in range(n):
        t = (i + 0.5) / n
        x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
        ang = math.degrees(math.atan2(y1 - y0, x1 - x0))
        if i % 2:
            cv.ellipse(x, y, 16, 5, hexc("#b9bec4"), rot=ang)
        else:
            cv.ellipse(x, y, 16, 10, None, outline=hexc("#9aa0a6"), width=5, rot=ang)


def scene_llavero_llama(cv, rng):
    flat_backdrop(cv, "#fff4e0", "#f3d9b5")
    confetti(cv, "llama", ["#f4a300", "#e85a9b", "#1d70b8", "#2a9d8f"], 26, size=(4, 8), alpha=90)
    cv.rect(0, 120, 900, 150, hexc("#a8703f"))
    cv.line([(430, 150), (430, 190)], hexc("#8f959c"), 8)
    key_ring(cv, 430, 250, 62)
    chain(cv, 430, 312, 400, 420, 6)
    llama(cv, 425, 420, 1.65)


def scene_llaveros(cv, rng):
    flat_backdrop(cv, "#eef3fb", "#d3dff0")
    cv.shadow(600, 190, 520, 14, alpha=90, blur=10)
    cv.rect(60, 160, 1140, 190, hexc("#b07a45"), r=12)
    for i, (x, kind, col) in enumerate(((280, "heart", "#d62839"), (600, "cactus", "#4f9a4f"), (920, "star", "#f4b400"))):
        cv.line([(x, 190), (x, 230)], hexc("#8f959c"), 7)
        key_ring(cv, x, 280, 48)
        chain(cv, x, 328, x, 420, 4)
        c = hexc(col)
        if kind == "heart":
            shape = heart_pts(x, 560, 150)
        elif kind == "star":
            shape = star_pts(x, 570, 170, 80)
        else:
            shape = rrect_pts(x - 55, 430, x + 55, 720, 55)
        top = min(p[1] for p in shape)
        cv.line([(x, 415), (x, top + 12)], hexc("#9aa0a6"), 5)
        cv.circle(x, top + 10, 9, None, outline=hexc("#9aa0a6"), width=4)
        cv.soft_poly(move(shape, 10, 14), alpha=90, blur=10)
        cv.gpoly(shape, shade(c, 0.2), c, shade(c, -0.15), direction="r")
        if kind == "cactus":
            for sgn, yy in ((-1, 560), (1, 520)):
                arm = rrect_pts(x + sgn * 55 - 28, yy - 70, x + sgn * 55 + 28 + sgn * 30, yy + 20, 28)
                cv.gpoly(arm, shade(c, 0.2), c)
                stitches(cv, arm, shade(c, 0.45), dash=8, gap=7, width=2)
            cv.rect(x - 80, 700, x + 80, 780, hexc("#e76f51"), r=14)
            stitches(cv, rrect_pts(x - 72, 708, x + 72, 772, 10), hexc("#ffffff"), dash=8, gap=7, width=2)
            flower(cv, x, 440, 26, "#f06ea9")
        inner = [(px * 0.93 + x * 0.07, py * 0.93 + 570 * 0.07) for px, py in shape]
        stitches(cv, inner, shade(c, 0.5), dash=10, gap=8, width=2.5)
        cv.circle(x - 25, 560, 7, hexc("#2b2b2b"))
        cv.circle(x + 25, 560, 7, hexc("#2b2b2b"))
        cv.line(oval(x, 585, 20, 12, 0.3, math.pi - 0.3, n=12), hexc("#2b2b2b"), 4)


def scene_cartuchera(cv, rng):
    backdrop(cv, "#f6efe6", "#eadfcf", table_y=cv.h * 0.4, table=("#f2ece2", "#ded3c2"), kind="linen", seed="cart")
    # pencils peeking out
    for i, (col, a) in enumerate((("#e63946", -14), ("#2a9d8f", -4), ("#f4a300", 8))):
        pencil(cv, 560 + i * 60, 380, 300, 22, col, 90 + a - 180, rng, pattern=i)
    x0, y0, x1, y1 = 250, 420, 950, 760
    body = rrect_pts(x0, y0, x1, y1, 80)
    cv.soft_poly(move(body, 12, 20), alpha=110, blur=16)
    cols = ["#e76f51", "#2a9d8f", "#f4d35e", "#8e5ea2", "#f28482", "#457b9d"]
    with cv.clip(body):
        k = 0
        for yy in range(y0, y1, 110):
            for xx in range(x0 - (yy // 110 % 2) * 80, x1, 170):
                p = [(xx, yy), (xx + 170, yy), (xx + 170, yy + 110), (xx, yy + 110)]
                cv.poly(p, hexc(cols[k % 6]))
                if k % 3 == 0:
                    for dx in range(0, 170, 28):
                        for dy in range(0, 110, 28):
                            cv.dot(xx + dx + 14, yy + dy + 14, 5, (255, 255, 255, 150))
                elif k % 3 == 1:
                    for dy in range(8, 110, 20):
                        cv.line([(xx, yy + dy), (xx + 170, yy + dy)], (255, 255, 255, 90), 6, round_caps=False)
                stitches(cv, [(xx + 4, yy + 4), (xx + 166, yy + 4), (xx + 166, yy + 106), (xx + 4, yy + 106)], (255, 255, 255, 160), dash=9, gap=7, width=2)
                k += 1
        cv.shadow(600, y1, 400, 60, alpha=80, blur=30)
        cv.shadow(600, y0 + 40, 380, 30, alpha=60, blur=20, color=(255, 255, 255))
    # zipper
    cv.rect(x0 + 40, y0 + 20, x1 - 40, y0 + 44, hexc("#3a3a3a"), r=8)
    for xx in range(x0 + 46, x1 - 44, 10):
        cv.line([(xx, y0 + 22), (xx, y0 + 42)], hexc("#c9ced3"), 4, round_caps=False)
    cv.rect(x1 - 160, y0 + 14, x1 - 120, y0 + 50, hexc("#c9ced3"), r=6)
    cv.rect(x1 - 150, y0 + 50, x1 - 130, y0 + 110, hexc("#9aa0a6"), r=6)
    for k in range(7):
        cv.line([(x1 - 140, y0 + 110), (x1 - 165 + k * 8, y0 + 190)], hexc(cols[k % 6]), 5)
    cv.circle(x1 - 140, y0 + 112, 12, hexc("#e63946"))


def pencil(cv, x, y, length, w, col, rot, rng, pattern=0):
    """A decorated pencil; (x, y) = centre, rot in degrees (0 = tip to the right)."""
    c = hexc(col)
    L = length / 2
    body = [(-L, -w), (L * 0.7, -w), (L * 0.7, w), (-L, w)]
    R = lambda pts: move(rotate(pts, rot), x, y)
    cv.soft_poly(R(move([(-L, -w), (L, 0), (-L, w)], 8, 14)), alpha=70, blur=8)
    cv.soft_poly(R(move(body, 8, 14)), alpha=80, blur=8)
    cv.gpoly(R(body), shade(c, 0.25), c, shade(c, -0.25))
    cv.poly(R([(-L, -w * 0.33), (L * 0.7, -w * 0.33), (L * 0.7, w * 0.33), (-L, w * 0.33)]), shade(c, 0.12) + (120,))
    # decoration
    if pattern == 0:
        for k in range(6):
            xx = -L * 0.6 + k * L * 0.25
            cv.poly(R([(xx, -w), (xx + 10, -w), (xx + 22, w), (xx + 12, w)]), (255, 255, 255, 200))
    elif pattern == 1:
        for k in range(7):
            cv.circle(*R([(-L * 0.65 + k * L * 0.2, (k % 2 - 0.5) * w * 0.9)])[0], w * 0.28, (255, 255, 255, 220))
    elif pattern == 2:
        for k in range(4):
            cv.poly(R(heart_pts(-L * 0.5 + k * L * 0.35, 0, w * 0.75)), hexc("#ffffff", 220))
    elif pattern == 3:
        zz = [(-L * 0.75 + k * 14, (-w * 0.6 if k % 2 else w * 0.6)) for k in range(int(L * 1.35 / 14))]
        cv.line(R(zz), (255, 255, 255, 220), 4)
    elif pattern == 4:
        for k in range(5):
            cv.poly(R(star_pts(-L * 0.6 + k * L * 0.3, 0, w * 0.8, w * 0.35)), hexc("#fff3a0"))
    else:
        for k in range(8):
            cv.line(R([(-L * 0.75 + k * L * 0.18, -w), (-L * 0.75 + k * L * 0.18, w)]), hexc(EMB[k % 6]), 6, round_caps=False)
    # sharpened wood + graphite
    cv.poly(R([(L * 0.7, -w), (L, 0), (L * 0.7, w)]), hexc("#f0c999"))
    cv.poly(R([(L * 0.7, -w), (L, 0), (L * 0.7, -w * 0.35)]), hexc("#e2b27a"))
    cv.poly(R([(L * 0.9, -w * 0.33), (L, 0), (L * 0.9, w * 0.33)]), hexc("#3a3a3a"))
    # ferrule + eraser
    cv.gpoly(R([(-L - 30, -w), (-L, -w), (-L, w), (-L - 30, w)]), "#e8e8ea", "#b5b8bd", "#8f939a")
    for k in range(3):
        cv.line(R([(-L - 24 + k * 9, -w), (-L - 24 + k * 9, w)]), hexc("#8f939a"), 2, round_caps=False)
    cv.poly(R(rrect_pts(-L - 62, -w, -L - 26, w, 10)), hexc("#f28ca0"))


def scene_lapices(cv, rng):
    linen_bg(cv, "#fdfbf5", "#ece4d3", "lapices")
    cols = ["#e63946", "#2a9d8f", "#f4a300", "#7b3fa0", "#1d70b8", "#f28482"]
    for i in range(6):
        d = (i - 2.5) * 68
        pencil(cv, 560 + d * math.sin(math.radians(20)), 430 + d * math.cos(math.radians(20)), 720, 25, cols[i], -20, rng, pattern=i)
    # paper bag corner
    cv.soft_poly([(900, 700), (1200, 640), (1200, 900), (980, 900)], alpha=80, blur=12)
    cv.gpoly([(900, 700), (1200, 640), (1200, 900), (980, 900)], "#c9a97c", "#b08d5e")
    cv.line([(900, 700), (1200, 640)], hexc("#8a6a40"), 4)


def painted_scene(cv, x0, y0, x1, y1, rng):
    """Mountains, sun and flowers, as painted on a notebook cover."""
    box = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    with cv.clip(box):
        cv.gpoly(box, "#ffe3b3", "#ffc9a3", "#f9a98f")
        w, h = x1 - x0, y1 - y0
        cv.circle(x0 + w * 0.7, y0 + h * 0.3, w * 0.13, hexc("#ffd23f"))
        cv.poly([(x0 - 20, y0 + h * 0.75), (x0 + w * 0.3, y0 + h * 0.35), (x0 + w * 0.6, y0 + h * 0.75)], hexc("#7b6fb0"))
        cv.poly([(x0 + w * 0.3, y0 + h * 0.75), (x0 + w * 0.65, y0 + h * 0.42), (x1 + 30, y0 + h * 0.75)], hexc("#5d51a0"))
        cv.poly([(x0 + w * 0.24, y0 + h * 0.41), (x0 + w * 0.3, y0 + h * 0.35), (x0 + w * 0.36, y0 + h * 0.41)], hexc("#ffffff"))
        cv.poly([(x0 + w * 0.6, y0 + h * 0.47), (x0 + w * 0.65, y0 + h * 0.42), (x0 + w * 0.7, y0 + h * 0.47)], hexc("#ffffff"))
        cv.gpoly([(x0, y0 + h * 0.72), (x1, y0 + h * 0.68), (x1, y1), (x0, y1)], "#7cc47f", "#3f8a48")
        for k in range(9):
            fx = x0 + w * (0.08 + 0.105 * k)
            fy = y0 + h * (0.85 + 0.06 * math.sin(k * 1.7))
            cv.line([(fx, fy), (fx, fy + 40)], hexc("#2f6e38"), 4)
            flower(cv, fx, fy, w * 0.04, EMB[k % 6])


def scene_cuaderno(cv, rng):
    linen_bg(cv, "#e6eef2", "#c9d6de", "cuaderno")
    cx, cy, w, h, rot = 470, 500, 300, 400, -6
    R = lambda pts: rotate(pts, rot, cx, cy)
    cv.soft_poly(R(move(rrect_pts(cx - w, cy - h, cx + w, cy + h, 22), 16, 22)), alpha=110, blur=18)
    cv.poly(R(rrect_pts(cx - w + 10, cy - h + 8, cx + w + 12, cy + h + 10, 22)), hexc("#f4f1ea"))
    for k in range(6):
        cv.line(R([(cx + w + 4 + k * 1.5, cy - h + 30), (cx + w + 4 + k * 1.5, cy + h - 20)]), (190, 185, 175, 200), 1)
    cover = R(rrect_pts(cx - w, cy - h, cx + w, cy + h, 22))
    cv.poly(cover, hexc("#2a3d66"))
    # painted panel (drawn unrotated then clipped through the rotated frame)
    panel = R([(cx - w + 50, cy - h + 50), (cx + w - 40, cy - h + 50), (cx + w - 40, cy + h - 150), (cx - w + 50, cy + h - 150)])
    with cv.clip(panel):
        painted_scene(cv, cx - w, cy - h, cx + w + 40, cy + h - 100, rng)
    cv.poly(panel, outline=hexc("#f6e7c8"), width=6)
    # name plate (blank, painted)
    cv.poly(R(rrect_pts(cx - 150, cy + h - 120, cx + 150, cy + h - 50, 20)), hexc("#f6e7c8"))
    for k in range(3):
        cv.line(R([(cx - 110, cy + h - 100 + k * 18), (cx + 110 - k * 40, cy + h - 100 + k * 18)]), hexc("#c9b48a"), 4)
    # elastic band
    cv.poly(R([(cx + w - 70, cy - h - 4), (cx + w - 48, cy - h - 4), (cx + w - 48, cy + h + 4), (cx + w - 70, cy + h + 4)]), hexc("#e63946"))
    # pencil beside
    pencil(cv, 860, 560, 560, 20, "#f4a300", 82, rng, pattern=1)


def scene_agenda(cv, rng):
    backdrop(cv, "#f7f0e5", "#ebdcc5", table_y=cv.h * 0.3, table=("#e9dfcf", "#d8cab4"), kind="linen", seed="agenda")
    cx, cy, w, h = 580, 440, 270, 320
    rot = -6
    body = rotate(rrect_pts(cx - w, cy - h, cx + w, cy + h, 18), rot, cx, cy)
    cv.soft_poly(move(body, 16, 24), alpha=110, blur=18)
    cv.poly(move(body, 10, 12), hexc("#f4f1ea"))
    stripes = ["#c0392b", "#f4a300", "#1d70b8", "#2a9d8f", "#e85a9b", "#7b3fa0", "#f26b1d", "#c0392b"]
    with cv.clip(body):
        y = cy - h - 60
        i = 0
        while y < cy + h + 60:
            hh = 34 if i % 2 else 70
            col = hexc(stripes[i % len(stripes)]) if i % 2 == 0 else hexc("#2b2b3a")
            cv.poly(rotate([(cx - w - 200, y), (cx + w + 200, y), (cx + w + 200, y + hh), (cx - w - 200, y + hh)], rot, cx, cy), col)
            if i % 2 == 0:
                for k in range(-14, 15):
                    xx = cx + k * 40
                    cv.poly(rotate([(xx, y + hh * 0.2), (xx + 16, y + hh * 0.5), (xx, y + hh * 0.8), (xx - 16, y + hh * 0.5)], rot, cx, cy), hexc("#ffffff", 200))
            else:
                for k in range(-30, 31):
                    cv.dot(*rotate([(cx + k * 20, y + hh / 2)], rot, cx, cy)[0], 4, hexc(stripes[(i + k) % len(stripes)]))
            y += hh
            i += 1
        spine = rotate([(cx - w - 10, cy - h - 10), (cx - w + 45, cy - h - 10), (cx - w + 45, cy + h + 10), (cx - w - 10, cy + h + 10)], rot, cx, cy)
        cv.poly(spine, hexc("#3b2a20"))
        cv.line(rotate([(cx - w + 48, cy - h), (cx - w + 48, cy + h)], rot, cx, cy), hexc("#d9b77a"), 4)
    rib = rotate([(cx + 60, cy + h - 10), (cx + 95, cy + h - 10), (cx + 95, cy + h + 140), (cx + 77, cy + h + 118), (cx + 60, cy + h + 140)], rot, cx, cy)
    cv.soft_poly(move(rib, 6, 8), alpha=80, blur=6)
    cv.poly(rib, hexc("#c1121f"))
    plate = rotate(rrect_pts(cx - 110, cy - 60, cx + 130, cy + 40, 14), rot, cx, cy)
    cv.soft_poly(move(plate, 4, 6), alpha=70, blur=6)
    cv.poly(plate, hexc("#f6efdf"))
    for k in range(3):
        cv.line(rotate([(cx - 80, cy - 32 + k * 25), (cx + 100 - k * 40, cy - 32 + k * 25)], rot, cx, cy), hexc("#b69d74"), 5)


def scissors(cv, x, y, s, rot):
    with cv.at(x, y, s):
        R = lambda pts: rotate(pts, rot)
        steel = ("#f1f3f5", "#b9bfc6", "#8a929b")
        for sgn in (-1, 1):
            blade = [(0, 0), (330, sgn * 10), (340, sgn * 2), (300, -sgn * 14), (0, -sgn * 18), (-30, -sgn * 10)]
            blade = rotate(blade, sgn * 9)
            cv.soft_poly(R(move(blade, 8, 12)), alpha=80, blur=8)
            cv.gpoly(R(blade), *steel)
            arm = rotate([(-20, -sgn * 6), (-150, sgn * 40), (-140, sgn * 60), (-10, sgn * 14)], sgn * 9)
            cv.gpoly(R(arm), *steel)
            ring_c = rotate([(-200, sgn * 80)], sgn * 9)[0]
            ring = oval(ring_c[0], ring_c[1], 62, 44, n=40, rot=sgn * 20)
            cv.soft_poly(R(move(ring, 8, 12)), alpha=80, blur=8)
            cv.poly(R(ring), hexc("#e85a9b"))
            cv.poly(R(oval(ring_c[0], ring_c[1], 42, 26, n=40, rot=sgn * 20)), hexc("#f7c9d4"))
        cv.circle(*R([(0, 0)])[0], 14, hexc("#6b7077"))
        cv.circle(*R([(0, 0)])[0], 6, hexc("#d0d4d9"))


def comb(cv, x, y, s, rot, col="#2b2d42"):
    with cv.at(x, y, s):
        R = lambda pts: rotate(pts, rot)
        spine = rrect_pts(-260, -30, 260, 10, 12)
        cv.soft_poly(R(move(rrect_pts(-260, -30, 260, 90, 10), 8, 12)), alpha=80, blur=8)
        cv.poly(R(spine), hexc(col))
        for i in range(40):
            xx = -248 + i * 12.6
            ln = 80 if i < 20 else 60
            cv.poly(R([(xx, 5), (xx + 7, 5), (xx + 6, ln), (xx + 1, ln)]), hexc(col))
        cv.line(R([(-250, -20), (250, -20)]), (255, 255, 255, 60), 4)


def scene_corte(cv, rng):
    linen_bg(cv, "#fbeef1", "#eccbd3", "corte")
    towel = rrect_pts(150, 200, 1050, 780, 30)
    towel = rotate(towel, -4, 600, 490)
    cv.soft_poly(move(towel, 12, 20), alpha=100, blur=18)
    cv.gpoly(towel, "#f7b6c6", "#f29bb2", direction="v")
    with cv.clip(towel):
        for k in range(0, 1200, 9):
            cv.line([(k, 150), (k - 30, 850)], (255, 255, 255, 40), 3, round_caps=False)
        cv.line(rotate([(150, 690), (1050, 690)], -4, 600, 490), (255, 255, 255, 200), 14)
        cv.line(rotate([(150, 720), (1050, 720)], -4, 600, 490), (255, 255, 255, 200), 6)
        cv.shadow(600, 480, 300, 60, alpha=40, blur=30)
    scissors(cv, 560, 380, 1.0, -12)
    comb(cv, 600, 590, 1.0, -6)
    # hair clips
    for x, y, col in ((930, 300, "#1d70b8"), (980, 360, "#f4a300")):
        cv.rect(x - 70, y - 10, x + 70, y + 10, hexc(col), r=10, rot=-30)


def scene_trenzas(cv, rng):
    flat_backdrop(cv, "#fdf3ec", "#f0d9c9")
    hair = hexc("#5b3a29")
    cx = 450
    # shoulders / blouse
    cv.gpoly([(80, 1200), (150, 930), (300, 860), (600, 860), (750, 930), (820, 1200)], "#7fb7be", "#5a99a3")
    cv.rect(390, 760, 510, 900, hexc("#c98d6a"), r=30)
    # head from behind
    cv.gellipse(cx, 430, 250, 290, shade(hair, 0.15), hair, shade(hair, -0.25), direction="r")
    cv.ellipse(cx - 258, 470, 24, 46, hexc("#c98d6a"))
    cv.ellipse(cx + 258, 470, 24, 46, hexc("#c98d6a"))
    # hair strands converging to the nape
    with cv.clip(oval(cx, 430, 246, 286, n=80)):
        for k in range(-9, 10):
            x0 = cx + k * 25
            cv.line(bezier((x0, 140), (cx + k * 30, 330), (cx + k * 14, 560), (cx, 680), n=30), shade(hair, 0.18 if k % 2 else -0.1) + (150,), 5)
    # braid: alternating lobes
    y = 660
    i = 0
    while y < 1040:
        sgn = 1 if i % 2 else -1
        lobe = oval(cx + sgn * 26, y, 52, 40, n=40, rot=sgn * -30)
        cv.soft_poly(move(lobe, 0, 10), alpha=90, blur=6)
        cv.gpoly(lobe, shade(hair, 0.22), hair, shade(hair, -0.25))
        for k in (-0.4, 0, 0.4):
            cv.line(rotate([(cx + sgn * 26 - 40, y + k * 40), (cx + sgn * 26 + 40, y + k * 40)], sgn * -30, cx + sgn * 26, y), shade(hair, 0.3) + (110,), 3)
        y += 42
        i += 1
    # ribbon bow
    by = 1065
    for sgn in (-1, 1):
        cv.poly([(cx, by), (cx + sgn * 90, by - 50), (cx + sgn * 95, by + 45)], hexc("#e63946"))
        cv.poly([(cx, by), (cx + sgn * 40, by + 90), (cx + sgn * 10, by + 95)], hexc("#c1121f"))
    cv.circle(cx, by, 20, hexc("#c1121f"))
    cv.gpoly(oval(cx, 380, 170, 200, n=60), "#ffffff", "#5b3a29", direction="r", alpha=30)


def polish_bottle(cv, x, y, col, s=1.0):
    with cv.at(x, y, s):
        c = hexc(col)
        cv.shadow(0, 10, 90, 16, alpha=120, blur=10)
        glass = rrect_pts(-80, -150, 80, 0, 34)
        cv.gpoly(glass, shade(c, -0.3), shade(c, 0.1), c, shade(c, -0.35), direction="h")
        cv.rect(-60, -135, -42, -20, (255, 255, 255, 110), r=8)
        cv.rect(-30, -175, 30, -150, hexc("#e8e8e8"), r=4)
        cv.gpoly(rrect_pts(-34, -330, 34, -170, 10), "#111111", "#4a4a4a", "#111111", direction="h")


def scene_manicure(cv, rng):
    backdrop(cv, "#fbeff4", "#f1d6e2", table_y=cv.h * 0.6, table=("#fdf8f5", "#eadfd8"), kind="linen", seed="mani")
    for x, col, s in ((300, "#e63946", 1.0), (470, "#f28ca0", 0.9), (640, "#7b3fa0", 1.05), (810, "#2a9d8f", 0.92)):
        polish_bottle(cv, x, 700, col, s)
    # nail file
    f = rotate(rrect_pts(150, 790, 700, 830, 20), -4, 425, 810)
    cv.soft_poly(move(f, 6, 10), alpha=90, blur=8)
    cv.poly(f, hexc("#f5c2d1"))
    cv.poly(rotate(rrect_pts(160, 796, 420, 824, 14), -4, 425, 810), hexc("#c9a3b0"))
    # nail tips palette
    cv.soft_poly(move(rrect_pts(880, 560, 1130, 860, 30), 8, 12), alpha=90, blur=10)
    cv.rect(880, 560, 1130, 860, hexc("#ffffff"), r=30)
    designs = ["#e63946", "#f4a300", "#1d70b8", "#f28ca0", "#2a9d8f", "#7b3fa0"]
    for i in range(6):
        nx, ny = 940 + (i % 3) * 65, 620 + (i // 3) * 130
        nail = rrect_pts(nx - 24, ny - 40, nx + 24, ny + 50, 24)
        cv.poly(nail, hexc(designs[i]))
        if i % 2:
            cv.dot(nx - 6, ny - 10, 6, (255, 255, 255, 220))
            cv.dot(nx + 8, ny + 14, 4, (255, 255, 255, 220))
        else:
            flower(cv, nx, ny, 16, "#ffffff", "#ffd23f")
        cv.rect(nx - 14, ny - 34, nx - 8, ny + 30, (255, 255, 255, 90), r=3)


def child_face(cv, rng, skin="#d9a07a", hair="#2b1d16", shirt="#f4d35e"):
    """A smiling child's face, front view, with closed happy eyes; 1000x1000 logical."""
    sk = hexc(skin)
    hr = hexc(hair)
    cv.gpoly([(180, 1000)] + bezier((180, 1000), (200, 860), (320, 820), (500, 820), n=20)
             + bezier((500, 820), (680, 820), (800, 860), (820, 1000), n=20), shade(hexc(shirt), 0.1), hexc(shirt))
    cv.rect(430, 700, 570, 860, shade(sk, -0.12), r=40)
    cv.gellipse(500, 440, 285, 330, shade(hr, 0.1), hr, direction="r")
    cv.rect(215, 440, 785, 820, hr, r=120)
    cv.ellipse(292, 520, 34, 52, shade(sk, -0.08))
    cv.ellipse(708, 520, 34, 52, shade(sk, -0.08))
    face = oval(500, 500, 215, 255, n=100)
    cv.gpoly(face, shade(sk, 0.12), sk, shade(sk, -0.12), direction="r")
    return face


def face_details(cv, mouth=True, eyes=True, cheeks=True):
    if eyes:
        for ex in (415, 585):
            cv.line(oval(ex, 528, 42, 26, math.pi + 0.25, 2 * math.pi - 0.25, n=20), hexc("#2b1d16"), 9)
            for k in (-1, 0, 1):
                cv.line([(ex + k * 22 - (12 if ex < 500 else -12) * (k == 0), 512 - (k == 0) * 4), (ex + k * 26, 496)], hexc("#2b1d16"), 4)
    cv.line(oval(500, 590, 22, 14, 0.2, math.pi - 0.2, n=12), hexc("#a86a4a"), 6)
    if mouth:
        m = oval(500, 640, 78, 52, 0, math.pi, n=30)
        cv.poly(m, hexc("#8c2f39"))
        cv.poly(oval(500, 676, 42, 16, math.pi, 2 * math.pi, n=20) + oval(500, 676, 42, 14, 0, math.pi, n=20), hexc("#e5737f"))
        cv.poly([(430, 641), (570, 641), (560, 655), (440, 655)], hexc("#ffffff"))
    if cheeks:
        cv.shadow(360, 615, 45, 26, alpha=90, blur=12, color=(235, 110, 110))
        cv.shadow(640, 615, 45, 26, alpha=90, blur=12, color=(235, 110, 110))


def bangs(cv, hair="#2b1d16", fringe=325):
    """Hair over the top of the head with a scalloped fringe at y = fringe."""
    hr = hexc(hair)
    pts = oval(500, 500, 228, 268, math.pi, 2 * math.pi, n=48)
    pts += [(728, 520), (712, 440)]
    n = 7
    xs = [712 - i * (424 / n) for i in range(n + 1)]
    for i in range(n):
        xa, xb = xs[i], xs[i + 1]
        ya = fringe + 110 * (1 - math.sin(math.pi * (xa - 288) / 424)) ** 1.5
        yb = fringe + 110 * (1 - math.sin(math.pi * (xb - 288) / 424)) ** 1.5
        pts += bezier((xa, ya), ((xa + xb) / 2, max(ya, yb) + 28), (xb, yb), n=10)
    pts += [(288, 440), (272, 520)]
    cv.poly(pts, hr)
    cv.line(oval(500, 470, 190, 230, math.pi + 0.7, math.pi + 1.3, n=10), shade(hr, 0.22), 7)


def bokeh_bg(cv, c1, c2, seed, colors):
    flat_backdrop(cv, c1, c2)
    rng = seeded(seed)
    for _ in range(24):
        cv.shadow(rng.uniform(0, cv.w), rng.uniform(0, cv.h), *(2 * [rng.uniform(20, 60)]), alpha=110, blur=8, color=hexc(rng.choice(colors)))


def scene_mariposa(cv, rng):
    bokeh_bg(cv, "#fdf0fb", "#ead7f2", "mariposa", ["#ffffff", "#f7c6e0", "#c8b6f2", "#fde2a6"])
    child_face(cv, rng)
    # butterfly wings around the eyes
    for sgn in (-1, 1):
        up = [(500, 480)] + bezier((500, 480), (500 + sgn * 60, 330), (500 + sgn * 260, 290), (500 + sgn * 230, 470), n=30) + \
             bezier((500 + sgn * 230, 470), (500 + sgn * 220, 540), (500 + sgn * 120, 560), (500, 520), n=20)
        cv.gpoly(up, "#c86bd6", "#f07ab8", "#ffb3d1", direction="v")
        cv.line(up + up[:1], hexc("#6a2c91"), 6)
        lo = [(500, 530)] + bezier((500, 530), (500 + sgn * 160, 540), (500 + sgn * 200, 640), (500 + sgn * 130, 670), n=20) + \
             bezier((500 + sgn * 130, 670), (500 + sgn * 70, 690), (500 + sgn * 30, 610), (500, 560), n=20)
        cv.gpoly(lo, "#9b59d0", "#c86bd6", direction="v")
        cv.line(lo + lo[:1], hexc("#6a2c91"), 6)
        for (dx, dy, r) in ((150, 380, 16), (190, 430, 11), (110, 440, 9), (105, 600, 12), (140, 630, 8)):
            cv.circle(500 + sgn * dx, dy, r, (255, 255, 255, 230))
        cv.line(bezier((500, 460), (500 + sgn * 20, 380), (500 + sgn * 60, 330), (500 + sgn * 80, 330), n=20), hexc("#6a2c91"), 6)
        cv.circle(500 + sgn * 82, 330, 12, hexc("#6a2c91"))
    cv.ellipse(500, 520, 16, 70, hexc("#6a2c91"))
    face_details(cv, eyes=True)
    bangs(cv, fringe=290)
    for _ in range(60):
        a = rng.uniform(0, 2 * math.pi)
        r = rng.uniform(60, 230)
        cv.dot(500 + r * math.cos(a), 480 + r * 0.7 * math.sin(a), rng.uniform(1.5, 3.5), (255, 255, 255, 200))


def scene_superheroe(cv, rng):
    bokeh_bg(cv, "#eef6ff", "#cfe2f7", "heroe", ["#ffffff", "#bcd8ff", "#fde2a6", "#ffd0d0"])
    child_face(cv, rng, skin="#c98d6a", hair="#1f1712", shirt="#e63946")
    mask = ([(290, 500)] + bezier((290, 500), (320, 440), (440, 445), (500, 480), n=20)
            + bezier((500, 480), (560, 445), (680, 440), (710, 500), n=20)
            + bezier((710, 500), (700, 590), (580, 600), (500, 560), n=20)
            + bezier((500, 560), (420, 600), (300, 590), (290, 500), n=20))
    cv.gpoly(mask, "#2f6fd0", "#1d4fa0")
    cv.line(mask, hexc("#153a78"), 5)
    for sgn in (-1, 1):
        cv.poly([(500 + sgn * 210, 500), (500 + sgn * 290, 470), (500 + sgn * 230, 540)], hexc("#1d4fa0"))
        cv.ellipse(500 + sgn * 88, 522, 52, 36, hexc("#c98d6a"))
    face_details(cv)
    bangs(cv, "#1f1712")
    cv.poly(star_pts(500, 372, 58, 24), hexc("#f4c430"))
    cv.poly(star_pts(500, 372, 58, 24), outline=hexc("#b8860b"), width=4)
    for dx, dy in ((-70, 360), (78, 350)):
        cv.poly(star_pts(500 + dx, dy, 16, 7), hexc("#ffe680"))


def scene_fiesta(cv, rng):
    backdrop(cv, "#fff7e8", "#fde8c8", table_y=cv.h * 0.6, table=("#fdf1dc", "#efdcbb"), kind="linen", seed="fiesta")
    for x, y, col in ((200, 240, "#e63946"), (330, 170, "#f4a300"), (900, 200, "#1d70b8"), (1030, 280, "#2a9d8f"), (1080, 140, "#e85a9b")):
        cv.line(bezier((x, y + 90), (x - 20, y + 200), (x + 20, y + 300), (x, y + 420), n=20), hexc("#9a9a9a"), 2)
        cv.gellipse(x, y, 72, 90, shade(hexc(col), 0.25), hexc(col), shade(hexc(col), -0.2), direction="r")
        cv.poly([(x - 10, y + 92), (x + 10, y + 92), (x, y + 80)], shade(hexc(col), -0.2))
        cv.ellipse(x - 25, y - 35, 14, 24, (255, 255, 255, 120), rot=20)
    # palette
    with cv.at(560, 640, 1.0):
        pal = blob_pts(0, 0, 330, 190, seeded("palette"), 0.05)
        cv.soft_poly(move(pal, 12, 18), alpha=110, blur=14)
        cv.gpoly(pal, "#e7c08c", "#cf9f66")
        cv.ellipse(-200, 60, 44, 32, hexc("#fff7e8"))
        for i, (dx, dy, col) in enumerate(((-150, -90, "#e63946"), (-40, -120, "#f4a300"), (80, -110, "#ffd23f"), (190, -60, "#2a9d8f"),
                                            (230, 50, "#1d70b8"), (130, 110, "#7b3fa0"), (0, 120, "#f28ca0"), (-90, 20, "#ffffff"))):
            blob = blob_pts(dx, dy, 44, 32, seeded(f"paint{i}"), 0.18)
            cv.poly(move(blob, 3, 5), shade(hexc(col), -0.3))
            cv.poly(blob, hexc(col))
            cv.ellipse(dx - 12, dy - 10, 12, 6, (255, 255, 255, 140))
    # brushes
    for i, (x, rot, col) in enumerate(((860, -60, "#e63946"), (930, -72, "#1d70b8"), (1000, -84, "#2a9d8f"))):
        with cv.at(x, 700, 1.0):
            R = lambda pts: rotate(pts, rot)
            cv.soft_poly(R(move(rrect_pts(-200, -10, 100, 10, 10), 6, 10)), alpha=80, blur=6)
            cv.poly(R(rrect_pts(-200, -10, 40, 10, 10)), hexc(col))
            cv.poly(R([(40, -9), (80, -8), (80, 8), (40, 9)]), hexc("#c9ced3"))
            cv.poly(R([(80, -8), (120, -4), (135, 0), (120, 4), (80, 8)]), hexc("#3a2a20"))
    confetti(cv, "fiesta", ["#e63946", "#f4a300", "#1d70b8", "#2a9d8f", "#e85a9b"], 60, region=(0, 560, 1200, 900), size=(4, 8), alpha=200)


# --------------------------------------------------------------------------- booths (cover photos) and logos


def park_bg(cv, seed):
    W, H = cv.w, cv.h
    cv.gpoly([(0, 0), (W, 0), (W, H), (0, H)], "#bfe0f5", "#eaf5fb", "#f6fafc")
    rng = seeded(seed)
    for i in range(14):
        x = i * 95 + rng.uniform(-20, 20)
        r = rng.uniform(70, 110)
        cv.line([(x, 470), (x, 560)], hexc("#7a5a40"), 14)
        cv.poly(blob_pts(x, 430 - r * 0.3, r, r * 0.8, rng, 0.1), hexc(rng.choice(["#6fae5b", "#5a9d4a", "#7dbb66", "#4f8f43"])))
    cv.gpoly([(0, 540), (W, 540), (W, H), (0, H)], "#e9e2d6", "#d7cdbd")
    for y in range(560, H, 40):
        cv.line([(0, y), (W, y)], (255, 255, 255, 60), 2, round_caps=False)
    # bunting
    line = bezier((-20, 60), (400, 130), (800, 130), (1220, 60), n=30)
    cv.line(line, hexc("#8a8a8a"), 2)
    for i in range(1, 30, 2):
        (x0, y0), (x1, y1) = line[i - 1], line[i + 1]
        cv.poly([(x0, y0), (x1, y1), ((x0 + x1) / 2, (y0 + y1) / 2 + 50)], hexc(EMB[i % 6], 230))


def booth(cv, rng, awning, cloth, items, back="#fbf6ee", sign=None):
    """A market stall in the park: striped awning, back panel, table with a cloth; items(cv, rng, 'back'|'table')."""
    park_bg(cv, "booth" + awning[0])
    a1, a2 = hexc(awning[0]), hexc(awning[1])
    cv.soft_poly([(150, 840), (1050, 840), (1080, 870), (120, 870)], alpha=120, blur=16)
    # back panel and poles
    cv.gpoly([(160, 280), (1040, 280), (1040, 620), (160, 620)], back, shade(hexc(back), -0.08))
    for x in (150, 1050):
        cv.gpoly(rrect_pts(x - 12, 170, x + 12, 850, 8), "#d9d9d9", "#ffffff", "#b0b0b0", direction="h")
    # items behind the table top (hanging ones, shelves)
    items(cv, rng, "back")
    # table
    cv.gpoly([(175, 600), (1025, 600), (1045, 640), (155, 640)], shade(hexc(cloth), 0.25), shade(hexc(cloth), 0.1))
    items(cv, rng, "table")
    front = [(155, 640), (1045, 640), (1045, 840), (155, 840)]
    cv.gpoly(front, hexc(cloth), shade(hexc(cloth), -0.18))
    with cv.clip(front):
        for x in range(155, 1045, 60):
            cv.line([(x, 640), (x, 840)], shade(hexc(cloth), -0.12) + (120,), 3, round_caps=False)
        cv.line([(155, 810), (1045, 810)], shade(hexc(cloth), 0.35), 8, round_caps=False)
        for x in range(170, 1045, 40):
            cv.poly([(x, 822), (x + 10, 812), (x + 20, 822), (x + 10, 832)], shade(hexc(cloth), 0.35))
    # awning
    cv.soft_poly([(120, 290), (1080, 290), (1080, 330), (120, 330)], alpha=90, blur=12)
    cv.rect(110, 140, 1090, 180, shade(a1, -0.15), r=10)
    n = 14
    sw = 980 / n
    for i in range(n):
        x0 = 110 + i * sw
        col = a1 if i % 2 == 0 else a2
        cv.gpoly([(x0, 175), (x0 + sw, 175), (x0 + sw, 270), (x0, 270)], shade(col, 0.1), shade(col, -0.05))
        cv.poly(oval(x0 + sw / 2, 270, sw / 2, 34, 0, math.pi, n=20) + [(x0, 270)], shade(col, -0.05))
    if sign:
        cv.line([(560, 285), (560, 318)], hexc("#8a8a8a"), 3)
        cv.line([(640, 285), (640, 318)], hexc("#8a8a8a"), 3)
        cv.soft_poly(rrect_pts(500, 320, 700, 420, 16), alpha=80, blur=8)
        cv.rect(500, 315, 700, 412, hexc("#fffaf0"), r=16, outline=shade(a1, -0.1), width=5)
        with cv.at(600, 364, 0.22):
            sign(cv, rng)


# --- what each booth shows


def items_huevos(cv, rng, where):
    if where == "table":
        for x in (330, 600, 870):
            with cv.at(x, 545, 0.36):
                basket_of_eggs(cv, rng, n_rows=((-50, 4), (-15, 5), (20, 4)), handle=(x == 600))
    else:
        for x in (260, 940):
            cv.rect(x - 70, 330, x + 70, 430, hexc("#f4d35e"), r=10)
            quail_egg(cv, x, 380, 26, 34, 20, rng)


def items_dulces(cv, rng, where):
    if where == "table":
        for i, x in enumerate((300, 430)):
            for k in range(3):
                alfajor(cv, x, 560 - k * 30, 52, sugar=(k == 2), rng=rng)
        for i, (x, col) in enumerate(((560, "#d4a017"), (640, "#c0392b"), (600, "#16a085"), (690, "#8e44ad"))):
            wrapped_candy(cv, x, 590 - (i == 2) * 30, 26, col)
        with cv.at(880, 600, 0.5):
            frustum(cv, 0, -60, 60, 18, 60, 150, 40, cyl_side("#f7f7f7"), "#ffffff")
            cv.gellipse(0, -70, 200, 50, "#ffffff", "#e7e3e3")
            frustum(cv, 0, -220, 160, 44, 140, 160, 44, cyl_side("#5a2e1a"), ["#6e3a22", "#3e1c0e"])
            for x, y in ((-60, -230), (0, -240), (60, -230)):
                cv.poly(heart_pts(x, y, 26), hexc("#d62839"))
    else:
        cv.line([(200, 330), (1000, 330)], hexc("#e85a9b"), 4)
        for i in range(9):
            cv.circle(240 + i * 90, 350, 16, hexc(["#f7c6d9", "#ffffff", "#f4a6b8"][i % 3]))


def items_sazon(cv, rng, where):
    if where != "table":
        return
    for x, col in ((300, "#6b6b6b"), (470, "#8a4b2a")):
        cv.shadow(x, 610, 80, 12, alpha=100, blur=8)
        frustum(cv, x, 500, 85, 24, 100, 80, 22, cyl_side(col), None)
        cv.gellipse(x, 500, 85, 24, shade(hexc(col), 0.3), shade(hexc(col), -0.1))
        cv.circle(x, 484, 12, hexc("#2b2b2b"))
        for sgn in (-1, 1):
            cv.rect(x + sgn * 85 - 12, 520, x + sgn * 85 + 12, 534, hexc("#2b2b2b"), r=6)
        steam(cv, x, 470, 90, n=2, spread=30, alpha=120)
    for x, food in ((650, "causa"), (820, "aji"), (950, "chicha")):
        if food == "chicha":
            frustum(cv, x, 500, 40, 12, 100, 36, 10, ["#3a0f3a", "#6b1f63", "#2b0a2a"], "#7a2a70")
            continue
        plate(cv, x, 590, 80, 30)
        if food == "causa":
            frustum(cv, x, 540, 34, 11, 45, 34, 11, cyl_side("#f5c842"), "#ffe07a")
            cv.ellipse(x - 5, 538, 16, 5, hexc("#9ccc4a"))
        else:
            cv.poly(blob_pts(x + 10, 585, 40, 15, rng, 0.1), hexc("#f2b42a"))
            cv.ellipse(x - 30, 580, 22, 12, hexc("#ffffff"))


def items_cafe(cv, rng, where):
    if where != "table":
        cv.rect(200, 320, 480, 460, hexc("#8a6a50"), r=8)
        cv.poly([(200, 380), (480, 380), (480, 460), (200, 460)], hexc("#6b4a34"))
        for _ in range(40):
            bean(cv, rng.uniform(220, 460), rng.uniform(335, 375), 9, rng.uniform(0, 180))
        return
    for x in (280, 400, 520):
        coffee_bag(cv, x, 620, 0.33)
    for x in (760, 900):
        with cv.at(x, 575, 0.32):
            coffee_cup(cv, rng)
    scatter_beans(cv, rng, (620, 600, 1000, 625), 10, (7, 9))


def items_bordados(cv, rng, where):
    if where == "back":
        cv.line([(160, 300), (1040, 300)], hexc("#8a8a8a"), 4)
        for x, col, mot in ((270, "#fbfaf4", "flowers"), (420, "#cfe7f7", "birds"), (780, "#fbe3c8", "flowers"), (930, "#fbfaf4", "flowers")):
            with cv.at(x - 600 * 0.33, 310 - 215 * 0.33, 0.33):
                draw_shirt(cv, rng, 600, 215, 380, 560, cloth=col, short=(mot == "birds"), motifs=mot, sleeve=0.6)
        return
    for x, col in ((330, "#d9a21b"), (520, "#c0392b"), (720, "#2a9d8f"), (900, "#7b3fa0")):
        c = hexc(col)
        cv.shadow(x, 612, 70, 10, alpha=100, blur=6)
        cv.gpoly(oval(x, 600, 70, 90, math.pi, 2 * math.pi, n=30), shade(c, 0.15), c)
        cv.rect(x - 72, 575, x + 72, 610, shade(c, -0.1), r=8)
        for k in range(4):
            flower(cv, x - 48 + k * 32, 592, 9, EMB[k % 6])
        cv.circle(x, 505, 20, shade(c, 0.2))


def items_pasitos(cv, rng, where):
    if where == "back":
        for y in (420, 540):
            cv.rect(190, y, 1010, y + 14, hexc("#b07a45"), r=4)
        for x, y, col in ((300, 420, "#19b5a5"), (560, 420, "#e85a9b"), (820, 420, "#1d70b8"), (430, 540, "#f4a300"), (700, 540, "#2b2d42")):
            sneaker(cv, x, y, 0.33, accent=col)
        return
    sneaker(cv, 350, 610, 0.5)
    boot(cv, 640, 610, 0.45)
    with cv.at(870, 600, 0.3):
        cv.rect(-300, -200, 300, 0, hexc("#f2a65a"), r=8)
        cv.rect(-315, -240, 315, -190, hexc("#f7bd7d"), r=8)


def items_suculentas(cv, rng, where):
    if where == "back":
        cv.rect(200, 420, 1000, 436, hexc("#b07a45"), r=4)
        for i, x in enumerate((250, 350, 450, 750, 850, 950)):
            small_pot(cv, x, 385, 34, 40, ["#2a9d8f", "#e76f51", "#f4a261"][i % 3], i % 3)
            rosette(cv, x, 378, 0.2, rng, hue=i)
        return
    for i, x in enumerate((280, 430, 580, 730, 880)):
        with cv.at(x, 520, 0.3):
            painted_pot(cv, 0, 0, 1.0, rng, style=i % 3)
            if i % 2:
                column_cactus(cv, 0, 0, 260, 40, "#4f9a4f", rng, arms=(i == 1), flower_col="#f06ea9")
            else:
                rosette(cv, 0, -30, 1.2, rng, hue=i)


def items_eco(cv, rng, where):
    if where == "back":
        cv.line([(160, 300), (1040, 300)], hexc("#8a8a8a"), 4)
        for i, x in enumerate((290, 500, 710, 920)):
            cv.line(bezier((x - 60, 380), (x - 60, 300), (x + 60, 300), (x + 60, 380), n=16), hexc("#d8cdb4"), 10)
            bag = [(x - 90, 380), (x + 90, 380), (x + 100, 560), (x - 100, 560)]
            cv.gpoly(bag, "#f4ecd9", "#ddd0b3")
            for k in range(3):
                leaf_print(cv, x - 40 + k * 40, 420 + (k % 2) * 50, 0.45, 150 + k * 40, ["#3f7d3a", "#5a9a3e", "#2f6a3a"][(i + k) % 3])
        return
    for x in (250, 850):
        cv.rect(x - 6, 470, x + 6, 615, hexc("#8c5a2e"), r=4)
        cv.rect(x - 30, 606, x + 30, 620, hexc("#8c5a2e"), r=4)
    cv.rect(240, 464, 860, 478, hexc("#a8703f"), r=6)
    for i, (x, col) in enumerate(((320, "#d62839"), (470, "#f4b400"), (620, "#4f9a4f"), (770, "#7b3fa0"))):
        cv.line([(x, 478), (x, 510)], hexc("#9aa0a6"), 3)
        cv.circle(x, 515, 9, None, outline=hexc("#9aa0a6"), width=4)
        shape = heart_pts(x, 565, 40) if i % 2 == 0 else star_pts(x, 568, 42, 18)
        cv.poly(move(shape, 3, 5), shade(hexc(col), -0.4))
        cv.poly(shape, hexc(col))
    cv.rect(880, 560, 1000, 610, hexc("#2a9d8f"), r=18)
    cv.line([(890, 566), (990, 566)], hexc("#3a3a3a"), 6)


def items_papeleria(cv, rng, where):
    if where != "table":
        return
    for i, (x, col) in enumerate(((320, "#2a3d66"), (470, "#7b3fa0"), (620, "#c1121f"))):
        with cv.at(x, 520, 1.0):
            cv.soft_poly(rrect_pts(-60, -80, 60, 80, 8), alpha=90, blur=6)
            cv.rect(-60, -80, 60, 80, hexc(col), r=8)
            painted_scene(cv, -48, -68, 48, 40, rng)
    for x in (800, 920):
        frustum(cv, x, 520, 42, 12, 80, 38, 11, cyl_side("#f4a261"), None)
        for k in range(5):
            cv.line([(x - 24 + k * 12, 525), (x - 30 + k * 15, 440 - k % 2 * 12)], hexc(EMB[k % 6]), 9)
        frustum(cv, x, 520, 42, 12, 80, 38, 11, cyl_side("#f4a261"), None)
        cv.ellipse(x, 520, 42, 12, None, outline=hexc("#e76f51"), width=3)


def items_salon(cv, rng, where):
    if where == "back":
        cv.gellipse(600, 440, 130, 150, "#ffffff", "#dbe9f2", direction="r")
        cv.ellipse(600, 440, 130, 150, None, outline=hexc("#d4a017"), width=14)
        cv.line([(540, 340), (590, 320)], (255, 255, 255, 200), 8)
        return
    scissors(cv, 330, 590, 0.35, -10)
    comb(cv, 420, 605, 0.3, 0)
    for x, col in ((760, "#e63946"), (820, "#f28ca0"), (880, "#7b3fa0"), (940, "#2a9d8f")):
        polish_bottle(cv, x, 615, col, 0.3)
    # hairdryer
    with cv.at(600, 575, 0.5):
        cv.gellipse(0, 0, 80, 60, "#f28ca0", "#e85a9b")
        cv.rect(60, -35, 170, 35, hexc("#e85a9b"), r=10)
        cv.rect(-20, 40, 20, 120, hexc("#c1446e"), r=10)
        cv.circle(-10, -5, 28, hexc("#ffd6e0"))


def items_pintacaritas(cv, rng, where):
    if where == "back":
        for x, y, col in ((250, 360, "#e63946"), (330, 320, "#f4a300"), (880, 330, "#1d70b8"), (960, 370, "#e85a9b")):
            cv.line([(x, y + 60), (x + 10, 600)], hexc("#9a9a9a"), 2)
            cv.gellipse(x, y, 48, 60, shade(hexc(col), 0.25), hexc(col), direction="r")
        return
    with cv.at(480, 580, 0.45):
        pal = blob_pts(0, 0, 330, 150, seeded("palette"), 0.05)
        cv.gpoly(pal, "#e7c08c", "#cf9f66")
        for i, (dx, dy, col) in enumerate(((-150, -50, "#e63946"), (-40, -80, "#f4a300"), (80, -70, "#ffd23f"), (190, -30, "#2a9d8f"), (200, 50, "#1d70b8"), (60, 70, "#7b3fa0"))):
            cv.poly(blob_pts(dx, dy, 44, 30, seeded(f"pp{i}"), 0.18), hexc(col))
    for i, x in enumerate((760, 850, 940)):
        frustum(cv, x, 560, 34, 10, 50, 34, 10, cyl_side("#f2f2f2"), None)
        cv.ellipse(x, 560, 30, 9, hexc(EMB[i]))


def scene_puesto(cv, rng, vendor):
    cfg = {
        "huevos-codorniz-andrea": (("#f4c430", "#fffaf0"), "#e9a23b", items_huevos, icon_huevos),
        "dulces-rosita": (("#f28ca0", "#ffffff"), "#f7c6d9", items_dulces, icon_dulces),
        "sazon-de-milagros": (("#d62839", "#ffffff"), "#f4d35e", items_sazon, None),
        "aroma-de-villa-rica": (("#2f6e38", "#f6efdf"), "#8a5d3b", items_cafe, icon_cafe),
        "bordados-nayeli": (("#1d70b8", "#f4a300"), "#fbfaf4", items_bordados, icon_bordados),
        "pasitos-calzado": (("#19b5a5", "#ffffff"), "#2b2d42", items_pasitos, None),
        "suculentas-pachamama": (("#5a9a3e", "#f4ecd9"), "#e76f51", items_suculentas, icon_suculentas),
        "eco-bolsas-luz": (("#7aa84a", "#ffffff"), "#d8cdb4", items_eco, None),
        "papeleria-colores-de-ana": (("#7b3fa0", "#ffd23f"), "#2a9d8f", items_papeleria, icon_papeleria),
        "salon-estilo-sheyla": (("#e85a9b", "#ffffff"), "#2b2d42", items_salon, None),
        "pintacaritas-arcoiris": (("#e63946", "#1d70b8"), "#f4d35e", items_pintacaritas, icon_pintacaritas),
    }[vendor]
    awning, cloth, items, sign = cfg
    booth(cv, rng, awning, cloth, items, sign=sign)


# --- logo icons: drawn around (0, 0), about 400 units across


def icon_huevos(cv, rng):
    small_leaf(cv, 40, 60, 170, 50, -140, "#5a9a3e")
    small_leaf(cv, -40, 60, 150, 45, 150, "#7aa84a")
    quail_egg(cv, -55, 10, 75, 98, -12, seeded("logo-egg1"))
    quail_egg(cv, 70, 35, 68, 88, 18, seeded("logo-egg2"))


def icon_dulces(cv, rng):
    alfajor(cv, 0, -20, 170, sugar=True, rng=seeded("logo-alf"))
    cv.poly(heart_pts(120, -150, 60), hexc("#e85a9b"))


def icon_cafe(cv, rng):
    for a, dx in ((-150, -70), (-30, 70)):
        small_leaf(cv, dx, -40, 190, 60, a, "#2f6e38")
    bean(cv, -40, 40, 90, 30)
    bean(cv, 80, 70, 70, -20)


def icon_bordados(cv, rng):
    for i in range(6):
        p = move(rotate(leaf_pts(170, 60), i * 60 - 90), 0, 0)
        stitch_fill(cv, p, EMB[i % 6], i * 60, 9)
    for _ in range(20):
        a = rng.uniform(0, 2 * math.pi)
        r = 40 * math.sqrt(rng.random())
        cv.circle(r * math.cos(a), r * math.sin(a), 12, hexc("#f4d000"))


def icon_suculentas(cv, rng):
    rosette(cv, 0, 0, 1.25, seeded("logo-ros"), hue=0)


def icon_papeleria(cv, rng):
    pencil(cv, 0, 0, 460, 32, "#7b3fa0", -45, rng, pattern=4)
    cv.poly(star_pts(130, -130, 60, 26), hexc("#ffd23f"))


def icon_pintacaritas(cv, rng):
    for sgn in (-1, 1):
        up = [(0, 0)] + bezier((0, 0), (sgn * 60, -160), (sgn * 260, -200), (sgn * 230, -20), n=30) + bezier((sgn * 230, -20), (sgn * 220, 40), (sgn * 120, 50), (0, 20), n=20)
        cv.gpoly(up, "#c86bd6", "#f07ab8", "#ffb3d1")
        lo = [(0, 30)] + bezier((0, 30), (sgn * 160, 40), (sgn * 200, 140), (sgn * 130, 170), n=20) + bezier((sgn * 130, 170), (sgn * 70, 190), (sgn * 30, 110), (0, 60), n=20)
        cv.gpoly(lo, "#9b59d0", "#c86bd6")
        cv.line(up + up[:1], hexc("#6a2c91"), 8)
        cv.line(lo + lo[:1], hexc("#6a2c91"), 8)
        cv.line(bezier((0, -40), (sgn * 20, -120), (sgn * 60, -170), (sgn * 80, -170), n=20), hexc("#6a2c91"), 8)
        cv.circle(sgn * 82, -170, 14, hexc("#6a2c91"))
        cv.circle(sgn * 150, -100, 20, (255, 255, 255, 230))
    cv.ellipse(0, 20, 18, 90, hexc("#6a2c91"))


def scene_logo(cv, rng, vendor):
    ring, bg, icon, scale = {
        "huevos-codorniz-andrea": ("#e9a23b", "#fff6dc", icon_huevos, 1.0),
        "dulces-rosita": ("#e85a9b", "#fde8ef", icon_dulces, 1.0),
        "aroma-de-villa-rica": ("#2f6e38", "#f3ecdd", icon_cafe, 1.0),
        "bordados-nayeli": ("#1d70b8", "#fbf6ea", icon_bordados, 1.0),
        "suculentas-pachamama": ("#5a9a3e", "#eef6e8", icon_suculentas, 0.95),
        "papeleria-colores-de-ana": ("#7b3fa0", "#f6effb", icon_papeleria, 0.9),
        "pintacaritas-arcoiris": ("#e63946", "#fff3f3", icon_pintacaritas, 0.95),
    }[vendor]
    flat_backdrop(cv, bg, shade(hexc(bg), -0.06))
    cv.shadow(300, 312, 262, 262, alpha=90, blur=14)
    cv.circle(300, 300, 262, hexc(ring))
    cv.circle(300, 300, 228, hexc("#fffdf8"))
    for i in range(36):
        a = 2 * math.pi * i / 36
        cv.circle(300 + 245 * math.cos(a), 300 + 245 * math.sin(a), 5, hexc("#ffffff", 200))
    with cv.clip(oval(300, 300, 226, 226, n=120)):
        cv.shadow(300, 270, 190, 150, alpha=60, blur=40, color=shade(hexc(ring), 0.7))
    with cv.at(300, 300, 0.85 * scale):
        icon(cv, rng)


def scene_alfajores_caja(cv, rng):
    backdrop(cv, "#fdf3ee", "#f5dcd6", table_y=cv.h * 0.6, table=("#f6ece4", "#e6d6c9"), kind="linen", seed="caja")
    pink, deep = hexc("#f28ca0"), hexc("#d9607a")
    # lid leaning behind
    lid = rotate(rrect_pts(330, 150, 870, 420, 10), -4, 600, 300)
    cv.soft_poly(move(lid, 10, 16), alpha=90, blur=14)
    cv.gpoly(lid, shade(pink, 0.25), pink)
    with cv.clip(lid):
        for k in range(-6, 14):
            cv.dot(360 + k * 45, 200 + (k % 3) * 70, 10, (255, 255, 255, 120))
    # box
    x0, x1, yt, ym, yb = 280, 920, 400, 600, 800
    cv.shadow(600, yb + 10, 360, 30, alpha=130, blur=18)
    cv.gpoly([(x0, yt), (x1, yt), (x1, ym), (x0, ym)], shade(deep, -0.35), shade(deep, -0.1))
    for i in range(16):
        cv.poly([(x0 + i * 40, yt), (x0 + i * 40 + 20, yt - 22), (x0 + i * 40 + 40, yt)], hexc("#ffffff", 230))
    for row, y in enumerate((470, 560)):
        for k in range(3):
            x = 390 + k * 210
            cv.shadow(x, y + 30, 95, 24, alpha=110, blur=8)
            puck(cv, x, y, 92, 36, 26, hexc("#f2d199"))
            cv.ellipse(x, y, 86, 32, (255, 255, 255, 150))
            for _ in range(140):
                a = rng.uniform(0, 2 * math.pi)
                r = math.sqrt(rng.random())
                cv.dot(x + r * 88 * math.cos(a), y + r * 33 * math.sin(a), rng.uniform(1, 2.3), (255, 255, 255, 230))
    front = [(x0, ym), (x1, ym), (x1, yb), (x0, yb)]
    cv.gpoly(front, "#f7a6b6", "#e87d95", direction="v")
    cv.line([(x0, ym), (x1, ym)], shade(pink, 0.35), 6, round_caps=False)
    # ribbon and bow
    cv.rect(570, ym, 630, yb, hexc("#ffffff"))
    cv.line([(585, ym), (585, yb)], hexc("#f2d0d8"), 3, round_caps=False)
    for sgn in (-1, 1):
        loop = oval(600 + sgn * 75, ym - 10, 80, 42, n=40, rot=sgn * -15)
        cv.soft_poly(move(loop, 4, 8), alpha=80, blur=6)
        cv.poly(loop, hexc("#ffffff"))
        cv.poly(oval(600 + sgn * 70, ym - 10, 45, 18, n=30, rot=sgn * -15), hexc("#f3dde3"))
        cv.poly([(600, ym), (600 + sgn * 40, ym + 110), (600 + sgn * 70, ym + 95)], hexc("#ffffff"))
    cv.circle(600, ym - 5, 26, hexc("#ffffff"))
    cv.circle(600, ym - 5, 26, None, outline=hexc("#f2d0d8"), width=3)


# --------------------------------------------------------------------------- what to write where

L, P, S, LOGO = (1200, 900), (900, 1200), (1000, 1000), (600, 600)
CAMERA = (4000, 3000)  # stored pixel size of the camera-sized photos

# vendor -> [(file name, scene, logical (upright) size, stored size or None, phone EXIF?)]
PHOTOS = {
    "huevos-codorniz-andrea": [
        ("logo.jpg", "logo", LOGO, None, False),
        ("puesto.jpg", "puesto", L, None, False),
        ("huevos.jpg", scene_huevos, P, CAMERA, True),
        ("sancochados.jpg", scene_sancochados, L, None, False),
        ("encurtidos.jpg", scene_encurtidos, L, None, False),
    ],
    "dulces-rosita": [
        ("logo.jpg", "logo", LOGO, None, False),
        ("puesto.jpg", "puesto", L, None, False),
        ("alfajores.jpg", scene_alfajores, L, CAMERA, False),
        ("alfajores-caja.jpg", scene_alfajores_caja, L, None, False),
        ("alfajores-cafe.jpg", scene_alfajores_cafe, L, None, False),
        ("chocotejas.jpg", scene_chocotejas, L, None, False),
        ("pudin.jpg", scene_pudin, L, None, False),
        ("torta.jpg", scene_torta, L, None, False),
    ],
    "sazon-de-milagros": [
        ("puesto.jpg", "puesto", L, None, False),
        ("causa.jpg", scene_causa, L, None, False),
        ("aji-de-gallina.jpg", scene_aji_de_gallina, L, None, False),
        ("huancaina.jpg", scene_huancaina, L, None, False),
        ("chicha.jpg", scene_chicha, L, None, False),
    ],
    "aroma-de-villa-rica": [
        ("logo.jpg", "logo", LOGO, None, False),
        ("puesto.jpg", "puesto", L, None, False),
        ("cafe-grano.jpg", scene_cafe_grano, L, None, False),
        ("cafe-molido.jpg", scene_cafe_molido, L, None, False),
        ("taza.jpg", scene_taza, L, None, False),
    ],
    "bordados-nayeli": [
        ("logo.jpg", "logo", LOGO, None, False),
        ("puesto.jpg", "puesto", L, None, False),
        ("camisa-flores.jpg", scene_camisa_flores, P, None, False),
        ("camisa-detalle.jpg", scene_camisa_detalle, S, None, False),
        ("camisa-nina.jpg", scene_camisa_nina, L, None, False),
        ("gorro.jpg", scene_gorro, L, None, False),
        ("sombrero.jpg", scene_sombrero, L, None, False),
    ],
    "pasitos-calzado": [
        ("puesto.jpg", "puesto", L, None, False),
        ("zapatillas.jpg", scene_zapatillas, L, None, False),
        ("sandalias.jpg", scene_sandalias, S, None, False),
        ("botines.jpg", scene_botines, L, None, False),
    ],
    "suculentas-pachamama": [
        ("logo.jpg", "logo", LOGO, None, False),
        ("puesto.jpg", "puesto", L, None, False),
        ("suculenta.jpg", scene_suculenta, L, CAMERA, False),
        ("cactus-trio.jpg", scene_cactus_trio, L, None, False),
        ("terrario.jpg", scene_terrario, S, None, False),
        ("maceta.jpg", scene_maceta, P, None, False),
    ],
    "eco-bolsas-luz": [
        ("puesto.jpg", "puesto", L, None, False),
        ("bolsa-hojas.jpg", scene_bolsa_hojas, P, None, False),
        ("llavero-llama.jpg", scene_llavero_llama, P, None, False),
        ("llaveros.jpg", scene_llaveros, L, None, False),
        ("cartuchera.jpg", scene_cartuchera, L, None, False),
    ],
    "papeleria-colores-de-ana": [
        ("logo.jpg", "logo", LOGO, None, False),
        ("puesto.jpg", "puesto", L, None, False),
        ("cuaderno.jpg", scene_cuaderno, S, None, False),
        ("lapices.jpg", scene_lapices, L, None, False),
        ("agenda.jpg", scene_agenda, L, None, False),
    ],
    "salon-estilo-sheyla": [
        ("puesto.jpg", "puesto", L, None, False),
        ("corte.jpg", scene_corte, L, None, False),
        ("trenzas.jpg", scene_trenzas, P, None, False),
        ("manicure.jpg", scene_manicure, L, None, False),
    ],
    "pintacaritas-arcoiris": [
        ("logo.jpg", "logo", LOGO, None, False),
        ("puesto.jpg", "puesto", L, None, False),
        ("mariposa.jpg", scene_mariposa, S, None, False),
        ("superheroe.jpg", scene_superheroe, S, None, False),
        ("fiesta.jpg", scene_fiesta, L, None, False),
    ],
}


def phone_exif() -> Image.Exif:
    """EXIF of a phone held upright: orientation 6, maker/model and GPS (Miraflores, Lima)."""
    exif = Image.Exif()
    exif[EXIF_MAKE] = "VitrinaTestPhone"
    exif[EXIF_MODEL] = "GPS-TEST-7"
    exif[EXIF_ORIENTATION] = 6
    gps = exif.get_ifd(EXIF_GPS_IFD)
    gps[GPS_VERSION] = b"\x02\x02\x00\x00"
    gps[GPS_LAT_REF] = "S"
    gps[GPS_LAT] = (12.0, 7.0, 16.0)  # 12°07'16" S
    gps[GPS_LON_REF] = "W"
    gps[GPS_LON] = (77.0, 1.0, 48.0)  # 77°01'48" W
    return exif


def render(vendor: str, name: str, scene, size, stored) -> Image.Image:
    w, h = size
    cv = Canvas(w, h)
    rng = seeded(f"{vendor}/{name}")
    if scene == "logo":
        scene_logo(cv, rng, vendor)
    elif scene == "puesto":
        scene_puesto(cv, rng, vendor)
    else:
        scene(cv, rng)
    if stored is None:
        return cv.result()
    # camera-sized: scale the upright picture to the camera's pixel count
    upright = stored if (w > h) == (stored[0] > stored[1]) else (stored[1], stored[0])
    return cv.result(upright)


def write_photo(path: Path, img: Image.Image, phone: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if phone:
        # A phone stores the sensor's pixels and says "rotate 90° clockwise to view" (orientation 6).
        stored = img.transpose(Image.ROTATE_90)
        stored.save(path, "JPEG", quality=JPEG_QUALITY, optimize=True, exif=phone_exif())
    else:
        img.save(path, "JPEG", quality=JPEG_QUALITY, optimize=True)


def verify_phone_photo(path: Path, upright: Image.Image) -> None:
    """Check the phone photo: orientation 6, GPS IFD, and upright once the orientation is applied."""
    with Image.open(path) as im:
        exif = im.getexif()
        assert exif.get(EXIF_ORIENTATION) == 6, "orientation must be 6"
        assert exif.get(EXIF_MAKE) == "VitrinaTestPhone" and exif.get(EXIF_MODEL) == "GPS-TEST-7"
        gps = exif.get_ifd(EXIF_GPS_IFD)
        assert gps.get(GPS_LAT_REF) == "S" and gps.get(GPS_LON_REF) == "W", "GPS IFD missing"
        assert im.size == (upright.height, upright.width), "stored pixels must be rotated"
        fixed = ImageOps.exif_transpose(im)
        assert fixed.size == upright.size, "exif_transpose must give the upright size"
        a = fixed.convert("L").resize((48, 64))
        b = upright.convert("L").resize((48, 64))
        diff = sum(abs(p - q) for p, q in zip(a.tobytes(), b.tobytes())) / (48 * 64)
        assert diff < 8, f"exif_transpose does not give the upright picture back (mean diff {diff:.1f})"
        print(f"\n{path.relative_to(ROOT)}: stored {im.size[0]}x{im.size[1]}, shown {fixed.size[0]}x{fixed.size[1]} (mean diff {diff:.2f})")
        for tag, value in sorted(exif.items()):
            print(f"  EXIF 0x{tag:04x} = {value!r}")
        for tag, value in sorted(gps.items()):
            print(f"  GPS  0x{tag:04x} = {value!r}")


def referenced_photos() -> set[str]:
    """Every photo path the content mentions (vendor.toml and product front matter)."""
    import re

    refs = set()
    pat = re.compile(r'(?:src|logo)\s*=\s*"([^"]+)"')
    for f in sorted(VENDORS.glob("*/vendor.toml")) + sorted(VENDORS.glob("*/products/*.md")):
        vendor = f.relative_to(VENDORS).parts[0]
        for m in pat.finditer(f.read_text(encoding="utf-8")):
            refs.add(f"{vendor}/{m.group(1)}")
    return refs


def main(argv: list[str]) -> int:
    only = set(argv[1:])
    written = {}
    for vendor, photos in PHOTOS.items():
        for name, scene, size, stored, phone in photos:
            key = f"{vendor}/photos/{name}"
            if only and not any(o in key for o in only):
                continue
            img = render(vendor, name, scene, size, stored)
            path = VENDORS / vendor / "photos" / name
            write_photo(path, img, phone)
            written[key] = path
            w, h = (img.height, img.width) if phone else img.size
            note = "  (phone EXIF: orientation 6, GPS)" if phone else ""
            print(f"{path.relative_to(ROOT)}  {w}x{h}{note}  {path.stat().st_size // 1024} KiB")
            if phone:
                verify_phone_photo(path, img)
    if not only:
        refs = referenced_photos()
        missing = sorted(refs - set(written))
        unused = sorted(set(written) - refs)
        for m in missing:
            print(f"warning: content references {m}, which this script does not draw", file=sys.stderr)
        for u in unused:
            print(f"warning: {u} is drawn but no content references it", file=sys.stderr)
        total = sum(p.stat().st_size for p in written.values())
        print(f"\n{len(written)} photos, {total / 1e6:.2f} MB")
        return 1 if missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
