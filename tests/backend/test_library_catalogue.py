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
        assert re.fullmatch(r"[0-9a-f]{40}", entry.revision) or (entry.revision == "main" and entry.notes), entry.id
        for file in entry.files:
            assert file.sha256 is None or re.fullmatch(r"[0-9a-f]{64}", file.sha256), (entry.id, file.path)
            assert not file.local_path.startswith(("/", "..")), (entry.id, file.path)


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
