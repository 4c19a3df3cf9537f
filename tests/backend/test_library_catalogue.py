"""The catalogue is data a maintainer edits by hand: its schema, its sources, and above all that every
non-commercial or use-restricted licence is marked (and explained in both languages) before anyone downloads."""
from __future__ import annotations

import json
import re

import pytest

from model_backend.core.errors import BackendError
from model_backend.core.model_inspection import ModelKind
from model_backend.core.paths import resources_dir
from model_backend.library.catalogue import TABS, find_entry, load_catalogue

RESTRICTED_WORDS = re.compile(r"non-?commercial|\bnc\b|-nc|openrail|research|rail-m|community licen", re.IGNORECASE)


def raw_entries() -> list[dict]:
    return json.loads((resources_dir() / "catalogue.json").read_text(encoding="utf-8"))["models"]


def test_every_entry_loads_with_the_facts_a_teacher_needs():
    entries = load_catalogue()
    assert len(entries) >= 15
    assert len({e.id for e in entries}) == len(entries)
    for entry in entries:
        assert re.fullmatch(r"[a-z0-9][a-z0-9._-]*", entry.id), entry.id
        assert entry.purpose_in("en") and entry.purpose_in("ja") != entry.purpose_in("en"), entry.id
        assert entry.files and entry.download_bytes > 0 and entry.memory_bytes > 0, entry.id
        assert entry.source.startswith("https://huggingface.co/" + entry.repo), entry.id
        assert set(entry.tabs) <= set(TABS) and entry.tabs, entry.id
        pinned = re.fullmatch(r"[0-9a-f]{40}", entry.revision)
        assert pinned or (re.fullmatch(r"main|refs/pr/[0-9]+", entry.revision) and entry.notes), entry.id
        for file in entry.files:
            assert file.sha256 is None or re.fullmatch(r"[0-9a-f]{64}", file.sha256), (entry.id, file.path)
            assert not file.local_path.startswith(("/", "..")), (entry.id, file.path)


def test_every_pinned_fact_names_the_page_it_was_read_on():
    """A commit or SHA-256 typed from memory would fail every download (or worse, pin the wrong file): each one in the
    catalogue appears in a recorded fact, with the hub page it was read on."""
    for raw in raw_entries():
        facts = raw["facts"]
        assert all(f["what"] and f["url"].startswith("https://") for f in facts), raw["id"]
        read = " ".join(f["what"] + " " + f["url"] for f in facts)
        if raw["revision"] != "main":
            assert raw["revision"] in read or raw["revision"].replace("/", "%2F") in read, raw["id"]
        for file in raw["files"]:
            if file["sha256"]:
                assert file["sha256"][:8] in read and file["sha256"][-4:] in read, (raw["id"], file["path"])
        if not facts:  # nothing read offline: nothing may be pinned, and the notes must say so
            assert raw["revision"] == "main" and raw["notes"], raw["id"]
            assert not any(f["sha256"] for f in raw["files"]), raw["id"]


def test_every_restricted_licence_is_marked_and_explained_in_both_languages():
    for raw in raw_entries():
        looks_restricted = bool(RESTRICTED_WORDS.search(raw["licence"]))
        assert raw["licence_restricted"] == looks_restricted, raw["id"]
        if raw["licence_restricted"]:
            assert raw["licence_note"]["en"] and raw["licence_note"]["ja"], raw["id"]


def test_the_catalogue_covers_the_course():
    by_id = {e.id: e for e in load_catalogue()}
    kinds = {e.kind for e in by_id.values()}
    assert {ModelKind.CHAT, ModelKind.IMAGE, ModelKind.SPEECH_TO_TEXT, ModelKind.TEXT_TO_SPEECH, ModelKind.MUSIC} <= kinds
    smollm2 = [e for e in by_id.values() if e.family == "smollm2"]
    assert len(smollm2) >= 3  # the scaling lesson (with the built-in 135M-Instruct: base/instruct too)
    assert any("ja" in e.languages for e in by_id.values() if e.kind is ModelKind.CHAT)
    assert any("ja" in e.languages for e in by_id.values() if e.kind is ModelKind.SPEECH_TO_TEXT)
    assert by_id["musicgen-small"].licence_restricted and by_id["sdxl-turbo"].licence_restricted


def test_an_unknown_entry_is_a_plain_error():
    with pytest.raises(BackendError) as failed:
        find_entry("no-such-model")
    assert failed.value.message.params["entry_id"] == "no-such-model"
