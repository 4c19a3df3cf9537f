"""The Qt-free backend: runs one request at a time and guarantees exactly one terminal event.

Runners raise typed errors or ``JobCancelled``; this is the single place that turns those (and
any unexpected exception, out-of-memory included) into Result / Failed / Cancelled events. It is
also the composition root: the only backend module that knows every wing (chat, image, audio),
which is why it lives beside ``core`` rather than in it.
"""
from __future__ import annotations

import logging
import traceback
from dataclasses import replace
from threading import Event
from typing import Callable

from model_backend.audio.audio_models import AudioModelCache
from model_backend.audio.audio_types import MusicRequest, SpeakRequest, TranscribeRequest
from model_backend.chat.chat_model import ChatModelCache
from model_backend.chat.chat_types import ChatRequest, ChatResult, LoadModelRequest, PromptPreviewRequest
from model_backend.chat.class_mode_jobs import CLASS_MODE_REQUESTS, ClassShares, ServerModels
from model_backend.chat.insight_types import AttentionRequest, LogitLensRequest, TokenDistributionRequest
from model_backend.chat.look_inside import InsightModelCache
from model_backend.chat.remote_server import is_server_model_id
from model_backend.core.device import accelerator_memory_bytes
from model_backend.core.errors import BackendError, ErrorKind, JobCancelled, is_out_of_memory, plain_library_text
from model_backend.core.jobs import Cancelled, DeviceStatus, Emit, Failed, Progress, ProgressFn, Result, Started
from model_backend.core.messages import msg
from model_backend.core.model_inspection import ModelKind
from model_backend.core.offline import enable_offline_mode
from model_backend.core.paths import AppPaths
from model_backend.core.registry import ModelRegistry
from model_backend.core.stale_files import remove_stale_leftovers
from model_backend.image.family_models import FamilyModelCache
from model_backend.image.family_types import (
    FamilySamplesRequest,
    InpaintRequest,
    InterpolationRequest,
    LatentSpaceRequest,
)
from model_backend.image.gallery import Gallery
from model_backend.image.image_model import ImageModelCache
from model_backend.image.image_types import ImageRequest
from model_backend.library import library_jobs
from model_backend.library.downloads import DownloadRequest
from model_backend.library.installed import DeleteModelRequest
from model_backend.library.packs import ExportPackRequest, ImportPackRequest
from model_backend.representations.representation_models import RepresentationModels
from model_backend.representations.representation_types import (
    EmbedRequest,
    ImageTextSimilarityRequest,
    PatchAttentionRequest,
    ZeroShotRequest,
)

log = logging.getLogger(__name__)

OOM_MESSAGE = msg(
    "The model ran out of memory. Close other programs, choose a smaller model, lower 'max new tokens', "
    "or switch the device to CPU in the settings."
)

IMAGE_OOM_MESSAGE = msg(
    "The image model ran out of memory. Turn on 'Low memory', make the image smaller, generate fewer "
    "images at once, or switch the device to CPU in the settings."
)

# One heavy model at a time: a classroom laptop rarely holds a chat model and a diffusion model at once.
# Before a model of the key kind is loaded, the models of these kinds are unloaded. Whisper and Piper are
# small enough to stay beside a chat model; a diffusion or music model is not.
UNLOAD_BEFORE_LOADING: dict[ModelKind, tuple[ModelKind, ...]] = {
    ModelKind.CHAT: (ModelKind.IMAGE, ModelKind.MUSIC),
    ModelKind.IMAGE: (ModelKind.CHAT, ModelKind.MUSIC),
    ModelKind.SPEECH_TO_TEXT: (ModelKind.IMAGE,),
    ModelKind.TEXT_TO_SPEECH: (ModelKind.IMAGE,),
    ModelKind.MUSIC: (ModelKind.IMAGE, ModelKind.CHAT),
}
AUDIO_KINDS = (ModelKind.SPEECH_TO_TEXT, ModelKind.TEXT_TO_SPEECH, ModelKind.MUSIC)
BUILTIN_DIFFUSION_ID = "builtin:shapes-diffusion"  # the Families page compares the tiny models with it


class Backend:
    def __init__(self, paths: AppPaths, registry: ModelRegistry | None = None) -> None:
        enable_offline_mode()
        self.paths = paths
        # Leftovers of writes killed half-way (temp files, conversion folders), never another running
        # copy's work in progress; on the backend thread, so the window is not kept waiting.
        remove_stale_leftovers(paths)
        self.registry = registry or ModelRegistry(paths)
        self.chat_models = ChatModelCache(paths.converted_models_dir)
        self.insight_models = InsightModelCache(paths.converted_models_dir)  # the look-inside views' copy
        self.image_models = ImageModelCache(self.registry)
        self.family_models = FamilyModelCache()  # the tiny VAE, GAN and flow: small, kept beside the rest
        self.audio_models = AudioModelCache(paths.converted_models_dir)
        self.server_models = ServerModels()  # class mode: chat models on a class server (nothing loaded here)
        self.class_shares = ClassShares()  # class mode: the model this computer shares with the room, if any
        self.representation_models = RepresentationModels()  # sentence embedder and CLIP: small, kept beside
        self._handlers: dict[type, Callable] = {
            LoadModelRequest: self._load_model,
            ChatRequest: self._chat,
            PromptPreviewRequest: self._preview,
            AttentionRequest: self._attention,
            LogitLensRequest: self._logit_lens,
            TokenDistributionRequest: self._token_distribution,
            ImageRequest: self._image,
            FamilySamplesRequest: self._family_samples,
            InterpolationRequest: self._interpolation,
            LatentSpaceRequest: self._latent_space,
            InpaintRequest: self._inpaint,
            TranscribeRequest: self._transcribe,
            SpeakRequest: self._speak,
            MusicRequest: self._music,
            **{request_type: self._class_mode for request_type in CLASS_MODE_REQUESTS},
            EmbedRequest: self._embed,
            ZeroShotRequest: self._zero_shot,
            ImageTextSimilarityRequest: self._image_text_similarity,
            PatchAttentionRequest: self._patch_attention,
            # The model library (docs/model_library.md): no model is loaded for these.
            DownloadRequest: lambda request, emit, cancel: library_jobs.run_download(request, self.registry, emit, cancel),
            ExportPackRequest: lambda request, emit, cancel: library_jobs.run_export(request, self.registry, emit, cancel),
            ImportPackRequest: lambda request, emit, cancel: library_jobs.run_import(request, self.registry, emit, cancel),
            DeleteModelRequest: self._delete_model,
        }

    # ---- the contract ------------------------------------------------------------------
    def run(self, request, emit: Emit, cancel: Event) -> None:
        """Run ``request``; emits Started, any progress/partials, then exactly one terminal event."""
        job_id = request.job_id
        emit(Started(job_id, type(request).__name__))
        try:
            if cancel.is_set():
                raise JobCancelled()
            handler = self._handlers.get(type(request))
            if handler is None:
                raise BackendError(ErrorKind.INTERNAL, msg("The backend cannot run {name} jobs.", name=type(request).__name__))
            value = handler(request, emit, cancel)
        except JobCancelled as exc:
            emit(Cancelled(job_id, exc.partial))
        except BackendError as exc:
            log.info("job %s failed: %s %s", job_id, exc.kind.value, exc.details or exc.message)
            emit(Failed(job_id, exc.kind, exc.message, exc.details))
        except BaseException as exc:  # noqa: BLE001 - every failure must become an event
            details = traceback.format_exc()
            if is_out_of_memory(exc):
                self.shutdown()
                message = IMAGE_OOM_MESSAGE if isinstance(request, ImageRequest) else OOM_MESSAGE
                emit(Failed(job_id, ErrorKind.OUT_OF_MEMORY, message, details))
            else:
                log.error("job %s crashed:\n%s", job_id, details)
                emit(Failed(job_id, ErrorKind.INTERNAL,
                            msg("Something went wrong: {error_type}: {reason}", error_type=type(exc).__name__,
                                reason=plain_library_text(exc)), details))
            if not isinstance(exc, Exception):
                raise
        else:
            emit(Result(job_id, value))

    # ---- handlers ----------------------------------------------------------------------
    def _ensure_chat_model(self, model_id: str, device: str, job_id: str, emit: Emit, cancel: Event):
        if is_server_model_id(model_id):  # class mode: the model runs on the class server; nothing to unload here
            loaded = self.server_models.get(model_id, _progress_for(job_id, emit))
            self._emit_status(loaded, job_id, emit)
            return loaded
        entry = self.registry.resolve(model_id)
        before = self.chat_models.loaded
        self._make_room_for(ModelKind.CHAT)
        loaded = self.chat_models.get(entry, device, _progress_for(job_id, emit), cancel)
        if self.insight_models.loaded is not None and self.insight_models.loaded.entry.model_id != model_id:
            self.insight_models.unload()  # a look-inside copy of the previous chat model
        if loaded is not before:
            self._emit_status(loaded, job_id, emit)
        return loaded

    def _emit_status(self, loaded, job_id: str, emit: Emit) -> None:
        """Tell the status bar which device and model are in use (chat, image or audio model alike).

        Accelerator memory is torch's; engines that are not torch (faster-whisper, Piper) report none."""
        memory = None
        if loaded.engine.uses_torch:
            import torch

            memory = accelerator_memory_bytes(loaded.device.device, torch)
        emit(DeviceStatus(
            job_id=job_id,
            device=loaded.device.device,
            dtype=loaded.device.dtype,
            reason=loaded.device.reason,
            accelerator_memory_bytes=memory,
            model_name=loaded.entry.name,
            engine=loaded.engine.value,
            model_id=loaded.entry.model_id,
        ))

    def _load_model(self, request: LoadModelRequest, emit: Emit, cancel: Event) -> dict:
        loaded = self._ensure_chat_model(request.model_id, request.device, request.job_id, emit, cancel)
        return {
            "model_id": loaded.entry.model_id,
            "name": loaded.entry.name,
            "device": loaded.device.label,
            "reason": loaded.device.reason,
            "context_length": loaded.context_length,
            "load_seconds": loaded.load_seconds,
            "converted_now": loaded.converted_now,
            "has_chat_template": loaded.has_chat_template,
            "engine": loaded.engine.value,
            # temperature / top-p / top-k the model recommends (the app's defaults where it names none)
            "sampling_defaults": loaded.sampling_defaults.to_dict(),
        }

    def _chat(self, request: ChatRequest, emit: Emit, cancel: Event):
        from model_backend.chat.chat_validation import validate_chat_request

        validate_chat_request(request)  # before loading: an empty prompt should not cost a model load
        before = self.chat_models.loaded
        loaded = self._ensure_chat_model(request.model_id, request.device, request.job_id, emit, cancel)
        loading = loaded.load_seconds if loaded is not before else 0.0  # the reply's footer says so
        try:  # the same contract on llama.cpp and transformers: PromptTokens, steps, text, one result
            result = loaded.run_chat(request, emit, cancel, _progress_for(request.job_id, emit))
        except JobCancelled as stopped:
            if isinstance(stopped.partial, ChatResult):
                stopped.partial = replace(stopped.partial, load_seconds=loading)
            raise
        finally:
            self._emit_status(loaded, request.job_id, emit)
        return replace(result, load_seconds=loading)

    def _preview(self, request: PromptPreviewRequest, emit: Emit, cancel: Event):
        loaded = self._ensure_chat_model(request.model_id, request.device, request.job_id, emit, cancel)
        if request.raw_continuation:
            return loaded.preview_prompt(request.conversation, raw=True)
        return loaded.preview_prompt(request.conversation)

    # ---- look inside the chat model (attention, layer by layer, sampling lab) ---------------
    def _ensure_insight_model(self, model_id: str, device: str, job_id: str, emit: Emit, cancel: Event):
        """A transformers model for these views: the chat's own, or (a GGUF chatting on llama.cpp) its copy."""
        if is_server_model_id(model_id):  # class mode: the weights are on the class server, not here
            raise BackendError(ErrorKind.WRONG_MODEL_KIND, msg(
                "A model on a class server shows its replies and probabilities only: the views that look inside a "
                "model need its weights on this computer. Choose a model of your own for them."))
        entry = self.registry.resolve(model_id)
        self._make_room_for(ModelKind.CHAT)
        return self.insight_models.get(entry, device, self.chat_models.loaded, _progress_for(job_id, emit), cancel)

    def _attention(self, request: AttentionRequest, emit: Emit, cancel: Event):
        from model_backend.chat.attention import run_attention

        loaded = self._ensure_insight_model(request.model_id, request.device, request.job_id, emit, cancel)
        return run_attention(request, loaded, _progress_for(request.job_id, emit), cancel)

    def _logit_lens(self, request: LogitLensRequest, emit: Emit, cancel: Event):
        from model_backend.chat.logit_lens import run_logit_lens

        loaded = self._ensure_insight_model(request.model_id, request.device, request.job_id, emit, cancel)
        return run_logit_lens(request, loaded, cancel)

    def _token_distribution(self, request: TokenDistributionRequest, emit: Emit, cancel: Event):
        from model_backend.chat.logit_lens import run_token_distribution

        loaded = self._ensure_insight_model(request.model_id, request.device, request.job_id, emit, cancel)
        return run_token_distribution(request, loaded, cancel)

    def _image(self, request: ImageRequest, emit: Emit, cancel: Event):
        from model_backend.image.image_runner import run_image, validate_image_request

        validate_image_request(request, text_conditioned=False)  # the prompt is checked once the model is known
        entry = self.registry.resolve(request.model_id)
        self._make_room_for(ModelKind.IMAGE)
        loaded = self.image_models.get(entry, request.device, request.low_memory,
                                       _progress_for(request.job_id, emit), cancel)
        try:
            return run_image(request, loaded, emit, cancel, Gallery(self.paths.images_dir))
        finally:
            self._emit_status(loaded, request.job_id, emit)

    # ---- four families of generative models (the Image tab's Families page) ----------------
    def _family_samples(self, request: FamilySamplesRequest, emit: Emit, cancel: Event):
        from model_backend.image.families_runner import run_family_samples, validate_samples_request

        validate_samples_request(request)

        return run_family_samples(request, self.family_models, self._builtin_diffusion, emit, cancel)

    def _builtin_diffusion(self, progress: ProgressFn, cancel: Event):
        """The built-in diffusion model, through the Image tab's model cache (one loaded pipeline for both)."""
        entry = self.registry.resolve(BUILTIN_DIFFUSION_ID)
        self._make_room_for(ModelKind.IMAGE)
        return self.image_models.get(entry, "auto", False, progress, cancel)

    def _inpaint(self, request: InpaintRequest, emit: Emit, cancel: Event):
        from model_backend.image.families_runner import picture_of
        from model_backend.image.inpainting import run_inpaint, validate_inpaint_request

        validate_inpaint_request(request)
        return run_inpaint(request, picture_of(request), self._builtin_diffusion, emit, cancel)

    def _interpolation(self, request: InterpolationRequest, emit: Emit, cancel: Event):
        from model_backend.image.families_runner import run_interpolation

        return run_interpolation(request, self.family_models, emit, cancel)

    def _latent_space(self, request: LatentSpaceRequest, emit: Emit, cancel: Event):
        from model_backend.image.families_runner import run_latent_space

        return run_latent_space(request, self.family_models, emit, cancel)

    # ---- audio ---------------------------------------------------------------------------
    def _ensure_audio_model(self, model_id: str, kind: ModelKind, device: str, job_id: str, emit: Emit,
                            cancel: Event):
        entry = self.registry.resolve(model_id)
        self._make_room_for(kind)
        before = self.audio_models.loaded(kind)
        loaded = self.audio_models.get(entry, kind, device, _progress_for(job_id, emit), cancel)
        if loaded is not before:
            self._emit_status(loaded, job_id, emit)
        return loaded

    def _transcribe(self, request: TranscribeRequest, emit: Emit, cancel: Event):
        from model_backend.audio.speech_to_text import run_transcribe, validate_transcribe_request

        validate_transcribe_request(request)
        loaded = self._ensure_audio_model(request.model_id, ModelKind.SPEECH_TO_TEXT, request.device,
                                          request.job_id, emit, cancel)
        return run_transcribe(request, loaded, emit, cancel, self.paths.audio_dir)

    def _speak(self, request: SpeakRequest, emit: Emit, cancel: Event):
        from model_backend.audio.text_to_speech import run_speak, validate_speak_request

        validate_speak_request(request)
        loaded = self._ensure_audio_model(request.model_id, ModelKind.TEXT_TO_SPEECH, request.device,
                                          request.job_id, emit, cancel)
        return run_speak(request, loaded, emit, cancel, self.paths.audio_dir)

    def _music(self, request: MusicRequest, emit: Emit, cancel: Event):
        from model_backend.audio.music import run_music, validate_music_request

        validate_music_request(request)
        loaded = self._ensure_audio_model(request.model_id, ModelKind.MUSIC, request.device,
                                          request.job_id, emit, cancel)
        return run_music(request, loaded, emit, cancel, self.paths.audio_dir)

    # ---- representations: sentence embeddings, CLIP ----------------------------------------------
    def _embed(self, request: EmbedRequest, emit: Emit, cancel: Event):
        from model_backend.representations.sentence_embedder import run_embed, validate_embed_request

        validate_embed_request(request)  # before loading: an empty list should not cost a model load
        entry = self.registry.resolve(request.model_id)
        before = self.representation_models.embedder
        loaded = self.representation_models.get_embedder(entry, request.device, _progress_for(request.job_id, emit),
                                                         cancel)
        if loaded is not before:
            self._emit_status(loaded, request.job_id, emit)
        return run_embed(request, loaded, cancel)

    def _ensure_clip(self, request, emit: Emit, cancel: Event):
        entry = self.registry.resolve(request.model_id)
        before = self.representation_models.clip
        loaded = self.representation_models.get_clip(entry, request.device, _progress_for(request.job_id, emit), cancel)
        if loaded is not before:
            self._emit_status(loaded, request.job_id, emit)
        return loaded

    def _zero_shot(self, request: ZeroShotRequest, emit: Emit, cancel: Event):
        from model_backend.representations.clip_model import run_zero_shot, validate_labels

        validate_labels(request.labels)
        return run_zero_shot(request, self._ensure_clip(request, emit, cancel), cancel)

    def _image_text_similarity(self, request: ImageTextSimilarityRequest, emit: Emit, cancel: Event):
        from model_backend.representations.clip_model import run_image_text_similarity

        return run_image_text_similarity(request, self._ensure_clip(request, emit, cancel), cancel)

    def _patch_attention(self, request: PatchAttentionRequest, emit: Emit, cancel: Event):
        from model_backend.representations.clip_model import run_patch_attention

        return run_patch_attention(request, self._ensure_clip(request, emit, cancel), cancel)

    # ---- class mode: a class server's models, sharing this computer's model ------------------
    def _class_mode(self, request, emit: Emit, cancel: Event):
        from model_backend.chat.class_mode_jobs import run_class_mode_job

        return run_class_mode_job(request, self.registry, self.class_shares, _progress_for(request.job_id, emit), cancel)

    # ---- memory ----------------------------------------------------------------------------
    def _make_room_for(self, kind: ModelKind) -> None:
        for other in UNLOAD_BEFORE_LOADING[kind]:
            self._unload(other)

    def _unload(self, kind: ModelKind) -> None:
        if kind is ModelKind.CHAT:
            self.chat_models.unload()
            self.insight_models.unload()
        elif kind is ModelKind.IMAGE:
            self.image_models.unload()
        elif kind in AUDIO_KINDS:
            self.audio_models.unload(kind)

    def _delete_model(self, request: DeleteModelRequest, emit: Emit, cancel: Event) -> int:
        self.shutdown()  # a loaded model keeps its files open (and mapped): let go of every model first
        return library_jobs.run_delete(request, self.registry, emit, cancel)

    def shutdown(self) -> None:
        for kind in (ModelKind.CHAT, ModelKind.IMAGE, *AUDIO_KINDS):
            self._unload(kind)
        self.representation_models.unload()


def _progress_for(job_id: str, emit: Emit) -> ProgressFn:
    def progress(fraction: float | None, message: str) -> None:
        emit(Progress(job_id, fraction, message))

    return progress
