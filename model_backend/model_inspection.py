"""Tell what a file or folder on disk is: which kind of model, in which format, or why it is none.

Reads only small metadata (config.json, GGUF headers), never weights, so it is cheap enough to
run on the GUI thread when the user adds a folder.
"""
from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from pathlib import Path

from model_backend.errors import ErrorKind, InvalidModelError


class ModelKind(str, enum.Enum):
    CHAT = "chat"
    SPEECH_TO_TEXT = "speech-to-text"
    TEXT_TO_SPEECH = "text-to-speech"
    IMAGE = "image"
    MUSIC = "music"
    EMBEDDING = "embedding"
    OTHER = "other"


class ModelFormat(str, enum.Enum):
    HF_FOLDER = "Hugging Face folder"
    GGUF = "GGUF file"
    CTRANSLATE2 = "CTranslate2 folder"
    ONNX_VOICE = "ONNX voice"
    DIFFUSERS = "diffusers folder"


KIND_NAMES = {
    ModelKind.CHAT: "a chat (text-generation) model",
    ModelKind.SPEECH_TO_TEXT: "a speech-to-text model",
    ModelKind.TEXT_TO_SPEECH: "a text-to-speech model",
    ModelKind.IMAGE: "an image-generation model",
    ModelKind.MUSIC: "a music/audio-generation model",
    ModelKind.EMBEDDING: "a text-embedding model (it turns text into vectors; it cannot chat)",
    ModelKind.OTHER: "a model of another kind",
}

_WEIGHT_PATTERNS = ("*.safetensors", "pytorch_model*.bin", "model*.bin")
_TOKENIZER_FILES = ("tokenizer.json", "tokenizer.model", "vocab.json", "spiece.model", "tokenizer_config.json")


@dataclass(frozen=True)
class Inspection:
    kind: ModelKind
    format: ModelFormat
    name: str
    weights_path: Path  # the folder, or the single weights file for GGUF
    architecture: str = ""


def classify_architecture(architectures: list[str], model_type: str = "") -> ModelKind:
    """Map a config's ``architectures`` to what the app can do with it."""
    names = " ".join(architectures)
    if "Whisper" in names or model_type == "whisper":
        return ModelKind.SPEECH_TO_TEXT
    if "Musicgen" in names or "AudioLDM" in names:
        return ModelKind.MUSIC
    if any(key in names for key in ("Vits", "SpeechT5ForTextToSpeech", "Bark", "FastSpeech")):
        return ModelKind.TEXT_TO_SPEECH
    if any(a.endswith(("ForCausalLM", "LMHeadModel")) for a in architectures):
        return ModelKind.CHAT
    if model_type in ("bert", "mpnet", "xlm-roberta", "roberta") or names.endswith("Model"):
        return ModelKind.EMBEDDING
    return ModelKind.OTHER


def folder_size(path: Path) -> int:
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    total = 0
    for item in path.rglob("*"):
        try:
            if item.is_file():
                total += item.stat().st_size
        except OSError:
            continue
    return total


def _inspect_gguf(path: Path) -> Inspection:
    """Cheap check (header only): reading all GGUF metadata takes seconds, see ``verify_gguf``."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        header = handle.read(24)
    if len(header) < 24 or header[:4] != b"GGUF":
        raise InvalidModelError(f"{path.name} is not a GGUF file (its header is wrong); the file may be damaged.")
    version = int.from_bytes(header[4:8], "little")
    if version not in (2, 3):
        raise InvalidModelError(f"{path.name} uses GGUF version {version}, which this app cannot read.")
    if size < 1_000_000:
        raise InvalidModelError(f"{path.name} is only {size} bytes: it is truncated or not a real model.")
    return Inspection(ModelKind.CHAT, ModelFormat.GGUF, path.stem, path, "gguf")


def verify_gguf(path: Path) -> str:
    """Read the whole GGUF index; return its architecture or raise if the file is truncated or corrupt."""
    path = Path(path)
    size = path.stat().st_size
    try:
        from gguf import GGUFReader

        reader = GGUFReader(str(path))
        field = reader.fields.get("general.architecture")
        architecture = str(field.contents()) if field else ""
        end = max((int(t.data_offset) + int(t.n_bytes) for t in reader.tensors), default=0)
    except Exception as exc:
        raise InvalidModelError(
            f"{path.name} could not be read as a GGUF model: it is probably truncated or corrupt "
            f"({size / 1e6:.1f} MB on disk). Download or copy it again.",
            details=repr(exc),
        ) from exc
    if end > size:
        raise InvalidModelError(
            f"{path.name} is truncated: it holds {size / 1e6:.1f} MB but its weights need {end / 1e6:.1f} MB. "
            "Download or copy it again."
        )
    return architecture


def _read_config(config_path: Path) -> dict:
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidModelError(
            f"{config_path.parent.name}: config.json is damaged or not valid JSON, so the model cannot be read.",
            details=repr(exc),
        ) from exc
    if not isinstance(config, dict):
        raise InvalidModelError(f"{config_path.parent.name}: config.json does not describe a model.")
    return config


def _inspect_hf_folder(folder: Path) -> Inspection:
    config = _read_config(folder / "config.json")
    architectures = [str(a) for a in config.get("architectures") or []]
    model_type = str(config.get("model_type", ""))
    if not architectures and not model_type:
        if (folder / "model.bin").exists():  # CTranslate2 export (faster-whisper and friends)
            kind = ModelKind.SPEECH_TO_TEXT if "suppress_ids" in config or "lang_ids" in config else ModelKind.OTHER
            return Inspection(kind, ModelFormat.CTRANSLATE2, folder.name, folder, "ctranslate2")
        raise InvalidModelError(f"{folder.name}: config.json names no model type or architecture.")
    kind = classify_architecture(architectures, model_type)
    if not any(any(folder.glob(p)) for p in _WEIGHT_PATTERNS):
        raise InvalidModelError(
            f"{folder.name}: no weights found (expected model.safetensors or pytorch_model.bin). "
            "The download may be incomplete."
        )
    if kind is ModelKind.CHAT and not any((folder / f).exists() for f in _TOKENIZER_FILES):
        raise InvalidModelError(f"{folder.name}: the tokenizer files are missing (tokenizer.json or similar).")
    architecture = architectures[0] if architectures else model_type
    return Inspection(kind, ModelFormat.HF_FOLDER, folder.name, folder, architecture)


def inspect_path(path: Path) -> Inspection:
    """Describe the model at ``path`` or raise ``InvalidModelError`` with a reason a student can act on."""
    path = Path(path).expanduser()
    if not path.exists():
        raise InvalidModelError(
            f"{path} does not exist (was it on a removed USB stick or a deleted folder?).",
            kind=ErrorKind.MODEL_NOT_FOUND,
        )
    if path.is_file():
        if path.suffix.lower() == ".gguf":
            return _inspect_gguf(path)
        raise InvalidModelError(f"{path.name} is not a model: choose a model folder or a .gguf file.")
    if (path / "model_index.json").exists():
        return Inspection(ModelKind.IMAGE, ModelFormat.DIFFUSERS, path.name, path, "diffusers")
    if (path / "config.json").exists():
        return _inspect_hf_folder(path)
    ggufs = sorted(path.glob("*.gguf"))
    if len(ggufs) == 1:
        return _inspect_gguf(ggufs[0])
    if len(ggufs) > 1:
        raise InvalidModelError(f"{path.name} holds several .gguf files: add the one you want as a file.")
    if any(path.glob("*.onnx")) and any(path.glob("*.onnx.json")):
        return Inspection(ModelKind.TEXT_TO_SPEECH, ModelFormat.ONNX_VOICE, path.name, path, "piper")
    raise InvalidModelError(
        f"{path.name} does not look like a model: it has no config.json, model_index.json or .gguf file."
    )
