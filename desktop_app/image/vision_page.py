"""Images as tokens (Image tab): a picture cut into the patches a Vision Transformer reads, and, with a
CLIP model present, zero-shot classification, where its [CLS] token looks, and how well each gallery
picture matches its own prompt.

The patches are numpy on the GUI thread (instant, no model); everything CLIP does is a backend job,
one at a time (``SingleJob``). CLIP is not embedded: the page says how to get one and still shows
the patches without it.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n.retranslate import Text, keep_translated, say
from desktop_app.image.hide_patches_view import HidePatchesView
from desktop_app.image.patch_views import PatchGridView, PatchSequenceView
from desktop_app.image.picture_file import read_picture
from desktop_app.widgets.file_dialogs import choose_picture_to_open
from desktop_app.widgets.job_status import JobStatus, SingleJob
from desktop_app.widgets.model_picker import ModelPicker
from desktop_app.widgets.scrolling import scrolling
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelRegistry
from model_backend.image.gallery import GalleryItem
from model_backend.representations.image_patches import PatchGrid, cut_into_patches, heat_overlay
from model_backend.representations.representation_types import (
    ImageTextSimilarities,
    ImageTextSimilarityRequest,
    PatchAttention,
    PatchAttentionRequest,
    ZeroShotRequest,
    ZeroShotResult,
)

PATCH_SIZES = (16, 32)
MAX_GALLERY = 64  # pictures scored at once: a minute at most on a laptop CPU with ViT-B/32


class VisionPage(QWidget):
    gallery_scored = Signal(dict)  # picture path → cosine similarity with its prompt (the gallery shows it)

    def __init__(self, controller, registry: ModelRegistry, generated_pixels: Callable[[], np.ndarray | None],
                 gallery_items: Callable[[], list[GalleryItem]], chosen_item: Callable[[], GalleryItem | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.generated_pixels = generated_pixels
        self.gallery_items = gallery_items
        self.chosen_item = chosen_item
        self.source: np.ndarray | None = None
        self.grid: PatchGrid | None = None
        self.attention: PatchAttention | None = None
        self.zero_shot: ZeroShotResult | None = None
        self.similarities: ImageTextSimilarities | None = None
        self.caption_text: Text = ""
        self._build_parts(registry)
        self._lay_out()
        self._connect()
        self.model_picker.refresh()
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.patch_intro.setText(self.tr(
            "A Vision Transformer does not see a picture all at once: it cuts it into square patches (16 × 16 "
            "pixels) and reads them as a sequence of tokens, left to right and top to bottom, like the words of a "
            "sentence, after one extra token, [CLS], whose final state represents the whole picture."))
        self.clip_intro.setText(self.tr(
            "CLIP, a foundation model trained by contrastive learning on pictures and their captions, maps both into "
            "one vector space. Zero-shot classification: each label becomes the sentence “a photo of …”, and the "
            "label whose vector points most like the picture's wins, although CLIP never learned these labels as "
            "classes."))
        self.open_button.setText(self.tr("Open picture…"))
        self.use_result_button.setText(self.tr("Use the generated image"))
        self.use_gallery_button.setText(self.tr("Use the gallery's chosen picture"))
        self.patch_label.setText(self.tr("Patch size"))
        self.labels.setPlaceholderText(self.tr("Labels, separated by commas: cat, dog, car"))
        self.classify_button.setText(self.tr("Classify (zero-shot)"))
        self.attention_button.setText(self.tr("Where does [CLS] look?"))
        self.attention_button.setToolTip(self.tr("The last layer's attention from [CLS] to every patch, averaged "
                                                 "over the heads, as a heat map on the picture"))
        self.gallery_button.setText(self.tr("Score the gallery against its prompts"))
        self.gallery_button.setToolTip(self.tr("The cosine similarity of each generated picture with its own prompt "
                                               "(the CLIP score): higher means the picture shows more of the prompt"))
        self.stop_button.setText(self.tr("Stop"))
        self.results.setHorizontalHeaderLabels([self.tr("Label"), self.tr("Probability"), self.tr("Cosine")])
        self.gallery_table.setHorizontalHeaderLabels([self.tr("Prompt"), self.tr("Cosine")])
        self.caption.setText(say(self.caption_text))
        self._update_clip_note()

    # ---- building ------------------------------------------------------------------------
    def _build_parts(self, registry: ModelRegistry) -> None:
        self.patch_intro = QLabel(self)
        self.clip_intro = QLabel(self)
        self.clip_note = QLabel(self)
        for label in (self.patch_intro, self.clip_intro, self.clip_note):
            label.setWordWrap(True)
        self.open_button = QPushButton(self)
        self.use_result_button = QPushButton(self)
        self.use_gallery_button = QPushButton(self)
        self.patch_label = QLabel(self)
        self.patch_size = QComboBox(self)
        for size in PATCH_SIZES:
            self.patch_size.addItem(f"{size} × {size}", size)
        self.grid_view = PatchGridView(lambda: self.tr("Open a picture, or use the generated one: it is cut into "
                                                       "patches here."), self)
        self.sequence_view = PatchSequenceView(self)
        self.hide_patches = HidePatchesView(
            self.controller, lambda: self.source if self.source is not None else self.generated_pixels(), self)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.model_picker = ModelPicker(registry, ModelKind.IMAGE_TEXT, self)
        self.labels = QLineEdit(self)
        self.classify_button = QPushButton(self)
        self.attention_button = QPushButton(self)
        self.gallery_button = QPushButton(self)
        self.stop_button = QPushButton(self)
        self.stop_button.setEnabled(False)
        self.results = QTableWidget(0, 3, self)
        self.gallery_table = QTableWidget(0, 2, self)
        for table in (self.results, self.gallery_table):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().setVisible(False)
            table.horizontalHeader().setStretchLastSection(True)
            table.setMinimumSize(160, 90)
        self.status = JobStatus(self)
        self.job = SingleJob(self.controller, self.status, on_result=self._on_result,
                             on_cancelled=lambda _: self.status.show_notice(lambda: self.tr("Stopped.")), parent=self)

    def _lay_out(self) -> None:
        pictures = QSplitter(Qt.Orientation.Vertical, self)
        pictures.addWidget(self.grid_view)
        pictures.addWidget(scrolling(self.sequence_view, self))
        pictures.addWidget(scrolling(self.hide_patches, self))
        pictures.setSizes([230, 110, 400])  # the patches, their sequence, and room for hiding four of them
        form = QWidget(self)
        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.patch_intro)
        for button in (self.open_button, self.use_result_button, self.use_gallery_button):
            layout.addWidget(button)
        row = QHBoxLayout()
        row.addWidget(self.patch_label)
        row.addWidget(self.patch_size, 1)
        layout.addLayout(row)
        layout.addWidget(self.caption)
        layout.addWidget(self.clip_intro)
        layout.addWidget(self.model_picker)
        layout.addWidget(self.clip_note)
        layout.addWidget(self.labels)
        for button in (self.classify_button, self.attention_button):
            layout.addWidget(button)
        layout.addWidget(self.results)
        layout.addWidget(self.gallery_button)
        layout.addWidget(self.gallery_table)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.status)
        layout.addStretch(1)
        form.setMinimumWidth(220)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(pictures)
        splitter.addWidget(scrolling(form, self, vertical_only=True))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)

    def _connect(self) -> None:
        self.open_button.clicked.connect(self._choose_picture)
        self.use_result_button.clicked.connect(self.use_generated_image)
        self.use_gallery_button.clicked.connect(self.use_gallery_picture)
        self.patch_size.currentIndexChanged.connect(lambda _: self._recut())
        self.grid_view.patch_clicked.connect(self.select_patch)
        self.sequence_view.patch_clicked.connect(self.select_patch)
        self.model_picker.model_changed.connect(lambda _: self._update_clip_note())
        self.labels.returnPressed.connect(self.classify)
        self.classify_button.clicked.connect(self.classify)
        self.attention_button.clicked.connect(self.show_attention)
        self.gallery_button.clicked.connect(self.score_gallery)
        self.stop_button.clicked.connect(self.job.stop)
        self.job.busy_changed.connect(self._update_clip_note)

    # ---- the picture and its patches (numpy, instant) -------------------------------------------
    def _say(self, text: Text) -> None:
        self.caption_text = text
        self.caption.setText(say(text))

    @Slot()
    def _choose_picture(self) -> None:
        path = choose_picture_to_open(self, self.tr("Open a picture"))
        if path:
            self.open_picture(path)

    def open_picture(self, path: str) -> bool:
        pixels = read_picture(path, 1024)
        if pixels is None:
            self._say(lambda: self.tr("{path} is not a picture this app can open.").format(path=path))
            return False
        self.set_source(pixels)
        return True

    @Slot()
    def use_generated_image(self) -> bool:
        pixels = self.generated_pixels()
        if pixels is None:
            self._say(lambda: self.tr("Generate an image first, or open a picture."))
            return False
        self.set_source(pixels)
        return True

    @Slot()
    def use_gallery_picture(self) -> bool:
        item = self.chosen_item()
        if item is None:
            self._say(lambda: self.tr("Choose a picture in the gallery first (on the first page)."))
            return False
        return self.open_picture(str(item.path))

    def set_source(self, pixels: np.ndarray) -> None:
        self.source = np.asarray(pixels)
        self.attention = None
        self._recut()

    def _recut(self) -> None:
        """Cut the picture at the chosen patch size; with the model's attention for that size, at the model's
        own picture size, with the heat map on it."""
        if self.source is None:
            return
        size = int(self.patch_size.currentData())
        attention = self.attention if self.attention is not None and self.attention.patch_size == size else None
        self.grid = cut_into_patches(self.source, patch_size=size,
                                     image_size=attention.image_size if attention else 224)
        weights = attention.weights if attention else None
        overlay = heat_overlay(self.grid.image, weights) if attention else None
        self.grid_view.show_grid(self.grid, overlay)
        self.sequence_view.show_patches(self.grid, weights)
        grid = self.grid
        self._say(lambda: self.tr("{size} × {size} px → {rows} × {columns} = {count} patches of {patch} × {patch} px, "
                                  "+ [CLS] = {tokens} tokens").format(size=grid.image.shape[0], rows=grid.rows,
                                                                     columns=grid.columns, count=grid.count,
                                                                     patch=grid.patch_size, tokens=grid.count + 1))

    @Slot(int)
    def select_patch(self, index: int) -> None:
        self.grid_view.select(index)
        self.sequence_view.select(index)

    # ---- CLIP (backend jobs) ------------------------------------------------------------------
    def _update_clip_note(self) -> None:
        has_model = bool(self.model_picker.current_model_id())
        self.clip_note.setVisible(not has_model)
        self.clip_note.setText(self.tr(
            "No CLIP model yet: get one with Add… › Get more models… beside the model list (for example CLIP "
            "ViT-B/32), or add a downloaded CLIP folder with Add…. The patches above need no model."))
        for button in (self.classify_button, self.attention_button, self.gallery_button):
            button.setEnabled(has_model and not self.job.busy)
        self.stop_button.setEnabled(self.job.busy)

    def _submit(self, request, working: Text) -> bool:
        if self.job.busy or not self.model_picker.current_model_id():
            return False
        self.job.submit(request, working)
        return True

    @Slot()
    def classify(self) -> bool:
        if self.source is None:
            self._say(lambda: self.tr("Open a picture first."))
            return False
        labels = tuple(part.strip() for part in self.labels.text().replace("、", ",").split(","))
        return self._submit(ZeroShotRequest(self.model_picker.current_model_id(), labels, pixels=self.source),
                            lambda: self.tr("CLIP is comparing the picture with each label…"))

    @Slot()
    def show_attention(self) -> bool:
        if self.source is None:
            self._say(lambda: self.tr("Open a picture first."))
            return False
        return self._submit(PatchAttentionRequest(self.model_picker.current_model_id(), self.source),
                            lambda: self.tr("Reading the picture's patches…"))

    @Slot()
    def score_gallery(self) -> bool:
        items = [item for item in self.gallery_items() if item.settings.get("prompt")][:MAX_GALLERY]
        if not items:
            self.status.show_notice(lambda: self.tr("No generated pictures with a prompt in the gallery yet."),
                                    error=True)
            return False
        request = ImageTextSimilarityRequest(self.model_picker.current_model_id(),
                                             tuple(str(item.path) for item in items),
                                             tuple(str(item.settings.get("prompt", "")) for item in items))
        return self._submit(request, lambda: self.tr("Comparing each picture with its prompt…"))

    def _on_result(self, value) -> None:
        if isinstance(value, ZeroShotResult):
            self._show_zero_shot(value)
        elif isinstance(value, PatchAttention):
            self.attention = value
            if self.patch_size.findData(value.patch_size) < 0:  # e.g. 14 for a ViT-L/14
                self.patch_size.addItem(f"{value.patch_size} × {value.patch_size}", value.patch_size)
            self.patch_size.blockSignals(True)
            self.patch_size.setCurrentIndex(self.patch_size.findData(value.patch_size))
            self.patch_size.blockSignals(False)
            self._recut()
            self.status.show_notice(lambda: self.tr(
                "{model}: {layers} layers, {heads} heads. In the last layer [CLS] keeps {itself:.0%} of its attention "
                "on itself and spreads {rest:.0%} over the patches; the brightest patches get the most.").format(
                model=value.model_name, layers=value.layers, heads=value.heads, itself=value.cls_to_itself,
                rest=1 - value.cls_to_itself))
        elif isinstance(value, ImageTextSimilarities):
            self._show_similarities(value)

    def _show_zero_shot(self, result: ZeroShotResult) -> None:
        self.zero_shot = result
        order = sorted(range(len(result.labels)), key=lambda i: -result.probabilities[i])
        self.results.setRowCount(len(order))
        for row, index in enumerate(order):
            cells = (result.labels[index], f"{result.probabilities[index]:.1%}", f"{result.similarities[index]:.3f}")
            for column, text in enumerate(cells):
                self.results.setItem(row, column, QTableWidgetItem(text))
        self.results.resizeColumnsToContents()
        best = result.labels[order[0]]
        self.status.show_notice(lambda: self.tr("CLIP's choice: “{label}” ({probability:.0%}), in {seconds:.2f} s.")
                                .format(label=best, probability=max(result.probabilities), seconds=result.seconds))

    def _show_similarities(self, result: ImageTextSimilarities) -> None:
        self.similarities = result
        self.gallery_table.setRowCount(len(result.prompts))
        for row, (prompt, value) in enumerate(zip(result.prompts, result.similarities)):
            self.gallery_table.setItem(row, 0, QTableWidgetItem(prompt))
            self.gallery_table.setItem(row, 1, QTableWidgetItem(f"{value:.3f}"))
        self.gallery_scored.emit(dict(zip(result.image_paths, result.similarities)))
        matched = int(np.sum(np.argmax(result.matrix, axis=1) == np.arange(len(result.prompts))))
        self.status.show_notice(lambda: self.tr(
            "{matched} of {count} pictures are closer to their own prompt than to any other prompt of the gallery.")
            .format(matched=matched, count=len(result.prompts)))

    def clear(self) -> None:
        """Back to an empty page (the next group of students starts afresh)."""
        self.source, self.grid, self.attention = None, None, None
        self.grid_view.show_grid(None)
        self.sequence_view.show_patches(None)
        self.results.setRowCount(0)
        self.gallery_table.setRowCount(0)
        self.hide_patches.clear()
        self._say("")
