"""The Models window's lists fit its width at 150 % zoom on a 1280×720 laptop (the window is then 1100×640):
no sideways scroll to reach the last column, in English and Japanese, with the real catalogue's long texts.
Long cells are cut with "…" and keep their whole text in the tooltip."""
from __future__ import annotations

import pytest

from desktop_app.library.models_window import WINDOW_SIZE

ON_A_LAPTOP = WINDOW_SIZE  # what resize_within_screen leaves of it on 1280×720 (1280-60 wide, 720-60 high)


def lists(models):
    return ((models.installed, models.installed.table), (models.catalogue, models.catalogue.tree))


def wait_fitted(qtbot, models, page, view) -> None:
    models.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: view.isVisible() and view.viewport().width() > 0, timeout=5000)
    qtbot.wait(50)  # the fit runs once the resize events are handled


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_lists_need_no_sideways_scroll_at_150_percent(qtbot, open_window, language):
    window = open_window(language=language, zoom=1.5)
    models = window.library.open_models_window()
    models.resize(*ON_A_LAPTOP)
    qtbot.waitUntil(lambda: (models.width(), models.height()) == ON_A_LAPTOP, timeout=5000)
    for page, view in lists(models):
        wait_fitted(qtbot, models, page, view)
        assert view.horizontalScrollBar().maximum() == 0, type(page).__name__
        assert view.viewport().width() < 1100  # really the narrow case, not an offscreen giant
    tree = models.catalogue.tree
    cut = [(item.child(0), column) for item in (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
           for column in range(tree.columnCount())
           if item.childCount() and tree.columnWidth(column) < tree.sizeHintForColumn(column)]
    assert cut  # long purposes are cut at this width…
    for item, column in cut:
        assert item.toolTip(column)  # …and whole in the tooltip


def test_zooming_while_the_window_is_open_fits_again(qtbot, open_window):
    window = open_window(language="en", zoom=1.0)
    models = window.library.open_models_window()
    models.resize(*ON_A_LAPTOP)
    tree = models.catalogue.tree
    wait_fitted(qtbot, models, models.catalogue, tree)
    before = tree.columnWidth(2)  # the download size: its content's width
    window.presentation.set_zoom(1.5)
    qtbot.waitUntil(lambda: tree.columnWidth(2) > before, timeout=5000)
    qtbot.wait(50)
    assert tree.horizontalScrollBar().maximum() == 0
    assert models.installed.table.horizontalScrollBar().maximum() == 0
