"""The course's own small world: seeded outdoor scenes whose ground truth is known exactly.

A scene is a landscape seen by a camera at eye height: sky, distant mountains, a grass field, sometimes a
road, and things standing on the ground (trees, houses, cars, people, rocks, flowers, balls, umbrellas).
Each thing has a kind, a colour, a distance, a box and a mask, and the scene has a class and a depth for
every pixel and a one-line caption. Nearer things are drawn larger, lower and on top, so they hide what is
behind them. The vision lessons write their offline samples from these scenes in their dataset's schema.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw

#: every class a pixel can have: the ground truth of segmentation (index 0 is the sky)
STUFF = ("sky", "mountain", "grass", "road")
KINDS = ("tree", "house", "car", "person", "rock", "flower", "ball", "umbrella")
CLASSES = STUFF + KINDS

#: colour names a caption can use, with their RGB values
COLOURS = {
    "red": (200, 40, 40), "orange": (235, 130, 30), "yellow": (235, 205, 40), "green": (60, 150, 60),
    "blue": (45, 90, 200), "purple": (130, 60, 170), "pink": (235, 130, 170), "white": (235, 235, 230),
    "black": (35, 35, 40), "brown": (120, 80, 45), "gray": (130, 130, 135),
}
#: the colours each kind comes in (a tree's crown, a person's shirt)
KIND_COLOURS = {
    "tree": ("green", "orange", "yellow"), "house": ("red", "white", "yellow", "blue", "brown"),
    "car": ("red", "blue", "yellow", "white", "black", "green", "orange"), "person": tuple(COLOURS),
    "rock": ("gray", "brown"), "flower": ("red", "yellow", "pink", "purple", "white", "orange"),
    "ball": ("red", "blue", "yellow", "green", "orange", "purple", "pink", "white"),
    "umbrella": ("red", "blue", "yellow", "green", "purple", "pink", "orange", "black"),
}
#: real height and width of each kind in metres, which the camera turns into pixels
SIZES = {"tree": (4.5, 3.0), "house": (5.0, 6.5), "car": (1.5, 4.0), "person": (1.75, 0.6), "rock": (0.9, 1.4),
         "flower": (0.6, 0.35), "ball": (0.45, 0.45), "umbrella": (2.2, 2.0)}
#: how near and how far from the camera each kind stands, in metres (small things only near, big things not too near)
DISTANCES = {"tree": (7, 25), "house": (9, 30), "car": (4, 18), "person": (3, 14), "rock": (2.5, 10),
             "flower": (2, 6), "ball": (2, 7), "umbrella": (4, 16)}
#: the camera: its height above the ground in metres, and the nearest and farthest distances in a depth map
CAMERA_HEIGHT = 1.6
NEAREST, FARTHEST = 1.0, 80.0


@dataclass
class Thing:
    """One object in a scene: what it is, its colour, how far away it stands, and where it shows."""

    kind: str
    colour: str
    distance: float
    #: [x_min, y_min, x_max, y_max] of its visible pixels, in pixels (empty when something hides it completely)
    box: tuple[int, int, int, int] | None = None
    #: its pixels in `Scene.instances` carry this number (1, 2, ... in drawing order: far to near)
    index: int = 0
    visible_pixels: int = 0


@dataclass
class Scene:
    image: Image.Image
    #: per pixel: the index of the class in CLASSES
    classes: np.ndarray
    #: per pixel: the `Thing.index` of the object seen there, 0 for the background
    instances: np.ndarray
    #: per pixel: the distance from the camera in metres (the sky and the far hills at FARTHEST)
    depth: np.ndarray
    #: the row of the horizon: the ground starts below it
    horizon: int
    things: list[Thing] = field(default_factory=list)

    @property
    def visible(self) -> list[Thing]:
        return [thing for thing in self.things if thing.box is not None]

    def mask(self, thing: Thing) -> np.ndarray:
        return self.instances == thing.index

    @property
    def caption(self) -> str:
        """A plain sentence naming the visible things, nearest first, and what they stand on."""
        names = [f"{thing.colour} {thing.kind}" if thing.kind != "person" else f"person in {thing.colour}"
                 for thing in sorted(self.visible, key=lambda t: t.distance)]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""
        road = " near a road" if (self.classes == CLASSES.index("road")).any() else ""
        return f"{_article(listed)} {listed} on the grass{road}".strip() if names else f"an empty field{road}"


def _article(text: str) -> str:
    return "an" if text[:1] in "aeiou" else "a"


class _Canvas:
    """Draws each shape on the picture, the class map, the instance map and the depth map at once."""

    def __init__(self, width: int, height: int, rng: np.random.Generator):
        self.rng = rng
        self.image = Image.new("RGB", (width, height))
        self.classes = Image.new("L", (width, height))
        self.instances = Image.new("L", (width, height))
        self.depth = np.full((height, width), FARTHEST, dtype=np.float32)
        self.draws = [ImageDraw.Draw(layer) for layer in (self.image, self.classes, self.instances)]

    def shape(self, method: str, coords, colour, kind: str, index: int = 0, distance: float | None = None) -> None:
        for draw, fill in zip(self.draws, (tuple(colour), CLASSES.index(kind), index)):
            getattr(draw, method)(coords, fill=fill)
        if distance is not None:  # where this shape landed, it is now the nearest surface
            covered = Image.new("1", self.image.size)
            getattr(ImageDraw.Draw(covered), method)(coords, fill=1)
            self.depth[np.asarray(covered)] = distance


def _shade(colour, amount: float) -> tuple[int, int, int]:
    return tuple(int(np.clip(c * amount, 0, 255)) for c in colour)


def _jitter(colour, rng: np.random.Generator, spread: int = 18) -> tuple[int, int, int]:
    return tuple(int(np.clip(c + rng.integers(-spread, spread + 1), 0, 255)) for c in colour)


def _draw_thing(canvas: _Canvas, thing: Thing, x: float, base: float, scale: float) -> None:
    """Draw one thing with its feet at (x, base); `scale` is pixels per metre at its distance."""
    rng, colour = canvas.rng, _jitter(COLOURS[thing.colour], canvas.rng)
    height, width = (size * scale for size in SIZES[thing.kind])
    left, right, top = x - width / 2, x + width / 2, base - height

    def put(method, coords, fill):
        canvas.shape(method, coords, fill, thing.kind, thing.index, thing.distance)

    kind = thing.kind
    if kind == "tree":
        trunk = width * 0.14
        put("rectangle", [x - trunk / 2, base - height * 0.45, x + trunk / 2, base], _jitter(COLOURS["brown"], rng))
        if rng.random() < 0.5:  # a round crown or a pointed one
            put("ellipse", [left, top, right, base - height * 0.3], colour)
        else:
            put("polygon", [(x, top), (right, base - height * 0.25), (left, base - height * 0.25)], colour)
    elif kind == "house":
        wall_top = base - height * 0.6
        put("rectangle", [left, wall_top, right, base], colour)
        roof = _jitter(COLOURS[rng.choice(["red", "brown", "gray", "black"])], rng)
        put("polygon", [(left - width * 0.06, wall_top), (x, top), (right + width * 0.06, wall_top)], roof)
        put("rectangle", [x - width * 0.08, base - height * 0.32, x + width * 0.08, base], _shade(colour, 0.45))
        for side in (-1, 1):
            cx = x + side * width * 0.28
            put("rectangle", [cx - width * 0.08, wall_top + height * 0.1, cx + width * 0.08, wall_top + height * 0.26],
                (170, 210, 235))
    elif kind == "car":
        flip = rng.random() < 0.5
        body_top = base - height * 0.65
        put("rounded_rectangle" if width > 8 else "rectangle", [left, body_top, right, base - height * 0.2], colour)
        cab_left = left + width * (0.35 if flip else 0.2)
        put("polygon", [(cab_left, body_top), (cab_left + width * 0.1, top), (cab_left + width * 0.38, top),
                        (cab_left + width * 0.48, body_top)], _shade(colour, 0.85))
        wheel = height * 0.22
        for cx in (left + width * 0.22, right - width * 0.22):
            put("ellipse", [cx - wheel, base - 2 * wheel, cx + wheel, base], COLOURS["black"])
    elif kind == "person":
        head = width * 0.42
        skin = _jitter(rng.choice([(240, 200, 170), (200, 150, 110), (140, 95, 65)]), rng, 8)
        put("rectangle", [x - width * 0.3, base - height * 0.48, x - width * 0.05, base], _jitter((50, 60, 90), rng))
        put("rectangle", [x + width * 0.05, base - height * 0.48, x + width * 0.3, base], _jitter((50, 60, 90), rng))
        put("rounded_rectangle" if width > 6 else "rectangle",
            [left, top + head * 1.1, right, base - height * 0.45], colour)
        put("ellipse", [x - head / 2, top, x + head / 2, top + head * 1.15], skin)
    elif kind == "rock":
        points = [(x + math.cos(a) * width / 2 * rng.uniform(0.75, 1.0),
                   base - height / 2 + math.sin(a) * height / 2 * rng.uniform(0.75, 1.0))
                  for a in np.linspace(math.pi, 2 * math.pi, 7)]
        put("polygon", [(left, base), *points, (right, base)], colour)
    elif kind == "flower":
        put("rectangle", [x - max(0.5, width * 0.05), top + height * 0.3, x + max(0.5, width * 0.05), base],
            COLOURS["green"])
        petal = width * 0.28
        for angle in np.linspace(0, 2 * math.pi, 6, endpoint=False):
            px, py = x + math.cos(angle) * petal, top + height * 0.2 + math.sin(angle) * petal
            put("ellipse", [px - petal, py - petal, px + petal, py + petal], colour)
        middle = COLOURS["orange" if thing.colour == "yellow" else "yellow"]
        put("ellipse", [x - petal * 0.7, top + height * 0.2 - petal * 0.7, x + petal * 0.7,
                        top + height * 0.2 + petal * 0.7], middle)
    elif kind == "ball":
        put("ellipse", [left, top, right, base], colour)
        put("ellipse", [x - width * 0.25, top + height * 0.15, x - width * 0.05, top + height * 0.35],
            _shade(colour, 1.35))
    elif kind == "umbrella":
        pole = max(1.0, width * 0.03)
        put("rectangle", [x - pole, top + height * 0.3, x + pole, base], COLOURS["gray"])
        canopy = [(x + math.cos(a) * width / 2, top + height * 0.3 - math.sin(a) * height * 0.3)
                  for a in np.linspace(0, math.pi, 13)]
        put("polygon", canopy, colour)


def _background(canvas: _Canvas, horizon: int, road: bool) -> None:
    """Sky with a gradient, a ridge of mountains, a grass field, maybe a road running to the horizon."""
    rng = canvas.rng
    width, height = canvas.image.size
    sky_top, sky_low = np.array([70, 130, 210]), np.array([185, 215, 240])
    for y in range(horizon):
        t = y / max(1.0, horizon)
        canvas.shape("line", [0, y, width, y], tuple(int(v) for v in sky_top * (1 - t) + sky_low * t), "sky")
    peaks = [(0, horizon)]
    for x in np.linspace(0, width, int(rng.integers(4, 8))):
        peaks.append((float(x), horizon - rng.uniform(0.05, 0.25) * height))
    peaks.append((width, horizon))
    canvas.shape("polygon", peaks, _jitter((110, 120, 140), rng), "mountain", distance=FARTHEST * 0.8)
    grass = _jitter((95, 165, 75), rng)
    canvas.shape("rectangle", [0, horizon, width, height], grass, "grass")
    rows = np.arange(height)
    below = rows >= horizon
    canvas.depth[below] = ground_depth(rows[below, None], horizon, height)
    if road:
        centre = rng.uniform(0.25, 0.75) * width
        canvas.shape("polygon", [(centre - 2, horizon), (centre + 2, horizon), (centre + width * 0.45, height),
                                 (centre - width * 0.45, height)], _jitter((105, 105, 110), rng), "road")


def ground_depth(row, horizon: int, height: int):
    """Distance in metres to the ground seen at `row` (a number or an array), through the middle of the pixel."""
    return np.clip(_focal(height) * CAMERA_HEIGHT / (row - horizon + 0.5), NEAREST, FARTHEST)


def _focal(height: int) -> float:
    """Focal length in pixels: a field of view of about 60 degrees across the picture's height."""
    return height / (2 * math.tan(math.radians(30)))


def scene(seed: int, size: tuple[int, int] = (256, 192), count: tuple[int, int] = (2, 5),
          kinds: tuple[str, ...] = KINDS, noise: float = 6.0) -> Scene:
    """The scene number `seed`: the same seed gives the same picture and ground truth on every machine."""
    rng = np.random.default_rng(seed)
    width, height = size
    canvas = _Canvas(width, height, rng)
    horizon = int(rng.uniform(0.35, 0.5) * height)
    _background(canvas, horizon, road=rng.random() < 0.35)
    focal = _focal(height)
    things = [Thing(str(kind), str(rng.choice(KIND_COLOURS[kind])), float(np.exp(rng.uniform(*np.log(DISTANCES[kind])))))
              for kind in rng.choice(kinds, int(rng.integers(count[0], count[1] + 1)))]
    placed = sorted(things, key=lambda thing: -thing.distance)  # far first, so near things cover them
    for index, thing in enumerate(placed, start=1):
        thing.index = index
        scale = focal / thing.distance
        base = horizon + CAMERA_HEIGHT * scale
        half_view = width / 2 / scale  # metres visible to each side at this distance
        x = width / 2 + rng.uniform(-0.85, 0.85) * half_view * scale
        _draw_thing(canvas, thing, x, base, scale)
    instances = np.asarray(canvas.instances).copy()
    for thing in placed:
        ys, xs = np.nonzero(instances == thing.index)
        thing.visible_pixels = int(len(xs))
        thing.box = (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1) if len(xs) else None
    pixels = np.asarray(canvas.image).astype(np.float32)
    pixels += rng.normal(0, noise, pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    return Scene(image, np.asarray(canvas.classes).copy(), instances, canvas.depth, horizon, placed)
