"""The reverse process, scrubbable: one denoising preview per slider position, exportable."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.widgets.file_dialogs import choose_file_to_save
from desktop_app.widgets.image_view import ImageView
from model_backend.image.filmstrip import contact_sheet, save_gif, save_png
from model_backend.image.image_types import DenoisePreview


class FilmstripView(QWidget):
    exported = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frames: list[DenoisePreview] = []
        self.shown = 0  # the index of the frame on show
        self.view = ImageView(lambda: self.tr("The denoising steps appear here while an image is made."), self)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setEnabled(False)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)  # a long step caption wraps instead of widening the window
        self.gif_button = QPushButton(self)
        self.sheet_button = QPushButton(self)
        # one above the other: side by side (longer in Japanese, larger when zoomed) they made the
        # Image tab wider than a 1280-px screen
        buttons = QVBoxLayout()
        buttons.addWidget(self.gif_button)
        buttons.addWidget(self.sheet_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.slider)
        layout.addWidget(self.caption)
        layout.addLayout(buttons)
        self.slider.valueChanged.connect(self.show_frame)
        self.gif_button.clicked.connect(lambda: self._choose("gif"))
        self.sheet_button.clicked.connect(lambda: self._choose("png"))
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        self.gif_button.setText(self.tr("Export GIF…"))
        self.gif_button.setToolTip(self.tr("Save the denoising steps as an animation"))
        self.sheet_button.setText(self.tr("Export contact sheet…"))
        self.sheet_button.setToolTip(self.tr("Save the denoising steps side by side in one PNG picture"))
        self.slider.setToolTip(self.tr("Drag to go through the reverse process, from noise to picture"))
        self._show_caption()

    def set_frames(self, frames: list[DenoisePreview], follow: bool = True) -> None:
        self.frames = list(frames)
        self.slider.setEnabled(bool(self.frames))
        self.slider.setRange(0, max(0, len(self.frames) - 1))
        if follow:
            self.slider.setValue(len(self.frames) - 1)
        self.show_frame(self.slider.value())

    @Slot(int)
    def show_frame(self, index: int) -> None:
        if not self.frames:
            self.view.show_pixels(None)
            self.caption.setText("")
            return
        self.shown = min(index, len(self.frames) - 1)
        self.view.show_pixels(self.frames[self.shown].pixels)
        self._show_caption()

    def _show_caption(self) -> None:
        if not self.frames:
            self.caption.setText("")
            return
        frame = self.frames[min(self.shown, len(self.frames) - 1)]
        self.caption.setText(self.tr("Step {step} of {total} (timestep {t:.0f}): the noisy latents so far").format(
            step=frame.step, total=frame.total, t=frame.timestep))

    def _choose(self, kind: str) -> None:
        if not self.frames:
            return
        filters = self.tr("Animated GIF (*.gif)") if kind == "gif" else self.tr("PNG image (*.png)")
        path, _ = choose_file_to_save(self, self.tr("Export the denoising steps"), f"denoising.{kind}", filters)
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        pixels = [frame.pixels for frame in self.frames]
        if path.suffix.lower() == ".gif":
            save_gif(pixels, path)
        else:
            save_png(contact_sheet(pixels), path)
        self.exported.emit(str(path))
