"""Hide patches, let the model fill them in: the vision page's section on masked image modelling.

The page above cuts the picture into the patches a Vision Transformer reads; this section hides some of
them and asks the built-in diffusion model to restore them (the backend's ``InpaintRequest``, the same
job the Latent space page runs), beside the VAE alone, so the student sees the self-supervised pretext
task (as in MAE) and what a generative model adds. One job at a time, Stop works, nothing blocks the UI.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.image.families_page import SmallImageView
from desktop_app.widgets.job_status import JobStatus, SingleJob
from model_backend.image.family_types import InpaintPreview, InpaintRequest, InpaintResult

PATCH_SIDES = (8, 16)  # pixels of the 64 × 64 picture the built-in model draws
HIDDEN_PERCENT = (5, 75, 25)  # the slider's low end, high end, start (the backend accepts 5–75 %)


class HidePatchesView(QGroupBox):
    """``picture()``: the page's picture (uint8 H×W×3) or None."""

    def __init__(self, controller, picture: Callable[[], np.ndarray | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.picture = picture
        self.result: InpaintResult | None = None
        self.preview_step = 0  # the last denoising step whose guess is on show while the job runs
        self._build_parts()
        self._lay_out()
        self._connect()
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.setTitle(self.tr("Hide patches, let the model fill them in"))
        self.intro.setText(self.tr(
            "Self-supervised learning needs no labels: hide some patches of a picture and train a model to restore "
            "them (the pretext task of masked image modelling, as in MAE). Here the built-in diffusion model fills the "
            "hidden patches of a 64 × 64 copy in, step by step, while the visible patches stay as they are; the VAE "
            "alone, with nothing in the hidden patches, shows what the generative model adds."))
        self.share_label.setText(self.tr("Hidden"))
        self.seed_label.setText(self.tr("Seed"))
        for index, side in enumerate(PATCH_SIDES):
            self.patch.setItemText(index, self.tr("{n} × {n} patches").format(n=side))
        self.run_button.setText(self.tr("Hide and restore"))
        self.stop_button.setText(self.tr("Stop"))
        captions = (self.tr("Original"), self.tr("Hidden patches"), self.tr("VAE alone"), self.tr("Diffusion model"))
        for label, text in zip(self.captions, captions):
            label.setText(text)
        self._say_share()
        self._say_numbers()

    def _say_share(self) -> None:
        self.share_value.setText(f"{self.share.value()} %")

    def _say_numbers(self) -> None:
        done = self.result
        if done is None:
            self.numbers.setText("")
            return
        self.numbers.setText(self.tr(
            "{hidden:.0%} of the picture hidden. Error on the hidden patches (mean squared, pixel values 0–1): "
            "diffusion model {error:.4f}, VAE alone {vae:.4f}, the average visible colour {mean:.4f}. {s:.1f} s.").format(
            hidden=float(done.hidden.mean()), error=done.error, vae=done.vae_only_error or 0.0,
            mean=done.baseline_error, s=done.seconds))

    # ---- building ------------------------------------------------------------------------
    def _build_parts(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.share_label = QLabel(self)
        self.share = QSlider(Qt.Orientation.Horizontal, self)
        low, high, start = HIDDEN_PERCENT
        self.share.setRange(low, high)
        self.share.setSingleStep(5)
        self.share.setPageStep(10)
        self.share.setValue(start)
        self.share_value = QLabel(self)
        self.seed_label = QLabel(self)
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 9999)
        self.patch = QComboBox(self)
        for side in PATCH_SIDES:
            self.patch.addItem(str(side), side)
        self.patch.setCurrentIndex(PATCH_SIDES.index(16))
        self.run_button = QPushButton(self)
        self.stop_button = QPushButton(self)
        self.stop_button.setEnabled(False)
        self.views = [SmallImageView(64, self) for _ in range(4)]  # original, masked, VAE alone, diffusion
        self.captions = [QLabel(self) for _ in range(4)]
        for caption in self.captions:
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            caption.setWordWrap(True)
        self.numbers = QLabel(self)
        self.numbers.setWordWrap(True)
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = JobStatus(self)
        self.job = SingleJob(self.controller, self.status, self._on_result,
                             lambda _: self.status.show_notice(lambda: self.tr("Stopped.")), self._on_preview,
                             parent=self)

    def _lay_out(self) -> None:
        controls = QHBoxLayout()
        controls.addWidget(self.share_label)
        controls.addWidget(self.share, 1)
        controls.addWidget(self.share_value)
        choices = QHBoxLayout()  # rows, not one long line: the page's picture column is narrow at 150 %
        choices.addWidget(self.patch)
        choices.addWidget(self.seed_label)
        choices.addWidget(self.seed)
        choices.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        pictures = QGridLayout()
        for column, (view, caption) in enumerate(zip(self.views, self.captions)):
            pictures.addWidget(view, 0, column)
            pictures.addWidget(caption, 1, column)
            pictures.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(controls)
        layout.addLayout(choices)
        layout.addLayout(buttons)
        layout.addLayout(pictures, 1)
        layout.addWidget(self.numbers)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        self.share.valueChanged.connect(lambda _: self._say_share())
        self.run_button.clicked.connect(self.hide_and_restore)
        self.stop_button.clicked.connect(self.job.stop)
        self.job.busy_changed.connect(self._busy)

    @Slot()
    def _busy(self) -> None:
        self.run_button.setEnabled(not self.job.busy)
        self.stop_button.setEnabled(self.job.busy)

    # ---- the job ---------------------------------------------------------------------------
    @Slot()
    def hide_and_restore(self) -> bool:
        pixels = self.picture()
        if pixels is None:
            self.status.show_notice(lambda: self.tr("Open a picture first, or use the generated one."), error=True)
            return False
        if self.job.busy:
            return False
        self.result, self.preview_step = None, 0
        for view in self.views:
            view.show_pixels(None)
        self._say_numbers()
        request = InpaintRequest(pixels=np.ascontiguousarray(pixels, dtype=np.uint8), patch=int(self.patch.currentData()),
                                 fraction=self.share.value() / 100, seed=self.seed.value())
        self.job.submit(request, lambda: self.tr("Restoring the hidden patches…"))
        return True

    def _on_preview(self, preview: InpaintPreview) -> None:
        """The diffusion model's current guess, step by step, where its final picture will be."""
        self.preview_step = preview.step
        self.views[-1].show_pixels(preview.pixels)

    def _on_result(self, result: InpaintResult) -> None:
        self.result = result
        for view, pixels in zip(self.views, (result.original, result.masked, result.vae_only, result.restored)):
            view.show_pixels(pixels)
        self._say_numbers()

    def clear(self) -> None:
        """Back to empty (the next group of students)."""
        self.result = None
        for view in self.views:
            view.show_pixels(None)
        self._say_numbers()
        self.status.clear_notice()
