"""Edit a prompting technique: system prompt, ``{{variable}}`` template, worked examples, and the
form that fills the variables. Edits go to a working copy; the tab decides what is saved."""
from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n.retranslate import keep_translated
from model_backend.prompt_lab.techniques import TECHNIQUE_KINDS, Example, Technique
from model_backend.prompt_lab.templates import find_variables


class TechniqueEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.technique: Technique | None = None
        self._loading = False
        self.edited = False  # the student changed the technique since it was loaded
        self.name = QLineEdit(self)
        self.kind = QComboBox(self)
        for kind in TECHNIQUE_KINDS:
            self.kind.addItem(kind, kind)  # the words come in _retranslate; the data is the saved kind
        self.system = QPlainTextEdit(self)
        self.system.setMaximumHeight(60)
        self.template = QPlainTextEdit(self)
        self.examples = QTableWidget(0, 2, self)
        self.examples.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.examples.setMaximumHeight(120)
        self.add_example = QPushButton(self)
        self.remove_example = QPushButton(self)
        self.example_count = QSpinBox(self)
        self.variables_box = QGroupBox(self)
        self.variables_form = QFormLayout(self.variables_box)
        self.variable_fields: dict[str, QLineEdit] = {}

        self.header = QFormLayout()
        self.field_labels = {field: QLabel(self) for field in (self.name, self.kind, self.system, self.template)}
        for field, label in self.field_labels.items():
            self.header.addRow(label, field)
        example_buttons = QHBoxLayout()
        example_buttons.addWidget(self.add_example)
        example_buttons.addWidget(self.remove_example)
        example_buttons.addStretch(1)
        example_buttons.addWidget(self.example_count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.header)
        layout.addWidget(self.examples)
        layout.addLayout(example_buttons)
        layout.addWidget(self.variables_box)

        self.name.textEdited.connect(self._on_edit)
        self.kind.currentIndexChanged.connect(self._on_edit)
        self.system.textChanged.connect(self._on_edit)
        self.template.textChanged.connect(self._on_edit)
        self.examples.itemChanged.connect(self._on_edit)
        self.example_count.valueChanged.connect(self._on_edit)
        self.add_example.clicked.connect(self._add_example_row)
        self.remove_example.clicked.connect(self._remove_example_row)
        keep_translated(self, self._retranslate)

    def _retranslate(self) -> None:
        kinds = {"instruction": self.tr("Instruction"), "zero-shot": self.tr("Zero-shot"),
                 "few-shot": self.tr("Few-shot"), "chain-of-thought": self.tr("Chain of thought"),
                 "role-play": self.tr("Role-play")}
        for index in range(self.kind.count()):
            kind = self.kind.itemData(index)
            self.kind.setItemText(index, kinds.get(kind, kind))
        for field, label in ((self.name, self.tr("Name")), (self.kind, self.tr("Technique")),
                             (self.system, self.tr("System prompt")), (self.template, self.tr("Template"))):
            self.field_labels[field].setText(label)
        self.system.setPlaceholderText(self.tr("Optional system prompt, e.g. a persona for role-play"))
        self.template.setPlaceholderText(self.tr("The prompt, with {{variables}}; {{examples}} inserts the worked examples"))
        self.examples.setHorizontalHeaderLabels([self.tr("Example input"), self.tr("Example answer")])
        self.add_example.setText(self.tr("Add example"))
        self.remove_example.setText(self.tr("Remove example"))
        self.example_count.setToolTip(self.tr("How many worked examples go into the prompt (few-shot)"))
        self.variables_box.setTitle(self.tr("Variables"))
        self.variables_box.setToolTip(self.tr("The values that fill the template's {{variables}}"))

    # ---- loading -----------------------------------------------------------------------
    def load(self, technique: Technique) -> None:
        self._loading = True
        self.edited = False
        self.technique = technique
        self.name.setText(technique.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(technique.kind)))
        self.system.setPlainText(technique.system)
        self.template.setPlainText(technique.template)
        self.examples.setRowCount(0)
        for example in technique.examples:
            self._append_example(example.input, example.output)
        self.example_count.setRange(0, len(technique.examples))
        self.example_count.setValue(technique.example_count)
        self._loading = False
        self._rebuild_variables(refill=True)

    def clear(self) -> None:
        """No technique: every field empty (the next group of students picks one from the library)."""
        self._loading = True
        self.technique, self.edited = None, False
        for field in (self.name, self.system, self.template):
            field.clear()
        self.kind.setCurrentIndex(0)
        self.examples.setRowCount(0)
        self.example_count.setRange(0, 0)
        while self.variables_form.rowCount():
            self.variables_form.removeRow(0)
        self.variable_fields = {}
        self._loading = False

    def _append_example(self, text: str, answer: str) -> None:
        row = self.examples.rowCount()
        self.examples.insertRow(row)
        self.examples.setItem(row, 0, QTableWidgetItem(text))
        self.examples.setItem(row, 1, QTableWidgetItem(answer))

    @Slot()
    def _add_example_row(self) -> None:
        self._append_example("", "")
        self._on_edit()

    @Slot()
    def _remove_example_row(self) -> None:
        if self.examples.rowCount():
            self.examples.removeRow(self.examples.currentRow() if self.examples.currentRow() >= 0
                                    else self.examples.rowCount() - 1)
            self._on_edit()

    # ---- editing -----------------------------------------------------------------------
    def _rebuild_variables(self, refill: bool = False) -> None:
        names = find_variables(self.template.toPlainText() + "\n" + self.system.toPlainText())
        if list(self.variable_fields) == names:
            if refill and self.technique is not None:  # another technique, same variables: show its values
                for name, field in self.variable_fields.items():
                    field.setText(self.technique.values.get(name, ""))
            return
        while self.variables_form.rowCount():
            self.variables_form.removeRow(0)
        self.variable_fields = {}
        for name in names:
            field = QLineEdit(self.technique.values.get(name, "") if self.technique else "", self.variables_box)
            field.textEdited.connect(self._on_edit)
            self.variables_form.addRow("{{" + name + "}}", field)
            self.variable_fields[name] = field

    @Slot()
    def _on_edit(self, *args) -> None:
        if self._loading or self.technique is None:
            return
        technique = self.technique
        self.edited = True
        technique.name = self.name.text()
        technique.kind = str(self.kind.currentData())
        technique.system = self.system.toPlainText()
        technique.template = self.template.toPlainText()
        technique.examples = [
            Example(self._cell(row, 0), self._cell(row, 1)) for row in range(self.examples.rowCount())
        ]
        self.example_count.blockSignals(True)
        self.example_count.setRange(0, len(technique.examples))
        self.example_count.blockSignals(False)
        technique.example_count = self.example_count.value()
        self._rebuild_variables()
        technique.values = {**technique.values, **{n: f.text() for n, f in self.variable_fields.items()}}
        self.changed.emit()

    def _cell(self, row: int, column: int) -> str:
        item = self.examples.item(row, column)
        return item.text() if item is not None else ""
