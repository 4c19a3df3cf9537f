"""The Prompt tab's embeddings map on the embedded all-MiniLM-L6-v2: typed sentences become dots, the
table holds their cosine similarities and the chosen sentence's nearest neighbour is its paraphrase."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from desktop_app.prompt_lab.embeddings_page import EXAMPLES
from desktop_app.prompt_lab.prompt_tab import PromptPage
from model_backend.representations.vector_map import cosine_matrix


def open_page(open_window, qtbot):
    window = open_window()
    window.tabs.setCurrentWidget(window.prompt_tab)
    window.prompt_tab.pages.setCurrentIndex(PromptPage.EMBEDDINGS)
    return window, window.prompt_tab.embeddings


def wait_placed(qtbot, page, count: int, timeout=120000):
    qtbot.waitUntil(lambda: len(page.placed()) == count and not page.job.busy, timeout=timeout)


@pytest.mark.slow
def test_typed_sentences_land_on_the_map_with_their_similarities(qtbot, open_window):
    window, page = open_page(open_window, qtbot)
    for sentence in ("A man is playing a guitar.", "Someone is playing an instrument with strings.",
                     "Stock prices fell sharply today."):
        qtbot.keyClicks(page.input, sentence)
        qtbot.keyClick(page.input, Qt.Key.Key_Return)
        assert page.input.text() == ""
    wait_placed(qtbot, page, 3)
    assert page.list.count() == 3 and len(page.map.points) == 3
    assert page.table.rowCount() == page.table.columnCount() == 3
    vectors = np.stack([page.vectors[s] for s in page.placed()])
    expected = cosine_matrix(vectors)
    assert float(page.table.item(0, 1).text()) == pytest.approx(expected[0, 1], abs=0.006)
    assert float(page.table.item(2, 2).text()) == pytest.approx(1.0)
    assert expected[0, 1] > expected[0, 2]  # the paraphrase is closer than the unrelated sentence

    page.list.setCurrentRow(0)  # choosing a sentence draws lines to its nearest neighbours
    assert page.map.selected == 0 and page.map.neighbours[0] == 1

    # a click on a dot chooses that sentence
    x, y = page.map.screen_positions()[2]
    qtbot.mouseClick(page.map, Qt.MouseButton.LeftButton, pos=QPoint(int(round(x)), int(round(y))))
    assert page.list.currentRow() == 2

    # adding a sentence never mirrors the map: the first three keep their direction
    before = page.map.points.copy()
    qtbot.keyClicks(page.input, "The market dropped a lot this morning.")
    page.add_button.click()
    wait_placed(qtbot, page, 4)
    after = page.map.points[:3]
    for axis in range(2):
        assert np.corrcoef(before[:, axis], after[:, axis])[0, 1] > 0
    page.list.setCurrentRow(3)
    assert page.map.neighbours[0] == 2  # "the market dropped" is nearest to "stock prices fell"


@pytest.mark.slow
def test_examples_remove_clear_and_blank_input(qtbot, open_window):
    window, page = open_page(open_window, qtbot)
    assert not page.add_typed() and page.list.count() == 0  # nothing typed: nothing added
    page.examples_button.click()
    wait_placed(qtbot, page, len(EXAMPLES))
    assert not page.add_examples()  # already there: nothing added twice
    page.list.setCurrentRow(2)
    assert page.map.neighbours[0] == 3  # the sleeping cat's nearest neighbour is the napping kitten
    page.remove_button.click()
    assert page.list.count() == len(EXAMPLES) - 1 and len(page.map.points) == len(EXAMPLES) - 1
    assert page.table.rowCount() == len(EXAMPLES) - 1
    page.clear_button.click()
    assert page.list.count() == 0 and len(page.map.points) == 0 and page.table.rowCount() == 0
    assert page.add_sentences(["One more sentence."])
    wait_placed(qtbot, page, 1)
    window.menu.clear_action.trigger()  # the next group of students gets an empty map
    assert page.list.count() == 0 and len(page.map.points) == 0


def test_another_sentence_model_reembeds_everything_and_japanese_needs_no_warning(qtbot, open_window, tmp_path):
    from model_backend.representations.representation_types import DEFAULT_EMBEDDING_MODEL_ID
    from tests.fixtures.tiny_sentence_model import HIDDEN, build_tiny_sentence_model

    window, page = open_page(open_window, qtbot)
    assert page.model_picker.current_model_id() == DEFAULT_EMBEDDING_MODEL_ID
    assert page.model_note.isVisibleTo(page)  # the built-in model learned English: the page says so
    notices = []
    real_show = page.status.show_notice
    page.status.show_notice = lambda text, error=False: (notices.append(text), real_show(text, error))
    assert page.add_sentences(["a cat sleeps", "猫"])
    assert len(notices) == 2  # "this model learned English only", then "working…"
    wait_placed(qtbot, page, 2)
    assert next(iter(page.vectors.values())).shape == (384,)

    folder = build_tiny_sentence_model(tmp_path / "multilingual-ish")
    assert page.model_picker.add_path(str(folder))  # a model with no language set: no English-only note
    assert not page.model_note.isVisibleTo(page)
    wait_placed(qtbot, page, 2)
    assert all(vector.shape == (HIDDEN,) for vector in page.vectors.values())  # all embedded again, by the new one
    notices.clear()
    assert page.add_sentences(["犬"])
    assert len(notices) == 1  # only "working…": no "this model learned English only" notice
    wait_placed(qtbot, page, 3)
    assert page.table.rowCount() == 3


def test_close_points_get_labels_that_do_not_overlap_and_hover_shows_the_whole_sentence(qtbot):
    """Seen in screenshots: paraphrases lie almost on one spot and their numbers were drawn over each other."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    from desktop_app.prompt_lab.embedding_map_view import EmbeddingMapView

    view = EmbeddingMapView()
    qtbot.addWidget(view)
    view.resize(640, 360)  # about the map's size on a 1280×720 screen
    view.show()
    qtbot.waitExposed(view)
    sentences = [f"Sentence {i}: the cat is sleeping peacefully on the old sofa in the sun" for i in range(5)]
    sentences += ["A guitar."]
    points = np.array([[0.0, 0.0], [0.001, 0.0], [0.0, 0.001], [0.001, 0.001], [0.0005, 0.0005], [1.0, 1.0]])
    view.show_map(points, sentences, ("x", "y"))
    view.select(0, [1, 2])
    labels = view.label_layout()
    rects = [label.rect for label in labels]
    assert len(labels) >= 5 and {0, 1, 2, 5} <= {label.index for label in labels}  # the chosen, its neighbours
    for i, rect in enumerate(rects):
        assert view.rect().contains(rect.toRect())
        assert not any(rect.intersects(other) for other in rects[i + 1:])
        assert not any(rect.contains(QPointF(*dot)) for dot in view.screen_positions())
    chosen = next(label for label in labels if label.index == 0)
    assert chosen.text.startswith("1. ") and chosen.text.endswith("…")  # long sentences are cut short
    assert next(label for label in labels if label.index == 5).text == "6. A guitar."  # a short one whole
    # hovering a dot or a label shows the whole sentence; clicking either chooses it
    x, y = view.screen_positions()[3]
    assert view.tooltip_at(x, y) == f"4. {sentences[3]}"
    centre = chosen.rect.center().toPoint()
    view.event(QHelpEvent(QEvent.Type.ToolTip, centre, view.mapToGlobal(centre)))
    assert QToolTip.text() == f"1. {sentences[0]}"
    clicked = []
    view.point_clicked.connect(clicked.append)
    far = next(label for label in labels if label.index == 5)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=far.rect.center().toPoint())
    dot = view.screen_positions()[5]
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(int(round(dot[0])), int(round(dot[1]))))
    assert clicked == [5, 5]
