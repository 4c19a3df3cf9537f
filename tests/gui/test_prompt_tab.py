"""Drive the real Prompt engineering tab on tiny models."""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from desktop_app.i18n.retranslate import say
from model_backend.prompt_lab.experiment import SIDE_BY_SIDE_ROW, ExperimentStore
from tests.gui.conftest import close_and_wait


def open_prompt_tab(open_window, qtbot, **kwargs):
    window = open_window(**kwargs)
    window.tabs.setCurrentWidget(window.prompt_tab)
    tab = window.prompt_tab
    tab.side_by_side.max_new_tokens.setValue(6)
    return window, tab


def wait_run(qtbot, tab, timeout=120000):
    qtbot.waitUntil(lambda: not tab.runner.is_running(), timeout=timeout)


def test_few_shot_prompt_preview_shows_the_exact_text_and_tokens(qtbot, open_window):
    window, tab = open_prompt_tab(open_window, qtbot)
    tab.select_technique("en-sentiment-few-shot")
    tab.editor.example_count.setValue(2)
    qtbot.waitUntil(lambda: tab.preview.prompt is not None, timeout=30000)
    text = tab.preview.text.toPlainText()
    assert text.startswith("<|im_start|>user\nClassify the sentiment")
    assert text.count("Sentiment: ") == 2 and text.rstrip().endswith("<|im_start|>assistant")
    prompt = tab.preview.prompt
    assert prompt.context_length == 256 and not tab.preview.is_error
    summary = tab.preview.summary.text()
    assert str(len(prompt.tokens)) in summary and "256" in summary  # the count and the context window


def test_undefined_variable_is_explained_and_not_run(qtbot, open_window):
    window, tab = open_prompt_tab(open_window, qtbot)
    tab.select_technique("en-sentiment-zero-shot")
    tab.editor.template.setPlainText("Review: {{review}} in {{language}}")
    tab.update_preview()
    assert "{{language}}" in tab.preview.summary.text() and tab.preview.is_error
    assert not tab.add_variant() and "{{language}}" in tab.notice.text()


def test_two_variants_side_by_side_with_the_same_seed(qtbot, open_window, app_home):
    window, tab = open_prompt_tab(open_window, qtbot)
    for technique in ("en-sentiment-zero-shot", "en-sentiment-few-shot"):
        tab.select_technique(technique)
        tab.editor.example_count.setValue(1)  # the tiny model reads only 256 tokens
        assert tab.add_variant()
    assert len(tab.side_by_side.columns) == 2 and len(tab.experiment.rows) == 8  # the task's table came along
    assert tab.run(scored=False)
    wait_run(qtbot, tab)
    cells = [tab.experiment.result(i, SIDE_BY_SIDE_ROW) for i in range(2)]
    assert all(c is not None and c.status == "done" and c.stats["seed"] == 0 for c in cells)
    for column, cell in zip(tab.side_by_side.columns, cells):  # each column shows its cell's numbers
        shown = column.stats.text()
        assert all(str(cell.stats[key]) in shown for key in ("time_to_first_token", "tokens_per_second", "tokens"))
    assert tab.side_by_side.columns[0].reply.toPlainText() == cells[0].reply
    assert ExperimentStore(app_home.data_dir / "experiments").load_all()[0].result(1, SIDE_BY_SIDE_ROW).reply == cells[1].reply


def test_scored_run_fills_the_pass_fail_table_and_the_chart(qtbot, open_window):
    window, tab = open_prompt_tab(open_window, qtbot)
    tab.select_technique("en-sentiment-zero-shot")
    tab.add_variant()
    tab.select_technique("en-sentiment-role-play")
    tab.add_variant()
    assert tab.run(scored=True)
    wait_run(qtbot, tab)
    scored = [r for r in tab.experiment.results if r.row != SIDE_BY_SIDE_ROW]
    assert len(scored) == 16 and all(r.passed is not None for r in scored)
    first_result = tab.scored.table.item(0, tab.scored.table.expected_column + 1).text()
    assert first_result[0] in "✓✗"
    assert [bar[2] for bar in tab.scored.chart.bars] == [8, 8]


def test_same_variant_across_two_models(qtbot, open_window, tiny_plain_model_dir):
    window, tab = open_prompt_tab(open_window, qtbot)
    tab.select_technique("en-arithmetic-zero-shot")
    tab.add_variant()
    assert tab.model_picker.add_path(str(tiny_plain_model_dir))
    tab.add_variant()
    models = [v.model_id for v in tab.experiment.variants]
    assert len(set(models)) == 2
    assert tab.run(scored=False)
    wait_run(qtbot, tab)
    assert all(tab.experiment.result(i, SIDE_BY_SIDE_ROW).status == "done" for i in range(2))
    # the base model fell back to a plain prompt, and the notice says so for that variant only
    plain = tab.experiment.variants[1].name
    assert len(tab.run_notes) == 1 and say(tab.run_notes[0]).startswith(f"{plain}: ") and plain in tab.notice.text()


def test_stop_one_column_leaves_the_others_running(qtbot, open_window):
    window, tab = open_prompt_tab(open_window, qtbot, slow=True)
    tab.side_by_side.max_new_tokens.setValue(30)
    tab.side_by_side.temperature.setValue(1.0)
    for technique in ("en-sentiment-zero-shot", "en-topic-zero-shot"):
        tab.select_technique(technique)
        tab.add_variant()
    assert tab.run(scored=False)
    qtbot.waitUntil(lambda: tab.side_by_side.columns[0].reply.toPlainText() != "", timeout=30000)
    tab.side_by_side.columns[0].stop_button.click()
    wait_run(qtbot, tab)
    assert tab.experiment.result(0, SIDE_BY_SIDE_ROW).status == "stopped"
    assert tab.experiment.result(1, SIDE_BY_SIDE_ROW).status == "done"


def test_bad_tables_checks_and_csv_are_explained(qtbot, open_window):
    window, tab = open_prompt_tab(open_window, qtbot)
    tab.select_technique("en-sentiment-zero-shot")
    tab.add_variant()
    assert not tab.import_csv_text("review,expected\nfine,positive\nbad,negative,extra\n")
    assert "Row 3" in tab.notice.text()
    tab.experiment.rows = []
    tab._show_experiment()
    assert not tab.run(scored=True) and "empty" in tab.notice.text()
    assert tab.import_csv_text("review,expected\nfine,positive\n")
    tab.scored.check.setCurrentIndex(tab.scored.check.findData("regex"))
    tab.scored.check_pattern.setText("([unclosed")
    assert not tab.run(scored=True) and "does not compile" in tab.notice.text()
    tab.scored.check.setCurrentIndex(tab.scored.check.findData("number"))
    assert not tab.run(scored=True) and "Table row 1" in tab.notice.text()  # 'positive' has no number


def test_stop_keeps_finished_cells_and_quitting_saves_the_experiment(qtbot, open_window, app_home):
    window, tab = open_prompt_tab(open_window, qtbot, slow=True)
    tab.side_by_side.max_new_tokens.setValue(12)
    tab.select_technique("en-sentiment-zero-shot")
    tab.add_variant()
    assert tab.run(scored=True)
    qtbot.waitUntil(lambda: any(r.status == "done" for r in tab.experiment.results), timeout=60000)
    tab.side_by_side.stop_all_button.click()
    wait_run(qtbot, tab)
    statuses = [r.status for r in tab.experiment.results]
    assert "done" in statuses and "stopped" in statuses and len(statuses) == 8
    done = [r for r in tab.experiment.results if r.status == "done"]

    assert tab.run(scored=True)  # run again, then quit in the middle
    qtbot.waitUntil(lambda: any(r.status == "done" and r.row != SIDE_BY_SIDE_ROW for r in tab.experiment.results),
                    timeout=60000)
    close_and_wait(qtbot, window)
    (saved,) = ExperimentStore(app_home.data_dir / "experiments").load_all()
    assert any(r.status == "done" for r in saved.results)
    assert done  # the first run's finished cells were kept until the re-run replaced them


def test_export_copy_as_python_and_reopen(qtbot, open_window, tmp_path):
    window, tab = open_prompt_tab(open_window, qtbot)
    tab.experiment_bar.experiment_name.setText("Lesson 3")
    tab.experiment_bar.experiment_name.textEdited.emit("Lesson 3")
    tab.select_technique("en-sentiment-few-shot")
    tab.editor.example_count.setValue(1)
    tab.add_variant()
    assert tab.run(scored=True)
    wait_run(qtbot, tab)
    for suffix in ("csv", "json", "md"):
        tab.export_experiment(tmp_path / f"out.{suffix}")
    assert "variant,technique,model" in (tmp_path / "out.csv").read_text()
    assert '"name": "Lesson 3"' in (tmp_path / "out.json").read_text()
    assert "| variant | technique | model | accuracy |" in (tmp_path / "out.md").read_text()
    tab.copy_python()
    script = QGuiApplication.clipboard().text()
    assert "from transformers import" in script and "Classify the sentiment" in script
    close_and_wait(qtbot, window)

    window2, tab2 = open_prompt_tab(open_window, qtbot)
    assert tab2.experiment_bar.experiments.findText("Lesson 3") >= 0
    tab2.experiment_bar.experiments.setCurrentIndex(tab2.experiment_bar.experiments.findText("Lesson 3"))
    tab2.experiment_bar.open_button.click()
    assert tab2.experiment.name == "Lesson 3" and len(tab2.side_by_side.columns) == 1
    assert tab2.scored.chart.bars[0][2] == 8


def test_library_duplicate_edit_delete_restore(qtbot, open_window, app_home):
    window, tab = open_prompt_tab(open_window, qtbot)
    tab.select_technique("en-topic-zero-shot")
    tab.editor.template.setPlainText("Topic of: {{headline}}")
    tab.library_panel.save()  # a built-in: saved as the user's copy
    mine = tab.library.user[-1]
    assert mine.template == "Topic of: {{headline}}" and not mine.builtin
    assert tab.library.get("en-topic-zero-shot").template != mine.template
    tab.select_technique("en-topic-zero-shot")
    tab.library_panel.delete()
    assert "en-topic-zero-shot" not in {t.id for t in tab.library.all("en")}
    tab.library_panel.restore()
    assert "en-topic-zero-shot" in {t.id for t in tab.library.all("en")}
    assert tab.library.get(mine.id) is not None


def test_prompt_over_the_context_window_fails_that_cell_with_the_numbers(qtbot, open_window):
    window, tab = open_prompt_tab(open_window, qtbot)
    tab.select_technique("en-sentiment-few-shot")
    tab.editor.example_count.setValue(6)
    qtbot.waitUntil(lambda: tab.preview.prompt is not None, timeout=30000)
    prompt = tab.preview.prompt
    assert len(prompt.tokens) >= prompt.context_length and tab.preview.is_error  # shown as a problem
    assert str(len(prompt.tokens)) in tab.preview.summary.text()
    tab.add_variant()
    assert tab.run(scored=False)
    wait_run(qtbot, tab)
    cell = tab.experiment.result(0, SIDE_BY_SIDE_ROW)
    assert cell.status == "failed" and "too long" in cell.error
    assert "too long" in tab.side_by_side.columns[0].reply.toPlainText()


def test_a_technique_with_the_same_variables_brings_its_own_values(qtbot, open_window):
    """Found in a screenshot: the form kept the English review while the preview showed the Japanese one."""
    window, tab = open_prompt_tab(open_window, qtbot)
    tab.select_technique("en-sentiment-few-shot")
    tab.select_technique("ja-sentiment-few-shot")
    japanese = tab.library.get("ja-sentiment-few-shot").values["review"]
    assert tab.editor.variable_fields["review"].text() == japanese
