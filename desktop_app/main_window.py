"""The main window: tabs plus the status bar; owns saving and a prompt, non-blocking quit."""
from __future__ import annotations

import logging

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QSizePolicy, QTabWidget

from desktop_app.audio.audio_tab import AudioTab
from desktop_app.chat.chat_tab import ChatTab
from desktop_app.class_mode.class_mode import ClassMode
from desktop_app.controller import BackendController
from desktop_app.i18n.languages import chosen_language, use_language
from desktop_app.i18n.retranslate import keep_translated
from desktop_app.image.image_tab import ImageTab
from desktop_app.library.model_library import ModelLibrary
from desktop_app.menu_bar import AppMenuBar
from desktop_app.presentation import Presentation
from desktop_app.prompt_lab.prompt_tab import PromptTab
from desktop_app.status_bar import AppStatusBar
from desktop_app.version import APP_VERSION
from desktop_app.widgets.model_picker import ModelPicker
from desktop_app.widgets.screen_fit import resize_within_screen
from desktop_app.widgets.scrolling import scrolling
from model_backend.chat.conversations import ConversationStore
from model_backend.core.paths import AppPaths, resources_dir
from model_backend.core.registry import ModelRegistry
from model_backend.core.settings import Settings
from model_backend.image.gallery import Gallery
from model_backend.prompt_lab.experiment import ExperimentStore
from model_backend.prompt_lab.techniques import TechniqueLibrary

log = logging.getLogger(__name__)

QUIT_BOUND_MS = 8000
FRAME_ALLOWANCE = 40  # px for a title bar and borders before the window manager says how big they are


def default_backend_factory(paths: AppPaths):
    """Makes the backend on its thread, sharing the window's registry (so folders added later are seen)."""
    def make(registry: ModelRegistry):
        from model_backend.engine import Backend  # torch stays unimported until a job needs it

        return Backend(paths, registry)

    return make


class MainWindow(QMainWindow):
    ready_to_quit = Signal()  # state saved and backend stopped (or the bound ran out)

    def __init__(self, paths: AppPaths, settings: Settings | None = None, backend_factory=None,
                 registry: ModelRegistry | None = None, preload: bool = True) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings or Settings.load(paths.settings_file)
        use_language(chosen_language(self.settings.language))  # before any widget asks for its words
        self.registry = registry or ModelRegistry(paths, self.settings.added_model_paths)
        self.registry.folder_added = self._remember_added_folder
        factory = backend_factory or default_backend_factory(paths)
        self.controller = BackendController(lambda: factory(self.registry), self)
        self._size_for_screen()
        self.status = AppStatusBar(self)
        self.setStatusBar(self.status)
        self.tabs = QTabWidget(self)
        # zoomed for a projector (up to 250 %), a tab that needs more room than the screen has scrolls
        # instead of pushing the window off the screen; at 100 % every tab fits 1280×720 unscrolled
        self.setCentralWidget(scrolling(self.tabs, self))
        self.chat_tab = ChatTab(self.controller, self.registry, ConversationStore(paths.chats_dir),
                                self.settings, preload=preload, parent=self)
        self.tabs.addTab(self.chat_tab, "")
        self.image_tab = ImageTab(self.controller, self.registry, Gallery(paths.images_dir), self.settings, parent=self)
        self.tabs.addTab(self.image_tab, "")
        self.audio_tab = AudioTab(self.controller, self.registry, paths, parent=self)
        self.tabs.addTab(self.audio_tab, "")
        self.prompt_tab = PromptTab(self.controller, self.registry,
                                    TechniqueLibrary(resources_dir() / "prompts", paths.data_dir / "prompt-library.json"),
                                    ExperimentStore(paths.data_dir / "experiments"),
                                    default_model_id=self.settings.chat_model_id, parent=self)
        self.tabs.addTab(self.prompt_tab, "")
        keep_translated(self, self._retranslate)
        self.tabs.currentChanged.connect(self._size_to_current_tab)
        self._size_to_current_tab(self.tabs.currentIndex())
        # the Models window, classroom packs and their own backend thread (downloads never hold a reply back)
        self.library = ModelLibrary(self, lambda: factory(self.registry))
        self.library.connect_pickers()
        self.class_mode = ClassMode(self)  # class mode: connect to a class server, share a model with the room
        self.class_mode.connect_pickers()
        self.class_mode.reconnect_remembered()
        self.library.stopped.connect(self._on_backend_stopped)
        self.presentation = Presentation(self, self.settings.zoom)
        self.presentation.changed.connect(self._remember_zoom)
        self.menu = AppMenuBar(self)
        self.setMenuBar(self.menu)
        self.controller.device_status_changed.connect(self.status.show_device)
        for picker in self.findChildren(ModelPicker):  # the status bar names the model in view
            picker.model_in_view.connect(self.status.follow_model)
        self.chat_tab.speed_measured.connect(self.status.show_speed)
        self.chat_tab.settings_changed.connect(self.save_settings)
        self.image_tab.settings_changed.connect(self.save_settings)
        self.controller.stopped.connect(self._on_backend_stopped)
        self._quitting = False

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("GenAI Classroom {version}").format(version=APP_VERSION))
        for index, title in enumerate((self.tr("Chat"), self.tr("Image"), self.tr("Audio"),
                                       self.tr("Prompt engineering"))):
            self.tabs.setTabText(index, title)

    @Slot(int)
    def _size_to_current_tab(self, current: int) -> None:
        """Only the tab in front asks for room: a tab widget otherwise needs the widest of all its tabs,
        so zoomed in, the Chat tab would scroll sideways because the Image tab is wide."""
        for index in range(self.tabs.count()):
            policy = QSizePolicy.Policy.Preferred if index == current else QSizePolicy.Policy.Ignored
            self.tabs.widget(index).setSizePolicy(policy, policy)
        self.tabs.updateGeometry()

    @Slot(str)
    def set_language(self, code: str) -> None:
        """Switch the UI's language now (every widget retranslates itself) and remember it."""
        if use_language(code):
            self.settings.language = code
            self.save_settings()

    @Slot()
    def _remember_zoom(self) -> None:
        if self.settings.zoom != self.presentation.zoom:
            self.settings.zoom = self.presentation.zoom
            self.save_settings()

    @Slot()
    def clear_for_next_group(self) -> None:
        """Empty the tab in front for the next group of students; their work stays saved on disk."""
        tab = self.tabs.currentWidget()
        if hasattr(tab, "clear_for_next_group"):
            tab.clear_for_next_group()

    def _size_for_screen(self) -> None:
        """1200×760 where there is room; never bigger than the screen (classroom laptops: 1280×720).

        The title bar and borders are the window manager's and are only known once the window is shown,
        so a first guess leaves room for them and ``_fit_frame_on_screen`` corrects it after the show."""
        resize_within_screen(self, 1200, 760, FRAME_ALLOWANCE)

    @Slot()
    def _fit_frame_on_screen(self) -> None:
        screen = self.screen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        available, frame = screen.availableGeometry(), self.frameGeometry()
        too_wide, too_tall = frame.width() - available.width(), frame.height() - available.height()
        if too_wide > 0 or too_tall > 0:
            self.resize(self.width() - max(0, too_wide), self.height() - max(0, too_tall))
        frame = self.frameGeometry()
        if not available.contains(frame):
            self.move(max(available.left(), min(frame.left(), available.right() - frame.width() + 1)),
                      max(available.top(), min(frame.top(), available.bottom() - frame.height() + 1)))

    # ---- what the menus ask for ------------------------------------------------------------
    @Slot()
    def new_chat(self) -> None:
        self.tabs.setCurrentWidget(self.chat_tab)
        self.chat_tab.new_conversation()

    def current_model_picker(self):
        """The model picker of the tab (or audio page) in front: what Models › Add a model folder adds to."""
        return self.tabs.currentWidget().model_picker

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.chat_tab.window_shown:  # let the window paint first, then start heavy work
            QTimer.singleShot(150, self.chat_tab.start_background_work)
            QTimer.singleShot(100, self._fit_frame_on_screen)  # the title bar is known now

    def _remember_added_folder(self, path: str) -> None:
        """A model folder or file added from any tab is offered again at the next start."""
        if path not in self.settings.added_model_paths:
            self.settings.added_model_paths.append(path)
        self.save_settings()

    @Slot()
    def save_settings(self) -> None:
        try:
            self.settings.save(self.paths.settings_file)
        except OSError as exc:
            log.warning("could not save settings: %s", exc)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save, cancel the job in flight, and let the backend stop without blocking the GUI thread."""
        if not self._quitting:
            self._quitting = True
            self.chat_tab.save_for_quit()
            self.prompt_tab.save_for_quit()
            self.image_tab.save_for_quit()
            self.audio_tab.save_for_quit()
            self.save_settings()
            self.presentation.restore()
            self.controller.shutdown()
            self.library.shutdown()
            QTimer.singleShot(QUIT_BOUND_MS, self._give_up_waiting)
        if self.controller.is_stopped() and self.library.is_stopped():
            event.accept()
            self.ready_to_quit.emit()
        else:
            event.ignore()
            self.hide()

    @Slot()
    def _on_backend_stopped(self) -> None:
        if self._quitting:
            self.close()

    @Slot()
    def _give_up_waiting(self) -> None:
        if not (self.controller.is_stopped() and self.library.is_stopped()):
            log.warning("the backend did not stop within %d ms; quitting anyway", QUIT_BOUND_MS)
            self.ready_to_quit.emit()
