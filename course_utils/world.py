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

    def shape(self, method: str, coords, colour, kind: str | None = None, index: int = 0,
              distance: float | None = None) -> None:
        for draw, fill in zip(self.draws, (tuple(colour), CLASSES.index(kind) if kind else 0, index)):
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
