"""The Image tab's "Images as tokens · CLIP" page: a picture becomes numbered patches, and with a (tiny,
random, offline) CLIP model: zero-shot probabilities, [CLS]'s attention as a heat map, gallery scores."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt


@pytest.fixture(scope="module")
def tiny_clip_dir(tmp_path_factory):
    from tests.fixtures.tiny_clip_model import build_tiny_clip

    return build_tiny_clip(tmp_path_factory.mktemp("clip") / "tiny-clip")


def open_page(open_window):
    window = open_window()
    tab = window.image_tab
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentWidget(tab.vision)
    return window, tab, tab.vision


def picture_file(tmp_path, seed=0, size=(300, 400)):
    pixels = (np.random.default_rng(seed).random((*size, 3)) * 255).astype(np.uint8)
    path = tmp_path / f"picture-{seed}.png"
    Image.fromarray(pixels).save(path)
    return path


def wait_idle(qtbot, page, timeout=60000):
    qtbot.waitUntil(lambda: not page.job.busy, timeout=timeout)


def test_a_picture_becomes_numbered_patches_without_any_model(qtbot, open_window, tmp_path):
    window, tab, page = open_page(open_window)
    assert not page.classify_button.isEnabled() and page.clip_note.isVisibleTo(page)  # no CLIP model yet
    page.use_result_button.click()
    assert page.source is None and page.caption.text()  # nothing generated yet: nothing to cut, and it says so
    assert not page.use_generated_image() and not page.use_gallery_picture()  # no gallery picture chosen either
    assert page.open_picture(str(picture_file(tmp_path)))
    assert page.grid.count == 196 and page.grid.image.shape == (224, 224, 3)
    assert len(page.sequence_view.patches) == 196
    page.patch_size.setCurrentIndex(page.patch_size.findData(32))
    assert page.grid.count == 49 and len(page.sequence_view.patches) == 49

    # a click on a patch of the picture marks the same token in the sequence
    page.grid_view.resize(280, 280)
    square = page.grid_view._square()
    step = square.width() / 7
    qtbot.mouseClick(page.grid_view, Qt.MouseButton.LeftButton,
                     pos=QPoint(int(square.left() + step * 2.5), int(square.top() + step * 1.5)))
    assert page.grid_view.selected == page.sequence_view.selected == 1 * 7 + 2
    # and a click in the sequence marks it on the picture ([CLS] is token 0, patch 1 is token 1)
    cell = page.sequence_view.cell_rect(5).center()
    qtbot.mouseClick(page.sequence_view, Qt.MouseButton.LeftButton, pos=QPoint(int(cell.x()), int(cell.y())))
    assert page.grid_view.selected == 4

    assert not page.open_picture(str(tmp_path / "missing.png"))
    tab.clear_for_next_group()  # the next group of students starts afresh
    assert page.source is None and page.grid_view.grid is None


def test_clip_classifies_shows_cls_attention_and_scores_the_gallery(qtbot, open_window, tmp_path, tiny_clip_dir):
    window, tab, page = open_page(open_window)
    assert page.model_picker.add_path(str(tiny_clip_dir))
    assert page.classify_button.isEnabled() and not page.clip_note.isVisibleTo(page)
    assert page.open_picture(str(picture_file(tmp_path, seed=1)))

    page.labels.setText("red, blue, cat")
    page.classify_button.click()
    wait_idle(qtbot, page)
    assert page.results.rowCount() == 3
    shown = [float(page.results.item(row, 1).text().rstrip("%")) for row in range(3)]
    assert sum(shown) == pytest.approx(100.0, abs=0.2) and shown == sorted(shown, reverse=True)
    assert sum(page.zero_shot.probabilities) == pytest.approx(1.0)

    page.attention_button.click()
    wait_idle(qtbot, page)
    assert page.attention is not None and page.attention.weights.shape == (4, 4)
    assert page.grid.count == 16 and page.grid.image.shape == (64, 64, 3)  # the model's own size and patches
    assert page.sequence_view.weights is not None and len(page.sequence_view.weights) == 16
    assert page.attention.weights.sum() + page.attention.cls_to_itself == pytest.approx(1.0, abs=1e-5)

    for seed, prompt in ((2, "a red circle"), (3, "a blue square")):
        pixels = (np.random.default_rng(seed).random((64, 64, 3)) * 255).astype(np.uint8)
        tab.gallery.save(pixels, {"prompt": prompt, "seed": seed, "steps": 1, "guidance": 1.0})
    tab.gallery_view.refresh()
    page.gallery_button.click()
    assert page.stop_button.isEnabled() and not page.classify_button.isEnabled()  # one job at a time
    wait_idle(qtbot, page)
    assert not page.stop_button.isEnabled()
    assert page.gallery_table.rowCount() == 2 and len(tab.gallery_view.clip_scores) == 2
    scores = page.similarities.similarities
    assert all(-1 <= s <= 1 for s in scores)
    assert f"{scores[0]:.2f}" in tab.gallery_view.list.item(0).text()  # the badge under the thumbnail
