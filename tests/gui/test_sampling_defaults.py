"""The Chat tab's Settings page follows the loaded model's recommended sampling, marked as such, until the
student changes a value; the student's value then sticks (also through the next model load) and is saved."""
from __future__ import annotations

import json
import shutil

import pytest

from model_backend.chat.sampling_defaults import FALLBACK
from model_backend.core.settings import Settings
from tests.gui.conftest import wait_idle
from tests.gui.test_window_fits import assert_fits


@pytest.fixture
def recommending_model(tiny_chat_model_dir, tmp_path):
    folder = shutil.copytree(tiny_chat_model_dir, tmp_path / "tiny-recommending")
    (folder / "generation_config.json").write_text(json.dumps({"temperature": 0.6, "top_p": 0.85}))
    return folder


def values(panel) -> tuple:
    return panel.temperature.value(), panel.top_p.value(), panel.top_k.value()


def test_before_the_model_loads_the_app_default_is_shown_and_marked(qtbot, open_window):
    window = open_window(use_model_sampling=True)  # no preload: the model never loads
    panel = window.chat_tab.sampling_panel
    window.chat_tab.side_panel.setCurrentWidget(panel)
    assert panel.follow_model.isChecked()
    assert values(panel) == (FALLBACK["temperature"], FALLBACK["top_p"], FALLBACK["top_k"])
    for marker in panel.markers.values():
        assert marker.isVisibleTo(panel) and marker.text() == "app default" and "not loaded yet" in marker.toolTip()
    assert_fits(qtbot, window)  # the marks beside the values keep the window within 1280×720


def test_settings_follow_the_models_recommendation_until_the_student_changes_one(qtbot, open_window,
                                                                                  recommending_model, app_home):
    window = open_window(model_dir=recommending_model, preload=True, use_model_sampling=True)
    tab = window.chat_tab
    panel = tab.sampling_panel
    wait_idle(qtbot, tab)
    qtbot.waitUntil(lambda: values(panel) == (0.6, 0.85, FALLBACK["top_k"]), timeout=10000)
    assert panel.follow_model.isChecked()
    for name in ("temperature", "top_p"):  # named by the model: marked, its source on hover
        marker = panel.markers[name]
        assert marker.isVisibleTo(panel) and marker.text() == "model default"
        assert "generation_config.json" in marker.toolTip() and "tiny-recommending" in marker.toolTip()
    top_k = panel.markers["top_k"]  # the model names no top-k: the app's default, said so
    assert top_k.isVisibleTo(panel) and top_k.text() == "app default" and "recommends no value" in top_k.toolTip()
    assert panel.sampling().temperature == 0.6  # what a reply is sent with

    panel.temperature.setValue(1.1)  # the student's own value: the choice turns off, the others stay
    assert not panel.follow_model.isChecked()
    assert values(panel) == (1.1, 0.85, FALLBACK["top_k"])
    assert not any(marker.isVisibleTo(panel) for marker in panel.markers.values())
    saved = Settings.load(app_home.settings_file)
    assert not saved.use_model_sampling and saved.temperature == 1.1 and saved.top_p == 0.85

    panel.device.setCurrentIndex(panel.device.findData("cpu"))  # the model loads again: the student's value sticks
    qtbot.waitUntil(lambda: tab.load_job_id is not None or tab.preloader.loaded_key[1] == "cpu", timeout=5000)
    wait_idle(qtbot, tab)
    assert values(panel) == (1.1, 0.85, FALLBACK["top_k"]) and panel.sampling().temperature == 1.1

    panel.follow_model.setChecked(True)  # ticked again: back to the model's values
    assert values(panel) == (0.6, 0.85, FALLBACK["top_k"])
    assert Settings.load(app_home.settings_file).use_model_sampling
