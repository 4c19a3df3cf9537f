"""The new pages read whole at 150 % in Japanese on a classroom laptop (1280×720: the window's first size is
1200×680), the case found in screenshots: no explanation shorter than its wrapped text, so no line is cut off."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.prompt_lab.prompt_tab import PromptPage
from model_backend.core.messages import msg
from model_backend.prompt_lab.language_fit import LanguageFit, LanguageSupport

FIRST_SIZE = (1200, 680)  # MainWindow._size_for_screen on a 1280×720 screen


def cut_labels(root: QWidget) -> list[tuple[str, int, int]]:
    """(text, height, height its text needs) for each shown word-wrapped label too short for its lines."""
    cut = []
    for label in root.findChildren(QLabel):
        if label.isVisibleTo(root) and label.wordWrap() and label.text():
            needed = label.heightForWidth(label.width())
            if label.height() < needed:
                cut.append((label.text()[:40], label.height(), needed))
    return cut


def test_side_by_side_lesson_is_whole_under_the_language_warning(qtbot, open_window):
    window = open_window(language="ja", zoom=1.5)
    window.resize(*FIRST_SIZE)
    tab = window.prompt_tab
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentIndex(PromptPage.SIDE_BY_SIDE)
    qtbot.wait(50)
    # SmolLM2 with a Japanese technique: the warning's two sentences stand above every page
    tab.fit_warning.fit = LanguageFit(LanguageSupport.UNSUPPORTED,
                                      msg("{model} is a {family} model, trained on English text only, so it cannot really read or "
                                          "write {language}.", model="SmolLM2-135M-Instruct (GGUF Q4_1)",
                                          family="SmolLM2", language=msg("Japanese")))
    tab.fit_warning._retranslate()
    window.resize(*FIRST_SIZE)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == FIRST_SIZE and tab.side_by_side.isVisible(), timeout=5000)
    qtbot.wait(50)
    side = tab.side_by_side
    assert tab.fit_warning.isVisible() and side.tuning_lesson.height() > 0
    assert cut_labels(side) == []
    lesson = side.tuning_lesson
    assert lesson.height() >= lesson.heightForWidth(lesson.width()) > lesson.fontMetrics().height() * 2
    assert side.run_button.isVisible() and side.run_button.mapTo(side, side.run_button.rect().topRight()).x() <= side.width()


def test_image_tab_pages_fit_the_window_without_scrolling_sideways(qtbot, open_window):
    """Families, Latent space and Images as tokens at 150 % in Japanese: the Image tab's form beside them is
    wide in Japanese, so a page that asks for more width pushes the whole tab into a sideways scroll."""
    window = open_window(language="ja", zoom=1.5)
    tab = window.image_tab
    window.tabs.setCurrentWidget(tab)
    central = window.centralWidget()
    for page in (tab.families, tab.latent_space, tab.vision):
        tab.pages.setCurrentWidget(page)
        qtbot.wait(50)
        room = FIRST_SIZE[0] - 2 * central.frameWidth()  # the window's width less the scroll area's frame
        assert window.tabs.minimumSizeHint().width() <= room, type(page).__name__
        assert cut_labels(page) == []


def test_larger_attention_window_keeps_its_token_labels_at_150_percent(qtbot, open_window):
    """The 'Open larger' window exists to show every token's label; at 150 % its cells must grow with the text."""
    from desktop_app.chat.chat_side_panel import SidePage
    from tests.gui.conftest import send, wait_idle

    window = open_window(language="ja", zoom=1.5)
    tab = window.chat_tab
    send(qtbot, tab, "Hello")
    wait_idle(qtbot, tab)
    view = tab.side_panel.attention_view
    tab.side_panel.show_page(SidePage.ATTENTION)
    view.run()
    qtbot.waitUntil(lambda: view.result is not None and not view.job.busy, timeout=30000)
    view.open_larger()
    heatmap = view.larger.heatmap
    n = len(view.result.exchange.tokens)
    assert heatmap.cell >= heatmap.fontMetrics().height()
    rect = heatmap.map_rect()
    assert rect.left() > 0 and rect.top() > 0  # room kept for the labels down the left and across the top
    assert rect.height() == n * heatmap.cell
    view.larger.close()


def test_help_names_the_new_pages_by_their_own_titles_in_both_languages(qtbot, open_window):
    """Help › Help for this tab names the look-inside pages, the Image tab's new pages and the Prompt tab's new
    switches with the exact words their tabs and buttons show, in English and in Japanese."""
    import re

    from desktop_app.chat.chat_side_panel import LOOK_INSIDE_PAGES
    from desktop_app.help_dialogs import tab_help

    window = open_window(language="ja")
    for language in ("ja", "en"):
        window.set_language(language)
        qtbot.wait(20)
        bodies = [re.sub(r"<[^>]+>", "", body) for _title, body in tab_help()]
        side, image, side_by_side = window.chat_tab.side_panel, window.image_tab, window.prompt_tab.side_by_side
        chat_words = [side.tabText(page) for page in LOOK_INSIDE_PAGES]
        image_words = [image.pages.tabText(image.pages.indexOf(page))
                       for page in (image.families, image.latent_space, image.vision)]
        prompt_words = [side_by_side.both_ways_button.text(), side_by_side.base_instruct_button.text()]
        for body, words in ((bodies[0], chat_words), (bodies[1], image_words), (bodies[3], prompt_words)):
            missing = [word for word in words if word.replace("&", "") not in body]
            assert missing == [], (language, missing)
