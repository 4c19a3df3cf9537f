"""Tell what a file or folder on disk is: which kind of model, in which format, or why it is none.

Reads only small metadata (config.json, GGUF headers, the JSON header of a .safetensors file),
never weights, so it is cheap enough to run on the GUI thread when the user adds a folder.
"""
from __future__ import annotations

import enum
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from model_backend.core.errors import ErrorKind, InvalidModelError
from model_backend.core.messages import Message, msg


class ModelKind(str, enum.Enum):
    CHAT = "chat"
    SPEECH_TO_TEXT = "speech-to-text"
    TEXT_TO_SPEECH = "text-to-speech"
    IMAGE = "image"
    MUSIC = "music"
    EMBEDDING = "embedding"
    IMAGE_TEXT = "image-text"  # CLIP: a picture and a sentence in one vector space
    OTHER = "other"


class ModelFormat(str, enum.Enum):
    HF_FOLDER = "Hugging Face folder"
    GGUF = "GGUF file"
    CTRANSLATE2 = "CTranslate2 folder"
    ONNX_VOICE = "ONNX voice"
    DIFFUSERS = "diffusers folder"
    SINGLE_FILE_CHECKPOINT = "single-file checkpoint"
    CLASS_SERVER = "on a class server"  # class mode: the model runs on another machine (chat/remote_chat_model.py)


# What a kind or format is called in a sentence for the user ("… is a speech-to-text model, not …").
KIND_NAMES = {
    ModelKind.CHAT: msg("a chat (text-generation) model"),
    ModelKind.SPEECH_TO_TEXT: msg("a speech-to-text model"),
    ModelKind.TEXT_TO_SPEECH: msg("a text-to-speech model"),
    ModelKind.IMAGE: msg("an image-generation model"),
    ModelKind.MUSIC: msg("a music/audio-generation model"),
    ModelKind.EMBEDDING: msg("a text-embedding model (it turns text into vectors; it cannot chat)"),
    ModelKind.IMAGE_TEXT: msg("an image–text model (CLIP: it compares pictures with sentences; it cannot "
                              "make pictures)"),
    ModelKind.OTHER: msg("a model of another kind"),
}
FORMAT_NAMES = {
    ModelFormat.HF_FOLDER: msg("Hugging Face folder"),
    ModelFormat.GGUF: msg("GGUF file"),
    ModelFormat.CTRANSLATE2: msg("CTranslate2 folder"),
    ModelFormat.ONNX_VOICE: msg("ONNX voice"),
    ModelFormat.DIFFUSERS: msg("diffusers folder"),
    ModelFormat.SINGLE_FILE_CHECKPOINT: msg("single-file checkpoint"),
    ModelFormat.CLASS_SERVER: msg("on a class server"),
}

_WEIGHT_PATTERNS = ("*.safetensors", "pytorch_model*.bin", "model*.bin")
_TOKENIZER_FILES = ("tokenizer.json", "tokenizer.model", "vocab.json", "spiece.model", "tokenizer_config.json")


@dataclass(frozen=True)
class Inspection:
    kind: ModelKind
    format: ModelFormat
    name: str
    weights_path: Path  # the folder, or the single weights file (GGUF, single-file checkpoint)
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
    if "CLIPModel" in architectures or model_type == "clip":  # before "…Model": CLIP is not a text embedder
        return ModelKind.IMAGE_TEXT
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
    """Cheap check (header only); the whole index is checked before loading (``chat.gguf_metadata``)."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        header = handle.read(24)
    if len(header) < 24 or header[:4] != b"GGUF":
        raise InvalidModelError(msg("{name} is not a GGUF file (its header is wrong); the file may be damaged.",
                                    name=path.name))
    version = int.from_bytes(header[4:8], "little")
    if version not in (2, 3):
        raise InvalidModelError(msg("{name} uses GGUF version {version}, which this app cannot read.", name=path.name,
                                    version=version))
    if size < 1_000_000:
        raise InvalidModelError(msg("{name} is only {size} bytes: it is truncated or not a real model.", name=path.name,
                                    size=size))
    return Inspection(ModelKind.CHAT, ModelFormat.GGUF, path.stem, path, "gguf")


def _read_config(config_path: Path) -> dict:
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidModelError(
            msg("{name}: config.json is damaged or not valid JSON, so the model cannot be read.",
                name=config_path.parent.name),
            details=repr(exc),
        ) from exc
    if not isinstance(config, dict):
        raise InvalidModelError(msg("{name}: config.json does not describe a model.", name=config_path.parent.name))
    return config


# ---- what the app refuses to open: pickled weights and code shipped with a model ----------------
# Both are refused before a library sees the folder, with the reason in plain words: a library's own
# error would quote torch.load options, trust_remote_code and hub links that mean nothing to a student.
PICKLED_WEIGHT_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl")
_CLASS_KEYS = {"tokenizer_config.json": "tokenizer_class", "preprocessor_config.json": "processor_class",
               "processor_config.json": "processor_class"}
_STANDARD_LIBRARIES = ("diffusers", "transformers")


@functools.lru_cache(maxsize=None)
def is_diffusers_pipeline_package(library: str) -> bool:
    """diffusers also names a part's library by one of its own pipeline packages: Stable Diffusion 1.x repositories
    list their safety checker as ``["stable_diffusion", "StableDiffusionSafetyChecker"]``, which diffusers reads as
    ``diffusers.pipelines.stable_diffusion``. Checked on disk, without importing diffusers (seconds on the GUI thread)."""
    import importlib.util

    if not re.fullmatch(r"[a-z][a-z0-9_]*", library):
        return False
    spec = importlib.util.find_spec("diffusers")
    places = spec.submodule_search_locations if spec is not None else None
    return any((Path(place) / "pipelines" / library / "__init__.py").is_file() for place in places or ())


def pickle_refusal(what: Message) -> InvalidModelError:
    """``what``: which file is a pickle, a clause such as ``msg("{name} is a PyTorch pickle file ({suffix})")``."""
    return InvalidModelError(msg(
        "{what}: opening a pickle file can run any code hidden in it, so the app does not load them. Download "
        "the .safetensors version of this model instead (most model pages offer one), or convert the file to "
        ".safetensors on a computer you trust.", what=what))


def custom_code_refusal(name: str, where: Message, library: str = "") -> InvalidModelError:
    """``where``: which part needs the code (a clause); ``library``: when the class may simply be newer than
    the installed library, say so too."""
    if library:
        return InvalidModelError(msg(
            "{name} needs its own Python code to run (or a newer {library} than the one installed): {where}. The "
            "app never runs code that comes with a model, for safety (in Hugging Face terms: trust_remote_code), so "
            "it cannot use this model. Choose a model whose architecture the installed libraries support.",
            name=name, library=library, where=where))
    return InvalidModelError(msg(
        "{name} needs its own Python code to run: {where}. The app never runs code that comes with a model, for "
        "safety (in Hugging Face terms: trust_remote_code), so it cannot use this model. Choose a model whose "
        "architecture the installed libraries support.", name=name, where=where))


def _pickled_weights(folder: Path) -> list[str]:
    """The weight files of a folder when all of them are pickles (none is .safetensors)."""
    try:
        files = [p for p in folder.iterdir() if p.is_file()]
    except OSError:
        return []
    if any(p.suffix == ".safetensors" for p in files):
        return []
    return sorted(p.name for p in files if p.suffix.lower() in PICKLED_WEIGHT_SUFFIXES
                  and not p.name.startswith(("training_args", "optimizer", "scheduler", "rng_state")))


def refuse_pickled_weights(folder: Path) -> None:
    """Raise when a Hugging Face folder's weights exist only as pickles (pytorch_model.bin and the like)."""
    pickles = _pickled_weights(Path(folder))
    if pickles:
        shown = ", ".join(pickles[:3]) + (" …" if len(pickles) > 3 else "")
        raise pickle_refusal(msg("{name} stores its weights only as PyTorch pickle files ({files}), with no "
                                 ".safetensors version", name=Path(folder).name, files=shown))


@functools.lru_cache(maxsize=1)
def _transformers_names() -> frozenset[str]:
    """Every class the installed transformers provides (its lazy module lists them without importing them).

    Imported only when a folder declares an ``auto_map``: transformers takes about a second to import."""
    import transformers

    return frozenset(dir(transformers))


def _known_transformers_class(name: object) -> bool:
    if not isinstance(name, str) or not name:
        return False
    names = _transformers_names()
    return name in names or name.removesuffix("Fast") in names


def _json_dict(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def refuse_custom_code(folder: Path, config: dict | None = None) -> None:
    """Raise when a Hugging Face folder can only be used by running Python code it ships (``auto_map``).

    A folder may declare an ``auto_map`` and still be fully supported (transformers then uses its own class
    for the architecture), so only an ``auto_map`` whose classes the installed transformers lacks is refused."""
    folder = Path(folder)
    config = config if config is not None else _json_dict(folder / "config.json")
    if config.get("auto_map"):
        architectures = [str(a) for a in config.get("architectures") or []]
        if not architectures or not all(_known_transformers_class(a) for a in architectures):
            shown = ", ".join(architectures) or str(config.get("model_type") or "unnamed")
            raise custom_code_refusal(folder.name, msg("its architecture, {architectures}, is defined in Python files "
                                                       "of the model folder, not in the installed transformers",
                                                       architectures=shown))
    for file_name, class_key in _CLASS_KEYS.items():
        settings = _json_dict(folder / file_name)
        class_name = settings.get(class_key)
        if settings.get("auto_map") and class_name and not _known_transformers_class(class_name):
            if file_name.startswith("tokenizer"):
                where = msg("its tokenizer, {class_name}, is defined in Python files of the model folder, not in the "
                            "installed transformers", class_name=class_name)
            else:
                where = msg("its processor, {class_name}, is defined in Python files of the model folder, not in the "
                            "installed transformers", class_name=class_name)
            raise custom_code_refusal(folder.name, where)


def _component_entry(value: object) -> tuple[str, str] | None:
    """(library, class) of a model_index.json component entry, or None for settings and empty parts."""
    if isinstance(value, list) and len(value) == 2 and all(v is None or isinstance(v, str) for v in value):
        library, class_name = value
        return (library or "", class_name or "") if class_name else None
    return None


def refuse_custom_diffusers(folder: Path) -> None:
    """Raise when a diffusers folder needs code it ships (custom pipeline or component classes) or keeps a
    component's weights only as pickles. Cheap: reads model_index.json and lists the component folders.

    Class names of the standard libraries are checked when the pipeline is loaded (``image_model``), where
    diffusers is imported anyway: importing it here would cost seconds on the GUI thread."""
    folder = Path(folder)
    index = _json_dict(folder / "model_index.json")
    pipeline_class = index.get("_class_name")
    if isinstance(pipeline_class, list) or (folder / "pipeline.py").is_file():
        raise custom_code_refusal(folder.name, msg("its pipeline is defined in a Python file of the model folder"))
    pickled = []
    for component, value in index.items():
        entry = _component_entry(value)
        if component.startswith("_") or entry is None:
            continue
        library, class_name = entry
        if library not in _STANDARD_LIBRARIES and not is_diffusers_pipeline_package(library):
            raise custom_code_refusal(folder.name, msg("its {component} part, {class_name}, comes from '{library}', "
                                                       "which is not diffusers or transformers", component=component,
                                                       class_name=class_name, library=library))
        if (folder / component).is_dir() and _pickled_weights(folder / component):
            pickled.append(component)
    if pickled:
        raise pickle_refusal(msg("{name} stores the weights of its {components} only as PyTorch pickle files (.bin), "
                                 "with no .safetensors version", name=folder.name, components=", ".join(pickled)))


def _inspect_hf_folder(folder: Path) -> Inspection:
    config = _read_config(folder / "config.json")
    architectures = [str(a) for a in config.get("architectures") or []]
    model_type = str(config.get("model_type", ""))
    if not architectures and not model_type:
        if (folder / "model.bin").exists():  # CTranslate2 export (faster-whisper and friends)
            kind = ModelKind.SPEECH_TO_TEXT if "suppress_ids" in config or "lang_ids" in config else ModelKind.OTHER
            return Inspection(kind, ModelFormat.CTRANSLATE2, folder.name, folder, "ctranslate2")
        raise InvalidModelError(msg("{name}: config.json names no model type or architecture.", name=folder.name))
    kind = classify_architecture(architectures, model_type)
    refuse_custom_code(folder, config)
    if not any(any(folder.glob(p)) for p in _WEIGHT_PATTERNS):
        raise InvalidModelError(msg(
            "{name}: no weights found (expected model.safetensors or pytorch_model.bin). The download may be incomplete.",
            name=folder.name))
    refuse_pickled_weights(folder)
    if kind is ModelKind.CHAT and not any((folder / f).exists() for f in _TOKENIZER_FILES):
        raise InvalidModelError(msg("{name}: the tokenizer files are missing (tokenizer.json or similar).",
                                    name=folder.name))
    architecture = architectures[0] if architectures else model_type
    return Inspection(kind, ModelFormat.HF_FOLDER, folder.name, folder, architecture)


# ---- single-file Stable Diffusion checkpoints (original "LDM" layout) ---------------------
SD_UNET_PREFIX = "model.diffusion_model."
_MAX_SAFETENSORS_HEADER = 100_000_000  # the safetensors format's own limit
PICKLE_SUFFIXES = (".ckpt", ".pt", ".pth")
SD_ARCHITECTURE_NAMES = {"sd1": "Stable Diffusion 1.x", "sd2": "Stable Diffusion 2.x", "sdxl": "Stable Diffusion XL"}


def read_safetensors_header(path: Path) -> dict:
    """The JSON header of a .safetensors file (tensor names, dtypes, shapes, offsets); never the weights.

    Raises ``InvalidModelError`` if the header is damaged or the file is shorter than the header says.
    """
    path = Path(path)
    size = path.stat().st_size
    name = path.name
    with path.open("rb") as handle:
        prefix = handle.read(8)
        if len(prefix) < 8:
            raise InvalidModelError(msg("{name} is damaged or not a .safetensors file: it is only {size} bytes long.",
                                        name=name, size=size))
        length = int.from_bytes(prefix, "little")
        if length < 2 or length > _MAX_SAFETENSORS_HEADER or 8 + length > size:
            raise InvalidModelError(msg("{name} is damaged or not a .safetensors file (its header is cut off or "
                                        "invalid). Download or copy it again.", name=name))
        raw = handle.read(length)
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidModelError(msg("{name} is damaged or not a .safetensors file (its header is not valid JSON). "
                                    "Download or copy it again.", name=name), details=repr(exc)) from exc
    if not isinstance(header, dict):
        raise InvalidModelError(msg("{name} is damaged or not a .safetensors file (its header lists no tensors).",
                                    name=name))
    end = 0
    for name, info in header.items():
        if name == "__metadata__":
            continue
        info = info if isinstance(info, dict) else {}
        offsets = info.get("data_offsets")
        if not (_sizes(offsets) and len(offsets) == 2 and _sizes(info.get("shape"))):
            raise InvalidModelError(msg("{name} is damaged or not a .safetensors file (the header entry for {tensor} "
                                        "is malformed).", name=path.name, tensor=name))
        end = max(end, offsets[1])
    if 8 + length + end > size:
        raise InvalidModelError(msg(
            "{name} is truncated: it holds {have_mb:.1f} MB but its weights need {need_mb:.1f} MB. Download or copy "
            "it again.", name=path.name, have_mb=size / 1e6, need_mb=(8 + length + end) / 1e6))
    return header


def _sizes(value) -> bool:
    """A list of non-negative whole numbers (offsets, a shape): what a valid header holds."""
    return isinstance(value, list) and all(type(n) is int and n >= 0 for n in value)


def tensor_shape(header: dict, key: str) -> list[int] | None:
    info = header.get(key)
    return list(info["shape"]) if isinstance(info, dict) else None


def sd_cross_attention_dim(header: dict) -> int | None:
    """The text-embedding width the UNet attends to (768 SD 1.x, 1024 SD 2.x, 2048 SDXL)."""
    pattern = re.compile(re.escape(SD_UNET_PREFIX) + r".*\.attn2\.to_k\.weight$")
    for key in sorted(header):
        if pattern.match(key):
            shape = tensor_shape(header, key)
            if shape and len(shape) == 2:
                return shape[1]
    return None


def classify_sd_checkpoint(name: str, header: dict) -> str:
    """"sd1", "sd2" or "sdxl" for an original-format Stable Diffusion checkpoint; raise saying why not."""
    keys = [k for k in header if k != "__metadata__"]

    def has(prefix: str) -> bool:
        return any(k.startswith(prefix) for k in keys)

    if not has(SD_UNET_PREFIX):
        if any("lora" in k.lower() for k in keys):
            raise InvalidModelError(msg("{name} is a LoRA (a small add-on for an image model), not a whole model; "
                                        "the app cannot use LoRAs yet.", name=name))
        if has("down_blocks.") or has("time_embedding.") or has("encoder.down_blocks."):
            raise InvalidModelError(msg("{name} holds one part of a diffusers model (a UNet or a VAE) on its own, "
                                        "not a whole model. Add the model's folder instead.", name=name))
        raise InvalidModelError(msg("{name} is not an image checkpoint: it holds no Stable Diffusion weights.",
                                    name=name))
    conv_in = tensor_shape(header, SD_UNET_PREFIX + "input_blocks.0.0.weight")
    if conv_in is None or len(conv_in) != 4:
        raise InvalidModelError(msg("{name} is a diffusion model of a kind this app cannot load from one file "
                                    "(only Stable Diffusion 1.x, 2.x and SDXL checkpoints work).", name=name))
    if conv_in[1] != 4:
        raise InvalidModelError(msg(
            "{name} is an inpainting, editing or upscaling checkpoint (its UNet takes {channels} input channels, "
            "not 4): the Image tab needs a text-to-image checkpoint.", name=name, channels=conv_in[1]))
    if "edm_mean" in header:
        raise InvalidModelError(msg("{name} is a Playground v2.5 checkpoint, which this app cannot load from one file.",
                                    name=name))
    if has("conditioner.embedders.1.model."):
        architecture = "sdxl"
    elif has("conditioner.embedders.0.model."):
        raise InvalidModelError(msg("{name} is an SDXL refiner: it only polishes pictures made by SDXL base and "
                                    "cannot make pictures from a prompt on its own.", name=name))
    elif has("cond_stage_model.model."):
        architecture = "sd2"
    elif has("cond_stage_model.transformer."):
        architecture = "sd1"
    else:
        raise InvalidModelError(msg("{name} holds only the UNet of a Stable Diffusion model, without its text "
                                    "encoder: the app needs a full checkpoint (UNet, VAE and text encoder).", name=name))
    if not (has("first_stage_model.") or has("vae.")):
        raise InvalidModelError(msg("{name} has no VAE weights (first_stage_model.*): the app needs a full "
                                    "checkpoint (UNet, VAE and text encoder).", name=name))
    return architecture


def _inspect_safetensors(path: Path) -> Inspection:
    architecture = classify_sd_checkpoint(path.name, read_safetensors_header(path))
    return Inspection(ModelKind.IMAGE, ModelFormat.SINGLE_FILE_CHECKPOINT, path.stem, path, architecture)


def _has_diffusers_weights(folder: Path) -> bool:
    return any(any(folder.glob(pattern)) for pattern in ("*.safetensors", "*.bin", "*.ckpt"))


def inspect_path(path: Path) -> Inspection:
    """Describe the model at ``path`` or raise ``InvalidModelError`` with a reason a student can act on."""
    path = Path(path).expanduser()
    if not path.exists():
        raise InvalidModelError(
            msg("{path} does not exist (was it on a removed USB stick or a deleted folder?).", path=str(path)),
            kind=ErrorKind.MODEL_NOT_FOUND,
        )
    if path.is_file():
        suffix = path.suffix.lower()
        if suffix == ".gguf":
            return _inspect_gguf(path)
        if suffix == ".safetensors":
            return _inspect_safetensors(path)
        if suffix in PICKLE_SUFFIXES:
            raise pickle_refusal(msg("{name} is a PyTorch pickle file ({suffix})", name=path.name, suffix=suffix))
        raise InvalidModelError(msg(
            "{name} is not a model: choose a model folder, a .gguf file or a .safetensors checkpoint.", name=path.name))
    if (path / "model_index.json").exists():
        if (path / "unet" / "config.json").is_file() and not _has_diffusers_weights(path / "unet"):
            raise InvalidModelError(msg(
                "{name} holds only the configuration of a diffusers model, without weights. It can serve as the base "
                "of single-file checkpoints, but it cannot make pictures on its own.", name=path.name))
        refuse_custom_diffusers(path)
        return Inspection(ModelKind.IMAGE, ModelFormat.DIFFUSERS, path.name, path, "diffusers")
    if (path / "config.json").exists():
        return _inspect_hf_folder(path)
    ggufs = sorted(path.glob("*.gguf"))
    if len(ggufs) == 1:
        return _inspect_gguf(ggufs[0])
    if len(ggufs) > 1:
        raise InvalidModelError(msg("{name} holds several .gguf files: add the one you want as a file.", name=path.name))
    if any(path.glob("*.onnx")) and any(path.glob("*.onnx.json")):
        return Inspection(ModelKind.TEXT_TO_SPEECH, ModelFormat.ONNX_VOICE, path.name, path, "piper")
    raise InvalidModelError(msg(
        "{name} does not look like a model: it has no config.json, model_index.json or .gguf file.", name=path.name))
