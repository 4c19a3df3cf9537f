"""The Prompt tab's instruction-tuning and scaling lessons, clicked on tiny models: the raw-continuation switch
reaches the requests sent and the preview, base vs instruct pairs models of one family, and a scored run over
two sizes of one family plots accuracy against the parameter count read from the models."""
from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from model_backend.chat.chat_types import ChatRequest
from model_backend.prompt_lab.experiment import SIDE_BY_SIDE_ROW
from tests.fixtures.tiny_models import build_tokenizer


def open_prompt_tab(open_window, qtbot, **kwargs):
    window = open_window(**kwargs)
    window.tabs.setCurrentWidget(window.prompt_tab)
    tab = window.prompt_tab
    tab.side_by_side.max_new_tokens.setValue(6)
    return window, tab


def record_requests(tab) -> list:
    """Every request the tab sends to the backend, in order (the real submit still runs)."""
    sent, real_submit = [], tab.controller.submit

    def submit(request, handler):
        sent.append(request)
        return real_submit(request, handler)

    tab.controller.submit = submit
    tab.preview.controller = tab.controller
    tab.runner.controller = tab.controller
    return sent


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def build_wider_model(folder):
    """The tiny chat model's family at a second size (hidden 64 instead of 32): more parameters, same tokenizer."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(1)
    tokenizer = build_tokenizer()
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                         num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=256,
                         bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                         pad_token_id=tokenizer.pad_token_id)
    folder.mkdir(parents=True)
    LlamaForCausalLM(config).save_pretrained(folder, safe_serialization=True)
    tokenizer.save_pretrained(folder)
    return folder


def test_the_raw_switch_reaches_the_requests_and_the_preview(qtbot, open_window):
    window, tab = open_prompt_tab(open_window, qtbot)
    sent = record_requests(tab)
    tab.select_technique("en-sentiment-zero-shot")
    tab.pages.setCurrentIndex(1)
    click(qtbot, tab.side_by_side.add_variant_button)  # with the chat template
    click(qtbot, tab.side_by_side.raw_continuation)
    assert tab.side_by_side.raw_continuation.isChecked()
    click(qtbot, tab.side_by_side.add_variant_button)  # the same technique and model, raw
    assert [v.raw_continuation for v in tab.experiment.variants] == [False, True]
    assert len({v.model_id for v in tab.experiment.variants}) == 1
    tab.update_preview()
    qtbot.waitUntil(lambda: tab.preview.prompt is not None and tab.preview.prompt.raw_continuation, timeout=30000)
    assert not tab.preview.text.toPlainText().startswith("<|im_start|>")
    assert not any(t.special for t in tab.preview.prompt.tokens)
    assert tab.preview.text.toPlainText().startswith("Classify the sentiment")
    del sent[:]
    click(qtbot, tab.side_by_side.run_button)
    qtbot.waitUntil(lambda: not tab.runner.is_running(), timeout=120000)
    chats = [r for r in sent if isinstance(r, ChatRequest)]
    assert sorted(r.raw_continuation for r in chats) == [False, True]
    cells = [tab.experiment.result(i, SIDE_BY_SIDE_ROW) for i in range(2)]
    assert all(c is not None and c.status == "done" for c in cells)
    assert cells[1].stats["prompt_tokens"] < cells[0].stats["prompt_tokens"]  # no template tokens around the text
    assert not tab.run_notes  # raw by choice is not the "no chat template" fallback


def test_this_model_both_ways_adds_the_template_and_the_raw_variant(qtbot, open_window):
    window, tab = open_prompt_tab(open_window, qtbot)
    tab.select_technique("en-sentiment-zero-shot")
    click(qtbot, tab.side_by_side.both_ways_button)
    assert [v.raw_continuation for v in tab.experiment.variants] == [False, True]
    assert len(tab.side_by_side.columns) == 2


def test_base_vs_instruct_puts_the_two_models_of_one_family_side_by_side(qtbot, open_window, tiny_chat_model_dir,
                                                                         tmp_path):
    base, instruct = tmp_path / "Tiny-40K", tmp_path / "Tiny-40K-Instruct"
    shutil.copytree(tiny_chat_model_dir, base)
    shutil.copytree(tiny_chat_model_dir, instruct)
    window, tab = open_prompt_tab(open_window, qtbot)
    page = tab.side_by_side
    assert not page.base_instruct_button.isEnabled()  # one model only: nothing to pair
    assert tab.model_picker.add_path(str(base)) and tab.model_picker.add_path(str(instruct))
    assert page.base_instruct_button.isEnabled()
    tab.select_technique("en-sentiment-zero-shot")
    click(qtbot, page.base_instruct_button)
    variants = tab.experiment.variants
    assert [(v.model_id.endswith("Tiny-40K"), v.raw_continuation) for v in variants] == [(True, True), (False, False)]
    assert variants[1].model_id.endswith("Tiny-40K-Instruct")


def test_a_scored_run_over_two_sizes_plots_accuracy_against_parameter_count(qtbot, open_window, tiny_chat_model_dir,
                                                                            tmp_path):
    from safetensors import safe_open

    small = tmp_path / "tinyfam-small"
    shutil.copytree(tiny_chat_model_dir, small)
    large = build_wider_model(tmp_path / "tinyfam-large")

    def count(folder):
        with safe_open(str(folder / "model.safetensors"), "np") as weights:
            return sum(weights.get_tensor(k).size for k in weights.keys())

    window, tab = open_prompt_tab(open_window, qtbot, model_dir=small)
    tab.select_technique("en-sentiment-zero-shot")
    tab.add_variant()
    assert tab.model_picker.add_path(str(large))
    tab.add_variant()
    assert not tab.scored.scaling.isVisibleTo(tab.scored)  # nothing scored yet
    tab.pages.setCurrentIndex(2)
    click(qtbot, tab.scored.run_scored_button)
    qtbot.waitUntil(lambda: not tab.runner.is_running(), timeout=180000)
    chart = tab.scored.scaling
    assert chart.isVisibleTo(tab.scored) and chart.family == "tinyfam"
    points = chart.points
    assert [p.parameters for p in points] == [count(small), count(large)] and count(small) < count(large)
    for point in points:
        index = next(i for i, v in enumerate(tab.experiment.variants) if v.name == point.label)
        assert (point.passed, point.scored) == tab.experiment.accuracy(index) and point.scored == 8
    plot = chart.plot
    left, right = (plot.position(p) for p in points)
    assert left.x() < right.x()  # the larger model further right on the log axis
    assert 0 <= left.y() <= plot.height() and 0 <= right.y() <= plot.height()


def test_the_new_controls_fit_1280_by_720_at_150_percent_in_japanese(qtbot, open_window):
    from model_backend.prompt_lab.model_scale import ScalingPoint

    window, tab = open_prompt_tab(open_window, qtbot, language="ja")
    window.presentation.set_zoom(1.5)
    tab.select_technique("en-sentiment-zero-shot")
    tab.add_variant()
    tab.scored.scaling.set_points("smollm2", [ScalingPoint("a", "SmolLM2-135M", 135_000_000, 3, 8),
                                              ScalingPoint("b", "SmolLM2-360M", 360_000_000, 5, 8),
                                              ScalingPoint("c", "SmolLM2-1.7B", 1_700_000_000, 7, 8)])
    for page in (1, 2):
        tab.pages.setCurrentIndex(page)
        qtbot.wait(20)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1280 and hint.height() <= 720, (page, hint)
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280 and window.height() == 720, timeout=5000)
    side = tab.side_by_side
    tab.pages.setCurrentIndex(1)
    qtbot.wait(20)
    for widget in (side.raw_continuation, side.both_ways_button, side.base_instruct_button):
        right = widget.mapTo(side, widget.rect().topRight()).x()
        assert widget.isVisible() and right <= side.width(), widget  # not cut off at the side
    assert side.raw_continuation.text() != "Raw continuation (no chat template)"  # said in Japanese
    tab.pages.setCurrentIndex(2)
    qtbot.wait(20)
    plot = tab.scored.scaling.plot
    xs = [plot.position(p).x() for p in tab.scored.scaling.points]
    assert xs == sorted(xs) and 0 <= xs[0] and xs[-1] <= plot.width()
