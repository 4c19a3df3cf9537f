"""Single-file Stable Diffusion checkpoints (.safetensors in the original "LDM" layout).

Inspection reads only the JSON header; loading takes the component configs from a local diffusers
folder (the base), which may hold configs only. The end-to-end test turns the tiny random pipeline
into an original-format checkpoint (the inverse of diffusers' own conversion), loads it through the
app's backend with a config-only copy of the tiny pipeline in the Hugging Face cache as the base, and
checks it draws the same picture as the folder it came from.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from model_backend.core.errors import ErrorKind, InvalidModelError
from model_backend.core.jobs import Failed, Result
from model_backend.core.model_inspection import ModelFormat, ModelKind, inspect_path
from model_backend.core.paths import AppPaths
from model_backend.core.registry import ModelRegistry, default_hf_cache_dir
from model_backend.engine import Backend
from model_backend.image.image_types import ImageRequest
from model_backend.image.single_file_checkpoint import (
    CheckpointHints,
    checkpoint_hints,
    find_base_config,
    read_safetensors_header,
    search_roots,
)
from tests.fixtures.jobs import run_job as run

SD1_REPO = "stable-diffusion-v1-5/stable-diffusion-v1-5"


# ---- fake headers ----------------------------------------------------------------------------
def save_tensors(path: Path, shapes: dict[str, tuple[int, ...]]) -> Path:
    import torch
    from safetensors.torch import save_file

    save_file({key: torch.zeros(shape) for key, shape in shapes.items()}, str(path))
    return path


UNET = {"model.diffusion_model.input_blocks.0.0.weight": (8, 4, 3, 3),
        "model.diffusion_model.time_embed.0.weight": (4, 2),
        "first_stage_model.encoder.conv_in.weight": (2, 3, 1, 1)}
SD1 = {**UNET, "model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight": (2, 768),
       "cond_stage_model.transformer.text_model.embeddings.position_embedding.weight": (3, 4)}
SD2 = {**UNET, "model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn2.to_k.weight": (2, 1024),
       "cond_stage_model.model.token_embedding.weight": (3, 4)}
SDXL = {**UNET, "model.diffusion_model.input_blocks.4.1.transformer_blocks.0.attn2.to_k.weight": (2, 2048),
        "conditioner.embedders.0.transformer.text_model.embeddings.position_embedding.weight": (3, 4),
        "conditioner.embedders.1.model.positional_embedding": (3, 4)}


@pytest.mark.parametrize("shapes, architecture, width", [(SD1, "sd1", 768), (SD2, "sd2", 1024), (SDXL, "sdxl", 2048)])
def test_sd_checkpoints_are_image_models(tmp_path, shapes, architecture, width):
    path = save_tensors(tmp_path / "my-model.safetensors", shapes)
    found = inspect_path(path)
    assert (found.kind, found.format, found.architecture) == (ModelKind.IMAGE, ModelFormat.SINGLE_FILE_CHECKPOINT,
                                                              architecture)
    assert found.name == "my-model" and found.weights_path == path
    assert checkpoint_hints(read_safetensors_header(path)) == CheckpointHints(width, 8)


def test_registry_accepts_a_checkpoint_for_the_image_tab_only(tmp_path, app_home):
    path = save_tensors(tmp_path / "my-model.safetensors", SD1)
    registry = ModelRegistry(app_home)
    entry = registry.check_addable(path, ModelKind.IMAGE)
    assert entry.format is ModelFormat.SINGLE_FILE_CHECKPOINT and entry.model_id == f"path:{path.resolve()}"
    with pytest.raises(InvalidModelError) as refused:
        registry.check_addable(path, ModelKind.CHAT)
    assert refused.value.kind is ErrorKind.WRONG_MODEL_KIND and "image-generation" in refused.value.message


def reason(path: Path) -> str:
    with pytest.raises(InvalidModelError) as refused:
        inspect_path(path)
    return refused.value.message


def test_damaged_headers_are_refused_with_a_reason(tmp_path):
    tiny = tmp_path / "tiny.safetensors"
    tiny.write_bytes(b"\x01\x02")
    assert "only 2 bytes" in reason(tiny)
    too_long = tmp_path / "too-long.safetensors"
    too_long.write_bytes((10_000).to_bytes(8, "little") + b'{"a": 1}')
    assert "header is cut off" in reason(too_long)
    garbage = tmp_path / "garbage.safetensors"
    garbage.write_bytes((6).to_bytes(8, "little") + b"{nope!")
    assert "not valid JSON" in reason(garbage)
    whole = save_tensors(tmp_path / "whole.safetensors", SD1).read_bytes()
    truncated = tmp_path / "truncated.safetensors"
    truncated.write_bytes(whole[:-100])
    assert "is truncated" in reason(truncated) and "Download or copy it again" in reason(truncated)
    for entry in ('{"dtype": "F32", "shape": [2], "data_offsets": [0, null]}',
                  '{"dtype": "F32", "shape": ["2"], "data_offsets": [0, 8]}', '"x"'):
        header = ('{"model.diffusion_model.w": %s}' % entry).encode()
        odd = tmp_path / "odd.safetensors"
        odd.write_bytes(len(header).to_bytes(8, "little") + header + bytes(8))
        assert "header entry for model.diffusion_model.w is malformed" in reason(odd)


def test_other_safetensors_files_are_not_image_checkpoints(tmp_path):
    plain = save_tensors(tmp_path / "classifier.safetensors", {"fc.weight": (2, 2)})
    assert "is not an image checkpoint" in reason(plain)
    lora = save_tensors(tmp_path / "style.safetensors", {"lora_unet_down_blocks_0.lora_up.weight": (2, 2)})
    assert "LoRA" in reason(lora)
    component = save_tensors(tmp_path / "unet.safetensors", {"down_blocks.0.resnets.0.conv1.weight": (2, 2)})
    assert "one part of a diffusers model" in reason(component)
    inpainting = save_tensors(tmp_path / "inpaint.safetensors",
                              {**SD1, "model.diffusion_model.input_blocks.0.0.weight": (8, 9, 3, 3)})
    assert "9 input channels" in reason(inpainting)
    refiner = {k: v for k, v in SDXL.items() if not k.startswith("conditioner.embedders.")}
    refiner["conditioner.embedders.0.model.text_projection"] = (2, 2)
    assert "SDXL refiner" in reason(save_tensors(tmp_path / "refiner.safetensors", refiner))
    unet_only = {k: v for k, v in SD1.items() if not k.startswith("cond_stage_model.")}
    assert "only the UNet" in reason(save_tensors(tmp_path / "unet-only.safetensors", unet_only))
    flux_like = save_tensors(tmp_path / "flux.safetensors",
                             {"model.diffusion_model.double_blocks.0.img_attn.norm.key_norm.scale": (2,)})
    assert "cannot load from one file" in reason(flux_like)


def test_pickled_checkpoints_are_refused_unopened(tmp_path):
    ckpt = tmp_path / "old-model.ckpt"
    ckpt.write_bytes(b"not even a pickle: the file must not be opened at all")
    message = reason(ckpt)
    assert "pickle" in message and ".safetensors" in message


# ---- converting the tiny pipeline to the original layout (diffusers -> LDM) -------------------
_RESNET = (("norm1", "in_layers.0"), ("conv1", "in_layers.2"), ("norm2", "out_layers.0"),
           ("conv2", "out_layers.3"), ("time_emb_proj", "emb_layers.1"), ("conv_shortcut", "skip_connection"))
_UNET_TOP = {"time_embedding.linear_1": "time_embed.0", "time_embedding.linear_2": "time_embed.2",
             "conv_in": "input_blocks.0.0", "conv_norm_out": "out.0", "conv_out": "out.2"}
_VAE_ATTENTION = (("group_norm", "norm"), ("to_q", "q"), ("to_k", "k"), ("to_v", "v"), ("to_out.0", "proj_out"))


def _rename(rest: str, table) -> str:
    for new, old in table:
        if rest.startswith(new + "."):
            return old + rest[len(new):]
    return rest


def unet_to_ldm(unet) -> dict:
    per_block = unet.config.layers_per_block + 1
    up_attention = {i for i, kind in enumerate(unet.config.up_block_types) if "CrossAttn" in kind}
    out = {}
    for key, value in unet.state_dict().items():
        top = next((old + key[len(new):] for new, old in _UNET_TOP.items() if key.startswith(new + ".")), None)
        mid = re.fullmatch(r"mid_block\.(resnets|attentions)\.(\d+)\.(.*)", key)
        block = re.fullmatch(r"(down|up)_blocks\.(\d+)\.(resnets|attentions|downsamplers|upsamplers)\.(\d+)\.(.*)", key)
        if top:
            name = top
        elif mid:
            part, index, rest = mid.group(1), int(mid.group(2)), mid.group(3)
            name = (f"middle_block.{0 if index == 0 else 2}.{_rename(rest, _RESNET)}" if part == "resnets"
                    else f"middle_block.1.{rest}")
        else:
            side, number, part, layer, rest = block.group(1), int(block.group(2)), block.group(3), \
                int(block.group(4)), block.group(5)
            if part == "downsamplers":
                name = f"input_blocks.{(number + 1) * per_block}.0.op.{rest.removeprefix('conv.')}"
            elif part == "upsamplers":
                slot = 2 if number in up_attention else 1
                name = f"output_blocks.{number * per_block + per_block - 1}.{slot}.{rest}"
            else:
                index = 1 + number * per_block + layer if side == "down" else number * per_block + layer
                group = "input_blocks" if side == "down" else "output_blocks"
                name = (f"{group}.{index}.0.{_rename(rest, _RESNET)}" if part == "resnets"
                        else f"{group}.{index}.1.{rest}")
        out["model.diffusion_model." + name] = value
    return out


def vae_to_ldm(vae) -> dict:
    blocks = len(vae.config.block_out_channels)
    out = {}
    for key, value in vae.state_dict().items():
        name = key.replace("conv_norm_out", "norm_out")
        block = re.fullmatch(
            r"(encoder|decoder)\.(down|up)_blocks\.(\d+)\.(resnets|downsamplers|upsamplers)\.(\d+)\.(.*)", key)
        mid = re.fullmatch(r"(encoder|decoder)\.mid_block\.(resnets|attentions)\.(\d+)\.(.*)", key)
        if block:
            coder, side, number, part, layer, rest = block.groups()
            number = int(number) if side == "down" else blocks - 1 - int(number)  # LDM counts up blocks backwards
            if part == "resnets":
                name = f"{coder}.{side}.{number}.block.{layer}.{rest.replace('conv_shortcut', 'nin_shortcut')}"
            else:
                name = f"{coder}.{side}.{number}.{'downsample' if side == 'down' else 'upsample'}.{rest}"
        elif mid:
            coder, part, index, rest = mid.groups()
            if part == "resnets":
                name = f"{coder}.mid.block_{int(index) + 1}.{rest.replace('conv_shortcut', 'nin_shortcut')}"
            else:
                name = f"{coder}.mid.attn_1.{_rename(rest, _VAE_ATTENTION)}"
                if value.ndim == 2:
                    value = value[:, :, None, None]  # LDM's attention uses 1x1 convolutions
        out["first_stage_model." + name] = value
    return out


def clip_to_ldm(text_encoder) -> dict:
    return {"cond_stage_model.transformer." + (k if k.startswith("text_model.") else "text_model." + k): v
            for k, v in text_encoder.state_dict().items()}


@pytest.fixture(scope="session")
def tiny_checkpoint(tiny_sd_dir, tmp_path_factory) -> Path:
    """The tiny pipeline's weights as one original-format SD 1.x checkpoint."""
    from diffusers import StableDiffusionPipeline
    from safetensors.torch import save_file

    pipeline = StableDiffusionPipeline.from_pretrained(tiny_sd_dir, safety_checker=None,
                                                       requires_safety_checker=False)
    state = {**unet_to_ldm(pipeline.unet), **vae_to_ldm(pipeline.vae), **clip_to_ldm(pipeline.text_encoder)}
    path = tmp_path_factory.mktemp("checkpoints") / "tiny-sd-original.safetensors"
    save_file({k: v.detach().contiguous().clone() for k, v in state.items()}, str(path))
    return path


def config_only_copy(folder: Path, target: Path) -> Path:
    """What `hf download REPO --include "*.json" --include "*.txt"` leaves: configs, no weights."""
    shutil.copytree(folder, target, ignore=shutil.ignore_patterns("*.safetensors", "*.bin"))
    return target


def put_in_hf_cache(folder: Path, cache: Path, repo: str) -> Path:
    repo_dir = cache / ("models--" + repo.replace("/", "--"))
    (repo_dir / "refs").mkdir(parents=True)
    (repo_dir / "refs" / "main").write_text("0123abcd")
    return config_only_copy(folder, repo_dir / "snapshots" / "0123abcd")


# ---- finding the base --------------------------------------------------------------------------
def test_the_base_config_is_found_by_architecture_and_sizes(tiny_sd_dir, tiny_checkpoint, tmp_path):
    hints = checkpoint_hints(read_safetensors_header(tiny_checkpoint))
    assert inspect_path(tiny_checkpoint).architecture == "sd1" and hints.cross_attention_dim == 16
    cache = tmp_path / "hub"
    snapshot = put_in_hf_cache(tiny_sd_dir, cache, SD1_REPO)
    assert find_base_config("sd1", [cache], hints) == snapshot
    assert find_base_config("sd1", [cache]) is None, "a real SD 1.x checkpoint attends to 768 wide text embeddings"
    assert find_base_config("sd2", [cache]) is None and find_base_config("sdxl", [cache]) is None
    assert find_base_config("sdxl", [cache], hints) is None, "an SDXL base is a StableDiffusionXLPipeline"
    models = tmp_path / "models"
    other = config_only_copy(tiny_sd_dir, models / "some-fine-tune")
    assert find_base_config("sd1", [models], hints) == other
    assert find_base_config("sd1", [models, cache], hints) == snapshot, "the well-known base repo wins"
    (snapshot / "unet" / "config.json").unlink()
    assert find_base_config("sd1", [cache], hints) is None
    config = json.loads((other / "model_index.json").read_text())
    (other / "model_index.json").write_text(json.dumps({**config, "_class_name": "StableDiffusionXLPipeline"}))
    assert find_base_config("sd1", [models], hints) is None


def write_sdxl_config_folder(folder: Path) -> Path:
    """The shape of `hf download stabilityai/stable-diffusion-xl-base-1.0 --include "*.json" --include "*.txt"`."""
    index = {"_class_name": "StableDiffusionXLPipeline"}
    for part in ("unet", "vae", "text_encoder", "text_encoder_2", "tokenizer", "tokenizer_2", "scheduler"):
        (folder / part).mkdir(parents=True)
        index[part] = ["diffusers", "x"]
    (folder / "model_index.json").write_text(json.dumps(index))
    (folder / "unet" / "config.json").write_text(json.dumps(
        {"cross_attention_dim": 2048, "in_channels": 4, "block_out_channels": [320, 640, 1280]}))
    for part in ("vae", "text_encoder", "text_encoder_2"):
        (folder / part / "config.json").write_text("{}")
    (folder / "scheduler" / "scheduler_config.json").write_text("{}")
    return folder


def test_an_sdxl_base_is_found_in_the_models_folder(tmp_path, app_home):
    base = write_sdxl_config_folder(app_home.models_dir / "sdxl-configs")
    roots = search_roots(ModelRegistry(app_home), tmp_path / "my-sdxl.safetensors")
    hints = CheckpointHints(cross_attention_dim=2048, model_channels=320)
    assert find_base_config("sdxl", roots, hints) == base
    assert find_base_config("sdxl", roots) == base
    assert find_base_config("sd1", roots) is None
    assert find_base_config("sdxl", roots, CheckpointHints(2048, 192)) is None


def test_the_base_is_looked_for_in_the_backends_folders(tmp_path, app_home):
    """Not the folders GENAI_CLASSROOM_HOME names: the app may run on this computer's folders instead
    (a portable setup started without its USB stick)."""
    other = AppPaths(tmp_path / "data", tmp_path / "cache", tmp_path / "config")
    registry = ModelRegistry(other, added_paths=[str(tmp_path / "picked")], hf_cache_dir=tmp_path / "hub")
    registry.add_folder(str(tmp_path / "added"))  # added later, from the Image tab
    roots = search_roots(registry, tmp_path / "checkpoints" / "my.safetensors")
    assert roots == [tmp_path / "checkpoints", other.models_dir, tmp_path / "picked", tmp_path / "added",
                     tmp_path / "hub"]
    assert app_home.models_dir not in roots


def test_a_config_only_folder_is_a_base_not_a_model(tiny_sd_dir, app_home):
    put_in_hf_cache(tiny_sd_dir, default_hf_cache_dir(), SD1_REPO)
    entries, problems = ModelRegistry(app_home).scan()
    assert not [e for e in entries if e.model_id == f"hf:{SD1_REPO}"]
    assert any("only the configuration" in p.reason for p in problems)


def test_without_a_local_base_the_load_fails_with_what_to_download(tiny_checkpoint, app_home):
    events = run(Backend(app_home), ImageRequest(prompt="a red circle", model_id=f"path:{tiny_checkpoint}",
                                                 steps=2, seed=1))
    failed = events[-1]
    assert isinstance(failed, Failed) and failed.kind is ErrorKind.INVALID_MODEL
    assert "Stable Diffusion 1.x" in failed.message
    assert f'hf download {SD1_REPO} --include "*.json" --include "*.txt"' in failed.message


# ---- end to end ------------------------------------------------------------------------------
def test_checkpoint_draws_the_same_picture_as_its_folder(tiny_sd_dir, tiny_checkpoint, app_home):
    put_in_hf_cache(tiny_sd_dir, default_hf_cache_dir(), SD1_REPO)
    app_home.models_dir.mkdir(parents=True)
    checkpoint = Path(shutil.copy(tiny_checkpoint, app_home.models_dir / "my-checkpoint.safetensors"))
    registry = ModelRegistry(app_home)
    listed = [e for e in registry.models(ModelKind.IMAGE) if e.format is ModelFormat.SINGLE_FILE_CHECKPOINT]
    assert [e.model_id for e in listed] == [f"path:{checkpoint.resolve()}"]
    backend = Backend(app_home)
    common = dict(prompt="a red circle", steps=4, seed=11)
    from_file = run(backend, ImageRequest(model_id=listed[0].model_id, **common))[-1]
    assert isinstance(from_file, Result), getattr(from_file, "message", "")
    from_folder = run(backend, ImageRequest(model_id=f"path:{tiny_sd_dir}", **common))[-1].value
    image = from_file.value.images[0]
    assert image.settings["model"] == "my-checkpoint" and image.pixels.shape == (16, 16, 3)
    assert np.array_equal(image.pixels, from_folder.images[0].pixels), "same weights, same seed: same picture"


def test_model_picker_offers_checkpoint_files_for_images(qtbot, tiny_checkpoint, tmp_path, app_home, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from desktop_app.widgets.model_picker import ModelPicker

    warnings, filters = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda parent, title, folder, file_filter: filters.append(file_filter) or ("", ""))
    picker = ModelPicker(ModelRegistry(app_home), ModelKind.IMAGE)
    qtbot.addWidget(picker)
    picker.add_file_action.trigger()
    assert "*.safetensors" in filters[-1]
    assert picker.add_path(str(tiny_checkpoint))
    assert picker.current_model_id() == f"path:{tiny_checkpoint.resolve()}"
    assert not picker.add_path(str(save_tensors(tmp_path / "classifier.safetensors", {"fc.weight": (2, 2)})))
    assert "not an image checkpoint" in warnings[0]
    chat_picker = ModelPicker(ModelRegistry(app_home), ModelKind.CHAT)
    qtbot.addWidget(chat_picker)
    chat_picker.add_file_action.trigger()
    assert "*.gguf" in filters[-1]
    speech_picker = ModelPicker(ModelRegistry(app_home), ModelKind.SPEECH_TO_TEXT)
    qtbot.addWidget(speech_picker)
    assert speech_picker.add_file_action is None  # no single-file format for speech models
