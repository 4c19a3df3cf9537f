"""The window's menus: File · Edit · View · Models · Help, with the shortcuts desktop users expect.

Every action calls something a tab or the window already does (new chat, add a model folder, switch
tab, switch language); the menus add discoverability and keyboard access, not behaviour of their own.
The menus are built once and their words set by ``_retranslate``, so a language switch renames them
in place (shortcuts and checked states stay).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMenuBar, QWidget

from desktop_app.help_dialogs import show_about, show_help, show_shortcuts
from desktop_app.i18n.languages import LANGUAGES, current_language
from desktop_app.i18n.retranslate import keep_translated


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


EDIT_ACTIONS = (("undo", QKeySequence.StandardKey.Undo), ("redo", QKeySequence.StandardKey.Redo),
                ("cut", QKeySequence.StandardKey.Cut), ("copy", QKeySequence.StandardKey.Copy),
                ("paste", QKeySequence.StandardKey.Paste), ("selectAll", QKeySequence.StandardKey.SelectAll))


class AppMenuBar(QMenuBar):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        paths = window.paths

        self.file_menu = self.addMenu("")
        self.new_chat_action = self._action(self.file_menu, window.new_chat, QKeySequence.StandardKey.New)
        self.work_folder_action = self._action(self.file_menu, lambda: _open_folder(paths.data_dir))
        self.clear_action = self._action(self.file_menu, window.clear_for_next_group, QKeySequence("Ctrl+Shift+L"))
        self.file_menu.addSeparator()
        self.export_pack_action = self._action(self.file_menu, window.library.open_export_dialog)
        self.import_pack_action = self._action(self.file_menu, window.library.open_import_dialog)
        self.share_action = self._action(self.file_menu, lambda: window.class_mode.open_share_dialog())
        self.file_menu.addSeparator()
        self.quit_action = self._action(self.file_menu, window.close, QKeySequence("Ctrl+Q"))

        self.edit_menu = self.addMenu("")
        self.edit_actions = []
        for method, key in EDIT_ACTIONS:
            action = self._action(self.edit_menu, _send_to_focus(method), key)
            # the focused text field handles the key itself; the menu entry is for the mouse
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.edit_actions.append(action)

        self.view_menu = self.addMenu("")
        self.tab_actions = [self._action(self.view_menu, lambda _=False, i=index: window.tabs.setCurrentIndex(i),
                                         QKeySequence(f"Ctrl+{index + 1}"))
                            for index in range(window.tabs.count())]
        self.view_menu.addSeparator()
        presentation = window.presentation
        self.presentation_action = self._action(self.view_menu, presentation.set_active)
        self.presentation_action.setCheckable(True)
        self.presentation_action.setShortcuts([QKeySequence("F11"), QKeySequence("Ctrl+Shift+P")])
        self.zoom_in_action = self._action(self.view_menu, presentation.zoom_in)
        self.zoom_in_action.setShortcuts([QKeySequence.StandardKey.ZoomIn, QKeySequence("Ctrl+=")])
        self.zoom_out_action = self._action(self.view_menu, presentation.zoom_out, QKeySequence.StandardKey.ZoomOut)
        self.zoom_reset_action = self._action(self.view_menu, presentation.reset_zoom, QKeySequence("Ctrl+0"))
        presentation.changed.connect(lambda: self.presentation_action.setChecked(presentation.active))
        self.view_menu.addSeparator()
        self.language_menu = QMenu(self.view_menu)
        self.view_menu.addMenu(self.language_menu)
        self.language_actions = self._language_actions(window)

        self.models_menu = self.addMenu("")
        self.models_window_action = self._action(self.models_menu, lambda: window.library.open_models_window())
        self.models_menu.addSeparator()
        self.add_folder_action = self._action(self.models_menu, lambda: window.current_model_picker()._choose_folder())
        self.rescan_action = self._action(
            self.models_menu, lambda: (picker := window.current_model_picker()).refresh(picker.current_model_id()))
        self.models_folder_action = self._action(self.models_menu, lambda: _open_folder(paths.models_dir))

        self.help_menu = self.addMenu("")
        self.help_action = self._action(self.help_menu, lambda: show_help(window, window.tabs.currentIndex()),
                                        QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action = self._action(self.help_menu, lambda: show_shortcuts(window))
        self.about_action = self._action(self.help_menu, lambda: show_about(window, paths))
        keep_translated(self, self._retranslate)

    def _language_actions(self, window) -> dict[str, QAction]:
        """One checkable entry per language, each named in its own language (日本語 stays 日本語)."""
        group = QActionGroup(self)
        actions = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == current_language())
            action.triggered.connect(lambda _=False, c=code: window.set_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            actions[code] = action
        return actions

    def _retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.new_chat_action.setText(self.tr("&New chat"))
        self.work_folder_action.setText(self.tr("Open my &work folder"))
        self.clear_action.setText(self.tr("C&lear the screen for the next group"))
        self.clear_action.setToolTip(self.tr("Empties the tab in front; everything stays saved and can be opened again"))
        self.export_pack_action.setText(self.tr("&Export classroom pack…"))
        self.import_pack_action.setText(self.tr("&Import classroom pack…"))
        self.share_action.setText(self.tr("S&hare this model with the class…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        for action, text in zip(self.edit_actions, (self.tr("&Undo"), self.tr("&Redo"), self.tr("Cu&t"),
                                                    self.tr("&Copy"), self.tr("&Paste"), self.tr("Select &all"))):
            action.setText(text)
        self.view_menu.setTitle(self.tr("&View"))
        for index, action in enumerate(self.tab_actions):
            action.setText(self.window_.tabs.tabText(index))
        self.presentation_action.setText(self.tr("&Presentation mode"))
        self.zoom_in_action.setText(self.tr("Zoom &in"))
        self.zoom_out_action.setText(self.tr("Zoom &out"))
        self.zoom_reset_action.setText(self.tr("&Actual size"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.language_actions[current_language()].setChecked(True)
        self.models_menu.setTitle(self.tr("&Models"))
        self.models_window_action.setText(self.tr("&Models window…"))
        self.add_folder_action.setText(self.tr("Add a model &folder…"))
        self.rescan_action.setText(self.tr("&Rescan models"))
        self.models_folder_action.setText(self.tr("Open the &models folder"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.help_action.setText(self.tr("&Help for this tab"))
        self.shortcuts_action.setText(self.tr("&Keyboard shortcuts"))
        self.about_action.setText(self.tr("&About GenAI Classroom"))

    def _action(self, menu, slot, shortcut=None) -> QAction:
        action = QAction(self.window_)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(shortcut)
        menu.addAction(action)
        self.window_.addAction(action)  # shortcuts work whichever widget has the focus
        return action
