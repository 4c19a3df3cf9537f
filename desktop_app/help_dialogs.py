"""Help (F1) for the tab in front, and the About box: version, licences, where the user's work is kept.

Both work offline: the help is in the app (translated with the rest of the UI), and the licence list
is the THIRD_PARTY.md shipped beside the app.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop_app.version import APP_VERSION
from model_backend.core.paths import AppPaths, resources_dir

translate = QCoreApplication.translate  # every call below names a literal, so lupdate collects it


def tab_help() -> list[tuple[str, str]]:
    """(title, body as simple HTML) per tab, in the order of the window's tabs."""
    return [
        (translate("HelpDialogs", "Chat"), translate("HelpDialogs",
            "<p>Talk to a language model that runs on this computer. Type a message and press Enter "
            "(Shift+Enter adds a line). <b>Stop</b> (or Esc) ends the reply and keeps what was written.</p>"
            "<p><b>Next token</b>: click any word of a reply to see the probabilities the model gave its "
            "strongest candidates at that step — next-token prediction, shown on the real model. "
            "<b>Prompt tokens</b> shows the exact text the model reads, chat template included, split into "
            "its tokens. <b>Settings</b>: temperature, top-p, top-k, seed (the same seed gives the same "
            "reply), maximum length and the system prompt.</p>"
            "<p>Conversations are saved after every message. Ctrl+N starts a new one.</p>")),
        (translate("HelpDialogs", "Image"), translate("HelpDialogs",
            "<p>Make pictures with a diffusion model. Describe the picture, choose the steps and the "
            "guidance, and press <b>Generate</b>. The filmstrip shows the denoising steps: drag its slider "
            "to watch noise turn into a picture (the reverse process).</p>"
            "<p><b>Forward process</b> adds noise to any picture, step by step, with the model's own "
            "schedule. <b>Compare settings</b> makes the same picture (same seed) with different steps, "
            "guidance or prompt words. Every picture is kept in the gallery with its settings; "
            "<b>Reuse settings</b> makes it again.</p>")),
        (translate("HelpDialogs", "Audio"), translate("HelpDialogs",
            "<p><b>Speech to text</b>: open a sound file or record, then transcribe or translate it with "
            "Whisper. The log-mel picture is what the model actually reads. Click a segment to hear it. "
            "<b>Text to speech</b> speaks your text (the phonemes it read are shown); <b>Text to music</b> "
            "needs a music model in your models folder.</p>"
            "<p>The stage on the right shows the waveform and spectrogram of the current sound; click it to "
            "play from that point. Recordings are saved as you speak.</p>")),
        (translate("HelpDialogs", "Prompt engineering"), translate("HelpDialogs",
            "<p>Pick a technique from the library (zero-shot, few-shot, chain of thought, role play…) or "
            "write your own with {{variables}}. The preview shows the exact prompt and its tokens.</p>"
            "<p><b>Side by side</b> runs several variants with one seed, so only the prompt differs. "
            "<b>Scored run</b> runs every row of a test table and checks each answer, then shows each "
            "variant's accuracy. Results are saved and can be exported or copied as a Python script.</p>")),
    ]


def _show_text(parent: QWidget, title: str, html: str, markdown: str = "") -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    browser = QTextBrowser(dialog)
    browser.setOpenExternalLinks(False)
    browser.setHtml(html)
    if markdown:
        browser.append("")
        cursor = browser.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertMarkdown(markdown)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser, 1)
    layout.addWidget(buttons)
    dialog.resize(min(640, parent.width()), min(520, parent.height()))
    dialog.setModal(False)
    dialog.show()
    return dialog


def show_help(parent: QWidget, tab_index: int) -> QDialog:
    pages = tab_help()
    title, body = pages[tab_index] if 0 <= tab_index < len(pages) else pages[0]
    return _show_text(parent, translate("HelpDialogs", "Help: {tab}").format(tab=title), f"<h3>{title}</h3>{body}")


def shortcuts() -> list[tuple[str, str]]:
    """(keys, what they do), as the menus and tabs define them."""
    return [
        ("Ctrl+N", translate("HelpDialogs", "New chat")),
        ("Enter / Shift+Enter", translate("HelpDialogs", "Send the message / start a new line (Chat)")),
        ("Esc", translate("HelpDialogs", "Stop the reply (Chat)")),
        ("Ctrl+1 … Ctrl+4", translate("HelpDialogs", "Chat, Image, Audio, Prompt engineering")),
        ("F11 / Ctrl+Shift+P", translate("HelpDialogs", "Presentation mode on or off")),
        ("Ctrl++ / Ctrl+− / Ctrl+0", translate("HelpDialogs", "Larger text / smaller text / actual size")),
        ("Ctrl+Shift+L", translate("HelpDialogs", "Clear the screen for the next group")),
        ("F1", translate("HelpDialogs", "Help for the tab in front")),
        ("Ctrl+Q", translate("HelpDialogs", "Quit (everything is saved)")),
    ]


def show_shortcuts(parent: QWidget) -> QDialog:
    rows = "".join(f"<tr><td style='padding-right:16px'><b>{keys}</b></td><td>{what}</td></tr>" for keys, what in shortcuts())
    title = translate("HelpDialogs", "Keyboard shortcuts")
    return _show_text(parent, title, f"<h3>{title}</h3><table>{rows}</table>")


def third_party_notice() -> str:
    """THIRD_PARTY.md as shipped (beside ``resources/`` in a checkout and in the packaged app)."""
    path = resources_dir().parent / "THIRD_PARTY.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return translate("HelpDialogs",
                         "The list of bundled libraries and models (THIRD_PARTY.md) is missing from this installation.")


def show_about(parent: QWidget, paths: AppPaths) -> QDialog:
    html = translate("HelpDialogs",
        "<h3>GenAI Classroom {version}</h3>"
        "<p>Run generative-AI models on this computer, offline, and see how they work.</p>"
        "<p>Licence: GNU General Public License, version 3 or later. Models and libraries keep their own "
        "licences, listed below; a model marked non-commercial may not be used commercially.</p>"
        "<p>Your work (conversations, pictures, sounds, experiments): <code>{data}</code><br>"
        "Your models: <code>{models}</code><br>Settings: <code>{config}</code></p>").format(
        version=APP_VERSION, data=paths.data_dir, models=paths.models_dir, config=paths.config_dir)
    return _show_text(parent, translate("HelpDialogs", "About GenAI Classroom"), html, third_party_notice())
