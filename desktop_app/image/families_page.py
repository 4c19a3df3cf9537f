"""The Image tab's "Families" page: VAE, GAN, flow and diffusion side by side on one data set.

All four learned the same coloured shapes and read the same labels, so one choice of shape, colours and
seed asks each for a picture; under each picture the time it took and how often the shape checker
(training/evaluate_shapes.py) found the family's pictures right when it was trained. Below, a walk
through the latent space of the VAE or the GAN. The work is the backend's (FamilySamplesRequest,
InterpolationRequest); this page only lays out what comes back.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n.retranslate import keep_translated
from desktop_app.widgets.image_view import ImageView
from desktop_app.widgets.job_status import JobStatus, SingleJob
from desktop_app.widgets.scrolling import scrolling
from model_backend.core.seeds import SEED_LIMIT
from model_backend.image.family_nets import COLOURS, SHAPES
from model_backend.image.family_types import (
    FAMILIES,
    LATENT_FAMILIES,
    FamilyPictures,
    FamilySamplesRequest,
    FamilySamplesResult,
    InterpolationRequest,
    InterpolationResult,
    ShapeLabels,
)

WALK_STEPS = 8
DIFFUSION_FRAMES = 5


class SmallImageView(ImageView):
    """A picture that may shrink to a thumbnail: four families and a walk of eight share one page at 150 %."""

    def __init__(self, side: int, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.side = side

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(self.side, self.side)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(2 * self.side, 2 * self.side)


class ShapeWords(QObject):
    """The data set's words (shapes, colours) in the UI language, for both pages that name them."""

    def shape(self, shape: str) -> str:
        return {"circle": self.tr("circle"), "square": self.tr("square"), "triangle": self.tr("triangle")}[shape]

    def colour(self, colour: str) -> str:
        return {"red": self.tr("red"), "green": self.tr("green"), "blue": self.tr("blue"), "yellow": self.tr("yellow"),
                "purple": self.tr("purple"), "white": self.tr("white")}[colour]


def percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f} %"


class FamiliesPage(QWidget):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.answers: dict[str, FamilyPictures] = {}
        self.words = ShapeWords(self)
        self._build_parts()
        self._lay_out()
        self._connect()
        keep_translated(self, self._retranslate)

    # ---- words ---------------------------------------------------------------------------
    def family_name(self, family: str) -> str:
        return {"vae": self.tr("VAE"), "gan": self.tr("GAN"), "flow": self.tr("Flow"),
                "diffusion": self.tr("Diffusion")}[family]

    def _retranslate(self) -> None:
        self.intro.setText(self.tr(
            "Four families of generative models learned the same coloured shapes. A VAE decodes a few random "
            "latent numbers, a GAN's generator was trained to fool a critic, a flow runs an invertible function "
            "backwards from noise, and diffusion removes noise step by step in a VAE's latent space."))
        self.shape_label.setText(self.tr("Shape"))
        self.colour_label.setText(self.tr("Colour"))
        self.background_label.setText(self.tr("Background"))
        self.seed_label.setText(self.tr("Seed"))
        for combo, names in ((self.shape, SHAPES), (self.colour, COLOURS), (self.background, COLOURS),
                             (self.walk_shape, SHAPES), (self.walk_colour, COLOURS)):
            for index, name in enumerate(names):
                combo.setItemText(index, self.words.shape(name) if names is SHAPES else self.words.colour(name))
        self.generate_button.setText(self.tr("Generate with all four"))
        self.generate_button.setToolTip(self.tr("The same shape, colours and seed for every family"))
        self.stop_button.setText(self.tr("Stop"))
        for family in FAMILIES:
            self.titles[family].setText(self.family_name(family))
            self._caption(family)
        self.steps_label.setText(self.tr("Diffusion, step by step:"))
        self.walk_box.setTitle(self.tr("Walk through a latent space"))
        self.walk_intro.setText(self.tr(
            "The VAE and the GAN draw from a handful of latent numbers. Moving in a straight line from one seed's "
            "numbers to another's changes the picture smoothly: nearby points in the latent space make similar "
            "pictures."))
        for index, family in enumerate(LATENT_FAMILIES):
            self.walk_family.setItemText(index, self.family_name(family))
        self.walk_to_label.setText(self.tr("to", "latent walk: from the chosen picture to …"))
        self.walk_seed_label.setText(self.tr("seed"))
        self.walk_button.setText(self.tr("Walk"))
        self.walk_button.setToolTip(self.tr("{n} pictures from the chosen shape and seed to this one").format(n=WALK_STEPS))

    def _caption(self, family: str) -> None:
        answer = self.answers.get(family)
        if answer is None:
            self.captions[family].setText("")
            return
        accuracy = answer.accuracy.get("all_three")
        self.captions[family].setText(self.tr("{ms:.0f} ms per picture\nchecker: {accuracy} right\n{params} parameters")
                                      .format(ms=1000 * answer.seconds_per_image, accuracy=percent(accuracy),
                                              params=f"{answer.parameters:,}"))
        self.captions[family].setToolTip(self.tr(
            "When the model was trained, the shape checker looked at {n} of its pictures (every combination once): "
            "shape {shape}, colour {colour}, background {background}, all three {all} right (by chance: about 1 %).").format(
                n=90, shape=percent(answer.accuracy.get("shape")), colour=percent(answer.accuracy.get("shape_colour")),
                background=percent(answer.accuracy.get("background_colour")), all=percent(accuracy)))

    # ---- building --------------------------------------------------------------------------
    def _build_parts(self) -> None:
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.shape_label, self.colour_label, self.background_label, self.seed_label = (QLabel(self) for _ in range(4))
        self.shape, self.colour, self.background = QComboBox(self), QComboBox(self), QComboBox(self)
        self.walk_shape, self.walk_colour = QComboBox(self), QComboBox(self)
        for combo, names in ((self.shape, SHAPES), (self.colour, COLOURS), (self.background, COLOURS),
                             (self.walk_shape, SHAPES), (self.walk_colour, COLOURS)):
            for name in names:
                combo.addItem(name, name)
        self.colour.setCurrentIndex(COLOURS.index("red"))
        self.background.setCurrentIndex(COLOURS.index("blue"))
        self.walk_shape.setCurrentIndex(SHAPES.index("square"))
        self.walk_colour.setCurrentIndex(COLOURS.index("yellow"))
        self.seed = QSpinBox(self)
        self.seed.setRange(0, SEED_LIMIT - 1)
        self.generate_button = QPushButton(self)
        self.stop_button = QPushButton(self)
        self.stop_button.setEnabled(False)
        self.status = JobStatus(self)
        self.titles = {family: QLabel(self) for family in FAMILIES}
        self.views = {family: SmallImageView(96, self) for family in FAMILIES}
        self.captions = {family: QLabel(self) for family in FAMILIES}
        for label in (*self.titles.values(), *self.captions.values()):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        self.steps_label = QLabel(self)
        self.step_views = [SmallImageView(48, self) for _ in range(DIFFUSION_FRAMES)]
        self.walk_box = QGroupBox(self)
        self.walk_intro = QLabel(self)
        self.walk_intro.setWordWrap(True)
        self.walk_family = QComboBox(self)
        for family in LATENT_FAMILIES:
            self.walk_family.addItem(family, family)
        self.walk_to_label, self.walk_seed_label = QLabel(self), QLabel(self)
        self.walk_seed = QSpinBox(self)
        self.walk_seed.setRange(0, SEED_LIMIT - 1)
        self.walk_seed.setValue(1)
        self.walk_button = QPushButton(self)
        self.walk_views = [SmallImageView(48, self) for _ in range(WALK_STEPS)]
        self.job = SingleJob(self.controller, self.status, self._on_result, self._on_cancelled,
                             on_partial=self._on_family, parent=self)
        self.walk_job = SingleJob(self.controller, self.status, self._on_walk, self._on_cancelled, parent=self)

    def _lay_out(self) -> None:
        content = QWidget(self)
        choices = QGridLayout()
        for column, (label, field) in enumerate(((self.shape_label, self.shape), (self.colour_label, self.colour),
                                                 (self.background_label, self.background), (self.seed_label, self.seed))):
            choices.addWidget(label, 0, column)
            choices.addWidget(field, 1, column)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        grid = QGridLayout()
        for column, family in enumerate(FAMILIES):
            grid.addWidget(self.titles[family], 0, column)
            grid.addWidget(self.views[family], 1, column)
            grid.addWidget(self.captions[family], 2, column)
            grid.setColumnStretch(column, 1)
        steps = QHBoxLayout()  # its label above: beside it, at 150 % in Japanese the Image tab grew wider than 1280 px
        for view in self.step_views:
            steps.addWidget(view, 1)
        walk_choices = QGridLayout()  # two rows: one would be too wide at 150 % beside the Image tab's form
        for column, widget in enumerate((self.walk_family, self.walk_to_label, self.walk_shape, self.walk_colour)):
            walk_choices.addWidget(widget, 0, column)
        for column, widget in enumerate((self.walk_seed_label, self.walk_seed, self.walk_button)):
            walk_choices.addWidget(widget, 1, column + 1)
        walk_strip = QHBoxLayout()
        for view in self.walk_views:
            walk_strip.addWidget(view, 1)
        walk_layout = QVBoxLayout(self.walk_box)
        walk_layout.addWidget(self.walk_intro)
        walk_layout.addLayout(walk_choices)
        walk_layout.addLayout(walk_strip)
        layout = QVBoxLayout(content)
        layout.addWidget(self.intro)
        layout.addLayout(choices)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addLayout(grid, 1)
        layout.addWidget(self.steps_label)
        layout.addLayout(steps)
        layout.addWidget(self.walk_box)
        QVBoxLayout(self).addWidget(scrolling(content, self, vertical_only=True))

    def _connect(self) -> None:
        self.generate_button.clicked.connect(self.generate)
        self.stop_button.clicked.connect(self.stop)
        self.walk_button.clicked.connect(self.walk)
        self.job.busy_changed.connect(self._busy)
        self.walk_job.busy_changed.connect(self._busy)

    # ---- jobs ------------------------------------------------------------------------------
    def labels(self) -> ShapeLabels:
        return ShapeLabels(self.shape.currentData(), self.colour.currentData(), self.background.currentData())

    @Slot()
    def _busy(self) -> None:
        busy = self.job.busy or self.walk_job.busy
        self.generate_button.setEnabled(not busy)
        self.walk_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)

    @Slot()
    def generate(self) -> bool:
        if self.job.busy or self.walk_job.busy:
            return False
        labels = self.labels()
        if labels.colour == labels.background:
            self.status.show_notice(lambda: self.tr("Choose a background colour different from the shape's."), error=True)
            return False
        self.answers = {}
        for family in FAMILIES:
            self.views[family].show_pixels(None)
            self._caption(family)
        for view in self.step_views:
            view.show_pixels(None)
        request = FamilySamplesRequest(labels.shape, labels.colour, labels.background, seed=self.seed.value())
        self.job.submit(request, lambda: self.tr("Drawing with all four families…"))
        return True

    @Slot()
    def walk(self) -> bool:
        if self.job.busy or self.walk_job.busy:
            return False
        start = self.labels()
        end = ShapeLabels(self.walk_shape.currentData(), self.walk_colour.currentData(), start.background)
        if start.colour == start.background or end.colour == end.background:
            self.status.show_notice(lambda: self.tr("Choose a background colour different from the shape's."), error=True)
            return False
        for view in self.walk_views:
            view.show_pixels(None)
        request = InterpolationRequest(self.walk_family.currentData(), start, end, self.seed.value(),
                                       self.walk_seed.value(), WALK_STEPS)
        self.walk_job.submit(request, lambda: self.tr("Walking through the latent space…"))
        return True

    @Slot()
    def stop(self) -> None:
        self.job.stop()
        self.walk_job.stop()

    def _on_family(self, answer) -> None:
        if not isinstance(answer, FamilyPictures):
            return
        self.answers[answer.family] = answer
        self.views[answer.family].show_pixels(answer.pictures[0])
        self._caption(answer.family)
        if answer.family == "diffusion":
            for view, frame in zip(self.step_views, answer.steps):
                view.show_pixels(frame)

    def _on_result(self, result: FamilySamplesResult) -> None:
        for answer in result.families:
            self._on_family(answer)
        self.status.show_notice(lambda: self.tr("Seed {seed}: the same starting noise for every family.").format(
            seed=result.seed))

    def _on_walk(self, result: InterpolationResult) -> None:
        for view, pixels in zip(self.walk_views, result.pictures):
            view.show_pixels(pixels)
        self.status.show_notice(lambda: self.tr("The first and last pictures are the two seeds' own samples."))

    def _on_cancelled(self, _partial) -> None:
        self.status.show_notice(lambda: self.tr("Stopped."))

    def clear(self) -> None:
        """Back to an empty page (the next group of students starts afresh)."""
        self.stop()
        self.answers = {}
        for view in (*self.views.values(), *self.step_views, *self.walk_views):
            view.show_pixels(None)
        for family in FAMILIES:
            self._caption(family)
        self.status.clear_notice()

    def last_picture(self):
        """The VAE's picture, else any family's (the Latent space page can start from it)."""
        for family in ("diffusion", "vae", "gan", "flow"):
            if family in self.answers:
                return self.answers[family].pictures[0]
        return None
