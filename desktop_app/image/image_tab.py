"""The Image tab: generate with diffusers, watch the reverse process, see the forward process,
compare settings with one seed, and keep everything in a gallery."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.controller import BackendController
from desktop_app.i18n.retranslate import Text, keep_translated, say
from desktop_app.image.families_page import FamiliesPage
from desktop_app.image.filmstrip_view import FilmstripView
from desktop_app.image.forward_process_page import ForwardProcessPage
from desktop_app.image.gallery_view import GalleryView
from desktop_app.image.image_settings_panel import ImageSettingsPanel
from desktop_app.image.latent_space_page import LatentSpacePage
from desktop_app.image.vision_page import VisionPage
from desktop_app.presentation import mark_advanced
from desktop_app.widgets.event_dispatch import dispatch
from desktop_app.widgets.image_view import ImageView
from desktop_app.widgets.job_status import JobStatus
from desktop_app.widgets.model_picker import ModelPicker
from desktop_app.widgets.scrolling import scrolling
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry
from model_backend.core.seeds import resolve_seed
from model_backend.core.settings import Settings
from model_backend.image.gallery import Gallery
from model_backend.image.image_types import DenoisePreview, GeneratedImage, ImageResult

COMPARE_SETTINGS = ("steps", "guidance", "prompt word")


@dataclass
class GridCell:
    """One picture of the comparison grid: its view (which says "waiting…", "stopped" or an error while
    it has no picture, again after a language switch), its caption and the value it shows."""

    view: ImageView
    caption: QLabel
    value: str


class ImageTab(QWidget):
    settings_changed = Signal()

    def __init__(self, controller: BackendController, registry: ModelRegistry, gallery: Gallery,
                 settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.controller = controller
        self.gallery = gallery
        self.jobs: set[str] = set()
        self.frames: list[DenoisePreview] = []
        self.results: list[GeneratedImage] = []
        self.grid_cells: list[GridCell] = []
        self.grid_setting = ""
        self.cleared_jobs: set[str] = set()  # stopped by "clear for the next group": their late events are dropped
        self._build_parts(registry)
        self._lay_out()
        self._connect()
        self.settings_panel.set_preview_mode(settings.image_previews)
        self._mark_advanced()
        self.model_picker.refresh()
        self.gallery_view.refresh()
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.generate_button.setText(self.tr("Generate"))
        self.generate_button.setToolTip(self.tr("Start from pure noise and remove it step by step (the reverse "
                                                "process), guided by the prompt"))
        self.stop_button.setText(self.tr("Stop"))
        for index, image in enumerate(self.results):
            self.result_picker.setItemText(index, self._result_name(index, image))
        for index, title in enumerate((self.tr("Generate and watch denoising"), self.tr("Forward process"),
                                       self.tr("Compare settings"), self.tr("Families"), self.tr("Latent space"))):
            self.pages.setTabText(index, title)
        for index, name in enumerate(COMPARE_SETTINGS):
            self.compare_setting.setItemText(index, self._setting_name(name))
        self.vary_label.setText(self.tr("Vary", "compare page: before the setting to vary"))
        self.over_label.setText(self.tr("over", "compare page: before the values, e.g. “over 5, 10, 25”"))
        self.compare_word.setPlaceholderText(self.tr("word in the prompt to replace"))
        self.compare_values.setToolTip(self.tr("Values separated by commas"))
        self.compare_button.setText(self.tr("Make the grid"))
        self.pages.setTabText(self.pages.indexOf(self.vision), self.tr("Images as tokens · CLIP"))
        self.compare_button.setToolTip(self.tr("Make one picture per value, all from the same seed"))
        self.compare_hint.setText(self.tr("Choose one setting and a few values, then make the grid. Every picture "
                                          "starts from the same seed, so the differences you see come from that "
                                          "setting alone."))
        for cell in self.grid_cells:
            self._show_cell(cell)

    def _setting_name(self, name: str) -> str:
        """A setting of the comparison grid as the user reads it."""
        return {"steps": self.tr("steps"), "guidance": self.tr("guidance"),
                "prompt word": self.tr("prompt word")}.get(name, name)

    def _result_name(self, index: int, image: GeneratedImage) -> str:
        return self.tr("Image {n} · seed {seed}").format(n=index + 1, seed=image.seed)

    # ---- building (the same three steps in every tab: parts, layout, connections) --------------
    def _build_parts(self, registry: ModelRegistry) -> None:
        self.model_picker = ModelPicker(registry, ModelKind.IMAGE, self)
        self.settings_panel = ImageSettingsPanel(self)
        self.generate_button = QPushButton(self)
        self.stop_button = QPushButton(self)
        self.stop_button.setEnabled(False)
        self.status = JobStatus(self)
        self.result_view = ImageView(lambda: self.tr("Your image appears here."), self)
        self.result_picker = QComboBox(self)
        self.filmstrip = FilmstripView(self)
        self.gallery_view = GalleryView(self.gallery, self)
        entry_folder = lambda: (entry.path if (entry := self.model_picker.current_entry()) else None)  # noqa: E731
        self.forward = ForwardProcessPage(entry_folder, lambda: self.result_view.pixels, self)
        # a ViT's patches and CLIP (zero-shot, [CLS] attention, the gallery's image-prompt similarity)
        self.vision = VisionPage(self.controller, registry, lambda: self.result_view.pixels, self.gallery.items,
                                 self.gallery_view.current, self)
        self.families = FamiliesPage(self.controller, self)  # VAE, GAN, flow and diffusion on one data set
        self.latent_space = LatentSpacePage(
            self.controller, lambda: self.result_view.pixels if self.result_view.pixels is not None
            else self.families.last_picture(), self)

    def _lay_out(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.model_picker)
        left_layout.addWidget(scrolling(self.settings_panel, left, vertical_only=True), 1)  # a long form at 200 %
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.stop_button)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.status)
        result_box = QWidget(self)
        result_layout = QVBoxLayout(result_box)
        result_layout.addWidget(self.result_picker)
        result_layout.addWidget(self.result_view, 1)
        generate_page = QSplitter(Qt.Orientation.Horizontal, self)
        generate_page.addWidget(result_box)
        generate_page.addWidget(self.filmstrip)
        generate_page.addWidget(self.gallery_view)
        generate_page.setSizes([420, 360, 200])
        self.pages = QTabWidget(self)
        self.pages.addTab(generate_page, "")
        self.pages.addTab(self.forward, "")
        self.pages.addTab(self._build_compare_page(), "")
        self.pages.addTab(self.families, "")
        self.pages.addTab(self.latent_space, "")
        self.pages.addTab(self.vision, "")  # its title: _retranslate
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.pages)
        splitter.setSizes([360, 900])
        QVBoxLayout(self).addWidget(splitter)

    def _mark_advanced(self) -> None:
        """What a student watching the projector does not need: presentation mode hides these."""
        panel = self.settings_panel
        mark_advanced(self.model_picker.add_button, self.model_picker.refresh_button, self.vision.model_picker.refresh_button,
                      self.filmstrip.gif_button, self.filmstrip.sheet_button,
                      self.gallery_view.delete_button, self.gallery_view.folder_button, *panel.advanced_widgets())

    def _connect(self) -> None:
        self.generate_button.clicked.connect(self.generate)
        self.stop_button.clicked.connect(self.stop)
        self.result_picker.currentIndexChanged.connect(self._show_result)
        self.gallery_view.reuse_requested.connect(self.reuse_settings)
        self.gallery_view.open_requested.connect(self.show_gallery_item)
        self.vision.gallery_scored.connect(self.gallery_view.show_scores)
        self.settings_panel.previews.currentIndexChanged.connect(self._remember_preview_mode)

    @Slot()
    def _remember_preview_mode(self) -> None:
        self.settings.image_previews = self.settings_panel.preview_mode()
        self.settings_changed.emit()

    # ---- generating --------------------------------------------------------------------
    def show_notice(self, text: Text, error: bool = False) -> None:
        self.status.show_notice(text, error)

    def _busy(self, busy: bool) -> None:
        self.generate_button.setEnabled(not busy)
        self.compare_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)

    @Slot()
    def generate(self) -> bool:
        if self.jobs:
            return False
        model_id = self.model_picker.current_model_id()
        if not model_id:
            self.show_notice(lambda: self.tr("No image model found. The built-in one ships in resources/models; "
                                             "or add a diffusers model folder."), error=True)
            return False
        request = self.settings_panel.request(model_id)
        self.frames, self.results = [], []
        self.result_picker.clear()
        self.result_view.show_pixels(None)
        self.filmstrip.set_frames([])
        self.jobs = {request.job_id}
        self.controller.submit(request, self._on_events)
        self.show_notice(lambda: self.tr("Generating…"))
        self._busy(True)
        return True

    @Slot()
    def stop(self) -> None:
        for job_id in self.jobs:
            self.controller.cancel(job_id)

    def _on_events(self, events: list) -> None:
        if self._drop_cleared(events):
            return
        dispatch(events, on_progress=self.status.show_progress, on_partial=self._on_preview,
                 on_result=self._on_result, on_cancelled=self._on_cancelled,
                 on_failed=lambda event: self.show_notice(event.message, error=True), on_end=self._on_end)

    def _on_preview(self, frame) -> None:
        if isinstance(frame, DenoisePreview):
            if frame.image_index == 0:
                self.frames.append(frame)
                self.filmstrip.set_frames(self.frames)
            self.result_view.show_pixels(frame.pixels)

    def _on_cancelled(self, _partial) -> None:
        self.result_view.show_pixels(None)  # the half-denoised picture is not a result
        self.show_notice(lambda: self.tr("Stopped. The unfinished image was discarded."))

    def _on_end(self, event) -> None:
        self.jobs.discard(event.job_id)
        self.status.finished()
        self._busy(False)

    def _on_result(self, result: ImageResult) -> None:
        self.results = list(result.images)
        self.result_picker.blockSignals(True)
        for index, image in enumerate(self.results):
            self.result_picker.addItem(self._result_name(index, image))
        self.result_picker.blockSignals(False)
        self._show_result(0)
        self.settings_panel.seed.setValue(self.results[0].seed)
        share = result.preview_seconds / result.seconds if result.seconds else 0.0
        device = self.results[0].settings.get("device", "")
        self.show_notice(lambda: " ".join([
            self.tr("Done in {s:.1f} s on {device}; previews took {p:.0%} of it. Saved to the gallery.").format(
                s=result.seconds, device=device, p=share), *(say(note) for note in result.notes)]))
        self.gallery_view.refresh()

    @Slot(int)
    def _show_result(self, index: int) -> None:
        if 0 <= index < len(self.results):
            image = self.results[index]
            self.result_view.show_pixels(image.pixels)
            self.filmstrip.set_frames(list(image.frames))
            self.filmstrip.source_path = image.path  # exports carry the saved picture's "generated by" label

    @Slot(object)
    def show_gallery_item(self, item) -> None:
        """Show a saved image with the denoising filmstrip that was saved with it."""
        from PIL import Image

        if self.jobs:
            return
        try:
            with Image.open(item.path) as picture:
                pixels = np.asarray(picture.convert("RGB"))
        except OSError:
            return
        self.result_view.show_pixels(pixels)
        self.filmstrip.set_frames(self.gallery.frames(item.path))
        self.filmstrip.source_path = str(item.path)
        settings = item.settings
        self.show_notice(lambda: self.tr("“{prompt}” · seed {seed} · {steps} steps · guidance {guidance} · {model}").format(
            prompt=settings.get("prompt", ""), seed=settings.get("seed"), steps=settings.get("steps"),
            guidance=settings.get("guidance"), model=settings.get("model", "")))

    @Slot(dict)
    def reuse_settings(self, settings: dict) -> None:
        self.settings_panel.restore(settings)
        index = self.model_picker.combo.findData(settings.get("model_id", ""))
        if index >= 0:
            self.model_picker.combo.setCurrentIndex(index)
        seed = settings.get("seed")
        self.show_notice(lambda: self.tr("Settings restored, seed {seed} included: Generate makes the same image "
                                         "again.").format(seed=seed))

    # ---- comparison grid ---------------------------------------------------------------
    def _build_compare_page(self) -> QWidget:
        page = QWidget(self)
        self.compare_setting = QComboBox(page)
        for name in COMPARE_SETTINGS:
            self.compare_setting.addItem(name, name)
        self.compare_word = QLineEdit(page)
        self.compare_values = QLineEdit("5, 10, 25", page)
        self.compare_button = QPushButton(page)
        self.vary_label, self.over_label = QLabel(page), QLabel(page)
        self.compare_hint = QLabel(page)  # what the page is for, until the first grid takes its place
        self.compare_hint.setWordWrap(True)
        self.compare_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout()
        for widget in (self.vary_label, self.compare_setting, self.compare_word,
                       self.over_label, self.compare_values, self.compare_button):
            row.addWidget(widget)
        self.compare_grid = QGridLayout()
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.compare_hint, 1)
        layout.addLayout(self.compare_grid, 1)
        self.compare_button.clicked.connect(self.make_grid)
        return page

    @Slot()
    def make_grid(self) -> bool:
        model_id = self.model_picker.current_model_id()
        setting = str(self.compare_setting.currentData())
        values = [v.strip() for v in self.compare_values.text().split(",") if v.strip()]
        base = self.settings_panel.request(model_id)
        if self.jobs or not model_id or not values:
            self.show_notice(lambda: self.tr("Choose a model and at least one value."), error=True)
            return False
        seed = resolve_seed(base.seed)
        requests = []
        for value in values:
            if setting == "steps" or setting == "guidance":
                try:
                    changes = {"steps": int(value)} if setting == "steps" else {"guidance": float(value)}
                except ValueError:
                    self.show_notice(lambda: self.tr("“{v}” is not a number.").format(v=value), error=True)
                    return False
            else:
                word = self.compare_word.text().strip()
                if not word or word not in base.prompt:
                    self.show_notice(lambda: self.tr("Type a word that appears in the prompt, to replace it."),
                                     error=True)
                    return False
                changes = {"prompt": base.prompt.replace(word, value)}
            requests.append((value, self.settings_panel.request(model_id, seed=seed, batch_count=1, **changes)))
        self._clear_grid()
        self.compare_hint.hide()
        self.grid_setting = setting
        for column, (value, request) in enumerate(requests):
            cell = GridCell(ImageView(lambda: self.tr("waiting…"), self), QLabel(self), value)
            cell.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._show_cell(cell)
            self.grid_cells.append(cell)
            self.compare_grid.addWidget(cell.view, 0, column)
            self.compare_grid.addWidget(cell.caption, 1, column)
            self.jobs.add(request.job_id)
            self.controller.submit(request, lambda events, cell=cell: self._on_grid_events(cell, events))
        self.show_notice(lambda: self.tr("Same seed {seed} for every picture: only the {setting} changes.").format(
            seed=seed, setting=self._setting_name(setting)))
        self._busy(True)
        return True

    def _show_cell(self, cell: GridCell, text: Text | None = None) -> None:
        """Caption a grid picture in the current language; with ``text``, the view says that until a picture comes."""
        if text is not None:
            cell.view.placeholder = text
            cell.view.show_pixels(None)
        cell.caption.setText(self.tr("{setting} = {value}").format(setting=self._setting_name(self.grid_setting),
                                                                   value=cell.value))

    def _on_grid_events(self, cell: GridCell, events: list) -> None:
        if self._drop_cleared(events):
            return
        view = cell.view

        def on_cancelled(_partial) -> None:
            self._show_cell(cell, lambda: self.tr("stopped"))

        def on_end(event) -> None:
            self.jobs.discard(event.job_id)
            if not self.jobs:
                self._busy(False)
                self.gallery_view.refresh()

        dispatch(events, on_partial=lambda frame: view.show_pixels(frame.pixels) if isinstance(frame, DenoisePreview)
                 else None,
                 on_result=lambda result: view.show_pixels(result.images[0].pixels),
                 on_failed=lambda event: self._show_cell(cell, event.message), on_cancelled=on_cancelled,
                 on_end=on_end)

    def _drop_cleared(self, events: list) -> bool:
        """Events of jobs stopped by clearing the screen: only their end counts (buttons, gallery); True if so."""
        if not events or events[0].job_id not in self.cleared_jobs:
            return False

        def on_end(event) -> None:
            self.cleared_jobs.discard(event.job_id)
            self.jobs.discard(event.job_id)
            if not self.jobs:
                self.status.finished()
                self._busy(False)
            self.gallery_view.refresh()  # a picture finished before the stop is saved: the gallery shows it

        dispatch(events, on_end=on_end)
        return True

    # ---- a new group of students ---------------------------------------------------------
    @Slot()
    def clear_for_next_group(self) -> None:
        """Empty the screen for the next group: prompts, the picture, its filmstrip, the forward process and
        the comparison grid. A job in flight is stopped first; the gallery (on disk) and the settings stay."""
        self.stop()
        self.cleared_jobs |= self.jobs
        panel = self.settings_panel
        panel.prompt.clear()
        panel.negative.clear()
        panel.set_start_picture("")
        self.compare_word.clear()
        self.frames, self.results = [], []
        self.result_picker.clear()
        self.result_view.show_pixels(None)
        self.filmstrip.set_frames([])
        self.forward.clear()
        self.vision.clear()
        self.families.clear()
        self.latent_space.clear()
        self._clear_grid()
        self.compare_hint.show()
        self.gallery_view.list.setCurrentRow(-1)
        self.gallery_view.refresh()
        self.pages.setCurrentIndex(0)
        self.show_notice(lambda: self.tr("Cleared for the next group. Every image made so far stays in the gallery: "
                                         "click one to open it again."))

    def _clear_grid(self) -> None:
        while self.compare_grid.count():
            widget = self.compare_grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.grid_cells = []

    def save_for_quit(self) -> None:
        self.stop()
