"""The Image tab's "Latent space" page: where latent diffusion works.

The built-in diffusion model never denoises pixels: its VAE first squeezes a 64×64 picture into 4
channels of 16×16 numbers, the UNet works there, and the VAE's decoder paints the result. This page
shows a picture of the student's (or the last generated one) going through that VAE — the four
latent channels as grey pictures, the decoded picture and the error — and through the tiny VAE of the
Families page, whose 8 numbers must hold the whole picture. The work is the backend's (LatentSpaceRequest).
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.i18n.retranslate import Text, keep_translated
from desktop_app.image.families_page import ShapeWords, SmallImageView
from desktop_app.image.hide_patches_view import HidePatchesView
from desktop_app.widgets.file_dialogs import choose_picture_to_open
from desktop_app.widgets.job_status import JobStatus, SingleJob
from desktop_app.widgets.scrolling import scrolling
from model_backend.image.family_types import LatentSpaceRequest, LatentSpaceResult

CHANNELS = 4


def grey(channel: np.ndarray, low: float, high: float) -> np.ndarray:
    """One latent channel as a grey picture, all four on the same scale so their contrast can be compared."""
    scaled = (np.asarray(channel, dtype=np.float32) - low) / max(1e-6, high - low)
    values = (np.clip(scaled, 0, 1) * 255).round().astype(np.uint8)
    return np.repeat(values[:, :, None], 3, axis=2)


class LatentSpacePage(QWidget):
    def __init__(self, controller, generated_pixels: Callable[[], np.ndarray | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.generated_pixels = generated_pixels
        self.result: LatentSpaceResult | None = None
        self.words = ShapeWords(self)
        self._build_parts()
        self._lay_out()
        self._connect()
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.intro.setText(self.tr(
            "Latent diffusion works in a VAE's latent space, not on pixels. The built-in model's VAE encodes a "
            "64×64 picture into 4 channels of 16×16 numbers (12 times fewer numbers); the UNet denoises those, and "
            "the decoder turns them back into a picture. What the decoder loses here is lost for every picture "
            "the model makes."))
        self.open_button.setText(self.tr("Open picture…"))
        self.use_button.setText(self.tr("Use the generated image"))
        self.use_button.setToolTip(self.tr("The picture generated last on the Generate or Families page"))
        self.original_label.setText(self.tr("Your picture (64×64)"))
        self.channels_label.setText(self.tr("The 4 latent channels (16×16, grey = value)"))
        self.decoded_label.setText(self.tr("Decoded by the diffusion model's VAE"))
        self.tiny_label.setText(self.tr("Tiny VAE (8 numbers)"))
        self._say_numbers()

    def _say_numbers(self) -> None:
        result = self.result
        if result is None:
            self.numbers.setText("")
            return
        text = self.tr("Diffusion VAE: {n} numbers instead of {m} ({ratio:.0f}× fewer), latent values from {low:.2f} to "
                       "{high:.2f}; reconstruction error (mean squared, pixel values 0–1) {error:.4f}.").format(
            n=sum(c.size for c in result.latent_channels), m=result.original.size, ratio=result.compression,
            low=result.latent_range[0], high=result.latent_range[1], error=result.error)
        guess = result.vae_labels
        if result.vae_error is not None and guess is not None:
            text += "\n" + self.tr("Tiny VAE: error {error:.4f}; its encoder reads the picture as a {colour} {shape} on "
                                   "{background}.").format(error=result.vae_error, colour=self.words.colour(guess.colour),
                                                           shape=self.words.shape(guess.shape),
                                                           background=self.words.colour(guess.background))
        self.numbers.setText(text)

    def _build_parts(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.open_button = QPushButton(self)
        self.use_button = QPushButton(self)
        self.status = JobStatus(self)
        self.original_label, self.channels_label, self.decoded_label, self.tiny_label = (QLabel(self) for _ in range(4))
        for label in (self.original_label, self.channels_label, self.decoded_label, self.tiny_label):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.original = SmallImageView(96, self)
        self.channel_views = [SmallImageView(48, self) for _ in range(CHANNELS)]
        self.decoded = SmallImageView(96, self)
        self.tiny = SmallImageView(96, self)
        self.numbers = QLabel(self)
        self.numbers.setWordWrap(True)
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.job = SingleJob(self.controller, self.status, self._on_result, lambda _partial: None, parent=self)
        # the Vision page's section, on this page's picture (or the generated one)
        self.hide_patches = HidePatchesView(
            self.controller, lambda: self.result.original if self.result is not None else self.generated_pixels(), self)

    def _lay_out(self) -> None:
        content = QWidget(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.use_button)
        buttons.addStretch(1)
        channels = QGridLayout()
        for index, view in enumerate(self.channel_views):
            channels.addWidget(view, index // 2, index % 2)
        grid = QGridLayout()
        for column, (label, item) in enumerate(((self.original_label, self.original), (self.channels_label, channels),
                                                (self.decoded_label, self.decoded), (self.tiny_label, self.tiny))):
            grid.addWidget(label, 0, column)
            if isinstance(item, QGridLayout):
                grid.addLayout(item, 1, column)
            else:
                grid.addWidget(item, 1, column)
            grid.setColumnStretch(column, 1)
        layout = QVBoxLayout(content)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addLayout(grid, 1)
        layout.addWidget(self.numbers)
        layout.addWidget(self.hide_patches)
        QVBoxLayout(self).addWidget(scrolling(content, self, vertical_only=True))

    def _connect(self) -> None:
        self.open_button.clicked.connect(self._choose_picture)
        self.use_button.clicked.connect(self.use_generated_image)
        self.job.busy_changed.connect(self._busy)

    @Slot()
    def _busy(self) -> None:
        self.open_button.setEnabled(not self.job.busy)
        self.use_button.setEnabled(not self.job.busy)

    def _notice(self, text: Text) -> None:
        self.status.show_notice(text, error=True)

    @Slot()
    def _choose_picture(self) -> None:
        path = choose_picture_to_open(self, self.tr("Open a picture"))
        if path:
            self.encode(LatentSpaceRequest(path=path))

    @Slot()
    def use_generated_image(self) -> bool:
        pixels = self.generated_pixels()
        if pixels is None:
            self._notice(lambda: self.tr("Generate an image first, or open a picture."))
            return False
        return self.encode(LatentSpaceRequest(pixels=pixels))

    def encode(self, request: LatentSpaceRequest) -> bool:
        if self.job.busy:
            return False
        self.job.submit(request, lambda: self.tr("Encoding and decoding…"))
        return True

    def _on_result(self, result: LatentSpaceResult) -> None:
        self.result = result
        self.original.show_pixels(result.original)
        low, high = result.latent_range
        for view, channel in zip(self.channel_views, result.latent_channels):
            view.show_pixels(grey(channel, low, high))
        self.decoded.show_pixels(result.decoded)
        self.tiny.show_pixels(result.vae_reconstruction)
        self._say_numbers()
        self.status.clear_notice()

    def clear(self) -> None:
        self.result = None
        for view in (self.original, *self.channel_views, self.decoded, self.tiny):
            view.show_pixels(None)
        self._say_numbers()
        self.hide_patches.clear()
        self.status.clear_notice()
