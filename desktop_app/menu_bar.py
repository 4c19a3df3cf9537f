"""The window's menus: File · Edit · View · Models · Help, with the shortcuts desktop users expect.

Every action calls something a tab or the window already does (new chat, add a model folder, switch
tab); the menus add discoverability and keyboard access, not behaviour of their own. Language and
presentation items belong in View when they arrive.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenuBar, QWidget

from desktop_app.help_dialogs import show_about, show_help


def _open_folder(path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _send_to_focus(method: str):
    """Edit actions act on whatever text field has the keyboard focus, as in every desktop app."""
    def act() -> None:
        widget = QApplication.focusWidget()
        if widget is not None and hasattr(widget, method):
            getattr(widget, method)()
    return act


class AppMenuBar(QMenuBar):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        paths = window.paths

        file_menu = self.addMenu(self.tr("&File"))
        self.new_chat_action = self._action(file_menu, self.tr("&New chat"), window.new_chat,
                                            QKeySequence.StandardKey.New)
        self._action(file_menu, self.tr("Open my &work folder"), lambda: _open_folder(paths.data_dir))
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, self.tr("&Quit"), window.close, QKeySequence("Ctrl+Q"))

        edit_menu = self.addMenu(self.tr("&Edit"))
        for text, method, key in ((self.tr("&Undo"), "undo", QKeySequence.StandardKey.Undo),
                                  (self.tr("&Redo"), "redo", QKeySequence.StandardKey.Redo),
                                  (self.tr("Cu&t"), "cut", QKeySequence.StandardKey.Cut),
                                  (self.tr("&Copy"), "copy", QKeySequence.StandardKey.Copy),
                                  (self.tr("&Paste"), "paste", QKeySequence.StandardKey.Paste),
                                  (self.tr("Select &all"), "selectAll", QKeySequence.StandardKey.SelectAll)):
            action = self._action(edit_menu, text, _send_to_focus(method))
            action.setShortcut(key)
            # the focused text field handles the key itself; the menu entry is for the mouse
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        view_menu = self.addMenu(self.tr("&View"))
        self.tab_actions = []
        for index in range(window.tabs.count()):
            action = self._action(view_menu, window.tabs.tabText(index),
                                  lambda _=False, i=index: window.tabs.setCurrentIndex(i),
                                  QKeySequence(f"Ctrl+{index + 1}"))
            self.tab_actions.append(action)
        self.view_menu = view_menu

        models_menu = self.addMenu(self.tr("&Models"))
        self.add_folder_action = self._action(models_menu, self.tr("Add a model &folder…"),
                                              lambda: window.current_model_picker()._choose_folder())
        self._action(models_menu, self.tr("&Rescan models"),
                     lambda: (picker := window.current_model_picker()).refresh(picker.current_model_id()))
        self._action(models_menu, self.tr("Open the &models folder"), lambda: _open_folder(paths.models_dir))

        help_menu = self.addMenu(self.tr("&Help"))
        self.help_action = self._action(help_menu, self.tr("&Help for this tab"),
                                        lambda: show_help(window, window.tabs.currentIndex()),
                                        QKeySequence.StandardKey.HelpContents)
        self.about_action = self._action(help_menu, self.tr("&About GenAI Classroom"),
                                         lambda: show_about(window, paths))

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self.window_)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
        menu.addAction(action)
        self.window_.addAction(action)  # shortcuts work whichever widget has the focus
        return action
