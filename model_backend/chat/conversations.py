"""Conversations as the user's data: saved atomically after every message, listed, exported.

Each conversation is one JSON file in the chats folder, so a damaged file costs one chat, not all.
Assistant replies keep their per-token probabilities so the probability view still works after a
restart.
"""
from __future__ import annotations

import json
import logging
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from model_backend.chat.chat_types import Message, TokenStep
from model_backend.core.atomic import atomic_write_json

log = logging.getLogger(__name__)

FORMAT_VERSION = 1


@dataclass
class ChatMessage:
    role: str
    content: str
    created: float = field(default_factory=time.time)
    steps: list[TokenStep] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    stopped: bool = False

    def to_json(self) -> dict:
        data = {"role": self.role, "content": self.content, "created": self.created}
        if self.steps:
            data["steps"] = [s.to_json() for s in self.steps]
        if self.stats:
            data["stats"] = self.stats
        if self.stopped:
            data["stopped"] = True
        return data

    @classmethod
    def from_json(cls, data: dict) -> "ChatMessage":
        return cls(
            role=str(data["role"]),
            content=str(data["content"]),
            created=float(data.get("created", 0.0)),
            steps=[TokenStep.from_json(s) for s in data.get("steps", [])],
            stats=dict(data.get("stats", {})),
            stopped=bool(data.get("stopped", False)),
        )


@dataclass
class Conversation:
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    title: str = ""
    created: float = field(default_factory=time.time)
    updated: float = field(default_factory=time.time)
    system_prompt: str = ""
    model_id: str = ""
    messages: list[ChatMessage] = field(default_factory=list)

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        for message in self.messages:
            if message.role == "user" and message.content.strip():
                first_line = message.content.strip().splitlines()[0]
                return first_line[:48] + ("…" if len(first_line) > 48 else "")
        return ""

    def request_messages(self, upto: int | None = None) -> tuple[Message, ...]:
        """What the model sees: the system prompt, then the turns (up to index ``upto``, excluded)."""
        turns = self.messages if upto is None else self.messages[:upto]
        messages = [Message("system", self.system_prompt)] if self.system_prompt.strip() else []
        messages += [Message(m.role, m.content) for m in turns if m.content or m.role == "user"]
        return tuple(messages)

    def to_json(self) -> dict:
        return {
            "format_version": FORMAT_VERSION,
            "id": self.id,
            "title": self.title,
            "created": self.created,
            "updated": self.updated,
            "system_prompt": self.system_prompt,
            "model_id": self.model_id,
            "messages": [m.to_json() for m in self.messages],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Conversation":
        return cls(
            id=str(data["id"]),
            title=str(data.get("title", "")),
            created=float(data.get("created", 0.0)),
            updated=float(data.get("updated", 0.0)),
            system_prompt=str(data.get("system_prompt", "")),
            model_id=str(data.get("model_id", "")),
            messages=[ChatMessage.from_json(m) for m in data.get("messages", [])],
        )


class ConversationStore:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _path(self, conversation_id: str) -> Path:
        return self.folder / f"{conversation_id}.json"

    def save(self, conversation: Conversation) -> None:
        conversation.updated = time.time()
        atomic_write_json(self._path(conversation.id), conversation.to_json())

    def load_all(self) -> list[Conversation]:
        """Every readable conversation, newest first; unreadable files are logged and left alone."""
        conversations = []
        if not self.folder.is_dir():
            return conversations
        for path in self.folder.glob("*.json"):
            try:
                conversations.append(Conversation.from_json(json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                log.warning("skipping unreadable conversation %s: %s", path, exc)
        conversations.sort(key=lambda c: c.updated, reverse=True)
        return conversations

    def delete(self, conversation_id: str) -> None:
        try:
            self._path(conversation_id).unlink()
        except FileNotFoundError:
            pass


def export_markdown(conversation: Conversation) -> str:
    lines = [f"# {conversation.display_title or 'Conversation'}", ""]
    if conversation.model_id:
        lines += [f"*Model:* `{conversation.model_id}`", ""]
    if conversation.system_prompt.strip():
        lines += ["**System:**", "", conversation.system_prompt.strip(), ""]
    names = {"user": "You", "assistant": "Assistant", "system": "System"}
    for message in conversation.messages:
        lines += [f"**{names.get(message.role, message.role)}:**", "", message.content.strip()]
        if message.stopped:
            lines.append("*(stopped before the end)*")
        lines.append("")
    return "\n".join(lines)


def export_json(conversation: Conversation) -> str:
    """A portable export without the per-token data (which the app's own files keep)."""
    data = {
        "title": conversation.display_title,
        "model_id": conversation.model_id,
        "system_prompt": conversation.system_prompt,
        "messages": [{"role": m.role, "content": m.content, **({"stats": m.stats} if m.stats else {})}
                     for m in conversation.messages],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
