"""The libraries that run a loaded model, named once so no module compares tag strings.

The engine decides what a view can show (torch's accelerator memory, a model's insides) and which
device rules apply (CTranslate2 has no Apple GPU; ONNX Runtime picks its own provider).
"""
from __future__ import annotations

import enum


class Engine(enum.StrEnum):
    TRANSFORMERS = "transformers"
    DIFFUSERS = "diffusers"
    FASTER_WHISPER = "faster-whisper"
    PIPER = "piper"
    KOKORO = "kokoro"  # Kokoro-82M Japanese voices (ONNX Runtime, 8-bit), model_backend/audio/kokoro_voice.py
    LLAMA_CPP = "llama.cpp"  # GGUF chat models, in-process through the xllamacpp binding
    CLASS_SERVER = "class server"  # a chat model on another machine of the room, model_backend/chat/remote_chat_model.py

    @property
    def uses_torch(self) -> bool:
        return self in (Engine.TRANSFORMERS, Engine.DIFFUSERS)
