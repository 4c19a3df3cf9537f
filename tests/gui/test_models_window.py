"""The Models window on the real main window: installed models from a temporary user folder, licence
marks, Delete, downloads (progress, "already here", Stop), a damaged pack's report, "Get more models…",
and the memory warning. State and data are checked, never English wording."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.main_window import MainWindow
from model_backend.core.errors import ErrorKind
from model_backend.core.model_inspection import ModelKind
from model_backend.core.settings import Settings
from model_backend.engine import Backend
from model_backend.library.catalogue import CatalogueEntry, CatalogueFile
from model_backend.library.folder_info import FolderInfo, write_folder_info
from tests.fixtures.fake_hub import FakeHub, repo_from_folder
from tests.gui.conftest import close_and_wait

RESTRICTED = "CC-BY-NC-4.0"


def put_model(models_dir: Path, source: Path, name: str, licence: str = "", restricted: bool = False,
              catalogue_id: str | None = None) -> Path:
    """A model folder in the user's models folder, with the library's record when a licence is given."""
    folder = models_dir / name
    shutil.copytree(source, folder)
    if licence:
        write_folder_info(folder, FolderInfo(catalogue_id, name, "chat", "test/" + name, "0" * 40, licence,
                                             restricted, ()))
    return folder


def two_entry_catalogue(source: Path) -> tuple[CatalogueEntry, ...]:
    """Two entries for the tiny chat model the hub stand-in serves: one free, one under a non-commercial licence."""
    files = tuple(CatalogueFile(path) for path in repo_from_folder(source).files)
    size = sum(p.stat().st_size for p in source.rglob("*") if p.is_file())

    def entry(entry_id: str, licence: str, restricted: bool) -> CatalogueEntry:
        return CatalogueEntry(id=entry_id, kind=ModelKind.CHAT, title=entry_id, purpose={"en": "test", "ja": "テスト"},
                              repo="test/" + entry_id, revision="main", files=files, download_bytes=size,
                              memory_bytes=20_000_000, languages=("en",), licence=licence,
                              licence_restricted=restricted, licence_note={"en": "no commercial use"} if restricted else {},
                              tabs=("chat", "prompt"))
    return (entry("tiny-free", "Apache-2.0", False), entry("tiny-nc", RESTRICTED, True))


@pytest.fixture
def hub(tiny_chat_model_dir, monkeypatch):
    """The hub stand-in on 127.0.0.1 serving the tiny chat model under both catalogue entries' repositories."""
    server = FakeHub().start()
    for entry_id in ("tiny-free", "tiny-nc"):
        server.add("test/" + entry_id, repo_from_folder(tiny_chat_model_dir))
    monkeypatch.setenv("HF_ENDPOINT", server.endpoint)
    yield server
    server.stop()


@pytest.fixture
def library_window(qtbot, app_home, tiny_chat_model_dir, hub, monkeypatch):
    """The main window on the real backend, a two-entry catalogue, and the hub stand-in."""
    import model_backend.library.catalogue as catalogue_module

    catalogue = two_entry_catalogue(tiny_chat_model_dir)
    monkeypatch.setattr(catalogue_module, "load_catalogue", lambda path=None: catalogue)
    monkeypatch.setattr("desktop_app.library.catalogue_page.load_catalogue", lambda path=None: catalogue)
    monkeypatch.setattr("model_backend.library.installed.load_catalogue", lambda path=None: catalogue)
    app_home.models_dir.mkdir(parents=True, exist_ok=True)
    windows = []

    def opener() -> MainWindow:
        settings = Settings.load(app_home.settings_file)
        settings.added_model_paths = [str(tiny_chat_model_dir)]
        settings.chat_model_id = f"path:{tiny_chat_model_dir}"
        settings.language = "en"
        window = MainWindow(app_home, settings=settings, preload=False,
                            backend_factory=lambda registry: Backend(app_home, registry))
        windows.append(window)
        window.show()
        return window

    yield opener
    for window in windows:
        close_and_wait(qtbot, window)


def answer_next_box(qtbot, pick) -> list:
    """Answer the next modal message box with ``pick(box)`` (a button to click); records the boxes seen."""
    seen = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text() + "\n" + box.informativeText())
        pick(box).click()

    QTimer.singleShot(20, answer)
    return seen


def rows_by_id(page) -> dict[str, int]:
    return {model.model_id: row for row, model in enumerate(page.models)}


def test_installed_models_from_the_user_folder_with_licences_and_delete(qtbot, library_window, app_home,
                                                                       tiny_chat_model_dir):
    free = put_model(app_home.models_dir, tiny_chat_model_dir, "tiny-free", "Apache-2.0", catalogue_id="tiny-free")
    nc = put_model(app_home.models_dir, tiny_chat_model_dir, "tiny-nc", RESTRICTED, restricted=True)
    window = library_window()
    models = window.library.open_models_window()
    page = models.installed
    rows = rows_by_id(page)
    free_id, nc_id, added_id = (f"path:{free.resolve()}", f"path:{nc.resolve()}", f"path:{tiny_chat_model_dir}")
    assert {free_id, nc_id, added_id} <= set(rows)
    licence_cell = lambda model_id: page.table.item(rows[model_id], 4).text()  # noqa: E731
    assert licence_cell(nc_id).startswith("⚠") and RESTRICTED in licence_cell(nc_id)
    assert not licence_cell(free_id).startswith("⚠")
    assert page.table.item(rows[free_id], 2).text() != ""
    assert "chat" in page.models[rows[free_id]].tabs
    # an added folder is the user's own: listed, never deletable
    page.table.selectRow(rows[added_id])
    assert page.open_button.isEnabled() and not page.delete_button.isEnabled()
    # the catalogue knows the downloaded one is here
    assert "tiny-free" in models.catalogue.here and "tiny-nc" not in models.catalogue.here
    # Delete, confirmed: the folder goes, the lists and the chat picker follow
    page.table.selectRow(rows[free_id])
    assert page.delete_button.isEnabled()
    seen = answer_next_box(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not free.exists() and free_id not in rows_by_id(page), timeout=20000)
    assert seen and ("MB" in seen[0] or "kB" in seen[0])  # the confirmation names the space it frees
    assert nc_id in rows_by_id(page)
    assert window.chat_tab.model_picker.combo.findData(free_id) < 0
    assert window.chat_tab.model_picker.combo.findData(nc_id) >= 0
    assert "tiny-free" not in models.catalogue.here


def test_download_shows_progress_then_already_here(qtbot, library_window, app_home):
    window = library_window()
    models = window.library.open_models_window(ModelKind.CHAT)
    page = models.catalogue
    page.select("tiny-free")
    assert page.download_button.isEnabled()
    qtbot.mouseClick(page.download_button, Qt.MouseButton.LeftButton)
    assert page.busy and not page.download_button.isEnabled()
    assert page.download_panel.isVisible()
    qtbot.waitUntil(lambda: not page.busy, timeout=20000)
    shown = page.download_panel.progress  # the last DownloadProgress the panel showed
    assert shown is not None and shown.done == shown.total > 0 and shown.file_total > 0
    assert page.download_panel.total_bar.value() == page.download_panel.total_bar.maximum()
    assert "tiny-free" in page.here and not page.notice.is_error
    assert "✓" in page.entry_item("tiny-free").text(0)
    assert not page.download_button.isEnabled()  # selected and already here
    folder_id = f"path:{(app_home.models_dir / 'tiny-free').resolve()}"
    assert folder_id in rows_by_id(models.installed)
    assert window.chat_tab.model_picker.combo.findData(folder_id) >= 0  # pickers rescanned


def test_stop_ends_the_download_and_the_next_one_continues(qtbot, library_window, app_home, hub):
    from model_backend.library.installed import partial_download_bytes

    hub.delay_per_chunk = 0.05  # 16 kB chunks: seconds for the tiny model
    window = library_window()
    page = window.library.open_models_window(ModelKind.CHAT).catalogue
    page.select("tiny-free")
    qtbot.mouseClick(page.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.download_panel.progress is not None and page.download_panel.progress.done > 0,
                    timeout=20000)
    qtbot.mouseClick(page.download_panel.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=20000)
    assert "tiny-free" not in page.here and not page.notice.is_error and page.notice.text()
    assert not (app_home.models_dir / "tiny-free").exists()
    assert partial_download_bytes(app_home, "tiny-free") > 0
    assert page.download_button.isEnabled()
    assert page.download_button.text() != page.tr("Download")  # it offers to continue
    kept = partial_download_bytes(app_home, "tiny-free")
    hub.delay_per_chunk = 0.0
    before = hub.served_bytes
    qtbot.mouseClick(page.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=20000)
    assert "tiny-free" in page.here and not page.notice.is_error
    total = sum(p.stat().st_size for p in (app_home.models_dir / "tiny-free").rglob("*") if p.name != ".library.json")
    assert hub.served_bytes - before <= total - kept  # what had arrived was not fetched again


def test_restricted_licence_is_named_before_download(qtbot, library_window):
    window = library_window()
    page = window.library.open_models_window(ModelKind.CHAT).catalogue
    item = page.entry_item("tiny-nc")
    assert item.text(5).startswith("⚠") and RESTRICTED in item.text(5)
    assert not page.entry_item("tiny-free").text(5).startswith("⚠")
    page.select("tiny-nc")
    seen = answer_next_box(qtbot, lambda box: box.button(QMessageBox.StandardButton.Cancel))
    qtbot.mouseClick(page.download_button, Qt.MouseButton.LeftButton)
    assert seen and RESTRICTED in seen[0]
    assert not page.busy  # declined: nothing fetched


def test_no_network_says_so_and_offers_the_classroom_pack(qtbot, library_window, hub, monkeypatch):
    import socket

    with socket.socket() as probe:  # a port nothing listens on: the hub is unreachable
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    window = library_window()
    models = window.library.open_models_window(ModelKind.CHAT)
    page = models.catalogue
    page.select("tiny-free")
    qtbot.mouseClick(page.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=20000)
    assert page.notice.is_error and page.pack_button.isVisible()
    assert page.last_failure.kind is ErrorKind.NO_NETWORK
    qtbot.mouseClick(page.pack_button, Qt.MouseButton.LeftButton)
    assert window.library.import_dialog is not None and window.library.import_dialog.isVisible()


def test_import_of_a_damaged_pack_names_the_file(qtbot, library_window, app_home, tiny_chat_model_dir, tmp_path):
    from model_backend.core.registry import ModelRegistry
    from model_backend.library.packs import export_pack

    source = put_model(app_home.models_dir, tiny_chat_model_dir, "tiny-packed", "Apache-2.0")
    pack = tmp_path / "usb-stick"
    registry = ModelRegistry(app_home)
    export_pack(registry, (f"path:{source.resolve()}",), pack, lambda _p: None, threading.Event())
    weights = next((pack / "models").rglob("*.safetensors"))
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, one byte changed: only the checksum can tell
    weights.write_bytes(bytes(data))
    shutil.rmtree(source)  # this computer does not have it any more

    window = library_window()
    window.menu.import_pack_action.trigger()
    dialog = window.library.import_dialog
    assert dialog.isVisible()
    dialog.read_pack(str(pack))
    assert dialog.contents.count() == 1 and dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.job_id, timeout=30000)
    relative = weights.relative_to(pack / "models").as_posix()
    assert relative in dialog.problem_files()
    assert dialog.problem_list.count() == len(dialog.report.problems) >= 1
    assert relative in dialog.problem_list.item(0).text()
    assert not dialog.report.model_ids
    assert not (app_home.models_dir / "tiny-packed").exists()
    assert not [p for p in app_home.models_dir.iterdir() if "partial" in p.name]  # nothing half-copied


def test_get_more_models_opens_the_catalogue_on_the_pickers_kind(qtbot, library_window):
    window = library_window()
    window.image_tab.model_picker.more_models_action.trigger()
    models = window.library.models_window
    assert models is not None and models.isVisible()
    assert models.pages.currentWidget() is models.catalogue
    assert models.catalogue.shown_kind() in (ModelKind.IMAGE, None)  # the test catalogue has no image model
    window.chat_tab.model_picker.more_models_action.trigger()
    assert models.catalogue.shown_kind() is ModelKind.CHAT
    assert models.catalogue.entry_item("tiny-free") is not None
    window.menu.models_window_action.trigger()
    assert window.library.models_window is models  # one window, raised again


def test_memory_warning_before_a_model_that_does_not_fit(qtbot, library_window, app_home, tiny_chat_model_dir,
                                                         monkeypatch):
    from model_backend.library import memory_check

    big = put_model(app_home.models_dir, tiny_chat_model_dir, "too-big")
    estimate = memory_check.MemoryEstimate(needed_bytes=64_000_000_000, weights_bytes=60_000_000_000,
                                           cache_bytes=4_000_000_000, available_bytes=8_000_000_000, device="cpu",
                                           fits=False, advice=None, smaller_entry_id="tiny-free")
    monkeypatch.setattr(memory_check, "estimate_memory",
                        lambda entry, *a, **k: estimate if str(big.resolve()) in str(Path(entry.path).resolve()) else
                        memory_check.MemoryEstimate(1, 1, 0, 8_000_000_000, "cpu", True, None))
    window = library_window()
    picker = window.chat_tab.model_picker
    before = picker.current_model_id()
    big_id = f"path:{big.resolve()}"
    index = picker.combo.findData(big_id)
    assert index >= 0 and before != big_id
    seen = answer_next_box(qtbot, lambda box: box.smaller_button)
    picker.combo.setCurrentIndex(index)
    assert seen and "64.0 GB" in seen[0] and "8.0 GB" in seen[0]
    assert picker.current_model_id() == before  # back to the model that fits
    picker.combo.hidePopup()
    answer_next_box(qtbot, lambda box: box.catalogue_button)
    picker.combo.setCurrentIndex(index)
    assert picker.current_model_id() == before
    models = window.library.models_window
    assert models is not None and models.isVisible() and models.catalogue.shown_kind() is ModelKind.CHAT
    assert models.catalogue.selected_entry().id == "tiny-free"  # the smaller model the estimate proposed
    answer_next_box(qtbot, lambda box: box.anyway_button)
    picker.combo.setCurrentIndex(index)
    assert picker.current_model_id() == big_id
    assert window.settings.chat_model_id == big_id


def test_export_pack_dialog_writes_the_chosen_models(qtbot, library_window, app_home, tiny_chat_model_dir, tmp_path):
    from model_backend.library.packs import read_manifest

    put_model(app_home.models_dir, tiny_chat_model_dir, "tiny-nc", RESTRICTED, restricted=True, catalogue_id="tiny-nc")
    window = library_window()
    window.menu.export_pack_action.trigger()
    dialog = window.library.export_dialog
    assert dialog.isVisible()
    chosen = [m.model_id for m in dialog.chosen_models()]
    nc_id = f"path:{(app_home.models_dir / 'tiny-nc').resolve()}"
    assert nc_id in chosen
    assert all(not m.model_id.startswith(("package:", "builtin:")) for m in dialog.chosen_models())  # shipped: unticked
    for row, model in enumerate(dialog.models):  # only the restricted one
        dialog.model_list.item(row).setCheckState(Qt.CheckState.Checked if model.model_id == nc_id
                                                  else Qt.CheckState.Unchecked)
    assert not dialog.export_button.isEnabled()  # no folder yet
    dialog.folder_edit.setText(str(tmp_path / "usb"))
    assert RESTRICTED in dialog.summary.text()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.job_id, timeout=30000)
    packed = read_manifest(tmp_path / "usb")
    assert [m.licence for m in packed] == [RESTRICTED] and packed[0].licence_restricted
    assert str(tmp_path / "usb") in dialog.summary.text() and RESTRICTED in dialog.summary.text()


def test_the_real_catalogue_marks_every_restricted_licence_and_fits_a_laptop(qtbot, open_window):
    from model_backend.library.catalogue import load_catalogue

    window = open_window()
    models = window.library.open_models_window()
    page = models.catalogue
    entries = load_catalogue()
    assert any(e.licence_restricted for e in entries) and any(not e.licence_restricted for e in entries)
    for entry in entries:
        assert page.entry_item(entry.id).text(5).startswith("⚠") == entry.licence_restricted, entry.id
    assert models.width() <= 1280 and models.height() <= 720


def test_the_window_and_its_dialogs_switch_language_live(qtbot, library_window, app_home, tiny_chat_model_dir):
    from tests.gui.language_checks import japanese_left, left_in_english, switch

    put_model(app_home.models_dir, tiny_chat_model_dir, "tiny-nc", RESTRICTED, restricted=True, catalogue_id="tiny-nc")
    window = library_window()
    models = window.library.open_models_window()
    export = window.library.open_export_dialog()
    importer = window.library.open_import_dialog()
    page = models.catalogue
    page.select("tiny-nc")
    switch(qtbot, window, "ja")
    names = [m.name for m in models.installed.models] + [str(m.folder) for m in models.installed.models]
    names += [e.title for e in page.entries] + [e.repo for e in page.entries] + [RESTRICTED, "Apache-2.0"]
    names += ["no commercial use"]  # the test catalogue's licence note has no Japanese
    names = sorted(set(names), key=len, reverse=True)
    for widget in (models, export, importer):
        assert left_in_english(widget, names) == [], type(widget).__name__
    assert "テスト" in page.details.text()  # the catalogue's own purpose text, in the UI's language
    switch(qtbot, window, "en")
    for widget in (models, export, importer):
        assert japanese_left(widget, names) == [], type(widget).__name__


@pytest.mark.parametrize("in_place", [False, True])
def test_a_sound_pack_imports_and_the_pickers_offer_its_model(qtbot, library_window, app_home, tiny_chat_model_dir,
                                                            tmp_path, in_place):
    from model_backend.core.registry import ModelRegistry
    from model_backend.library.packs import export_pack

    source = put_model(app_home.models_dir, tiny_chat_model_dir, "tiny-packed", "Apache-2.0")
    pack = tmp_path / "usb-stick"
    export_pack(ModelRegistry(app_home), (f"path:{source.resolve()}",), pack, lambda _p: None, threading.Event())
    shutil.rmtree(source)

    window = library_window()
    dialog = window.library.open_import_dialog()
    dialog.read_pack(str(pack))
    if in_place:
        qtbot.mouseClick(dialog.in_place_option, Qt.MouseButton.LeftButton)
    assert dialog.in_place_option.isChecked() == in_place
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.job_id, timeout=30000)
    assert dialog.report.problems == () and len(dialog.report.model_ids) == 1
    assert not dialog.problem_list.isVisible() and not dialog.notice.is_error
    model_id = dialog.report.model_ids[0]
    assert window.chat_tab.model_picker.combo.findData(model_id) >= 0  # every picker rescanned
    assert window.prompt_tab.model_picker.combo.findData(model_id) >= 0
    copied = (app_home.models_dir / "tiny-packed").exists()
    assert copied != in_place
    if in_place:
        assert model_id.removeprefix("path:") in window.settings.added_model_paths  # offered again at the next start


def test_quitting_during_a_download_stops_it_and_keeps_what_arrived(qtbot, library_window, app_home, hub):
    from model_backend.library.installed import partial_download_bytes

    hub.delay_per_chunk = 0.05
    window = library_window()
    page = window.library.open_models_window(ModelKind.CHAT).catalogue
    page.select("tiny-free")
    qtbot.mouseClick(page.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.download_panel.progress is not None and page.download_panel.progress.done > 0,
                    timeout=20000)
    with qtbot.waitSignal(window.ready_to_quit, timeout=20000):
        window.close()
    assert window.library.is_stopped() and window.controller.is_stopped()
    assert partial_download_bytes(app_home, "tiny-free") > 0  # the next start continues from there


def test_a_stopped_download_offers_its_size_and_discarding_it_frees_the_space(qtbot, library_window, app_home, hub):
    from desktop_app.library.sizes import human_size
    from model_backend.core.model_inspection import folder_size
    from model_backend.library.installed import partial_download_bytes

    hub.delay_per_chunk = 0.05
    window = library_window()
    page = window.library.open_models_window(ModelKind.CHAT).catalogue
    page.select("tiny-free")
    fresh = page.download_button.text()
    assert not page.discard_button.isVisible()
    qtbot.mouseClick(page.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.download_panel.progress is not None and page.download_panel.progress.done > 0,
                    timeout=20000)
    assert not page.discard_button.isVisible()  # never under a running download
    qtbot.mouseClick(page.download_panel.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=20000)
    kept = partial_download_bytes(app_home, "tiny-free")
    staging = app_home.models_dir / ".downloads" / "tiny-free"
    assert kept > 0 and staging.is_dir()
    assert human_size(kept) in page.download_button.text()  # Resume, with what is already here
    assert page.discard_button.isVisible() and page.discard_button.isEnabled()
    seen = answer_next_box(qtbot, lambda box: box.button(QMessageBox.StandardButton.Cancel))
    qtbot.mouseClick(page.discard_button, Qt.MouseButton.LeftButton)
    assert seen and human_size(kept) in seen[0]  # the question names the space
    assert partial_download_bytes(app_home, "tiny-free") == kept  # cancelled: nothing deleted
    on_disk = folder_size(staging)  # the files, and the small note of the commit they belong to
    answer_next_box(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(page.discard_button, Qt.MouseButton.LeftButton)
    assert not staging.exists() and partial_download_bytes(app_home, "tiny-free") == 0
    assert not page.notice.is_error and human_size(on_disk) in page.notice.text()  # the space freed
    assert page.download_button.text() == fresh and page.download_button.isEnabled()
    assert not page.discard_button.isVisible()
    assert "tiny-free" not in page.here
