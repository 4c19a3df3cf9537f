"""Two copies of the app at once on the same user folders: every write is a whole file under a unique
name (or an atomic replace), so neither copy ever reads half a file or loses the other's work."""
from __future__ import annotations

import multiprocessing
from pathlib import Path

import numpy as np
import soundfile

from model_backend.audio.audio_io import unique_file_name, write_wav_atomic
from model_backend.chat.conversations import ChatMessage, Conversation, ConversationStore
from model_backend.core.settings import Settings

ROUNDS = 25


def _one_copy(home: str, name: str, failures) -> None:
    """What a running copy does: autosave chats, save settings, save audio, and list the others' chats."""
    root = Path(home)
    store = ConversationStore(root / "chats")
    try:
        conversation = Conversation(title=name)
        for round_ in range(ROUNDS):
            conversation.messages.append(ChatMessage("user", f"{name} says {round_}"))
            store.save(conversation)
            store.save(Conversation(title=f"{name}-{round_}"))
            settings = Settings()
            settings.system_prompt = f"{name} {round_}"
            settings.save(root / "settings.json")
            write_wav_atomic(root / "audio" / unique_file_name("speech"), np.zeros(800, np.float32), 8000)
            store.load_all()  # must never meet a half-written file
            Settings.load(root / "settings.json")
    except Exception as exc:  # noqa: BLE001 - reported to the parent process
        failures.put(f"{name}: {type(exc).__name__}: {exc}")


def test_two_copies_writing_at_once_keep_user_data_consistent(tmp_path):
    context = multiprocessing.get_context("spawn")
    failures = context.Queue()
    copies = [context.Process(target=_one_copy, args=(str(tmp_path), name, failures)) for name in ("A", "B")]
    for copy in copies:
        copy.start()
    for copy in copies:
        copy.join(120)
        assert copy.exitcode == 0
    assert failures.empty(), failures.get()
    conversations = ConversationStore(tmp_path / "chats").load_all()
    titles = {c.title for c in conversations}
    assert len(conversations) == 2 + 2 * ROUNDS and {"A", "B"} <= titles
    assert all(len(c.messages) == ROUNDS for c in conversations if c.title in ("A", "B"))
    wavs = list((tmp_path / "audio").glob("*.wav"))
    assert len(wavs) == 2 * ROUNDS and all(soundfile.info(w).frames == 800 for w in wavs)
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert Settings.load(tmp_path / "settings.json").system_prompt in {f"A {ROUNDS - 1}", f"B {ROUNDS - 1}"}
