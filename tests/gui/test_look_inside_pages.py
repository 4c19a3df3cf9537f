"""The Chat tab's look-inside pages on the tiny model: click a token of the heat-map, move a slider, sample."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QUrl

from desktop_app.chat.chat_side_panel import SidePage
from model_backend.chat.sampling_lab import reshape
from tests.gui.conftest import send, wait_idle

LEFT = Qt.MouseButton.LeftButton
FIRST_SIZE = (1200, 680)  # MainWindow._size_for_screen on a 1280×720 screen


def chatted_tab(qtbot, open_window):
    tab = open_window().chat_tab
    send(qtbot, tab, "Hello")
    wait_idle(qtbot, tab)
    return tab


def test_attention_page_shows_rows_that_sum_to_one_and_a_clicked_token(qtbot, open_window):
    tab = chatted_tab(qtbot, open_window)
    view = tab.side_panel.attention_view
    tab.side_panel.show_page(SidePage.ATTENTION)
    qtbot.mouseClick(view.run_button, LEFT)
    qtbot.waitUntil(lambda: view.result is not None and not view.job.busy, timeout=30000)
    reply = tab.current.messages[1]
    n = len(view.result.exchange.tokens)
    assert n == view.result.exchange.prompt_length + len(reply.steps)  # the reply's own tokens follow the prompt
    assert view.layer_box.count() == 2 and view.head_box.count() == 3  # 2 layers; the mean, then 2 heads
    np.testing.assert_allclose(view.matrix().sum(axis=1), 1.0, atol=5e-3)  # the mean of the heads, row by row
    # click the middle of row k: that row is framed, and the tokens it attends to are its largest weights
    rect = view.heatmap.map_rect()
    k = n - 2
    qtbot.mouseClick(view.heatmap, LEFT, pos=QPoint(int(rect.left() + 1), int(rect.top() + (k + 0.5) * rect.height() / n)))
    assert view.heatmap.selected_row == k
    attended = view.attended(k)
    assert attended[0][1] == max(view.matrix()[k]) and sum(w for _, w in attended) <= 1.0001
    assert view.labels()[k] in view.focus.text()
    # a head picked in the grid of small maps is the one the big map shows
    tile = view.grid.tile_rect(1).center().toPoint()
    qtbot.mouseClick(view.grid, LEFT, pos=tile)
    assert view.head_box.currentIndex() == 2 and view.head == 1
    np.testing.assert_array_equal(view.heatmap.matrix, view.result.attention[0, 1].astype(np.float32))
    view.layer_box.setCurrentIndex(1)
    np.testing.assert_array_equal(view.heatmap.matrix, view.result.attention[1, 1].astype(np.float32))
    qtbot.mouseClick(view.larger_button, LEFT)
    assert view.larger.isVisible() and view.larger.heatmap.selected_row == k
    np.testing.assert_array_equal(view.larger.heatmap.matrix, view.heatmap.matrix)
    assert view.larger.heatmap.map_rect().height() == n * view.larger.heatmap.cell
    view.larger.close()


def test_layer_by_layer_table_has_a_row_per_layer(qtbot, open_window):
    tab = chatted_tab(qtbot, open_window)
    view = tab.side_panel.layer_view
    tab.side_panel.show_page(SidePage.LAYER_BY_LAYER)
    qtbot.mouseClick(view.run_button, LEFT)
    qtbot.waitUntil(lambda: view.result is not None and not view.job.busy, timeout=30000)
    assert view.table.rowCount() == 3  # the embeddings, then each of the 2 layers
    assert view.result.position == view.result.exchange.prompt_length - 1
    top = view.result.layers[-1].candidates[0]
    assert f"{top.probability:.0%}" in view.table.item(2, 0).text()
    first = view.result.layers[-1].actual  # the reply's first token, with the last layer's probability for it
    assert first.token_id == tab.current.messages[1].steps[0].token_id
    assert view.table.item(2, 1).text() == f"{first.probability:.1%}"
    # another position runs again
    view.position_box.setValue(2)
    qtbot.waitUntil(lambda: view.result.position == 1 and not view.job.busy, timeout=30000)
    # a reply token clicked in the transcript: the layers where that token was guessed
    reply = tab.current.messages[1]
    step = len(reply.steps) - 1
    tab.transcript.anchorClicked.emit(QUrl(f"tok:1:{step}"))
    expected = view.result.exchange.prompt_length + step - 1
    qtbot.waitUntil(lambda: view.result.position == expected and not view.job.busy, timeout=30000)
    assert view.result.layers[-1].actual.token_id == reply.steps[step].token_id
    assert tab.side_panel.currentIndex() == SidePage.LAYER_BY_LAYER


def test_sampling_lab_bars_follow_the_sliders_and_samples_repeat(qtbot, open_window):
    tab = chatted_tab(qtbot, open_window)
    lab = tab.side_panel.sampling_lab
    tab.side_panel.show_page(SidePage.SAMPLING_LAB)
    qtbot.mouseClick(lab.run_button, LEFT)
    qtbot.waitUntil(lambda: lab.result is not None and not lab.job.busy, timeout=30000)
    reply = tab.current.messages[1]
    assert lab.result.chosen_id == reply.steps[0].token_id and len(lab.result.candidates) == 50
    own = lab.probabilities()
    assert reply.steps[0].probability == max(own) or reply.steps[0].token_id != lab.result.candidates[0].token_id
    lab.temperature.setValue(150)
    lab.top_k.setValue(0)
    lab.top_p.setValue(100)
    np.testing.assert_allclose(lab.bars.shaped, reshape(own, 1.5))
    assert lab.bars.shaped.sum() == np.float64(1.0) or abs(lab.bars.shaped.sum() - 1) < 1e-9
    lab.top_k.setValue(3)
    assert np.count_nonzero(lab.bars.shaped) == 3
    lab.temperature.setValue(0)
    assert lab.bars.shaped[0] == 1.0 and np.count_nonzero(lab.bars.shaped) == 1  # greedy: the likeliest token
    lab.temperature.setValue(100)
    lab.top_k.setValue(0)
    qtbot.mouseClick(lab.sample_button, LEFT)
    first = list(lab.samples)
    assert len(first) == 20 and sum(lab.bars.counts.values()) == 20
    lab.top_p.setValue(99)
    lab.top_p.setValue(100)  # moving a slider clears the samples; the same seed draws the same again
    assert lab.samples == []
    qtbot.mouseClick(lab.sample_button, LEFT)
    assert lab.samples == first
    # a reply token clicked in the transcript becomes the lab's step, and the lab stays in front
    step = len(reply.steps) - 1
    tab.transcript.anchorClicked.emit(QUrl(f"tok:1:{step}"))
    assert lab.step_box.value() == step + 1 and tab.side_panel.currentIndex() == SidePage.SAMPLING_LAB
    qtbot.mouseClick(lab.run_button, LEFT)
    qtbot.waitUntil(lambda: lab.result.step == step and not lab.job.busy, timeout=30000)
    assert lab.result.chosen_id == reply.steps[step].token_id


def test_the_run_button_stops_a_running_job(qtbot, open_window):
    tab = chatted_tab(qtbot, open_window)
    view = tab.side_panel.attention_view
    stopped = []
    view.job._on_cancelled = stopped.append
    qtbot.mouseClick(view.run_button, LEFT)
    assert view.job.busy
    cancelled_id = view.job.job_id
    tab.controller.worker.cancel(cancelled_id)  # as the button does, before the worker can start the job
    qtbot.mouseClick(view.run_button, LEFT)
    qtbot.waitUntil(lambda: not view.job.busy, timeout=30000)
    assert view.result is None and stopped == [None]  # stopped before any result; the page shows nothing stale
    qtbot.mouseClick(view.run_button, LEFT)  # and it runs again
    qtbot.waitUntil(lambda: view.result is not None and not view.job.busy, timeout=30000)


def on_screen_in_page(tab, widget) -> bool:
    """``widget`` lies whole inside the Attention page's scroll area, as it is scrolled now."""
    viewport = tab.side_panel.widget(SidePage.ATTENTION).viewport()
    return viewport.rect().contains(QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size()))


@pytest.mark.parametrize("language", ["en", "ja"])
def test_attention_page_says_what_to_do_on_screen_before_and_after_a_run(qtbot, open_window, language):
    """Screenshots at 1280×720: the layer list was an empty box before a run, and the line saying what to do
    (then what a clicked token attends to) lay below the map, cut off or scrolled away (always in Japanese)."""
    window = open_window(language=language)
    window.resize(*FIRST_SIZE)
    tab = window.chat_tab
    view = tab.side_panel.attention_view
    tab.side_panel.show_page(SidePage.ATTENTION)
    qtbot.waitUntil(lambda: view.isVisible() and (window.width(), window.height()) == FIRST_SIZE, timeout=5000)
    qtbot.wait(50)
    box = view.layer_box
    assert not box.isEnabled() and box.currentIndex() == -1 and box.placeholderText()  # says why it is empty
    assert not view.heatmap.isVisible() and not view.grid.isVisible()  # nothing to show: no blank square
    assert view.focus.text() and on_screen_in_page(tab, view.focus)
    assert view.focus.height() >= view.focus.heightForWidth(view.focus.width())  # every line of it
    send(qtbot, tab, "Hello")
    wait_idle(qtbot, tab)
    qtbot.mouseClick(view.run_button, LEFT)
    qtbot.waitUntil(lambda: view.result is not None and not view.job.busy, timeout=30000)
    qtbot.wait(50)
    assert box.isEnabled() and box.count() == view.result.layers and box.currentText()
    assert view.heatmap.isVisible() and view.grid.isVisible()
    rect = view.heatmap.map_rect()
    n = len(view.result.exchange.tokens)
    before = view.heatmap.mapTo(view, QPoint(0, 0))
    qtbot.mouseClick(view.heatmap, LEFT, pos=QPoint(int(rect.left() + 1), int(rect.top() + (n - 1.5) * rect.height() / n)))
    assert view.heatmap.selected_row == n - 2 and view.labels()[n - 2] in view.focus.text()
    assert on_screen_in_page(tab, view.focus) and view.focus.height() >= view.focus.heightForWidth(view.focus.width())
    assert view.heatmap.mapTo(view, QPoint(0, 0)) == before  # the map did not jump under the pointer
