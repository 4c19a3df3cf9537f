"""The forward process, instant: noise added to a picture in closed form with the model's own schedule.

No backend job: x_t = sqrt(ᾱ_t)·x_0 + sqrt(1−ᾱ_t)·ε is a numpy expression, so the slider moves as fast
as the student drags it. The schedule comes from the chosen model's ``scheduler_config.json``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from desktop_app.i18n.retranslate import Text, keep_translated, say
from desktop_app.image.picture_file import read_picture
from desktop_app.widgets.file_dialogs import choose_picture_to_open
from desktop_app.widgets.image_view import ImageView
from model_backend.image.forward_process import NoiseSchedule


class ForwardProcessPage(QWidget):
    def __init__(self, model_folder: Callable[[], Path | None], generated_pixels: Callable[[], np.ndarray | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_folder = model_folder
        self.generated_pixels = generated_pixels
        self.source: np.ndarray | None = None
        self.schedule = NoiseSchedule.from_config({})
        self.view = ImageView(lambda: self.tr("Open a picture (or generate one) to add noise to it."), self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.caption_text: Text = ""  # what the caption says, kept so a language switch says it again
        self.open_button = QPushButton(self)
        self.use_result_button = QPushButton(self)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.use_result_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.slider)
        layout.addWidget(self.caption)
        self.open_button.clicked.connect(self._choose_picture)
        self.use_result_button.clicked.connect(self.use_generated_image)
        self.slider.valueChanged.connect(self.show_step)
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.open_button.setText(self.tr("Open picture…"))
        self.use_result_button.setText(self.tr("Use the generated image"))
        self.use_result_button.setToolTip(self.tr("Add noise to the image you generated last"))
        self.slider.setToolTip(self.tr("Drag to add noise step by step: the forward process of a diffusion model"))
        self.caption.setText(say(self.caption_text))

    def _say(self, text: Text) -> None:
        self.caption_text = text
        self.caption.setText(say(text))

    def _choose_picture(self) -> None:
        path = choose_picture_to_open(self, self.tr("Open a picture"))
        if path:
            self.open_picture(path)

    def open_picture(self, path: str) -> bool:
        pixels = read_picture(path, 512)
        if pixels is None:
            self._say(lambda: self.tr("{path} is not a picture this app can open.").format(path=path))
            return False
        self.set_source(pixels)
        return True

    def use_generated_image(self) -> bool:
        pixels = self.generated_pixels()
        if pixels is None:
            self._say(lambda: self.tr("Generate an image first, or open a picture."))
            return False
        self.set_source(pixels)
        return True

    def set_source(self, pixels: np.ndarray | None) -> None:
        if pixels is None:
            return
        folder = self.model_folder()
        self.schedule = NoiseSchedule.for_model_folder(folder) if folder else NoiseSchedule.from_config({})
        self.source = pixels
        self.slider.setRange(0, self.schedule.steps - 1)
        self.show_step(self.slider.value())

    def clear(self) -> None:
        """Back to an empty page (the next group of students starts afresh)."""
        self.source = None
        self.slider.setValue(0)
        self.view.show_pixels(None)
        self._say("")

    @Slot(int)
    def show_step(self, t: int) -> None:
        if self.source is None:
            return
        self.view.show_pixels(self.schedule.noised(self.source, t))
        snr = self.schedule.signal_to_noise(t)
        steps, keep = self.schedule.steps, float(np.sqrt(self.schedule.alphas_cumprod[t]))
        self._say(lambda: self.tr(
            "Timestep {t} of {n}: signal-to-noise ratio {snr:.3g} ({db:+.1f} dB); {keep:.0%} of the picture's "
            "amplitude is left").format(t=t, n=steps, snr=snr, db=10 * np.log10(max(snr, 1e-12)), keep=keep))
