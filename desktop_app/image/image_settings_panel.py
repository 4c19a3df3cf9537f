"""Text-to-image settings: prompt, negative prompt, steps, guidance, size, scheduler, seed, batch."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.widgets.file_dialogs import choose_picture_to_open
from model_backend.image.image_types import SCHEDULERS, ImageRequest, PreviewMode


class ImageSettingsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = QPlainTextEdit(self)
        self.prompt.setMaximumHeight(70)
        self.negative = QPlainTextEdit(self)
        self.negative.setMaximumHeight(45)
        self.steps = QSpinBox(self)
        self.steps.setRange(1, 200)
        self.steps.setValue(25)
        self.guidance = QDoubleSpinBox(self)
        self.guidance.setRange(0.0, 30.0)
        self.guidance.setSingleStep(0.5)
        self.guidance.setValue(5.0)
        self.width_box, self.height_box = QSpinBox(self), QSpinBox(self)
        for box in (self.width_box, self.height_box):
            box.setRange(0, 2048)
            box.setSingleStep(8)
        size_row = QHBoxLayout()
        size_row.addWidget(self.width_box)
        size_row.addWidget(self.height_box)
        self.scheduler = QComboBox(self)
        for name in SCHEDULERS:
            self.scheduler.addItem(name, name)  # the sampler's name; only "default" is translated
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setEnabled(False)
        self.random_seed = QCheckBox(self)
        self.random_seed.setChecked(True)
        self.random_seed.toggled.connect(lambda checked: self.seed.setEnabled(not checked))
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.random_seed)
        self.batch = QSpinBox(self)
        self.batch.setRange(1, 16)
        self.low_memory = QCheckBox(self)
        self.previews = QComboBox(self)
        for mode in (PreviewMode.AUTO, PreviewMode.EXACT, PreviewMode.FAST):
            self.previews.addItem("", mode.value)
        self.start_picture = ""
        self.start_button = QPushButton(self)
        self.clear_start_button = QPushButton(self)
        self.strength = QDoubleSpinBox(self)
        self.strength.setRange(0.05, 1.0)
        self.strength.setSingleStep(0.05)
        self.strength.setValue(0.6)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_button, 1)
        start_row.addWidget(self.clear_start_button)
        start_row.addWidget(self.strength)
        form = QFormLayout(self)
        self.row_labels: dict[str, QLabel] = {}
        for key, field in (("prompt", self.prompt), ("negative", self.negative), ("steps", self.steps),
                           ("guidance", self.guidance), ("size", size_row), ("scheduler", self.scheduler),
                           ("seed", seed_row), ("batch", self.batch), ("start", start_row)):
            self.row_labels[key] = QLabel(self)
            form.addRow(self.row_labels[key], field)
        form.addRow("", self.low_memory)
        self.row_labels["previews"] = QLabel(self)
        form.addRow(self.row_labels["previews"], self.previews)
        self.start_button.clicked.connect(self._choose_start_picture)
        self.clear_start_button.clicked.connect(lambda: self.set_start_picture(""))
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        labels = self.row_labels
        labels["prompt"].setText(self.tr("Prompt"))
        labels["negative"].setText(self.tr("Negative prompt"))
        labels["steps"].setText(self.tr("Steps"))
        labels["guidance"].setText(self.tr("Guidance"))
        labels["size"].setText(self.tr("Width × height"))
        labels["scheduler"].setText(self.tr("Scheduler"))
        labels["seed"].setText(self.tr("Seed"))
        labels["batch"].setText(self.tr("Images"))
        labels["start"].setText(self.tr("Image-to-image"))
        labels["previews"].setText(self.tr("Previews"))
        self.prompt.setPlaceholderText(self.tr("Describe the picture, e.g. a red circle on a blue background"))
        self.negative.setPlaceholderText(self.tr("What to avoid (optional)"))
        self.steps.setToolTip(self.tr("How many denoising steps the reverse process takes: more steps give finer "
                                      "detail and take longer"))
        self.guidance.setToolTip(self.tr("Classifier-free guidance: how strongly the prompt steers each step"))
        for box in (self.width_box, self.height_box):
            box.setSpecialValueText(self.tr("model's size"))
            box.setToolTip(self.tr("Width and height in pixels; 0 uses the model's own size"))
        self.scheduler.setItemText(self.scheduler.findData("default"), self.tr("default"))
        self.scheduler.setToolTip(self.tr("The scheduler decides how much noise each denoising step removes"))
        self.seed.setToolTip(self.tr("The seed fixes the starting noise: the same seed and settings make the same "
                                     "picture again"))
        self.random_seed.setText(self.tr("random"))
        self.batch.setToolTip(self.tr("How many images to make, each with its own seed"))
        self.low_memory.setText(self.tr("Low memory (slower)"))
        for mode, label in ((PreviewMode.AUTO, self.tr("Automatic (exact when cheap)")),
                            (PreviewMode.EXACT, self.tr("Exact (decode each step)")),
                            (PreviewMode.FAST, self.tr("Fast colours"))):
            self.previews.setItemText(self.previews.findData(mode.value), label)
        self.previews.setToolTip(self.tr(
            "How the denoising steps are shown. Exact decodes every preview with the model's VAE: the true "
            "picture at each step, cheap on small models and slower on big ones. Fast colours show the latents "
            "through a fitted colour map at their own (small) resolution."))
        self.set_start_picture(self.start_picture)
        self.clear_start_button.setText(self.tr("Clear"))
        self.strength.setToolTip(self.tr("How much noise is added to the picture before denoising"))

    def advanced_widgets(self) -> list[QWidget]:
        """The knobs a student watching the projector does not need (hidden in presentation mode):
        size, scheduler, batch, low memory and the preview mode, with their labels."""
        labels = self.row_labels
        return [labels["size"], self.width_box, self.height_box, labels["scheduler"], self.scheduler,
                labels["batch"], self.batch, self.low_memory, labels["previews"], self.previews]

    def preview_mode(self) -> str:
        return str(self.previews.currentData())

    def set_preview_mode(self, mode: str) -> None:
        self.previews.setCurrentIndex(max(0, self.previews.findData(mode)))

    def _choose_start_picture(self) -> None:
        path = choose_picture_to_open(self, self.tr("Start from a picture"))
        if path:
            self.set_start_picture(path)

    def set_start_picture(self, path: str) -> None:
        self.start_picture = path
        self.start_button.setText(path.rsplit("/", 1)[-1] if path else self.tr("Start from a picture…"))

    def request(self, model_id: str, device: str = "auto", **overrides) -> ImageRequest:
        values = dict(
            prompt=self.prompt.toPlainText().strip(), negative_prompt=self.negative.toPlainText().strip(),
            model_id=model_id, steps=self.steps.value(), guidance=self.guidance.value(),
            width=self.width_box.value() or None, height=self.height_box.value() or None,
            scheduler=str(self.scheduler.currentData()),
            seed=None if self.random_seed.isChecked() else self.seed.value(), batch_count=self.batch.value(),
            init_image=self.start_picture, strength=self.strength.value(), low_memory=self.low_memory.isChecked(),
            previews=PreviewMode(self.previews.currentData()), device=device)
        values.update(overrides)
        return ImageRequest(**values)

    def restore(self, settings: dict) -> None:
        """Put a gallery image's settings back, seed included, so it can be made again."""
        self.prompt.setPlainText(settings.get("prompt", ""))
        self.negative.setPlainText(settings.get("negative_prompt", ""))
        self.steps.setValue(int(settings.get("steps", 25)))
        self.guidance.setValue(float(settings.get("guidance", 5.0)))
        self.width_box.setValue(int(settings.get("width") or 0))
        self.height_box.setValue(int(settings.get("height") or 0))
        self.scheduler.setCurrentIndex(max(0, self.scheduler.findData(settings.get("scheduler", "default"))))
        if settings.get("seed") is not None:
            self.random_seed.setChecked(False)
            self.seed.setValue(int(settings["seed"]))
        self.set_start_picture(settings.get("init_image") or "")
        if settings.get("strength"):
            self.strength.setValue(float(settings["strength"]))
