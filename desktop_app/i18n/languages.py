"""Which language the UI speaks, chosen at start and switchable while the app runs.

English is the source language of every string, so "en" means *no* translator. Japanese installs two:
the app's own (``resources/translations/genai_classroom_ja.qm``, compiled from the ``.ts`` by
``scripts/translations.py``) and Qt's (``qtbase_ja.qm``: the buttons of message boxes and file dialogs,
the text fields' context menus). Installing or removing a translator makes Qt send ``LanguageChange``
to every widget, which is what ``keep_translated`` listens for: no restart is needed.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from model_backend.core.paths import resources_dir

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
# code → the language's own name, as a language menu shows it (a Japanese reader looks for 日本語)
LANGUAGES: dict[str, str] = {"en": "English", "ja": "日本語"}
CATALOGUE_NAME = "genai_classroom"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def system_language() -> str:
    """The language the computer is set to, if the app speaks it; English otherwise."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def chosen_language(saved: str) -> str:
    """The saved choice, or the system's language at first start ("" = follow the system)."""
    return saved if saved in LANGUAGES else system_language()


TRANSLATOR_NAME = "genai-classroom-translator"


def current_language(app: QCoreApplication | None = None) -> str:
    """The language now installed: read from the application itself, so every window agrees."""
    app = app or QCoreApplication.instance()
    for translator in app.findChildren(QTranslator, TRANSLATOR_NAME):
        if translator.language():
            return translator.language().replace("_", "-").split("-")[0]
    return SOURCE_LANGUAGE


def use_language(code: str, app: QCoreApplication | None = None) -> bool:
    """Switch the whole UI to ``code``; False (and the language in use kept) when its catalogue is missing.

    The translators are children of the application, found again by name, so a switch made from any
    window (or from the start-up code before a window exists) replaces whatever was installed."""
    app = app or QCoreApplication.instance()
    if code not in LANGUAGES:
        code = SOURCE_LANGUAGE
    translators = [] if code == SOURCE_LANGUAGE else _load(app, code)
    if code != SOURCE_LANGUAGE and not translators:
        return False
    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
        if old not in translators:
            app.removeTranslator(old)
            old.deleteLater()
            old.setObjectName("")
    for new in translators:
        app.installTranslator(new)
    QLocale.setDefault(QLocale(code))
    return True


def _load(app: QCoreApplication, code: str) -> list[QTranslator]:
    app_catalogue = QTranslator(app)
    if not app_catalogue.load(f"{CATALOGUE_NAME}_{code}", str(translations_dir())):
        log.warning("no %s translation in %s", code, translations_dir())
        app_catalogue.deleteLater()
        return []
    loaded = [app_catalogue]
    qt_catalogue = QTranslator(app)
    if qt_catalogue.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        loaded.append(qt_catalogue)
    else:
        qt_catalogue.deleteLater()
    for translator in loaded:
        translator.setObjectName(TRANSLATOR_NAME)
    return loaded
