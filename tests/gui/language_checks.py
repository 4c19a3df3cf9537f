"""What a language test looks at: every word a part of the window shows or tells, and which of them
were left in the other language after a switch.

The words are the UI's own (texts, titles, placeholders, tooltips, combo items, tab texts, table
headers, menu entries); what the student or a model wrote (field contents, replies) is not collected,
and callers pass the names that stay as they are (model, technique and file names)."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]")
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}[\s'’-]+[A-Za-z]{2,}")


def inside(widget: QWidget | None, ancestors: tuple[QWidget, ...]) -> bool:
    while widget is not None:
        if widget in ancestors:
            return True
        widget = widget.parentWidget()
    return False


def _header_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    return [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]


def words_of(root: QWidget, skip: tuple[QWidget, ...] = ()) -> list[tuple[str, str]]:
    """(where, text) for every word ``root`` and its children show or tell, pages behind included."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if skip and inside(widget, skip):
            continue
        name = type(widget).__name__
        if isinstance(widget, QLabel | QAbstractButton):
            found.append((name, widget.text()))
        if isinstance(widget, QGroupBox):
            found.append((name, widget.title()))
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            found.append((name + " placeholder", widget.placeholderText()))
        if isinstance(widget, QAbstractSpinBox):
            found.append((name + " special value", widget.specialValueText()))
        if isinstance(widget, QTabWidget):
            found.extend((name + " tab", widget.tabText(i)) for i in range(widget.count()))
            found.extend((name + " tab tooltip", widget.tabToolTip(i)) for i in range(widget.count()))
        if isinstance(widget, QComboBox):
            found.extend((name + " item", widget.itemText(i)) for i in range(widget.count()))
        if isinstance(widget, QListWidget):
            found.extend((name + " item tooltip", widget.item(i).toolTip()) for i in range(widget.count()))
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QListWidget):
            found.extend((name + " header", text) for text in _header_texts(widget))
        if isinstance(widget, QMenu):
            found.append((name + " title", widget.title()))
            found.extend((name + " entry", action.text()) for action in widget.actions())
        found.append((name + " tooltip", widget.toolTip()))
    return [(where, text) for where, text in found if text]


def left_in_english(root: QWidget, users_words: list[str] = (), skip: tuple[QWidget, ...] = (),
                    allowed: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Texts with two English words and no Japanese: left behind once the UI is in Japanese.

    ``users_words`` (names from the library, the student or a model) are removed before looking;
    ``allowed`` texts are kept as they are in every language (the samplers' own names)."""
    suspicious = []
    for where, text in words_of(root, skip):
        if text in allowed:
            continue
        for own in users_words:
            text = text.replace(own, "")
        if ENGLISH_WORDS.search(text) and not JAPANESE.search(text):
            suspicious.append((where, text))
    return suspicious


def japanese_left(root: QWidget, users_words: list[str] = (), skip: tuple[QWidget, ...] = ()) -> list[tuple[str, str]]:
    return [(where, text) for where, text in words_of(root, skip)
            if JAPANESE.search(text) and not any(own in text for own in users_words)]


def switch(qtbot, window, code: str) -> None:
    window.set_language(code)
    qtbot.wait(50)
