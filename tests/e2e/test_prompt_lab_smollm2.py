"""The Prompt engineering tab on the real embedded model: a scored run with numbers."""
from __future__ import annotations

import pytest

from model_backend.engine import Backend
from model_backend.prompt_lab.experiment import SIDE_BY_SIDE_ROW

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def test_scored_zero_shot_versus_few_shot_on_smollm2(qtbot, e2e_paths):
    from desktop_app.main_window import MainWindow
    from tests.gui.conftest import close_and_wait

    window = MainWindow(e2e_paths, backend_factory=lambda registry: Backend(e2e_paths, registry), preload=False)
    window.show()
    try:
        window.tabs.setCurrentWidget(window.prompt_tab)
        tab = window.prompt_tab
        assert "SmolLM2" in tab.model_picker.combo.currentText()
        tab.side_by_side.max_new_tokens.setValue(8)
        tab.select_technique("en-sentiment-few-shot")
        qtbot.waitUntil(lambda: tab.preview.prompt is not None, timeout=300000)
        assert tab.preview.prompt.context_length == 8192 and not tab.preview.is_error
        assert "<|im_start|>assistant" in tab.preview.text.toPlainText()  # SmolLM2's own chat template
        tab.add_variant()
        tab.select_technique("en-sentiment-zero-shot")
        tab.add_variant()
        assert tab.run(scored=True)
        qtbot.waitUntil(lambda: not tab.runner.is_running(), timeout=600000)
        scored = [r for r in tab.experiment.results if r.row != SIDE_BY_SIDE_ROW]
        assert len(scored) == 16 and all(r.status == "done" for r in scored)
        passed = [tab.experiment.accuracy(i)[0] for i in range(2)]
        assert sum(passed) >= 6, f"a 135M instruct model should get some of these right: {passed}"
    finally:
        close_and_wait(qtbot, window)
