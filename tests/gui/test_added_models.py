"""A model folder added from any tab is remembered, and the backend sees it without reading settings."""
from __future__ import annotations

from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry
from model_backend.core.settings import Settings
from tests.gui.conftest import close_and_wait


def test_a_folder_added_in_the_image_tab_is_offered_again_after_a_restart(qtbot, open_window, tiny_sd_dir,
                                                                          app_home):
    window = open_window()
    assert window.image_tab.model_picker.add_path(str(tiny_sd_dir))
    assert str(tiny_sd_dir) in window.registry.added_paths
    close_and_wait(qtbot, window)
    saved = Settings.load(app_home.settings_file)  # what the next start reads
    assert str(tiny_sd_dir) in saved.added_model_paths
    offered = [entry.model_id for entry in ModelRegistry(app_home, saved.added_model_paths).models(ModelKind.IMAGE)]
    assert f"path:{tiny_sd_dir.resolve()}" in offered


def test_the_backend_shares_the_windows_registry(qtbot, open_window, tiny_sd_dir):
    window = open_window()
    backend = window.controller.worker._backend_factory()
    assert backend.registry is window.registry  # a folder added later is seen by the next job
    window.image_tab.model_picker.add_path(str(tiny_sd_dir))
    assert str(tiny_sd_dir) in backend.registry.added_paths
