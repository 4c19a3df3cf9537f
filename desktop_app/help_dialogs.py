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
            "<p>Conversations are saved after every message. Ctrl+N starts a new one.</p>")
         + translate("HelpDialogs",
            "<p><b>Attention</b>, <b>Layer by layer</b> and <b>Sampling lab</b> look inside the model at the last "
            "reply (or the one you clicked): which earlier tokens each token attends to, head by head; the "
            "model's guess for the next token after each of its layers; and its real probabilities at one step of "
            "the reply, re-shaped live by temperature, top-k and top-p.</p>")),
        (translate("HelpDialogs", "Image"), translate("HelpDialogs",
            "<p>Make pictures with a diffusion model. Describe the picture, choose the steps and the "
            "guidance, and press <b>Generate</b>. The filmstrip shows the denoising steps: drag its slider "
            "to watch noise turn into a picture (the reverse process).</p>"
            "<p><b>Forward process</b> adds noise to any picture, step by step, with the model's own "
            "schedule. <b>Compare settings</b> makes the same picture (same seed) with different steps, "
            "guidance or prompt words. Every picture is kept in the gallery with its settings; "
            "<b>Reuse settings</b> makes it again.</p>")
         + translate("HelpDialogs",
            "<p><b>Families</b> makes the same coloured shape with a VAE, a GAN, a flow and a diffusion model and "
            "times each, and walks through a latent space. <b>Latent space</b> shows the four channels the "
            "diffusion model's VAE turns a picture into, and what its decoder gives back. <b>Images as tokens · "
            "CLIP</b> cuts a picture into the patches a Vision Transformer reads as tokens; with a CLIP model it "
            "also sorts the picture into labels you type (zero-shot) and scores the gallery's pictures against "
            "their prompts.</p>")),
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
            "variant's accuracy. Results are saved and can be exported or copied as a Python script.</p>")
         + translate("HelpDialogs",
            "<p><b>Raw continuation</b> sends the text without the chat template; <b>This model both ways</b> and "
            "<b>Base vs instruct</b> add both kinds of variant side by side (instruction tuning), and the scored "
            "run plots accuracy against the number of parameters. <b>Embeddings</b> turns sentences into "
            "vectors and maps them: sentences with similar meanings land close together.</p>")),
    ]


def labels_help() -> str:
    """What a "generated by" label is and what it can and cannot prove: shown with the Image and Audio help."""
    return translate("HelpDialogs",
        "<h4>“Generated by” labels</h4>"
        "<p>Every picture and sound the app saves carries a label inside the file (PNG text, WAV INFO): the "
        "app and its version, the model, the settings (prompt, seed, steps, guidance, voice…) and the time. "
        "The gallery and the sound stage show it.</p>"
        "<p>What it can and cannot prove: a label says what this app recorded, nothing more. Anyone can "
        "remove it (a screenshot or re-saving drops it) or write a false one with a text editor. It is not a "
        "watermark hidden in the pixels or the sound. So a label is a clue, not proof, and a file "
        "<b>without</b> a label proves nothing: it may still be generated. Checking where a picture or a "
        "sound comes from needs other evidence — the source, the context, other reports.</p>")


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
    if title in (translate("HelpDialogs", "Image"), translate("HelpDialogs", "Audio")):
        body += labels_help()  # the pages that make pictures and sounds say what their labels prove
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
