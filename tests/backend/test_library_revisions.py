"""Catalogue revisions other than a commit: openai/clip-vit-base-patch32 has its safetensors weights only in the hub's
conversion pull request, so its entry names ``refs/pr/32``. The download asks the hub for that ref, fetches the files
at the commit the hub answers with, and records that commit (checked against the hub stand-in on 127.0.0.1)."""
from __future__ import annotations

import threading

from model_backend.core.model_inspection import ModelKind
from model_backend.library.catalogue import CatalogueEntry, CatalogueFile, find_entry
from model_backend.library.downloads import download_entry
from model_backend.library.folder_info import read_folder_info
from tests.fixtures.fake_hub import FakeHub, FakeRepo

WEIGHTS = b"\x01" * 4096


def test_a_pull_request_revision_downloads_and_records_the_commit_it_resolved_to(app_home):
    assert find_entry("clip-vit-base-patch32").revision == "refs/pr/32"
    hub = FakeHub().start()
    repo = hub.add("class/converted", FakeRepo({"model.safetensors": WEIGHTS, "config.json": b"{}\n"}))
    asked: list[str] = []
    original = hub._info

    def remembering(handler, repo_parts):
        asked.append(handler.path)
        return original(handler, repo_parts)

    hub._info = remembering
    entry = CatalogueEntry(
        id="converted", kind=ModelKind.OTHER, title="Converted", purpose={"en": "tests"}, repo="class/converted",
        revision="refs/pr/32", files=(CatalogueFile("model.safetensors"), CatalogueFile("config.json")),
        download_bytes=len(WEIGHTS), memory_bytes=1, languages=(), licence="MIT", licence_restricted=False)
    try:
        result = download_entry(entry, app_home, lambda p: None, threading.Event(), endpoint=hub.endpoint)
    finally:
        hub.stop()
    assert any("/revision/refs%2Fpr%2F32" in path for path in asked)
    assert (result.folder / "model.safetensors").read_bytes() == WEIGHTS
    assert read_folder_info(result.folder).revision == repo.commit  # the commit, not the moving ref
