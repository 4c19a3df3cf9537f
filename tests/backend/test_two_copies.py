"""Two copies of the app at once on the same user folders: every write is a whole file under a unique
name (or an atomic replace), so neither copy ever reads half a file or loses the other's work."""
from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import numpy as np
import pytest
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


# ---- the same conversation open in two copies ----------------------------------------------------
CONVERSATION_ROUNDS = 12


def _write_version_1_conversation(folder: Path) -> str:
    """A conversation file as the app wrote it before messages had ids (format_version 1)."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    data = {"format_version": 1, "id": "shared", "title": "", "created": 1.0, "updated": 1.0,
            "system_prompt": "Be brief.", "model_id": "path:/m",
            "messages": [{"role": "user", "content": "hello", "created": 1.0},
                         {"role": "assistant", "content": "hi", "created": 2.0}]}
    (folder / "shared.json").write_text(json.dumps(data), encoding="utf-8")
    return "shared"


def _chat_in_shared_conversation(home: str, name: str, start, failures) -> None:
    """One copy with the shared conversation open: questions and replies, saved after each, and one
    regenerated reply (the first reply is removed, as the Chat tab's Regenerate does)."""
    import random

    try:
        store = ConversationStore(Path(home) / "chats")
        (conversation,) = store.load_all()
        start.wait(30)
        for round_ in range(CONVERSATION_ROUNDS):
            conversation.messages.append(ChatMessage("user", f"{name} q{round_}"))
            store.save(conversation)
            time.sleep(random.random() * 0.01)
            conversation.messages.append(ChatMessage("assistant", f"{name} a{round_}"))
            store.save(conversation)
            if round_ == 3 and name == "A":  # Regenerate: the last reply is replaced
                assert conversation.messages[-1].content == "A a3"
                conversation.messages.pop()
                conversation.messages.append(ChatMessage("assistant", "A a3 again"))
                store.save(conversation)
    except Exception as exc:  # noqa: BLE001 - reported to the parent process
        failures.put(f"{name}: {type(exc).__name__}: {exc}")


def _run_copies(target, args_for) -> None:
    """Start one process per copy name, wait for both, and fail with what a copy reported."""
    context = multiprocessing.get_context("spawn")
    failures = context.Queue()
    start = context.Barrier(2)
    copies = [context.Process(target=target, args=(*args_for(name), start, failures)) for name in ("A", "B")]
    for copy in copies:
        copy.start()
    for copy in copies:
        copy.join(60)
    reported = []
    while not failures.empty():
        reported.append(failures.get())
    assert not reported, reported
    assert [copy.exitcode for copy in copies] == [0, 0]


def test_the_same_conversation_edited_in_two_copies_keeps_every_message(tmp_path):
    _write_version_1_conversation(tmp_path / "chats")
    _run_copies(_chat_in_shared_conversation, lambda name: (str(tmp_path), name))
    (conversation,) = ConversationStore(tmp_path / "chats").load_all()
    contents = [m.content for m in conversation.messages]
    expected = {f"{name} {kind}{round_}" for name in "AB" for kind in "qa" for round_ in range(CONVERSATION_ROUNDS)}
    expected = expected - {"A a3"} | {"A a3 again"}
    assert contents[:2] == ["hello", "hi"]  # the old file's messages got the same ids in both copies
    assert sorted(contents[2:]) == sorted(expected)  # every message once; the regenerated reply is gone
    for name in "AB":  # each copy's messages in the order it wrote them
        own = [c for c in contents if c.startswith(name)]
        assert own == sorted(own, key=lambda c: (int(c.split()[1][1:]), c.split()[1][0] == "a", len(c)))
    assert conversation.system_prompt == "Be brief." and len({m.id for m in conversation.messages}) == len(contents)
    assert not [p for p in tmp_path.rglob("*") if ".tmp" in p.name]


def test_merge_rules_in_one_process(tmp_path):
    """The three-way rule, step by step: additions from both, a removal, a restore, field edits."""
    store = ConversationStore(tmp_path)
    conversation_id = _write_version_1_conversation(tmp_path)
    (first,) = store.load_all()
    (second,) = store.load_all()
    assert [m.id for m in first.messages] == [m.id for m in second.messages]  # derived, not random
    first.messages.append(ChatMessage("user", "from the first"))
    store.save(first)
    second.title = "Renamed in the second"
    removed = second.messages.pop()  # "hi" removed in the second copy
    second.messages.append(ChatMessage("user", "from the second"))
    assert store.save(second)
    assert [m.content for m in second.messages] == ["hello", "from the first", "from the second"]
    assert not store.save(first)  # nothing new here: takes the other copy's changes, writes nothing
    assert [m.content for m in first.messages] == ["hello", "from the first", "from the second"]
    assert first.title == "Renamed in the second"
    second.messages.insert(1, removed)  # put back (as the Chat tab's undo does)
    store.save(second)
    (on_disk,) = store.load_all()
    assert [m.content for m in on_disk.messages] == ["hello", "hi", "from the first", "from the second"]
    # A conversation deleted in one copy stays deleted unless the other copy adds to it.
    store.delete(conversation_id)
    assert not store.save(first) and store.load_all() == []
    first.messages.append(ChatMessage("user", "still talking"))
    assert store.save(first) and len(store.load_all()[0].messages) == 4


def test_an_unreadable_conversation_file_is_kept_aside_not_overwritten(tmp_path):
    store = ConversationStore(tmp_path)
    conversation = Conversation(id="c1", messages=[ChatMessage("user", "hello")])
    store.save(conversation)
    (tmp_path / "c1.json").write_text("{half a file")
    conversation.messages.append(ChatMessage("user", "again"))
    store.save(conversation)
    assert (tmp_path / "c1.json.unreadable").read_text() == "{half a file"
    assert [m.content for m in store.load_all()[0].messages] == ["hello", "again"]


# ---- gallery -----------------------------------------------------------------------------------------
IMAGES_PER_COPY = 20


def _save_images(folder: str, name: str, start, failures) -> None:
    try:
        from model_backend.image.gallery import Gallery

        time.strftime = lambda *_: "20250101-120000"  # every save in "the same second"
        gallery = Gallery(Path(folder))
        pixels = np.zeros((8, 8, 3), np.uint8)
        start.wait(30)
        for index in range(IMAGES_PER_COPY):
            gallery.save(pixels, {"seed": 7, "copy": name, "index": index})
    except Exception as exc:  # noqa: BLE001 - reported to the parent process
        failures.put(f"{name}: {type(exc).__name__}: {exc}")


def test_forty_images_with_the_same_seed_in_the_same_second_from_two_copies_are_all_kept(tmp_path):
    from model_backend.image.gallery import Gallery

    _run_copies(_save_images, lambda name: (str(tmp_path), name))
    items = Gallery(tmp_path).items()
    assert len(items) == 2 * IMAGES_PER_COPY
    assert {(i.settings["copy"], i.settings["index"]) for i in items} == {
        (name, index) for name in "AB" for index in range(IMAGES_PER_COPY)}
    assert all(i.path.name.startswith("20250101-120000-seed7") for i in items)


# ---- prompt library -------------------------------------------------------------------------------
TECHNIQUES_PER_COPY = 8


def _library(home: Path):
    from model_backend.core.paths import resources_dir
    from model_backend.prompt_lab.techniques import TechniqueLibrary

    return TechniqueLibrary(resources_dir() / "prompts", home / "prompt-library.json")


def _edit_techniques(home: str, name: str, start, failures) -> None:
    """Both copies opened the library before either saved (the lost-update case)."""
    try:
        from model_backend.prompt_lab.techniques import Technique

        library = _library(Path(home))
        start.wait(30)
        for index in range(TECHNIQUES_PER_COPY):
            library.add(Technique(id=f"{name}-{index}", name=f"{name} {index}", kind="instruction"))
            if index == 2 and name == "A":
                library.delete("shared-delete-me")
                library.delete("en-sentiment-zero-shot")  # a built-in: hidden
            if index == 2 and name == "B":
                edited = library.get("shared-edit-me")
                edited.template = "edited by B"
                library.update(edited)
    except Exception as exc:  # noqa: BLE001 - reported to the parent process
        failures.put(f"{name}: {type(exc).__name__}: {exc}")


def test_two_copies_editing_the_prompt_library_keep_each_others_changes(tmp_path):
    from model_backend.prompt_lab.techniques import Technique

    library = _library(tmp_path)
    library.add(Technique(id="shared-delete-me", name="to delete", kind="instruction"))
    library.add(Technique(id="shared-edit-me", name="to edit", kind="instruction"))
    _run_copies(_edit_techniques, lambda name: (str(tmp_path), name))
    reopened = _library(tmp_path)
    ids = [t.id for t in reopened.user]
    assert set(ids) == {f"{name}-{i}" for name in "AB" for i in range(TECHNIQUES_PER_COPY)} | {"shared-edit-me"}
    assert reopened.get("shared-edit-me").template == "edited by B"
    assert reopened.hidden_builtin == {"en-sentiment-zero-shot"}
    for name in "AB":
        assert [i for i in ids if i.startswith(name)] == [f"{name}-{i}" for i in range(TECHNIQUES_PER_COPY)]


def test_prompt_library_deletions_and_restores_are_merged_in_one_process(tmp_path):
    from model_backend.prompt_lab.techniques import Technique

    first, second = _library(tmp_path), _library(tmp_path)
    first.add(Technique(id="mine", name="mine", kind="instruction"))
    first.delete("en-sentiment-zero-shot")
    second.add(Technique(id="theirs", name="theirs", kind="instruction"))
    assert [t.id for t in second.user] == ["mine", "theirs"]
    assert second.hidden_builtin == {"en-sentiment-zero-shot"}
    second.restore_builtin()  # seen and undone in the second copy: respected by the first
    second.delete("mine")
    first.add(Technique(id="later", name="later", kind="instruction"))
    assert [t.id for t in first.user] == ["theirs", "later"] and first.hidden_builtin == set()


# ---- one GGUF conversion at a time ---------------------------------------------------------------
def _fake_conversion_child(gguf_path, target, messages) -> None:
    """Stands in for transformers: takes a moment, writes a folder, and notes that it ran."""
    target = Path(target)
    with open(target.parent / "conversions.log", "a") as log:
        log.write(f"{target.name}\n")
    messages.put(("progress", 0.5, "converting"))
    time.sleep(1.5)
    target.mkdir(parents=True)
    (target / "config.json").write_text("{}")
    messages.put(("done", 1.0, ""))


def _convert(home: str, name: str, start, failures) -> None:
    import threading

    from model_backend.chat.gguf_conversion import convert_gguf

    try:
        home_path = Path(home)
        messages = []
        start.wait(30)
        if name == "B":
            time.sleep(0.3)  # A starts first, so B is the one that waits
        folder = convert_gguf(home_path / "m.gguf", home_path / "cache" / "m-1234", lambda f, m: messages.append(m),
                              threading.Event(), child_body=_fake_conversion_child)
        (home_path / f"{name}.messages").write_text("\n".join(messages) + f"\n{folder}")
    except Exception as exc:  # noqa: BLE001 - reported to the parent process
        failures.put(f"{name}: {type(exc).__name__}: {exc}")


def test_two_copies_converting_the_same_gguf_convert_once_and_share_the_result(tmp_path):
    from model_backend.chat.gguf_conversion import COMPLETE_MARKER, WAITING_MESSAGE

    (tmp_path / "m.gguf").write_bytes(b"GGUF" + b"\0" * 100)
    _run_copies(_convert, lambda name: (str(tmp_path), name))
    cache = tmp_path / "cache"
    assert (cache / "conversions.log").read_text() == ".m-1234.partial\n"  # one conversion, not two
    assert (cache / "m-1234" / COMPLETE_MARKER).exists()
    assert sorted(p.name for p in cache.iterdir()) == [".m-1234.lock", "conversions.log", "m-1234"]
    a, b = ((tmp_path / f"{name}.messages").read_text().splitlines() for name in "AB")
    assert a == ["converting", str(cache / "m-1234")]
    assert b == [WAITING_MESSAGE, str(cache / "m-1234")]  # waited, then reused A's result


def _hold_lock(lock_file: str, ready, release) -> None:
    from model_backend.core.file_lock import held

    with held(Path(lock_file)):
        ready.set()
        release.wait(60)


def test_waiting_for_another_copys_conversion_can_be_stopped(tmp_path):
    import threading

    from model_backend.chat.gguf_conversion import WAITING_MESSAGE, convert_gguf
    from model_backend.core.errors import JobCancelled
    from model_backend.core.file_lock import lock_path_for

    (tmp_path / "m.gguf").write_bytes(b"GGUF" + b"\0" * 100)
    target = tmp_path / "cache" / "m-1234"
    context = multiprocessing.get_context("spawn")
    ready, release = context.Event(), context.Event()
    other = context.Process(target=_hold_lock, args=(str(lock_path_for(target)), ready, release))
    other.start()
    try:
        assert ready.wait(30)
        cancel = threading.Event()
        seen = []

        def progress(fraction, message):
            seen.append(message)
            threading.Timer(0.3, cancel.set).start()

        started = time.monotonic()
        with pytest.raises(JobCancelled):
            convert_gguf(tmp_path / "m.gguf", target, progress, cancel, child_body=_fake_conversion_child)
        assert seen == [WAITING_MESSAGE] and time.monotonic() - started < 5
        assert not target.exists() and not (tmp_path / "cache" / "conversions.log").exists()
    finally:
        release.set()
        other.join(30)


# ---- leftovers of killed writes -------------------------------------------------------------------
def _die_while_writing(path: str) -> None:
    import os

    from model_backend.core.atomic import atomic_target

    with atomic_target(Path(path)) as tmp:
        tmp.write_text("half")
        os._exit(9)  # killed mid-write: no clean-up runs


def test_start_up_removes_stale_leftovers_but_not_another_copys_work(app_home):
    import os

    from model_backend.core.stale_files import STALE_AFTER_S, remove_stale_leftovers

    context = multiprocessing.get_context("spawn")
    writer = context.Process(target=_die_while_writing, args=(str(app_home.chats_dir / "c1.json"),))
    writer.start()
    writer.join(30)
    (killed,) = list(app_home.chats_dir.iterdir())
    assert killed.name.startswith(".c1.json.tmp-")
    fresh = app_home.images_dir / ".x.png.tmp-abcd1234.tmp"  # another copy writing right now
    fresh.parent.mkdir(parents=True)
    fresh.write_bytes(b"...")
    users_model = app_home.models_dir / "m" / ".weights.tmp"  # the user's own folder: never touched
    users_model.parent.mkdir(parents=True)
    users_model.write_bytes(b"...")
    converted = app_home.converted_models_dir
    orphan = converted / ".dead-1.partial"  # its converter was killed: nobody holds its lock
    busy = converted / ".busy-2.partial"  # another running copy is converting it
    for folder in (orphan, busy):
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / "model.safetensors").write_bytes(b"x" * 10)
    inside_model = converted / "done-3" / ".config.json.tmp-zzzz.tmp"
    inside_model.parent.mkdir(parents=True)
    inside_model.write_bytes(b"")
    old = time.time() - STALE_AFTER_S - 60
    for path in (killed, users_model, orphan, busy):
        os.utime(path, (old, old))

    ready, release = context.Event(), context.Event()
    other = context.Process(target=_hold_lock, args=(str(converted / ".busy-2.lock"), ready, release))
    other.start()
    try:
        assert ready.wait(30)
        removed = remove_stale_leftovers(app_home)
    finally:
        release.set()
        other.join(30)
    assert set(removed) == {killed, orphan}
    assert not killed.exists() and not orphan.exists()
    assert fresh.exists() and users_model.exists() and busy.exists() and inside_model.exists()
    # Once that copy is gone, its folder is a leftover too.
    assert remove_stale_leftovers(app_home) == [busy]
