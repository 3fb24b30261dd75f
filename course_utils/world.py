"""The course's own small world: seeded outdoor scenes whose ground truth is known exactly.

A scene is a landscape seen by a camera at eye height: sky, distant mountains, a grass field, sometimes a
road, and things standing on the ground (trees, houses, cars, people, rocks, flowers, balls, umbrellas).
Each thing has a kind, a colour, a distance, a box and a mask, and the scene has a class and a depth for
every pixel and a one-line caption. Nearer things are drawn larger, lower and on top, so they hide what is
behind them. The vision lessons write their offline samples from these scenes in their dataset's schema.
Close-ups of food on a plate (`dish`), short clips of people doing one of ten actions (`clip`) and health workers
in a clinic wearing protective equipment (`ppe_scene`) follow the same rule: the same seed draws the same thing on
every machine.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import astuple, dataclass, field

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

    def shape(self, method: str, coords, colour, kind: str | None = None, index: int = 0,
              distance: float | None = None, **options) -> None:
        """Draw with ImageDraw's `method` on every layer; `options` (a line's width, say) go to it as they are."""
        for draw, fill in zip(self.draws, (tuple(colour), CLASSES.index(kind) if kind else 0, index)):
            getattr(draw, method)(coords, fill=fill, **options)
        if distance is not None:  # where this shape landed, it is now the nearest surface
            covered = Image.new("1", self.image.size)
            getattr(ImageDraw.Draw(covered), method)(coords, fill=1, **options)
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


#: foods the course can draw, named as Food-101 names them
FOODS = ("donuts", "french_fries", "hamburger", "hot_dog", "ice_cream", "macarons", "pancakes", "pizza", "sushi",
         "waffles")
#: tablecloth colours: a plain cloth, or checks of this colour and white
CLOTHS = ((200, 60, 60), (60, 110, 190), (70, 150, 90), (230, 200, 90), (150, 110, 190), (215, 215, 210))


def _cloth(canvas: _Canvas) -> None:
    rng = canvas.rng
    width, height = canvas.image.size
    colour = _jitter(CLOTHS[int(rng.integers(len(CLOTHS)))], rng)
    canvas.shape("rectangle", [0, 0, width, height], colour)
    if rng.random() < 0.5:
        step = int(rng.integers(width // 10, width // 5))
        light = _shade(colour, 1.6)
        for x in range(0, width, 2 * step):
            canvas.shape("rectangle", [x, 0, x + step, height], light)
        for y in range(0, height, 2 * step):
            canvas.shape("rectangle", [0, y, width, y + step], light)


def _draw_food(canvas: _Canvas, food: str, cx: float, cy: float, r: float, plate: tuple[int, int, int]) -> None:
    """One food centred at (cx, cy), about 2r across, on a `plate` of that colour (seen through a doughnut's hole);
    every shape of the food is marked as the food in the instance map."""
    rng = canvas.rng

    def put(method, coords, colour):
        canvas.shape(method, coords, _jitter(colour, rng, 10), index=1)

    def ellipse(x, y, rx, ry, colour):
        put("ellipse", [x - rx, y - ry, x + rx, y + ry], colour)

    if food == "pizza":
        ellipse(cx, cy, r, r, (205, 150, 80))
        ellipse(cx, cy, r * 0.85, r * 0.85, (200, 60, 40))
        if rng.random() < 0.5:  # cheese
            ellipse(cx, cy, r * 0.8, r * 0.8, (245, 215, 120))
        for _ in range(int(rng.integers(6, 12))):
            a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0, r * 0.65)
            ellipse(cx + d * math.cos(a), cy + d * math.sin(a), r * 0.1, r * 0.1,
                    [(150, 30, 30), (60, 120, 50), (40, 40, 40)][int(rng.integers(3))])
        for a in np.linspace(0, math.pi, int(rng.integers(2, 5)), endpoint=False):
            put("line", [cx - r * math.cos(a), cy - r * math.sin(a), cx + r * math.cos(a), cy + r * math.sin(a)],
                (170, 120, 60))
    elif food == "donuts":
        ellipse(cx, cy, r, r * 0.9, (200, 140, 70))
        icing = [(240, 150, 190), (120, 70, 40), (245, 240, 235), (150, 100, 200)][int(rng.integers(4))]
        ellipse(cx, cy, r * 0.85, r * 0.75, icing)
        for _ in range(14):
            a, d = rng.uniform(0, 2 * math.pi), rng.uniform(r * 0.4, r * 0.75)
            x, y = cx + d * math.cos(a), cy + d * math.sin(a) * 0.88
            put("line", [x, y, x + r * 0.08, y + r * 0.05], COLOURS[str(rng.choice(list(COLOURS)))])
        hole = r * 0.28
        canvas.shape("ellipse", [cx - hole, cy - hole * 0.9, cx + hole, cy + hole * 0.9], plate)
    elif food == "waffles":
        put("rounded_rectangle", [cx - r, cy - r * 0.8, cx + r, cy + r * 0.8], (220, 165, 70))
        for k in np.linspace(-0.8, 0.8, 6):
            put("line", [cx + k * r, cy - r * 0.8, cx + k * r, cy + r * 0.8], (170, 115, 40))
            put("line", [cx - r, cy + k * r * 0.8, cx + r, cy + k * r * 0.8], (170, 115, 40))
        if rng.random() < 0.6:
            ellipse(cx + r * 0.2, cy - r * 0.2, r * 0.3, r * 0.2, (245, 240, 225))
    elif food == "french_fries":
        for _ in range(16):
            x = cx + rng.uniform(-0.55, 0.55) * r
            put("polygon", [(x - r * 0.06, cy - rng.uniform(0.4, 1.0) * r), (x + r * 0.06, cy - r),
                            (x + r * 0.06, cy), (x - r * 0.06, cy)], (240, 200, 70))
        put("polygon", [(cx - r * 0.7, cy - r * 0.2), (cx + r * 0.7, cy - r * 0.2), (cx + r * 0.55, cy + r),
                        (cx - r * 0.55, cy + r)], (210, 40, 40))
    elif food == "sushi":
        for k in range(int(rng.integers(2, 4))):
            x = cx + (k - 1) * r * 0.7
            ellipse(x, cy, r * 0.33, r * 0.33, (30, 40, 35))
            ellipse(x, cy, r * 0.27, r * 0.27, (245, 245, 240))
            ellipse(x, cy, r * 0.12, r * 0.12, [(240, 120, 80), (220, 70, 90), (120, 180, 90)][int(rng.integers(3))])
    elif food == "ice_cream":
        put("polygon", [(cx - r * 0.4, cy), (cx + r * 0.4, cy), (cx, cy + r)], (215, 170, 100))
        for k in range(int(rng.integers(1, 4))):
            flavour = [(250, 240, 220), (240, 160, 190), (120, 75, 45), (150, 210, 150)][int(rng.integers(4))]
            ellipse(cx, cy - k * r * 0.45, r * 0.45, r * 0.38, flavour)
    elif food == "hamburger":
        layers = [((215, 160, 80), 0.9, 0.25), ((110, 65, 40), 0.95, 0.15), ((250, 200, 60), 1.0, 0.07),
                  ((80, 160, 60), 1.0, 0.08)]
        ellipse(cx, cy + r * 0.45, r * 0.9, r * 0.2, (215, 160, 80))
        for k, (colour, width, height) in enumerate(layers[1:]):
            ellipse(cx, cy + r * (0.25 - k * 0.15), r * width, r * height, colour)
        ellipse(cx, cy - r * 0.3, r * 0.9, r * 0.55, (220, 160, 75))
        for _ in range(6):
            ellipse(cx + rng.uniform(-0.6, 0.6) * r, cy - rng.uniform(0.35, 0.65) * r, r * 0.04, r * 0.025,
                    (250, 240, 200))
    elif food == "hot_dog":
        put("rounded_rectangle", [cx - r, cy - r * 0.3, cx + r, cy + r * 0.3], (220, 170, 100))
        put("rounded_rectangle", [cx - r * 1.1, cy - r * 0.12, cx + r * 1.1, cy + r * 0.12], (180, 70, 50))
        points = [(cx - r * 0.9 + k * r * 0.15, cy + (r * 0.05 if k % 2 else -r * 0.05)) for k in range(13)]
        put("line", points, (240, 210, 50))
    elif food == "macarons":
        for k in range(int(rng.integers(3, 6))):
            x, y = cx + rng.uniform(-0.6, 0.6) * r, cy + rng.uniform(-0.6, 0.6) * r
            shell = [(240, 160, 190), (170, 220, 170), (200, 170, 230), (250, 220, 130), (160, 110, 80)][
                int(rng.integers(5))]
            ellipse(x, y, r * 0.3, r * 0.22, shell)
            put("line", [x - r * 0.3, y, x + r * 0.3, y], (250, 245, 235))
    elif food == "pancakes":
        for k in range(int(rng.integers(3, 6))):
            ellipse(cx, cy + r * 0.4 - k * r * 0.18, r * 0.9, r * 0.3, (225, 175, 95) if k % 2 else (205, 150, 75))
        ellipse(cx, cy - r * 0.35, r * 0.5, r * 0.15, (150, 80, 30))


@dataclass
class Dish:
    """A close-up of one food on a plate: the picture, and the food's own pixels and box."""

    image: Image.Image
    food: str
    mask: np.ndarray
    box: tuple[int, int, int, int]


def dish(seed: int, food: str, size: tuple[int, int] = (224, 224), noise: float = 6.0) -> Dish:
    """Photo number `seed` of `food` (one of FOODS): a plate on a tablecloth, the food at a random place and size,
    sometimes partly hidden by a napkin or a glass."""
    if food not in FOODS:
        raise ValueError(f"The course draws these foods: {', '.join(FOODS)}; not {food!r}.")
    rng = np.random.default_rng([seed, FOODS.index(food)])
    width, height = size
    canvas = _Canvas(width, height, rng)
    _cloth(canvas)
    cx, cy = (rng.uniform(0.4, 0.6) * width, rng.uniform(0.4, 0.6) * height)
    plate = rng.uniform(0.3, 0.48) * min(size)
    colour = _jitter((240, 240, 236) if rng.random() < 0.7 else (180, 210, 230), rng, 8)
    canvas.shape("ellipse", [cx - plate, cy - plate, cx + plate, cy + plate], _shade(colour, 0.85))
    canvas.shape("ellipse", [cx - plate * 0.82, cy - plate * 0.82, cx + plate * 0.82, cy + plate * 0.82], colour)
    _draw_food(canvas, food, cx, cy, plate * rng.uniform(0.55, 0.75), colour)
    if rng.random() < 0.35:  # a napkin over one corner, covering part of the plate
        corner = (0 if rng.random() < 0.5 else width, 0 if rng.random() < 0.5 else height)
        reach = rng.uniform(0.3, 0.45) * width
        canvas.shape("polygon", [corner, (abs(corner[0] - reach), corner[1]), (corner[0], abs(corner[1] - reach))],
                     _jitter((245, 245, 240), rng))
    mask = np.asarray(canvas.instances) == 1
    ys, xs = np.nonzero(mask)
    angle = rng.uniform(-25, 25)  # the camera is never held quite straight
    pixels = np.asarray(canvas.image.rotate(angle, resample=Image.BILINEAR, fillcolor=canvas.image.getpixel((0, 0))))
    mask = np.asarray(Image.fromarray(mask).rotate(angle, fillcolor=0))
    ys, xs = np.nonzero(mask)
    pixels = pixels.astype(np.float32) * rng.uniform(0.8, 1.15) + rng.normal(0, noise, pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    return Dish(image, food, mask, (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1))


#: the actions the course films, named and ordered as UCF101 names its first ten
ACTIONS = ("ApplyEyeMakeup", "ApplyLipstick", "Archery", "BabyCrawling", "BalanceBeam", "BandMarching",
           "BaseballPitch", "Basketball", "BasketballDunk", "BenchPress")
#: frames per second of a clip: 32 frames last about 1.3 seconds
FPS = 25
#: skin, hair, trouser, wall and floor colours that every action draws from, so no colour gives an action away
SKINS = ((240, 200, 170), (225, 175, 135), (200, 150, 110), (160, 110, 75), (110, 75, 50))
HAIRS = ((35, 30, 30), (90, 60, 35), (150, 110, 60), (210, 180, 110), (140, 60, 30), (150, 150, 150))
TROUSERS = ((40, 50, 80), (35, 35, 40), (120, 120, 125), (235, 235, 230), (110, 85, 60), (60, 90, 150))
WALLS = ((225, 215, 195), (200, 205, 210), (175, 200, 225), (190, 215, 185), (235, 230, 220), (230, 210, 150),
         (150, 160, 175), (205, 170, 150))
FLOORS = ((190, 140, 90), (150, 100, 60), (205, 185, 150), (120, 120, 125), (70, 90, 150), (150, 60, 60),
          (90, 130, 90))
#: a grown-up's proportions, in units of their height: thigh or shin, upper arm or forearm, torso, head radius
LEG, ARM, TORSO, HEAD = 0.25, 0.165, 0.3, 0.07

#: a point in a clip's own units (see `_Pen`)
Point = tuple[float, float]
#: what a clip does at each moment: draws the moving things of the frame at `t` seconds
Move = Callable[[float], None]


def _pick(colours, rng: np.random.Generator, spread: int = 18) -> tuple[int, int, int]:
    """One of `colours` at random, a little off."""
    return _jitter(colours[int(rng.integers(len(colours)))], rng, spread)


@dataclass(frozen=True)
class _Look:
    """The colours of one person: skin, hair, shirt, trousers and shoes."""

    skin: tuple[int, int, int]
    hair: tuple[int, int, int]
    shirt: tuple[int, int, int]
    trousers: tuple[int, int, int]
    shoes: tuple[int, int, int]


def _look(rng: np.random.Generator) -> _Look:
    """A person's colours, from the palettes every action shares."""
    return _Look(_pick(SKINS, rng, 8), _pick(HAIRS, rng), _pick(list(COLOURS.values()), rng), _pick(TROUSERS, rng),
                 _pick(((35, 35, 40), (235, 235, 230), (120, 80, 45)), rng))


@functools.lru_cache(maxsize=64)
def _dim(look: _Look) -> _Look:
    """The same colours in shadow, for the far arm and leg."""
    return _Look(*(_shade(colour, 0.75) for colour in astuple(look)))


class _Pen:
    """Draws in a clip's own units: `scale` pixels to the unit, x to the right and y up from `origin` (in pixels)."""

    def __init__(self, draw: ImageDraw.ImageDraw, origin: Point, scale: float):
        self.draw, self.origin, self.scale = draw, origin, scale

    def at(self, point: Point) -> Point:
        return self.origin[0] + point[0] * self.scale, self.origin[1] - point[1] * self.scale

    def line(self, points, colour, width: float) -> None:
        self.draw.line([self.at(p) for p in points], fill=colour, width=max(1, round(width * self.scale)),
                       joint="curve")

    def ellipse(self, centre: Point, rx: float, ry: float, colour) -> None:
        x, y = self.at(centre)
        self.draw.ellipse([x - rx * self.scale, y - ry * self.scale, x + rx * self.scale, y + ry * self.scale],
                          fill=colour)

    def polygon(self, points, colour) -> None:
        self.draw.polygon([self.at(p) for p in points], fill=colour)

    def chord(self, centre: Point, r: float, start: float, end: float, colour) -> None:
        """The part of a disc cut off by the chord from angle `start` to `end` (degrees, clockwise on screen)."""
        x, y = self.at(centre)
        self.draw.chord([x - r * self.scale, y - r * self.scale, x + r * self.scale, y + r * self.scale], start, end,
                        fill=colour)


def _limb(start: Point, end: Point, first: float, second: float, side: int) -> list[Point]:
    """A limb of two parts reaching from `start` to `end`, bent at the joint between them to the left (`side` 1,
    a knee forward for a leg hanging down) or to the right (-1) of the way from start to end."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    reach = max(math.hypot(dx, dy), 1e-6)
    along = float(np.clip((first ** 2 - second ** 2 + reach ** 2) / (2 * reach), -first, first))
    across = side * math.sqrt(first ** 2 - along ** 2)
    return [start, (start[0] + (dx * along - dy * across) / reach, start[1] + (dy * along + dx * across) / reach), end]


def _limbs(hip: Point, neck: Point, hands, feet, sides=(-1, -1)) -> tuple[list, list]:
    """The (far, near) arms and legs of a grown-up reaching to these (far, near) hands and feet, the elbows bent to
    `sides` (see `_limb`), the knees forward."""
    return ([_limb(neck, hand, ARM, ARM, side) for hand, side in zip(hands, sides)],
            [_limb(hip, foot, LEG, LEG, 1) for foot in feet])


def _step(t: float, period: float, duty: float, stride: float, lift: float) -> Point:
    """Where a foot is, ahead of its hip and above the ground, at time `t` of a gait repeating every `period`
    seconds: on the ground for the fraction `duty` of it, left behind as the body moves on, then swung forward."""
    u = (t / period) % 1
    if u < duty:
        return stride * (0.5 - u / duty), 0.0
    swing = (u - duty) / (1 - duty)
    return stride * (swing - 0.5), lift * math.sin(math.pi * swing)


def _key(u: float, times, values) -> float:
    """The value at time `u` of a motion given at key times, in straight lines between them."""
    return float(np.interp(u, times, values))


def _ahead(point: Point, angle: float, reach: float) -> Point:
    """The point `reach` away from `point` in the direction `angle` (radians: 0 straight down, pi/2 forward)."""
    return point[0] + reach * math.sin(angle), point[1] - reach * math.cos(angle)


def _draw_person(pen: _Pen, look: _Look, hip: Point, neck: Point, arms, legs, head: float = HEAD,
                 nod: float = 0) -> Point:
    """A person seen from the side, facing right: `arms` are the (far, near) chains shoulder, elbow, hand and `legs`
    the (far, near) chains hip, knee, foot; the face turns `nod` degrees up from the line of the body. Returns the
    centre of the head, for a hat."""
    _draw_limbs(pen, _dim(look), arms[0], legs[0])
    pen.line([hip, neck], look.shirt, 0.15)
    pen.ellipse(hip, 0.07, 0.07, look.trousers)
    dx, dy = neck[0] - hip[0], neck[1] - hip[1]
    length = max(math.hypot(dx, dy), 1e-6)
    centre = (neck[0] + dx / length * head * 1.2, neck[1] + dy / length * head * 1.2)
    pen.ellipse(centre, head, head, look.skin)
    top = math.degrees(math.atan2(-dy, dx)) - nod  # the top of the head, as the screen measures angles
    pen.chord(centre, head * 1.05, top - 145, top + 55, look.hair)
    _draw_limbs(pen, look, arms[1], legs[1])
    return centre


def _draw_limbs(pen: _Pen, look: _Look, arm: list[Point], leg: list[Point]) -> None:
    """One leg with its shoe, and one arm with a short sleeve."""
    pen.line(leg, look.trousers, 0.085)
    pen.line([leg[2], (leg[2][0] + 0.07, leg[2][1])], look.shoes, 0.05)
    pen.line(arm, look.skin, 0.055)
    pen.line(arm[:2], look.shirt, 0.065)
    pen.ellipse(arm[2], 0.03, 0.03, look.skin)


def _placed(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: np.random.Generator, across: tuple[float, float],
            ground: tuple[float, float], tall: tuple[float, float]) -> _Pen:
    """A pen at a random place: its origin within `across` of the picture's width and `ground` of its height, its
    unit (a grown-up's height) within `tall` of the picture's height."""
    width, height = size
    return _Pen(draw, (rng.uniform(*across) * width, rng.uniform(*ground) * height), rng.uniform(*tall) * height)


def _room(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: np.random.Generator, floor: float) -> None:
    """A wall, sometimes with a window, and below the height `floor` (a fraction of the picture's) a floor."""
    width, height = size
    wall = _pick(WALLS, rng)
    draw.rectangle([0, 0, width, height], fill=wall)
    if rng.random() < 0.4:
        left, top = rng.uniform(-0.1, 0.8) * width, rng.uniform(0.05, 0.2) * height
        draw.rectangle([left, top, left + 0.25 * width, top + 0.3 * height], fill=_shade(wall, 0.7))
        draw.rectangle([left + 2, top + 2, left + 0.25 * width - 2, top + 0.3 * height - 2], fill=(170, 210, 235))
    draw.rectangle([0, floor * height, width, height], fill=_pick(FLOORS, rng))
    draw.line([0, floor * height, width, floor * height], fill=_shade(wall, 0.6), width=max(1, height // 50))


def _field(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: np.random.Generator, horizon: float) -> None:
    """Sky down to the height `horizon` (a fraction of the picture's), sometimes a line of trees, then grass."""
    width, height = size
    sky_top = np.array(_jitter((70, 130, 210) if rng.random() < 0.75 else (150, 155, 165), rng))
    sky_low = (sky_top + 255) / 2
    for y in range(int(horizon * height) + 1):
        t = y / max(1.0, horizon * height)
        draw.line([0, y, width, y], fill=tuple(int(v) for v in sky_top * (1 - t) + sky_low * t))
    if rng.random() < 0.5:
        trees = _jitter((50, 100, 55), rng)
        for x in np.arange(rng.uniform(-8, 0), width, 0.08 * height):
            r = rng.uniform(0.04, 0.07) * height
            draw.ellipse([x - r, horizon * height - 1.5 * r, x + r, horizon * height + r], fill=trees)
    draw.rectangle([0, horizon * height, width, height], fill=_jitter((95, 165, 75), rng, 25))


def _court(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: np.random.Generator) -> None:
    """A sports hall: a wall, and a floor with a painted line."""
    width, height = size
    floor = rng.uniform(0.5, 0.65)
    _room(draw, size, rng, floor)
    y = rng.uniform(floor + 0.05, 0.98) * height
    draw.line([0, y, width, y], fill=_pick(((235, 235, 230), (235, 205, 40)), rng, 8), width=max(1, height // 60))


def _close_up(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: np.random.Generator,
              look: _Look) -> tuple[_Pen, Point, Point]:
    """A face filling the picture; returns a pen centred on the face whose unit is half its width, and the centres
    of the right eye and of the mouth."""
    _room(draw, size, rng, floor=1.0)
    pen = _placed(draw, size, rng, (0.4, 0.6), (0.4, 0.5), (0.2, 0.25))
    pen.ellipse((0, -1.9), 1.5, 0.7, look.shirt)
    pen.polygon([(-0.35, -0.6), (0.35, -0.6), (0.4, -1.5), (-0.4, -1.5)], _shade(look.skin, 0.9))
    if rng.random() < 0.5:  # long hair
        pen.polygon([(-1.15, 0.3), (1.15, 0.3), (1.2, -1.4), (-1.2, -1.4)], look.hair)
    pen.ellipse((0, 0.2), 1.15, 1.45, look.hair)
    pen.ellipse((0, 0), 1.0, 1.3, look.skin)
    for side in (-1, 1):
        eye = (side * 0.42, 0.2)
        pen.ellipse(eye, 0.2, 0.1, (240, 240, 235))
        pen.ellipse(eye, 0.09, 0.09, _shade(look.hair, 0.6))
        pen.line([(eye[0] - 0.2, 0.45), (eye[0] + 0.2, 0.48)], _shade(look.hair, 0.8), 0.06)
    pen.line([(0, 0.1), (0.08, -0.25), (-0.02, -0.28)], _shade(look.skin, 0.8), 0.05)
    mouth = (0.0, -0.65)
    pen.ellipse(mouth, 0.33, 0.12, _jitter((200, 90, 100), rng, 20))
    pen.line([(-0.3, -0.65), (0.3, -0.65)], (110, 40, 50), 0.03)
    return pen, (0.42, 0.2), mouth


def _draw_hand(pen: _Pen, look: _Look, tip: Point, angle: float, length: float, tool, width: float) -> None:
    """A hand coming up from the lower right holding a `tool` of that colour and `width` whose tip is at `tip`, the
    tool pointing at `angle` (radians from straight down); a darker edge keeps the hand apart from the face."""
    grip = _ahead(tip, angle + math.pi, length)
    elbow, edge = _ahead(grip, angle + math.pi + 0.3, 2.5), _dim(look).skin
    pen.line([tip, grip], tool, width)
    pen.line([grip, elbow], edge, 0.55)
    pen.line([grip, elbow], look.skin, 0.42)
    pen.line([_ahead(grip, angle + math.pi + 0.3, 0.9), elbow], look.shirt, 0.6)
    pen.ellipse(grip, 0.28, 0.28, edge)
    pen.ellipse(grip, 0.23, 0.23, look.skin)
    pen.line([grip, _ahead(grip, angle + 0.6, 0.3)], edge, 0.1)


def _eye_makeup(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: np.random.Generator, look: _Look) -> Move:
    """A brush makes small quick strokes along one half-shut eyelid."""
    pen, eye, _ = _close_up(draw, size, rng, look)
    pen.chord(eye, 0.2, 180, 360, _jitter((120, 80, 150), rng, 40))
    rate, phase, angle = rng.uniform(3.0, 4.5), rng.uniform(0, 2 * math.pi), -rng.uniform(2.3, 2.7)
    brush = _pick(((35, 35, 40), (235, 130, 170), (235, 235, 230), (170, 120, 70)), rng, 10)

    def move(t: float) -> None:
        stroke = 2 * math.pi * rate * t + phase
        along, up = 0.2 * math.sin(stroke) + 0.05 * math.sin(3 * t), 0.04 * math.cos(2 * stroke)
        tip = (eye[0] + 0.05 + along, eye[1] + 0.05 + up)
        _draw_hand(pen, look, tip, angle, 0.6, brush, 0.08)
        pen.line([tip, _ahead(tip, angle + math.pi, 0.12)], (30, 25, 25), 0.06)

    return move


def _lipstick(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: np.random.Generator, look: _Look) -> Move:
    """A lipstick slides from one corner of the mouth to the other and back."""
    pen, _, mouth = _close_up(draw, size, rng, look)
    rate, phase, angle = rng.uniform(1.0, 1.6), rng.uniform(0, 2 * math.pi), -rng.uniform(2.2, 2.6)
    case, colour = _pick(((200, 170, 70), (40, 40, 45), (190, 190, 195)), rng, 10), _jitter((200, 30, 60), rng, 30)

    def move(t: float) -> None:
        tip = (mouth[0] + 0.28 * math.sin(2 * math.pi * rate * t + phase), mouth[1] + 0.02)
        _draw_hand(pen, look, _ahead(tip, angle + math.pi, 0.12), angle, 0.45, case, 0.2)
        pen.line([tip, _ahead(tip, angle + math.pi, 0.14)], colour, 0.16)

    return move


def _archery(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: np.random.Generator, look: _Look) -> Move:
    """An archer side on draws the string back to the chin, holds, and shoots an arrow across into a target."""
    width, height = size
    ground = rng.uniform(0.86, 0.95)
    _field(draw, size, rng, ground - rng.uniform(0.3, 0.45))
    pen = _Pen(draw, (rng.uniform(0.12, 0.25) * width, ground * height), rng.uniform(0.6, 0.72) * height)
    target = (rng.uniform(0.8, 0.9) * width - pen.origin[0]) / pen.scale
    for foot in (-0.1, 0.1):
        pen.line([(target + foot, 0), (target, 0.75)], (120, 80, 45), 0.03)
    for k, ring in enumerate(((235, 235, 230), (35, 35, 40), (45, 90, 200), (200, 40, 40), (235, 205, 40))):
        pen.ellipse((target, 0.8), 0.11 * (1 - k / 5), 0.16 * (1 - k / 5), ring)
    bow = _pick(((120, 80, 45), (35, 35, 40), (170, 40, 40)), rng)
    feathers = _pick([COLOURS[name] for name in ("red", "yellow", "orange", "green", "blue")], rng)
    start, pull, hold = rng.uniform(0, 0.2), rng.uniform(0.25, 0.45), rng.uniform(0.05, 0.25)
    release, flight = start + pull + hold, rng.uniform(3, 4.5)
    hip, neck, grip, anchor = (0.0, 0.5), (0.02, 0.8), (0.38, 0.8), (0.07, 0.8)

    def move(t: float) -> None:
        drawn = float(np.clip((t - start) / pull, 0, 1)) if t < release else 0.0
        drawn = drawn * drawn * (3 - 2 * drawn)  # easing in and out
        tips = [(grip[0] - 0.09 - 0.05 * drawn, grip[1] + side * 0.3) for side in (1, -1)]
        nock = tips[0][0] + (anchor[0] - tips[0][0]) * drawn
        if t < release:
            hand, tail, back = (nock, anchor[1]), nock, drawn
        else:  # the string springs back, the hand flies past the ear and the arrow on into the target
            hand = (anchor[0] - 0.1 * min(1.0, (t - release) / 0.1), anchor[1] + 0.03)
            tail, back = min(anchor[0] + flight * (t - release), target - 0.42), 1.0
        loose = _limb(neck, hand, ARM, ARM, -1)[1]
        elbow = (loose[0] + (-0.14 - loose[0]) * back, loose[1] + (0.81 - loose[1]) * back)
        arms = [_limb(neck, grip, ARM, ARM, -1), [neck, elbow, hand]]
        _draw_person(pen, look, hip, neck, arms, [_limb(hip, (foot, 0.0), LEG, LEG, 1) for foot in (-0.12, 0.12)])
        pen.line([tips[0], (grip[0] - 0.03, grip[1] + 0.2), grip, (grip[0] - 0.03, grip[1] - 0.2), tips[1]], bow, 0.03)
        pen.line([tips[0], (nock, grip[1]), tips[1]], (220, 220, 215), 0.008)
        pen.line([(tail, grip[1]), (tail + 0.45, grip[1])], (60, 45, 35), 0.015)
        pen.polygon([(tail, grip[1]), (tail + 0.08, grip[1]), (tail + 0.02, grip[1] + 0.035)], feathers)
        pen.ellipse(hand, 0.03, 0.03, look.skin)

    return move


def _baby_crawling(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: np.random.Generator, look: _Look) -> Move:
    """A baby on hands and knees crawls slowly across a floor, each hand moving with the other side's knee."""
    _room(draw, size, rng, floor=rng.uniform(0.4, 0.55))
    pen = _placed(draw, size, rng, (0.3, 0.5), (0.82, 0.92), (0.7, 0.85))
    baby = _Look(look.skin, _shade(look.hair, 1.3), look.shirt, look.shirt, look.skin)
    period, phase, stride, duty = rng.uniform(0.9, 1.3), rng.uniform(0, 1), 0.18, 0.7
    speed = stride / (duty * period)

    def move(t: float) -> None:
        x, bob = speed * t - 0.1, 0.01 * math.sin(4 * math.pi * (t / period + phase))
        hip, shoulder = (x - 0.15, 0.2 + bob), (x + 0.13, 0.25 - bob)
        hands, knees = ([_step(t + (phase + lag) * period, period, duty, stride, 0.05) for lag in lags]
                        for lags in ((0.5, 0), (0.05, 0.55)))
        arms = [_limb(shoulder, (shoulder[0] + dx, lift), 0.125, 0.125, -1) for dx, lift in hands]
        legs = [[hip, (hip[0] + dx, lift / 2), (hip[0] + dx - 0.15, 0.02 + lift)] for dx, lift in knees]
        _draw_person(pen, baby, hip, shoulder, arms, legs, head=0.1, nod=70)

    return move


def _balance_beam(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: np.random.Generator, look: _Look) -> Move:
    """A gymnast walks slowly along a raised beam, arms held out to the sides, swaying a little."""
    width, height = size
    _room(draw, size, rng, floor=rng.uniform(0.6, 0.7))
    floor, top = rng.uniform(0.88, 0.95) * height, rng.uniform(0.5, 0.58) * height
    mat = _pick(((60, 90, 170), (170, 60, 60), (120, 120, 125), (70, 140, 90)), rng)
    draw.rectangle([0, floor - 0.05 * height, width, height], fill=mat)
    wood = _jitter((190, 150, 100), rng)
    for x in (0.15 * width, 0.85 * width):
        draw.polygon([(x - 2, top), (x + 2, top), (x + 0.04 * width, floor), (x - 0.04 * width, floor)],
                     fill=_shade(wood, 0.6))
    draw.rectangle([0.02 * width, top, 0.98 * width, top + 0.045 * height], fill=wood)
    pen = _Pen(draw, (rng.uniform(0.25, 0.45) * width, top), rng.uniform(0.4, 0.48) * height)
    gymnast = _Look(look.skin, look.hair, look.shirt, look.skin, look.skin)
    period, phase, stride, duty = rng.uniform(1.3, 1.8), rng.uniform(0, 1), 0.22, 0.62
    sway, wobble = rng.uniform(1.2, 2.0), rng.uniform(0, 2 * math.pi)
    speed = stride / (duty * period)

    def move(t: float) -> None:
        x = speed * t
        hip = (x, 0.5 - 0.01 * math.cos(4 * math.pi * (t / period + phase)))
        neck = _ahead(hip, math.pi - 0.06 * math.sin(2 * math.pi * t / sway + wobble), TORSO)
        tilt = 0.2 * math.sin(2 * math.pi * t / sway * 1.3 + wobble)
        hands = (_ahead(neck, tilt - math.pi / 2, 0.32), _ahead(neck, tilt + math.pi / 2, 0.32))
        feet = [(x + dx, lift) for dx, lift in (_step(t + (phase + lag) * period, period, duty, stride, 0.05)
                                                 for lag in (0.5, 0))]
        _draw_person(pen, gymnast, hip, neck, *_limbs(hip, neck, hands, feet, sides=(1, -1)))

    return move


def _band_marching(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: np.random.Generator, look: _Look) -> Move:
    """A row of players in the same uniform marches across in step, knees high, one beating a drum."""
    width, height = size
    _field(draw, size, rng, rng.uniform(0.35, 0.5))
    pen = _Pen(draw, (0, rng.uniform(0.86, 0.95) * height), rng.uniform(0.45, 0.55) * height)
    trousers = _pick(((235, 235, 230), (35, 35, 40), _shade(look.shirt, 0.5)), rng, 8)
    hat = _pick(((235, 235, 230), (35, 35, 40), look.shirt), rng, 8)
    plume = _pick([COLOURS[name] for name in ("white", "red", "yellow")], rng, 8)
    players = [_Look(_pick(SKINS, rng, 8), look.hair, look.shirt, trousers, (35, 35, 40))
               for _ in range(int(rng.integers(3, 6)))]
    gap, period, drummer = rng.uniform(0.45, 0.6), rng.uniform(0.9, 1.15), int(rng.integers(len(players)))
    stride, duty = 0.3, 0.55
    speed = stride / (duty * period)
    first = width / pen.scale * rng.uniform(0.4, 0.6) - speed * 0.64 + gap * (len(players) - 1) / 2

    def move(t: float) -> None:
        feet = [_step(t + lag * period, period, duty, stride, 0.16) for lag in (0.5, 0)]
        beat = [0.05 * abs(math.sin(2 * math.pi * t / period + lag)) for lag in (0, math.pi / 2)]
        for k, player in enumerate(players):
            x = first + speed * t - k * gap
            hip = (x, 0.49 + 0.01 * math.cos(4 * math.pi * t / period))
            neck = (x + 0.01, hip[1] + TORSO)
            hands = ([(x + 0.1, 0.62 + beat[0]), (x + 0.2, 0.62 + beat[1])] if k == drummer
                     else [(x + 0.16, 0.8), (x + 0.2, 0.83)])
            head = _draw_person(pen, player, hip, neck, *_limbs(hip, neck, hands, [(x + dx, y) for dx, y in feet]))
            if k == drummer:
                pen.polygon([(x + 0.06, 0.35), (x + 0.26, 0.35), (x + 0.26, 0.57), (x + 0.06, 0.57)], (235, 235, 230))
                pen.line([(x + 0.06, 0.46), (x + 0.26, 0.46)], plume, 0.03)
                for hand in hands:
                    pen.line([hand, (hand[0] + 0.08, hand[1] - 0.05)], (200, 170, 110), 0.015)
            else:  # a trumpet
                mouth = neck[1] + 0.08
                pen.line([(x + 0.07, mouth), (x + 0.3, mouth)], (220, 180, 60), 0.025)
                pen.polygon([(x + 0.27, mouth), (x + 0.33, mouth + 0.04), (x + 0.33, mouth - 0.04)], (220, 180, 60))
            pen.polygon([(head[0] - 0.06, head[1] + 0.03), (head[0] + 0.06, head[1] + 0.03),
                         (head[0] + 0.055, head[1] + 0.17), (head[0] - 0.055, head[1] + 0.17)], hat)
            pen.line([(head[0], head[1] + 0.17), (head[0] - 0.02, head[1] + 0.25)], plume, 0.03)

    return move


def _baseball_pitch(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: np.random.Generator, look: _Look) -> Move:
    """A pitcher on the mound lifts a knee, swings the throwing arm back and over, and a white ball flies off."""
    width, height = size
    horizon = rng.uniform(0.35, 0.5)
    _field(draw, size, rng, horizon)
    if rng.random() < 0.6:  # the outfield fence
        draw.rectangle([0, (horizon - 0.07) * height, width, horizon * height], fill=_jitter((40, 90, 60), rng))
    pen = _placed(draw, size, rng, (0.2, 0.35), (0.84, 0.93), (0.55, 0.68))
    pen.ellipse((0.2, 0.0), 0.9, 0.07, _jitter((170, 120, 80), rng))
    cap, glove = _pick(list(COLOURS.values()), rng), _jitter((110, 70, 40), rng)
    start, speed, throw = rng.uniform(-0.1, 0.2), rng.uniform(0.85, 1.15), rng.uniform(5, 7)
    release = 0.8  # when in the pitch the ball leaves the hand
    # the key times of the body, the throwing arm, the gloved one, the back foot and the front foot
    body, arm, mitt = (0, 0.4, 0.7, 0.95, 1.3), (0, 0.4, 0.55, 0.68, 0.8, 1.0, 1.3), (0, 0.4, 0.65, 0.85, 1.1)
    back, front = (0, 0.8, 1.0, 1.3), (0, 0.15, 0.4, 0.62)

    def pose(u: float) -> tuple[Point, Point, Point]:
        hip = (_key(u, body, (0, -0.04, 0.2, 0.3, 0.32)), _key(u, body, (0.5, 0.5, 0.38, 0.42, 0.46)))
        neck = _ahead(hip, math.pi - _key(u, body, (0, -0.12, 0.1, 0.55, 0.45)), TORSO)
        hand = _ahead(neck, math.radians(_key(u, arm, (40, 40, -60, -150, -250, -320, -330))),
                      _key(u, arm, (0.15, 0.15, 0.31, 0.32, 0.31, 0.29, 0.26)))  # one turn back, over and down
        return hip, neck, hand

    def move(t: float) -> None:
        u = (t - start) * speed
        hip, neck, hand = pose(u)
        gloved = _ahead(neck, math.radians(_key(u, mitt, (45, 45, 85, 60, 15))),
                        _key(u, mitt, (0.14, 0.14, 0.3, 0.2, 0.15)))
        feet = [(_key(u, back, (-0.08, -0.08, 0.15, 0.3)), _key(u, back, (0, 0, 0.15, 0))),
                (_key(u, front, (0.08, 0.06, 0.04, 0.55)), _key(u, front, (0, 0.1, 0.3, 0)))]
        head = _draw_person(pen, look, hip, neck, *_limbs(hip, neck, (gloved, hand), feet))
        pen.chord(head, HEAD * 1.1, 180, 360, cap)
        pen.line([(head[0], head[1] + 0.01), (head[0] + 0.12, head[1] + 0.01)], cap, 0.025)
        pen.ellipse(gloved, 0.05, 0.05, glove)
        ball, flown = (hand, 0.0) if u < release else (pose(release)[2], t - start - release / speed)
        pen.ellipse((ball[0] + throw * flown, ball[1] - 0.3 * flown), 0.03, 0.03, (245, 245, 240))

    return move


#: a basketball's radius, in heights of the player
BALL = 0.065


def _draw_ball(pen: _Pen, centre: Point, colour) -> None:
    """A basketball, with a dark seam round it."""
    pen.ellipse(centre, BALL, BALL, colour)
    pen.line([(centre[0] - BALL, centre[1]), (centre[0] + BALL, centre[1])], (40, 30, 30), 0.012)


def _basketball(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: np.random.Generator, look: _Look) -> Move:
    """A player bounces an orange ball between hand and floor again and again, shuffling a little."""
    _court(draw, size, rng)
    pen = _placed(draw, size, rng, (0.3, 0.6), (0.86, 0.95), (0.55, 0.68))
    period, phase, drift, sway = rng.uniform(0.45, 0.65), rng.uniform(0, 1), rng.uniform(-0.15, 0.15), rng.uniform(0, 6)
    colour, top = _jitter((225, 110, 35), rng, 15), 0.42  # the ball's colour and the height where the hand meets it

    def move(t: float) -> None:
        x = drift * t + 0.04 * math.sin(2 * math.pi * t / 1.7 + sway)
        hip = (x, 0.44)
        neck = _ahead(hip, math.pi - 0.2, TORSO)
        ball = (x + 0.3, BALL + (top - BALL) * abs(math.cos(math.pi * (t / period + phase))))
        hand = (x + 0.29, float(np.clip(ball[1] + BALL, top + BALL - 0.08, top + BALL)))  # it follows the ball a bit
        feet = ((x - 0.12, 0), (x + 0.1, 0))
        _draw_person(pen, look, hip, neck, *_limbs(hip, neck, (_ahead(neck, 1.1, 0.2), hand), feet))
        _draw_ball(pen, ball, colour)

    return move


def _basketball_dunk(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: np.random.Generator, look: _Look) -> Move:
    """A player runs in, jumps, and pushes the ball down through the rim; it drops through the net to the floor."""
    _court(draw, size, rng)
    pen = _placed(draw, size, rng, (0.62, 0.78), (0.9, 0.96), (0.4, 0.47))
    rim, gravity = 1.5, 5.2  # the rim's height, and gravity in heights of the player per second squared
    pen.line([(0.25, rim + 0.25), (0.7, rim + 0.25), (0.7, 0)], (120, 120, 125), 0.05)
    pen.polygon([(-0.2, rim - 0.05), (0.4, rim - 0.05), (0.4, rim + 0.4), (-0.2, rim + 0.4)], (235, 235, 230))
    pen.line([(0.0, rim + 0.02), (0.0, rim + 0.18), (0.2, rim + 0.18), (0.2, rim + 0.02)], (200, 40, 40), 0.02)
    colour = _jitter((225, 110, 35), rng, 15)
    start, speed, push = rng.uniform(-0.15, 0.05), rng.uniform(0.85, 1.15), rng.uniform(2.0, 3.0)
    body, arms, dunk = (0, 0.4, 0.67, 0.95, 1.3), (0, 0.4, 0.6, 0.7, 0.8, 0.95, 1.3), 0.7  # key times
    fall = (push + math.sqrt(push ** 2 + 2 * gravity * (rim - BALL))) / gravity  # seconds from the rim to the floor
    bounce = 0.5 * (push + gravity * fall)  # the speed it leaves the floor with

    def move(t: float) -> None:
        u = (t - start) * speed
        jump = 0.6 * max(0.0, 1 - ((u - 0.675) / 0.275) ** 2)  # in the air from 0.4 to 0.95
        hip = (_key(u, body, (-1.9, -0.8, -0.3, -0.15, -0.12)), 0.47 + jump - _key(u, (0.95, 1.0, 1.3), (0, 0.09, 0)))
        neck = _ahead(hip, math.pi - _key(u, body, (0.3, 0.2, -0.05, 0.25, 0.1)), TORSO)
        hand = (neck[0] + _key(u, arms, (0.15, 0.15, 0.2, 0.24, 0.25, 0.15, 0.15)),
                neck[1] + _key(u, arms, (-0.12, -0.1, 0.25, 0.15, 0.0, -0.2, -0.25)))
        if u < 0.4:  # the run up
            feet = [(hip[0] + dx, lift) for dx, lift in (_step(u + lag / 2, 0.5, 0.4, 0.55, 0.15) for lag in (0.5, 0))]
        elif jump:
            feet = [(hip[0] - 0.12, hip[1] - 0.42), (hip[0] + 0.12, hip[1] - 0.38)]
        else:
            feet = [(hip[0] - 0.1, 0.0), (hip[0] + 0.1, 0.0)]
        _draw_person(pen, look, hip, neck, *_limbs(hip, neck, ((hand[0] - 0.03, hand[1] + 0.02), hand), feet))
        dropped = t - start - dunk / speed
        if dropped < 0:
            _draw_ball(pen, (hand[0] + 0.03, hand[1] + BALL), colour)
        elif dropped < fall:
            _draw_ball(pen, (0.0, rim - push * dropped - gravity / 2 * dropped ** 2), colour)
        else:
            up = (dropped - fall) % (2 * bounce / gravity)
            _draw_ball(pen, (0.0, BALL + bounce * up - gravity / 2 * up ** 2), colour)
        pen.line([(-0.13, rim), (0.13, rim)], (235, 110, 30), 0.035)
        for k in range(5):  # the net
            pen.line([(-0.13 + k * 0.065, rim), (-0.08 + k * 0.04, rim - 0.2)], (235, 235, 230), 0.012)

    return move


def _bench_press(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: np.random.Generator, look: _Look) -> Move:
    """A lifter lying on a bench slowly lowers a barbell to the chest and presses it up again."""
    _room(draw, size, rng, floor=rng.uniform(0.6, 0.72))
    pen = _placed(draw, size, rng, (0.3, 0.45), (0.88, 0.95), (0.62, 0.75))
    frame, pad = _jitter((80, 80, 85), rng), _pick(((35, 35, 40), (150, 40, 40), (40, 60, 120)), rng)
    pen.line([(-0.14, 0), (-0.14, 0.85), (-0.08, 0.85)], frame, 0.03)
    for x in (-0.08, 0.48):
        pen.line([(x, 0), (x, 0.26)], frame, 0.035)
    pen.polygon([(-0.2, 0.24), (0.55, 0.24), (0.55, 0.3), (-0.2, 0.3)], pad)
    plate = _pick(((35, 35, 40), (60, 60, 65), (170, 40, 40), (45, 90, 200)), rng)
    shadow, period, phase = _shade(plate, 0.7), rng.uniform(1.6, 2.4), rng.uniform(0, 2 * math.pi)
    neck, hip, toward = (0.0, 0.36), (0.32, 0.35), (0.09, -0.06)  # the bar points down-right, toward the camera

    def move(t: float) -> None:
        reach = 0.21 + 0.11 * math.cos(2 * math.pi * t / period + phase)
        bend = (0.32 - reach) / 0.22
        hand = (0.03, neck[1] + reach)
        elbow = (hand[0] / 2 + 0.12 * bend, neck[1] + reach / 2 - 0.1 * bend)
        far = (hand[0] - 1.4 * toward[0], hand[1] - 1.4 * toward[1])
        near = (hand[0] + toward[0], hand[1] + toward[1])
        pen.ellipse(far, 0.11, 0.11, shadow)
        grips = [[neck, (elbow[0] - 0.8 * toward[0], elbow[1] - 0.8 * toward[1]),
                  (hand[0] - 0.8 * toward[0], hand[1] - 0.8 * toward[1])], [neck, elbow, hand]]
        _draw_person(pen, look, hip, neck, grips, [_limb(hip, (foot, 0.0), LEG, LEG, 1) for foot in (0.6, 0.64)])
        pen.line([far, (near[0] + 0.3 * toward[0], near[1] + 0.3 * toward[1])], (170, 170, 175), 0.025)
        pen.ellipse(near, 0.13, 0.13, plate)
        pen.ellipse(near, 0.03, 0.03, (170, 170, 175))

    return move


_STAGINGS = dict(zip(ACTIONS, (_eye_makeup, _lipstick, _archery, _baby_crawling, _balance_beam, _band_marching,
                               _baseball_pitch, _basketball, _basketball_dunk, _bench_press)))


def clip(seed: int, action: str, size: tuple[int, int] = (128, 96), frames: int = 32,
         noise: float = 6.0) -> list[Image.Image]:
    """Clip number `seed` of `action` (one of ACTIONS): `frames` RGB frames of `size`, filmed at FPS frames a second
    by a camera that shakes a little, with pixel noise of standard deviation `noise`. The same seed gives the same
    frames on every machine."""
    if action not in ACTIONS:
        raise ValueError(f"The course films these actions: {', '.join(ACTIONS)}; not {action!r}.")
    rng = np.random.default_rng([seed, ACTIONS.index(action)])
    width, height = size
    margin = max(1, round(height / 40))  # the camera shakes by up to this many pixels
    picture = Image.new("RGB", (width + 2 * margin, height + 2 * margin))
    move = _STAGINGS[action](ImageDraw.Draw(picture), picture.size, rng, _look(rng))
    backdrop = picture.copy()
    stills = []
    for k in range(frames):
        picture.paste(backdrop)
        move(k / FPS)
        stills.append(np.asarray(picture))
    shake = np.clip(np.cumsum(rng.normal(0, 0.4, (frames, 2)), axis=0).round().astype(int), -margin, margin) + margin
    pixels = np.stack([still[y:y + height, x:x + width] for still, (x, y) in zip(stills, shake)])
    if rng.random() < 0.5:  # filmed from the other side
        pixels = pixels[:, :, ::-1]
    spread = round(noise * math.sqrt(3))  # even noise over this spread has the standard deviation `noise`
    pixels = pixels * np.float32(rng.uniform(0.85, 1.15)) + rng.integers(-spread, spread + 1, pixels.shape, np.int16)
    return [Image.fromarray(frame) for frame in np.clip(pixels, 0, 255).astype(np.uint8)]


#: the kinds of personal protective equipment, named and ordered as CPPE-5 names them
PPE = ("Coverall", "Face_Shield", "Gloves", "Goggles", "Mask")
#: the colours each piece comes in (a face shield's headband, the frame of goggles); gloves and masks share some
PPE_COLOURS = {
    "Coverall": ((235, 235, 232), (95, 145, 210), (230, 205, 80)),
    "Face_Shield": ((70, 110, 210), (235, 235, 232), (40, 40, 45), (60, 140, 110)),
    "Gloves": ((70, 110, 210), (135, 95, 200), (235, 235, 232), (150, 190, 225)),
    "Goggles": ((60, 60, 65), (70, 110, 210), (235, 235, 232), (60, 140, 110)),
    "Mask": ((235, 235, 232), (150, 190, 225), (140, 200, 170), (70, 110, 210)),
}
#: how often a worker wears each piece, in the order of PPE
PPE_CHANCES = (0.45, 0.4, 0.55, 0.45, 0.6)
#: scrubs colours, which a coverall's or a mask's can be mistaken for
SCRUBS = ((60, 150, 150), (45, 65, 115), (110, 170, 140), (130, 170, 210), (150, 90, 150), (95, 145, 210))
#: the parts of a worker marked apart in the instance map, after the body itself: a glove for each hand
_PARTS = ("Coverall", "Face_Shield", "Gloves", "Gloves", "Goggles", "Mask")
#: the instance numbers of one worker: `first` for the body, the next ones for `_PARTS`, the next worker's from
#: `first + _STRIDE` on
_STRIDE = 8
#: where the elbow and the wrist of the right arm are in each pose (the left arm mirrors them): hanging down, hands
#: together in front, held up as a surgeon does, waving
_ARM_POSES = (((0.15, 0.63), (0.16, 0.47)), ((0.155, 0.62), (0.045, 0.56)), ((0.165, 0.62), (0.15, 0.78)),
              ((0.24, 0.79), (0.25, 0.95)))


class _Marker:
    """Lets a `_Pen` draw on a `_Canvas`: every shape it draws is marked `index` in the canvas's instance map."""

    def __init__(self, canvas: _Canvas, index: int):
        self.canvas, self.index = canvas, index

    def __getattr__(self, method: str) -> Callable:
        return lambda coords, fill, **options: self.canvas.shape(method, coords, fill, index=self.index, **options)


@dataclass
class Detection:
    """A picture for object detection: every visible piece of equipment, with its box and its own pixels."""

    image: Image.Image
    #: (category in PPE, [x, y, width, height]): the box in pixels, COCO style, fitting the pixels exactly
    objects: list[tuple[str, list[int]]]
    #: per object, in the same order: the pixels where it shows
    masks: list[np.ndarray]
    #: [x, y, width, height] of each worker's visible pixels (the detector stand-in pretrains on "person")
    people: list[list[int]] = field(default_factory=list)


def _clinic(canvas: _Canvas, floor: float, back: float) -> None:
    """A room of a clinic whose floor starts at the row `floor`, `back` being how many pixels tall a person at the
    back wall looks: a wall, sometimes with a window, a stripe along it, a door, a curtain or a bed."""
    rng, draw = canvas.rng, canvas.draws[0]
    width, height = canvas.image.size
    _room(draw, (width, height), rng, floor / height)
    if rng.random() < 0.5:
        y = floor - rng.uniform(0.4, 0.55) * back
        stripe = _pick(((150, 150, 155), (70, 110, 160), (90, 150, 130)), rng)
        draw.rectangle([0, y, width, y + 0.04 * back], fill=stripe)
    if rng.random() < 0.45:  # a door in its frame, with a window and a handle
        left, door, tall = rng.uniform(0, width - 0.55 * back), 0.55 * back, 1.2 * back
        frame, panel = (_pick(colours, rng) for colours in (((110, 110, 115), (235, 235, 230)),
                                                           ((190, 150, 100), (150, 190, 200), (215, 215, 210))))
        draw.rectangle([left - 2, floor - tall - 2, left + door + 2, floor], fill=frame)
        draw.rectangle([left, floor - tall, left + door, floor], fill=panel)
        draw.rectangle([left + 0.25 * door, floor - 0.9 * tall, left + 0.75 * door, floor - 0.65 * tall],
                       fill=(170, 210, 235))
        draw.rectangle([left + 0.8 * door, floor - 0.5 * tall, left + 0.9 * door, floor - 0.47 * tall],
                       fill=(60, 60, 65))
    if rng.random() < 0.25:  # a curtain hanging in folds
        left, wide = rng.uniform(-0.1, 0.8) * width, rng.uniform(0.2, 0.35) * width
        cloth = _pick(((170, 210, 190), (175, 200, 225), (225, 190, 200)), rng, 10)
        draw.rectangle([left, 0, left + wide, floor - 0.05 * back], fill=cloth)
        for x in np.arange(left + wide / 6, left + wide, wide / 6):
            draw.line([x, 0, x, floor - 0.05 * back], fill=_shade(cloth, 0.85), width=max(1, width // 100))
    if rng.random() < 0.4:  # a bed seen from the side: legs, a headboard, a mattress, a pillow and a blanket
        length = 1.15 * back
        left, top = rng.uniform(-0.2 * length, width - 0.8 * length), floor - 0.33 * back
        frame = _pick(((150, 150, 155), (230, 230, 225)), rng, 10)
        sheet = _pick(((240, 240, 235), (190, 215, 235)), rng, 8)
        for x in (left + 0.08 * length, left + 0.92 * length):
            draw.line([x, top, x, floor], fill=frame, width=max(1, round(0.03 * back)))
        draw.rectangle([left, top - 0.2 * back, left + 0.05 * length, floor - 0.1 * back], fill=frame)
        draw.rectangle([left, top, left + length, top + 0.05 * back], fill=_shade(frame, 0.8))
        draw.rectangle([left, top - 0.07 * back, left + length, top], fill=sheet)
        draw.ellipse([left + 0.06 * length, top - 0.12 * back, left + 0.3 * length, top - 0.04 * back],
                     fill=(245, 245, 242))
        draw.rectangle([left + 0.4 * length, top - 0.09 * back, left + length, top - 0.01 * back],
                       fill=_pick(((120, 160, 200), (200, 190, 150), (150, 190, 160)), rng))


def _draw_worker(canvas: _Canvas, origin: Point, tall: float, first: int) -> np.ndarray:
    """A health worker seen from the front, `tall` pixels tall with the feet at `origin` (in pixels), wearing a
    random choice of PPE; the body is marked `first` in the instance map and `_PARTS[k]` `first + 1 + k`. Returns
    where the see-through visor of a face shield lies (nowhere without one)."""
    rng = canvas.rng
    body, coverall, shield, left, right, goggles, mask = (_Pen(_Marker(canvas, first + k), origin, tall)
                                                         for k in range(len(_PARTS) + 1))
    wears = {part for part, chance in zip(PPE, PPE_CHANCES) if rng.random() < chance}
    suited, build = "Coverall" in wears, rng.uniform(0.9, 1.12)
    skin, hair = _pick(SKINS, rng, 8), _pick(HAIRS, rng)
    shirt = _pick(SCRUBS if rng.random() < 0.6 else list(COLOURS.values()), rng, 10)
    suit = _pick(PPE_COLOURS["Coverall"], rng, 10)
    coat, white = not suited and rng.random() < 0.3, _jitter((238, 238, 234), rng, 6)
    sleeve = suit if suited else white if coat else shirt if rng.random() < 0.4 else None  # or bare arms
    dressed, clothes = (coverall, suit) if suited else (body, shirt)
    if not suited and rng.random() < 0.4:  # long hair, falling behind the shoulders
        body.polygon([(-0.068, 0.93), (0.068, 0.93), (0.075, 0.77), (-0.075, 0.77)], hair)
    trousers, shoes = suit if suited else _pick(TROUSERS, rng), _pick(((35, 35, 40), (235, 235, 230)), rng, 8)
    for side in (-1, 1):
        dressed.polygon([(side * 0.012, 0.5), (side * 0.105 * build, 0.5), (side * 0.085 * build, 0.03),
                         (side * 0.02, 0.03)], trousers)
        body.ellipse((side * 0.055 * build, 0.022), 0.045, 0.022, shoes)
    dressed.polygon([(-0.125 * build, 0.815), (0.125 * build, 0.815), (0.108 * build, 0.47), (-0.108 * build, 0.47)],
                    clothes)
    if suited:
        coverall.line([(0, 0.8), (0, 0.48)], _shade(suit, 0.8), 0.008)  # the zip
    if coat:  # a white coat, open over the shirt
        for side in (-1, 1):
            body.polygon([(side * 0.128 * build, 0.815), (side * 0.035, 0.815), (side * 0.03, 0.3),
                          (side * 0.13 * build, 0.3)], white)
    if suited and rng.random() < 0.75:  # the hood, with an elastic rim round the face
        coverall.ellipse((0, 0.9), 0.08, 0.09, suit)
        coverall.polygon([(-0.075, 0.88), (0.075, 0.88), (0.11 * build, 0.8), (-0.11 * build, 0.8)], suit)
        coverall.ellipse((0, 0.899), 0.063, 0.075, _shade(suit, 0.8))
    else:
        body.polygon([(-0.026, 0.78), (0.026, 0.78), (0.026, 0.85), (-0.026, 0.85)], _shade(skin, 0.9))
        body.ellipse((0, 0.915), 0.062, 0.074, hair)
    body.ellipse((0, 0.9), 0.054, 0.066, skin)
    for side in (-1, 1):
        body.line([(side * 0.012, 0.927), (side * 0.032, 0.927)], _shade(hair, 0.8), 0.006)
        body.ellipse((side * 0.021, 0.912), 0.008, 0.006, (40, 30, 30))
    body.line([(0, 0.905), (0.004, 0.882)], _shade(skin, 0.8), 0.007)
    body.line([(-0.016, 0.862), (0.016, 0.862)], _shade(skin, 0.6), 0.007)
    if "Goggles" in wears:  # a band round the head, a frame over the eyes and the eyes behind the lens
        frame = _pick(PPE_COLOURS["Goggles"], rng, 10)
        goggles.line([(-0.064, 0.913), (0.064, 0.913)], _shade(frame, 0.7), 0.014)
        goggles.polygon([(-0.052, 0.93), (0.052, 0.93), (0.054, 0.897), (0.012, 0.893), (0, 0.9), (-0.012, 0.893),
                         (-0.054, 0.897)], frame)
        goggles.polygon([(-0.045, 0.925), (0.045, 0.925), (0.046, 0.902), (-0.046, 0.902)],
                        _jitter((185, 210, 220), rng, 10))
        for side in (-1, 1):
            goggles.ellipse((side * 0.021, 0.912), 0.008, 0.006, (40, 30, 30))
    if "Mask" in wears:
        colour = _pick(PPE_COLOURS["Mask"], rng, 10)
        if rng.random() < 0.3:  # a cup-shaped respirator with a valve
            mask.ellipse((0, 0.866), 0.047, 0.038, colour)
            mask.ellipse((0.015, 0.86), 0.012, 0.01, _shade(colour, 0.75))
        else:  # a pleated surgical mask
            mask.polygon([(-0.052, 0.895), (0.052, 0.895), (0.056, 0.86), (0.036, 0.836), (-0.036, 0.836),
                          (-0.056, 0.86)], colour)
            for y in (0.879, 0.86):
                mask.line([(-0.046, y), (0.046, y)], _shade(colour, 0.8), 0.005)
    gloves = _pick(PPE_COLOURS["Gloves"], rng, 10)
    for side, glove in zip((-1, 1), (left, right)):
        elbow, wrist = ((side * x * build, y) for x, y in _ARM_POSES[int(rng.integers(len(_ARM_POSES)))])
        arm = [(side * 0.112 * build, 0.79), elbow, wrist]
        if sleeve:
            dressed.line(arm, sleeve, 0.058)
        else:
            body.line(arm, skin, 0.05)
            body.line(arm[:2], shirt, 0.06)
        reach = math.dist(elbow, wrist)
        along = ((wrist[0] - elbow[0]) / reach, (wrist[1] - elbow[1]) / reach)
        palm = (wrist[0] + 0.022 * along[0], wrist[1] + 0.022 * along[1])
        if "Gloves" in wears:  # a cuff over the wrist and the hand, with a darker edge to stand out on a sleeve
            cuff = [(wrist[0] - 0.045 * along[0], wrist[1] - 0.045 * along[1]), wrist]
            glove.line(cuff, _shade(gloves, 0.75), 0.072)
            glove.ellipse(palm, 0.036, 0.038, _shade(gloves, 0.75))
            glove.line(cuff, gloves, 0.058)
            glove.ellipse(palm, 0.03, 0.032, gloves)
        else:
            body.ellipse(palm, 0.028, 0.03, skin)
    visor = Image.new("L", canvas.image.size)
    if "Face_Shield" in wears:  # a clear visor blended over the face, a darker rim and a glint, on a headband
        glass, rim = _Pen(ImageDraw.Draw(visor), origin, tall), [(-0.07, 0.962), (0.07, 0.962), (0.086, 0.84),
                                                                  (0.074, 0.812), (-0.074, 0.812), (-0.086, 0.84)]
        glass.polygon(rim, 70)
        glass.line([*rim, rim[0]], 170, 0.006)
        glass.line([(-0.05, 0.95), (-0.068, 0.845)], 130, 0.012)
        canvas.image.paste(_jitter((225, 238, 248), rng, 8), mask=visor)
        shield.line([(-0.069, 0.962), (0.069, 0.962)], _pick(PPE_COLOURS["Face_Shield"], rng, 10), 0.018)
    return np.asarray(visor) > 0


def ppe_scene(seed: int, size: tuple[int, int] = (192, 144), noise: float = 5.0) -> Detection:
    """Picture number `seed` for object detection: one to four health workers in a clinic, nearer ones larger, lower
    and in front, each wearing some of the PPE. A piece hidden all but a little is left out of the objects."""
    rng = np.random.default_rng([seed, 1000])  # a stream apart from those of the dishes and the clips
    width, height = size
    canvas = _Canvas(width, height, rng)
    floor = rng.uniform(0.55, 0.68) * height
    back = 0.7 * floor  # how tall a person standing at the back wall looks, in pixels
    _clinic(canvas, floor, back)
    people = []
    for k, tall in enumerate(np.sort(rng.uniform(back, 1.9 * height, int(rng.integers(1, 5))))):  # far ones first
        first = 1 + k * _STRIDE
        origin = (rng.uniform(0.08, 0.92) * width, floor + 0.9 * (tall - back))  # nearer is lower
        visor = _draw_worker(canvas, origin, tall * rng.uniform(0.92, 1.05), first)
        people.append((first, np.asarray(canvas.instances).copy(), visor))
    instances = np.asarray(canvas.instances)
    objects, masks = [], []
    for first, drawn, visor in people:
        hidden = instances >= first + _STRIDE  # where a nearer worker stands
        for k, part in enumerate(_PARTS, start=1):
            whole = (drawn == first + k) | visor if part == "Face_Shield" else drawn == first + k
            seen = whole & ~hidden
            if seen.sum() >= max(6, 0.2 * whole.sum()):
                objects.append((part, _coco_box(seen)))
                masks.append(seen)
    pixels = np.asarray(canvas.image, dtype=np.float32) * rng.uniform(0.9, 1.1)
    pixels += rng.normal(0, noise, pixels.shape)
    workers = [(instances >= first) & (instances < first + _STRIDE) for first, _, _ in people]
    return Detection(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), objects, masks,
                     [_coco_box(seen) for seen in workers if seen.sum() >= 30])


def _coco_box(pixels: np.ndarray) -> list[int]:
    """[x, y, width, height] of the pixels marked True."""
    ys, xs = np.nonzero(pixels)
    return [int(xs.min()), int(ys.min()), int(xs.max() - xs.min()) + 1, int(ys.max() - ys.min()) + 1]
