"""The Prompt engineering tab switches to Japanese and back while the app runs, and keeps what the student did."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from model_backend.prompt_lab.experiment import SIDE_BY_SIDE_ROW, CellResult, CellStatus
from tests.gui import language_checks
from tests.gui.language_checks import JAPANESE, switch
from tests.gui.test_prompt_tab import open_prompt_tab, wait_run


def left_in_english(tab, users_words: list[str]) -> list[tuple[str, str]]:
    """Names from the library or the student stay as they are; the model pickers (the shared one and the embeddings
    map's) show model names and are tested with the widgets."""
    return language_checks.left_in_english(tab, users_words, skip=(tab.model_picker, tab.embeddings.model_picker))


def japanese_left(tab, users_words: list[str]) -> list[tuple[str, str]]:
    return language_checks.japanese_left(tab, users_words, skip=(tab.model_picker, tab.embeddings.model_picker))


def test_the_prompt_tab_speaks_japanese_and_back_without_losing_state(qtbot, open_window):
    window, tab = open_prompt_tab(open_window, qtbot)
    # an untouched tab: the empty preview and the new experiment's name follow the language too
    assert tab.experiment_bar.experiment_name.text() == "Untitled experiment"
    switch(qtbot, window, "ja")
    assert JAPANESE.search(tab.experiment_bar.experiment_name.text())
    assert JAPANESE.search(tab.preview.summary.text())
    switch(qtbot, window, "en")
    assert tab.experiment_bar.experiment_name.text() == tab.experiment.name == "Untitled experiment"

    # some state: a technique with its form filled, a variant run side by side, a scored table, choices
    tab.experiment_bar.experiment_name.setText("Lesson 3")
    tab.experiment_bar.experiment_name.textEdited.emit("Lesson 3")
    tab.select_technique("en-sentiment-few-shot")
    tab.editor.example_count.setValue(1)
    review = "The soup was cold but the staff were lovely"
    tab.editor.variable_fields["review"].setText(review)
    tab.editor.variable_fields["review"].textEdited.emit(review)
    assert tab.add_variant()
    assert tab.run(scored=False)
    wait_run(qtbot, tab)
    qtbot.waitUntil(lambda: tab.preview.prompt is not None, timeout=30000)
    tab.scored.check.setCurrentIndex(tab.scored.check.findData("number"))
    tab.scored.check_pattern.setText("answer: {expected}")
    table = tab.scored.table
    table.show_result(CellResult(0, 0, "Positive", status=CellStatus.DONE, passed=True))
    table.show_result(CellResult(0, 1, "Neg", status=CellStatus.STOPPED))
    table.show_result(CellResult(0, 2, status=CellStatus.FAILED, error="The model ran out of memory."))
    table.setCurrentCell(1, table.expected_column + 1)
    tab.pages.setCurrentIndex(2)
    library = tab.library_panel
    selected_technique = library.list.currentItem().data(Qt.ItemDataRole.UserRole)
    column = tab.side_by_side.columns[0]
    variant = tab.experiment.variants[0]
    model_name = tab.side_by_side.model_name(variant.model_id)
    # names from the library, the student or the models; "日本語" names the language in its own words
    users_words = [variant.name, model_name, "Lesson 3", "日本語", *(t.name for t in tab.library.all())]
    english = {"stats": column.stats.text(), "summary": tab.preview.summary.text(), "notice": tab.notice.text(),
               "stopped": table.item(1, table.expected_column + 1).text()}
    assert left_in_english(tab, users_words) != []  # the check finds English while the UI is in English

    switch(qtbot, window, "ja")
    assert left_in_english(tab, users_words) == []
    assert [tab.pages.tabText(i) for i in range(3)] != ["1 · Prompt", "2 · Side by side", "3 · Scored run"]
    assert all(JAPANESE.search(tab.pages.tabText(i)) for i in range(3))
    assert JAPANESE.search(table.horizontalHeaderItem(table.expected_column).text())
    assert table.horizontalHeaderItem(0).text() == "review"  # the table's own column names stay
    stopped = table.item(1, table.expected_column + 1).text()
    assert JAPANESE.search(stopped) and stopped != english["stopped"]
    assert JAPANESE.search(table.item(2, table.expected_column + 1).text())
    assert table.item(0, table.expected_column + 1).text().startswith("✓ Positive")
    stats = column.stats.text()
    assert JAPANESE.search(stats) and stats != english["stats"]
    cell = tab.experiment.result(0, SIDE_BY_SIDE_ROW)
    assert all(str(cell.stats[key]) in stats for key in ("time_to_first_token", "tokens_per_second", "tokens"))
    summary = tab.preview.summary.text()
    assert JAPANESE.search(summary) and str(len(tab.preview.prompt.tokens)) in summary and "256" in summary
    assert JAPANESE.search(tab.notice.text()) and tab.notice.text() != english["notice"]
    assert JAPANESE.search(tab.editor.kind.currentText()) and JAPANESE.search(tab.scored.check.currentText())
    assert JAPANESE.search(tab.scored.chart.toolTip()) and variant.name in tab.scored.chart.toolTip()
    # notices said after the switch are in Japanese too; Copy as Python still copies the selected cell
    tab.copy_python()
    assert JAPANESE.search(tab.notice.text()) and not tab.notice.is_error
    assert "from transformers import" in QGuiApplication.clipboard().text()

    switch(qtbot, window, "en")
    assert japanese_left(tab, users_words) == []
    assert [tab.pages.tabText(i) for i in range(3)] == ["1 · Prompt", "2 · Side by side", "3 · Scored run"]
    assert table.horizontalHeaderItem(table.expected_column).text() == "expected"
    assert table.item(1, table.expected_column + 1).text() == english["stopped"] == "stopped"
    assert tab.side_by_side.columns[0].stats.text() == english["stats"]
    assert tab.preview.summary.text() == english["summary"]
    assert tab.notice.text() == "A Python script reproducing this cell is on the clipboard."
    assert tab.editor.kind.currentText() == "Few-shot" and tab.scored.check.currentText() == "number"

    # nothing the student chose or typed was lost on the way
    assert tab.experiment_bar.experiment_name.text() == tab.experiment.name == "Lesson 3"
    assert tab.editor.variable_fields["review"].text() == review == tab.editor.technique.values["review"]
    assert tab.editor.example_count.value() == 1 and tab.editor.kind.currentData() == "few-shot"
    assert tab.scored.check.currentData() == "number" and tab.scored.check_pattern.text() == "answer: {expected}"
    assert tab.pages.currentIndex() == 2 and (table.currentRow(), table.currentColumn()) == (1, table.expected_column + 1)
    assert library.list.currentItem().data(Qt.ItemDataRole.UserRole) == selected_technique
    assert library.language.currentData() == "en" and library.list.count() == len(tab.library.all("en"))
    assert len(tab.side_by_side.columns) == 1 and tab.side_by_side.columns[0].reply.toPlainText() == cell.reply


def test_library_panel_and_editor_words_follow_the_language(qtbot, open_window):
    window, tab = open_prompt_tab(open_window, qtbot)
    library, editor = tab.library_panel, tab.editor
    library.language.setCurrentIndex(library.language.findData(""))
    tab.select_technique("ja-sentiment-few-shot")
    english_buttons = [b.text() for b in (library.new_button, library.duplicate_button, library.save_button,
                                          library.delete_button, library.restore_button)]
    english_kinds = [editor.kind.itemText(i) for i in range(editor.kind.count())]
    library.save()  # a built-in: saved as the student's copy, and the notice says so
    english_notice = tab.notice.text()
    mine = tab.library.user[-1]

    switch(qtbot, window, "ja")
    assert [b.text() for b in (library.new_button, library.duplicate_button, library.save_button,
                               library.delete_button, library.restore_button)] != english_buttons
    assert JAPANESE.search(library.language.itemText(library.language.findData("")))
    assert library.language.itemText(library.language.findData("en")) == "English"  # each language in its own
    kinds = [editor.kind.itemText(i) for i in range(editor.kind.count())]
    assert all(JAPANESE.search(k) for k in kinds) and kinds != english_kinds
    assert "ゼロショット" in kinds and "フューショット" in kinds and any("思考の連鎖" in k for k in kinds)
    assert JAPANESE.search(editor.variables_box.title()) and JAPANESE.search(editor.template.placeholderText())
    assert "{{variables}}" in editor.template.placeholderText()
    assert all(JAPANESE.search(editor.examples.horizontalHeaderItem(c).text()) for c in range(2))
    assert JAPANESE.search(tab.notice.text()) and tab.notice.text() != english_notice
    row = next(i for i in range(library.list.count()) if library.list.item(i).data(Qt.ItemDataRole.UserRole) == mine.id)
    assert JAPANESE.search(library.list.item(row).toolTip()) and mine.name in library.list.item(row).toolTip()
    library.duplicate()  # a name made in Japanese keeps the technique's own name
    assert tab.library.user[-1].name.startswith(mine.name) and JAPANESE.search(tab.library.user[-1].name)

    switch(qtbot, window, "en")
    assert [b.text() for b in (library.new_button, library.duplicate_button, library.save_button,
                               library.delete_button, library.restore_button)] == english_buttons
    assert [editor.kind.itemText(i) for i in range(editor.kind.count())] == english_kinds
    assert tab.notice.text() == english_notice
    assert library.language.currentData() == ""
    assert library.list.currentItem().data(Qt.ItemDataRole.UserRole) == tab.library.user[-1].id


def test_backend_errors_in_the_preview_and_the_cells_are_said_in_japanese(qtbot, open_window):
    """A template error and a failed cell come from the backend as Messages: the UI says them in Japanese."""
    window, tab = open_prompt_tab(open_window, qtbot)
    tab.select_technique("en-sentiment-zero-shot")
    tab.editor.template.setPlainText("Review: {{review}} in {{language}}")
    tab.update_preview()
    english_error = tab.preview.summary.text()
    assert tab.preview.is_error and "{{language}}" in english_error
    assert not tab.import_csv_text("review,expected\nfine,positive\nbad,negative,extra\n")
    english_notice = tab.notice.text()
    assert "Row 3" in english_notice

    switch(qtbot, window, "ja")
    assert tab.preview.is_error and "{{language}}" in tab.preview.summary.text()
    assert tab.notice.is_error and "3" in tab.notice.text()
    switch(qtbot, window, "en")
    assert tab.preview.summary.text() == english_error and tab.notice.text() == english_notice
