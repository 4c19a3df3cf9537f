"""Class mode in the window: the chat picker's Connect to a class server… (against a loopback server that
answers in vLLM's format) and File › Share this model with the class… (the real llama.cpp server, slow)."""
from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import Qt

from desktop_app.class_mode.connect_dialog import ConnectServerDialog
from model_backend.core.model_inspection import ModelFormat
from model_backend.core.settings import Settings
from tests.backend.test_remote_chat_model import CODE, vllm_reply
from tests.fixtures.fake_chat_server import FakeChatServer, Script
from tests.gui.conftest import send, wait_idle


@pytest.fixture
def vllm_server():
    server = FakeChatServer(Script(events=vllm_reply()))
    yield server
    server.close()


def connect(qtbot, dialog: ConnectServerDialog, address: str, code: str) -> None:
    dialog.address_edit.setText(address)
    dialog.code_edit.setText(code)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.job_id, timeout=30000)


def test_connecting_lists_the_servers_models_in_both_tabs_and_chat_replies_come_from_it(qtbot, open_window, app_home,
                                                                                       vllm_server):
    window = open_window()
    tab = window.chat_tab
    tab.model_picker.class_server_action.trigger()
    dialog = window.class_mode.connect_dialog
    assert dialog is not None and dialog.isVisible()
    connect(qtbot, dialog, vllm_server.address, "WRONG9")
    assert dialog.models == [] and not dialog.notice.isHidden()  # refused: said in the dialog
    connect(qtbot, dialog, vllm_server.address, CODE)
    model_id = f"server:http://{vllm_server.address}#Qwen/Qwen2.5-7B-Instruct"
    assert [m["model_id"] for m in dialog.models] == [model_id]
    assert tab.model_picker.current_model_id() == model_id  # chosen in the picker that asked
    prompt_ids = [tab_picker.combo.itemData(i) for tab_picker in (window.prompt_tab.model_picker,)
                  for i in range(tab_picker.combo.count())]
    assert model_id in prompt_ids
    assert tab.model_picker.current_entry().format is ModelFormat.CLASS_SERVER
    saved = Settings.load(app_home.settings_file)
    assert saved.class_servers == [f"http://{vllm_server.address} {CODE}"]  # remembered like added folders
    dialog.close()
    wait_idle(qtbot, tab)
    send(qtbot, tab, "What is the capital of France?")
    wait_idle(qtbot, tab)
    reply = tab.current.messages[-1]
    assert reply.role == "assistant" and reply.content == "The capital is Paris. 東京"
    assert len(reply.steps) == 9 and tab.next_token_view.bars.step is not None
    asked = [s for s in vllm_server.seen if s["path"] == "/v1/chat/completions"]
    assert asked and asked[-1]["headers"]["Authorization"] == f"Bearer {CODE}"


def test_a_remembered_server_is_listed_again_after_a_restart(qtbot, open_window, vllm_server):
    address = f"http://{vllm_server.address}"
    window = open_window(class_servers=[f"{address} {CODE}"])
    model_id = f"server:{address}#Qwen/Qwen2.5-7B-Instruct"
    picker = window.chat_tab.model_picker
    qtbot.waitUntil(lambda: picker.combo.findData(model_id) >= 0, timeout=30000)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_sharing_shows_address_code_qr_and_load_and_stops_in_one_click(qtbot, open_window):
    window = open_window()
    window.menu.share_action.trigger()
    dialog = window.class_mode.share_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.host_combo.itemData(0) == "127.0.0.1"  # this computer only, unless the teacher chooses
    index = next(i for i in range(dialog.model_combo.count()) if "SmolLM2" in dialog.model_combo.itemText(i))
    dialog.model_combo.setCurrentIndex(index)
    port = free_port()
    dialog.port_spin.setValue(port)
    dialog.parallel_spin.setValue(2)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.info is not None and dialog.info.running and not dialog.job_id, timeout=120000)
    assert dialog.address_value.text() == f"http://127.0.0.1:{port}"
    code = dialog.code_value.text()
    assert len(code) == 6 and not dialog.qr_label.pixmap().isNull()
    assert not dialog.start_button.isEnabled() and dialog.stop_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.info.load is not None and "0" in dialog.load_label.text(), timeout=30000)
    # a student (here: this same window) connects with the code shown
    window.chat_tab.model_picker.class_server_action.trigger()
    connect(qtbot, window.class_mode.connect_dialog, dialog.address_value.text(), code)
    assert len(window.class_mode.connect_dialog.models) == 1
    window.class_mode.connect_dialog.close()
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.info is not None and not dialog.info.running and not dialog.job_id, timeout=60000)
    assert dialog.address_value.text() == "—" and dialog.qr_label.pixmap().isNull()
    with socket.socket() as probe:  # nothing listens there any more
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_a_server_gone_mid_reply_keeps_the_reply_and_marks_it_connection_lost(qtbot, open_window):
    server = FakeChatServer(Script(events=vllm_reply(), abort_after=5))  # the role chunk and 4 tokens, then gone
    try:
        address = f"http://{server.address}"
        window = open_window(class_servers=[f"{address} {CODE}"])
        tab = window.chat_tab
        model_id = f"server:{address}#Qwen/Qwen2.5-7B-Instruct"
        qtbot.waitUntil(lambda: tab.model_picker.combo.findData(model_id) >= 0, timeout=30000)
        tab.model_picker.combo.setCurrentIndex(tab.model_picker.combo.findData(model_id))
        wait_idle(qtbot, tab)
        send(qtbot, tab, "What is the capital of France?")
        wait_idle(qtbot, tab)
        reply = tab.current.messages[-1]
        assert reply.role == "assistant" and reply.content == "The capital is Paris"  # what it wrote is kept
        assert reply.stopped and reply.stats["stop_reason"] == "connection lost"
    finally:
        server.close()
