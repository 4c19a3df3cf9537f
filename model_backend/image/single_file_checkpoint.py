"""Load a Stable Diffusion checkpoint kept as one original-format ``.safetensors`` file, offline.

Such a file (``model.diffusion_model.*``, ``first_stage_model.*``, ``cond_stage_model.*`` keys) holds
the weights only. diffusers' ``from_single_file`` converts them, but takes every component's
configuration (layer sizes, tokenizer files, scheduler settings) from a diffusers-format folder of the
matching base model. Online it would fetch that folder from the Hub; this app never goes online, so the
base must already be on disk: a diffusers model in the user's models folder, a folder the user added,
or the Hugging Face cache. A folder with only the configuration files (a few MB, no weights) is enough.

``.ckpt`` files are refused by ``inspect_path`` (pickles can run code when opened), so only
``.safetensors`` files ever reach this module.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from model_backend.core.errors import InvalidModelError, is_out_of_memory
from model_backend.core.messages import Message, msg
from model_backend.core.model_inspection import (
    SD_ARCHITECTURE_NAMES,
    SD_UNET_PREFIX,
    read_safetensors_header,
    sd_cross_attention_dim,
    tensor_shape,
)
from model_backend.core.registry import ModelEntry, ModelRegistry, hf_cache_repo


@dataclass(frozen=True)
class BaseSpec:
    """What a diffusers folder must be to configure a checkpoint of one architecture."""

    pipeline_classes: tuple[str, ...]
    cross_attention_dim: int
    components: tuple[str, ...]  # subfolders whose config the conversion reads
    repos: tuple[str, ...]  # Hub repos to suggest (first) and to prefer when several match


_SD_COMPONENTS = ("unet", "vae", "text_encoder", "tokenizer", "scheduler")
BASES = {
    "sd1": BaseSpec(("StableDiffusionPipeline",), 768, _SD_COMPONENTS,
                    ("stable-diffusion-v1-5/stable-diffusion-v1-5", "runwayml/stable-diffusion-v1-5",
                     "CompVis/stable-diffusion-v1-4")),
    "sd2": BaseSpec(("StableDiffusionPipeline",), 1024, _SD_COMPONENTS,
                    ("stabilityai/stable-diffusion-2-1", "stabilityai/stable-diffusion-2-1-base",
                     "stabilityai/stable-diffusion-2", "stabilityai/stable-diffusion-2-base")),
    "sdxl": BaseSpec(("StableDiffusionXLPipeline",), 2048, _SD_COMPONENTS + ("text_encoder_2", "tokenizer_2"),
                     ("stabilityai/stable-diffusion-xl-base-1.0",)),
}


@dataclass(frozen=True)
class CheckpointHints:
    """UNet sizes read from the checkpoint's header, to tell a matching base from a look-alike.

    (Its input channels need no hint: ``classify_sd_checkpoint`` accepts only 4, text-to-image.)
    """

    cross_attention_dim: int | None = None
    model_channels: int | None = None  # the UNet's first block width (320 for SD 1.x/2.x/SDXL)


def checkpoint_hints(header: dict) -> CheckpointHints:
    conv_in = tensor_shape(header, SD_UNET_PREFIX + "input_blocks.0.0.weight") or []
    return CheckpointHints(sd_cross_attention_dim(header), conv_in[0] if len(conv_in) == 4 else None)


# ---- finding a local base configuration ---------------------------------------------------
def search_roots(registry: ModelRegistry, checkpoint: Path) -> list[Path]:
    """Where a base may be: next to the checkpoint, the backend's models folder, the folders the user
    added (from any tab: the backend shares the window's registry), and the Hugging Face cache."""
    return [Path(checkpoint).parent, registry.paths.models_dir,
            *(Path(p).expanduser() for p in registry.added_paths), registry.hf_cache_dir]


def candidate_folders(roots: Iterable[Path]) -> list[tuple[str, Path]]:
    """(name, folder) of every diffusers folder in or directly under ``roots``; Hugging Face cache
    entries are named by their repo id."""
    found: list[tuple[str, Path]] = []
    seen: set[Path] = set()

    def add(name: str, folder: Path | None) -> None:
        if folder is None or not (folder / "model_index.json").is_file():
            return
        key = folder.resolve()
        if key not in seen:
            seen.add(key)
            found.append((name, folder))

    for root in roots:
        try:
            if (root / "model_index.json").is_file():
                add(root.name, root)
                continue
            if not root.is_dir():
                continue
            for child in sorted(root.iterdir()):
                if child.name.startswith("models--"):
                    add(*hf_cache_repo(child))
                elif child.is_dir() and not child.name.startswith("."):
                    add(child.name, child)
        except OSError:
            continue
    return found


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def base_matches(folder: Path, architecture: str, hints: CheckpointHints | None = None) -> bool:
    """Whether ``folder`` holds the configuration a checkpoint of ``architecture`` (and ``hints``) needs."""
    spec = BASES[architecture]
    hints = hints or CheckpointHints()
    if _read_json(folder / "model_index.json").get("_class_name") not in spec.pipeline_classes:
        return False
    for component in spec.components:
        if not (folder / component).is_dir():
            return False
    if not (folder / "scheduler" / "scheduler_config.json").is_file():
        return False
    if not all((folder / c / "config.json").is_file() for c in spec.components if c in ("vae", "text_encoder",
                                                                                           "text_encoder_2")):
        return False
    unet = _read_json(folder / "unet" / "config.json")
    expected = [
        ("cross_attention_dim", hints.cross_attention_dim or spec.cross_attention_dim),
        ("in_channels", 4),
    ]
    if hints.model_channels:
        expected.append(("block_out_channels", hints.model_channels))
    for key, value in expected:
        actual = unet.get(key)
        if key == "block_out_channels":
            actual = actual[0] if isinstance(actual, list) and actual else None
        if actual != value:
            return False
    return True


def find_base_config(architecture: str, roots: Iterable[Path], hints: CheckpointHints | None = None) -> Path | None:
    """A local diffusers folder whose configuration fits a checkpoint of ``architecture``, or None.

    The well-known base repos (e.g. stable-diffusion-v1-5) win over other matching folders, so a
    fine-tune's unusual scheduler settings are not picked up by chance.
    """
    if architecture not in BASES:
        return None
    preferred = BASES[architecture].repos
    matches = [(name, folder) for name, folder in candidate_folders(roots)
               if base_matches(folder, architecture, hints)]
    matches.sort(key=lambda item: preferred.index(item[0]) if item[0] in preferred else len(preferred))
    return matches[0][1] if matches else None


def missing_base_message(name: str, architecture: str) -> Message:
    label = SD_ARCHITECTURE_NAMES.get(architecture, architecture)
    repo = BASES[architecture].repos[0]
    # 768-pixel SD 2.x models predict "v", the 512-pixel ones noise: a 512-pixel checkpoint needs the other base
    note = msg(" For a 512-pixel SD 2.x checkpoint use stabilityai/stable-diffusion-2-1-base instead (the 768-pixel "
               "models predict 'v', the 512-pixel ones noise).") if architecture == "sd2" else ""
    return msg(
        "{name} is a {label} checkpoint. To load it without internet the app needs the configuration files of "
        "the {label} base model ({repo}: a few MB, no weights), and none was found in your models folder, in "
        "folders you added, or in the Hugging Face cache. Get them once, on a computer that is online, with:\n"
        '    hf download {repo} --include "*.json" --include "*.txt"\n'
        "(this fills the Hugging Face cache; copy its folder to other computers if needed), or put any "
        "diffusers-format {label} model folder into your models folder. Then try again.{note}",
        name=name, label=label, repo=repo, note=note)


# ---- loading ----------------------------------------------------------------------------------
def load_single_file_pipeline(entry: ModelEntry, dtype: Any, registry: ModelRegistry) -> Any:
    """The text-to-image pipeline of the checkpoint ``entry``; raise ``InvalidModelError`` saying why not.

    ``registry`` is the backend's: its folders are where a base configuration is looked for."""
    path = Path(entry.path)
    architecture = entry.architecture  # classified when the registry resolved the entry
    base = find_base_config(architecture, search_roots(registry, path), checkpoint_hints(read_safetensors_header(path)))
    if base is None:
        raise InvalidModelError(missing_base_message(entry.name, architecture))
    import diffusers

    sdxl = architecture == "sdxl"
    pipeline_class = diffusers.StableDiffusionXLPipeline if sdxl else diffusers.StableDiffusionPipeline
    options: dict[str, Any] = {}
    if not sdxl:
        options.update(safety_checker=None, requires_safety_checker=False)
    try:
        return pipeline_class.from_single_file(str(path), config=str(base), local_files_only=True, dtype=dtype,
                                               **options)
    except Exception as exc:
        if is_out_of_memory(exc):
            raise
        raise InvalidModelError(msg(
            "{name} could not be loaded as a {label} checkpoint with the configuration in {base}: {reason}",
            name=entry.name, label=SD_ARCHITECTURE_NAMES[architecture], base=str(base), reason=str(exc)),
            details=repr(exc)) from exc
