import numpy as np
import pytest

from course_utils import world


def test_the_same_seed_draws_the_same_scene_and_another_seed_a_different_one():
    first, again, other = world.scene(7), world.scene(7), world.scene(8)
    assert first.image.tobytes() == again.image.tobytes()
    assert np.array_equal(first.depth, again.depth) and first.caption == again.caption
    assert first.image.tobytes() != other.image.tobytes()


def test_each_visible_thing_has_its_class_its_box_and_its_distance_on_its_pixels():
    for seed in range(30):
        scene = world.scene(seed)
        assert scene.image.size == (256, 192) and scene.classes.shape == scene.depth.shape == (192, 256)
        for thing in scene.visible:
            mask = scene.mask(thing)
            assert mask.sum() == thing.visible_pixels > 0
            assert (scene.classes[mask] == world.CLASSES.index(thing.kind)).all()
            assert np.allclose(scene.depth[mask], thing.distance)
            ys, xs = np.nonzero(mask)
            assert thing.box == (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)
        # an object's pixels are exactly the pixels whose class is an object's
        objects = np.isin(scene.classes, [world.CLASSES.index(kind) for kind in world.KINDS])
        assert np.array_equal(objects, scene.instances > 0)


def test_nearer_things_are_drawn_later_and_stand_in_front_of_the_ground_behind_them():
    for seed in range(30):
        scene = world.scene(seed)
        assert [thing.index for thing in scene.things] == list(range(1, len(scene.things) + 1))
        assert [thing.distance for thing in scene.things] == sorted((t.distance for t in scene.things), reverse=True)
        rows = np.arange(scene.depth.shape[0])[:, None].repeat(scene.depth.shape[1], axis=1)
        behind = np.where(rows >= scene.horizon, world.ground_depth(rows, scene.horizon, len(rows)), world.FARTHEST)
        objects = scene.instances > 0
        # feet touch the ground and nothing sinks into it (a row's leeway, for drawing on whole pixels)
        row_above = np.where(rows >= scene.horizon + 1, world.ground_depth(rows - 1, scene.horizon, len(rows)),
                             world.FARTHEST)
        assert (scene.depth[objects] <= row_above[objects]).all()
        ground = ~objects & (rows >= scene.horizon)
        assert np.allclose(scene.depth[ground], behind[ground]), "the ground's depth follows the camera"
        assert (scene.depth[scene.classes == 0] == world.FARTHEST).all(), "the sky is farthest"


def test_the_caption_names_every_visible_thing_with_its_colour():
    for seed in range(30):
        scene = world.scene(seed)
        for thing in scene.visible:
            assert thing.kind in scene.caption and thing.colour in scene.caption
        hidden = [thing for thing in scene.things if thing.box is None]
        assert all(thing.visible_pixels == 0 for thing in hidden)


def test_the_same_seed_films_the_same_clip_and_another_seed_a_different_one():
    for action in world.ACTIONS:
        first, again, other = (world.clip(seed, action) for seed in (3, 3, 4))
        assert [frame.tobytes() for frame in first] == [frame.tobytes() for frame in again]
        assert [frame.tobytes() for frame in first] != [frame.tobytes() for frame in other]


def test_every_action_films_as_many_rgb_frames_of_the_size_asked_for():
    for action in world.ACTIONS:
        for size, frames in (((128, 96), 32), ((112, 112), 9)):
            clip = world.clip(0, action, size=size, frames=frames)
            assert len(clip) == frames
            assert all(frame.mode == "RGB" and frame.size == size for frame in clip)


def _moved(first: np.ndarray, later: np.ndarray, shake: int = 4) -> float:
    """The share of pixels that changed between two frames, however the camera shook between them."""
    height, width = first.shape[:2]
    inner = first[shake:height - shake, shake:width - shake]
    return min((np.abs(inner - later[shake + y:height - shake + y, shake + x:width - shake + x]).max(-1) > 40).mean()
               for y in range(-shake, shake + 1) for x in range(-shake, shake + 1))


def test_something_moves_in_every_action_beyond_the_shake_of_the_camera():
    for action in world.ACTIONS:
        for seed in range(2):
            frames = [np.asarray(frame).astype(np.int16) for frame in world.clip(seed, action, noise=0)]
            assert max(_moved(frames[0], frames[k]) for k in (8, 16, 24, 31)) > 0.01, (action, seed)


def test_an_unknown_action_is_refused_with_the_actions_there_are():
    with pytest.raises(ValueError) as refusal:
        world.clip(0, "Juggling")
    assert all(action in str(refusal.value) for action in world.ACTIONS)


def test_the_same_seed_draws_the_same_workers_and_another_seed_different_ones():
    first, again, other = world.ppe_scene(5), world.ppe_scene(5), world.ppe_scene(6)
    assert first.image.tobytes() == again.image.tobytes() and first.objects == again.objects
    assert all(np.array_equal(mask, same) for mask, same in zip(first.masks, again.masks))
    assert first.image.tobytes() != other.image.tobytes() and first.objects != other.objects


def test_every_box_fits_the_pixels_of_its_piece_of_equipment_inside_the_picture():
    for seed in range(50):
        picture = world.ppe_scene(seed)
        assert picture.image.mode == "RGB" and picture.image.size == (192, 144)
        assert len(picture.objects) == len(picture.masks)
        for (category, (x, y, width, height)), mask in zip(picture.objects, picture.masks):
            assert category in world.PPE and width > 0 and height > 0
            assert 0 <= x and x + width <= 192 and 0 <= y and y + height <= 144
            ys, xs = np.nonzero(mask)
            assert len(xs) >= 6, "a piece hidden all but a few pixels is left out"
            assert [x, y, width, height] == [xs.min(), ys.min(), xs.max() - xs.min() + 1, ys.max() - ys.min() + 1]


def test_each_worker_is_boxed_round_all_the_equipment_they_wear():
    for seed in range(30):
        picture = world.ppe_scene(seed)
        assert 1 <= len(picture.people) <= 4
        for (_, (x, y, width, height)), mask in zip(picture.objects, picture.masks):
            ys, xs = np.nonzero(mask)
            assert any(px <= xs.min() and xs.max() < px + pw and py <= ys.min() and ys.max() < py + ph
                       for px, py, pw, ph in picture.people), (seed, x, y, width, height)


def test_solid_pieces_never_share_a_pixel_but_the_face_shield_lets_the_face_show_through():
    seen_through = 0
    for seed in range(50):
        picture = world.ppe_scene(seed)
        solid = [mask for (category, _), mask in zip(picture.objects, picture.masks) if category != "Face_Shield"]
        assert (np.sum(solid, axis=0) <= 1).all() if solid else True
        shields = [mask for (category, _), mask in zip(picture.objects, picture.masks) if category == "Face_Shield"]
        seen_through += sum(bool((shield & piece).any()) for shield in shields for piece in solid)
    assert seen_through >= 5, "goggles and masks behind a face shield are still seen, and boxed"


def test_every_kind_of_equipment_shows_often_and_a_size_can_be_asked_for():
    counts = dict.fromkeys(world.PPE, 0)
    for seed in range(50):
        for category, _ in world.ppe_scene(seed).objects:
            counts[category] += 1
    assert min(counts.values()) >= 10, counts
    picture = world.ppe_scene(0, size=(320, 240))
    assert picture.image.size == (320, 240) and all(mask.shape == (240, 320) for mask in picture.masks)
