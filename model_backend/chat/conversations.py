"""Conversations as the user's data: saved atomically after every message, listed, exported.

Each conversation is one JSON file in the chats folder, so a damaged file costs one chat, not all.
Assistant replies keep their per-token probabilities so the probability view still works after a
restart.

Two copies of the app may have the same conversation open. Saving therefore *merges* with what is
on disk instead of overwriting it, holding the chats folder's cross-process lock
(``.conversations.lock``) from the read to the atomic rename:

- Every message has a stable ``id`` and ``after``, the id of the message it was added after
  ("" for the first). Both are given on the first save; files written before ids existed get ids
  derived from the conversation id, position and content, so every copy derives the same ones.
- The merge is three-way. Each copy remembers what it last read or wrote (its *base*). For each
  message id, if this copy's version differs from its base (it added, changed, removed, or put
  back the message), this copy's version wins; otherwise the disk's does (another copy added,
  changed or removed it). Title, system prompt and model follow the same rule.
- Order: messages form a tree through ``after``; it is read depth first, siblings oldest first
  (``created``, then id). One copy alone always appends after its last message, so its order is
  its list order; when two copies added replies after the same message, each copy's run of
  messages stays together, the earlier run first, and both copies compute the same order.
- Removed messages are remembered in the file (``removed``: id → after, created) so a message
  added after one that another copy removed still finds its place.
- A conversation whose file another copy deleted stays deleted when this copy has nothing new for
  it; if this copy added or changed something, the whole conversation is written again (kept rather
  than lost). An unreadable file is moved aside (``.unreadable``), never overwritten.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from model_backend.chat.chat_types import Message, TokenStep
from model_backend.core.atomic import atomic_write_json
from model_backend.core.file_lock import held

log = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: message ids, "after" links and removed messages (version 1 files still load)
LOCK_NAME = ".conversations.lock"
MERGED_FIELDS = ("title", "system_prompt", "model_id")


def _new_id() -> str:
    return uuid.uuid4().hex[:12]


@dataclass
class ChatMessage:
    role: str
    content: str
    created: float = field(default_factory=time.time)
    steps: list[TokenStep] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    stopped: bool = False
    id: str = field(default_factory=_new_id)
    after: str | None = None  # the id of the message this one was added after; set on the first save

    def to_json(self) -> dict:
        data = {"id": self.id, "role": self.role, "content": self.content, "created": self.created}
        if self.after is not None:
            data["after"] = self.after
        if self.steps:
            data["steps"] = [s.to_json() for s in self.steps]
        if self.stats:
            data["stats"] = self.stats
        if self.stopped:
            data["stopped"] = True
        return data

    @classmethod
    def from_json(cls, data: dict, default_id: str = "", default_after: str | None = None) -> "ChatMessage":
        after = data.get("after", default_after)
        return cls(
            role=str(data["role"]),
            content=str(data["content"]),
            created=float(data.get("created", 0.0)),
            steps=[TokenStep.from_json(s) for s in data.get("steps", [])],
            stats=dict(data.get("stats", {})),
            stopped=bool(data.get("stopped", False)),
            id=str(data.get("id") or default_id or _new_id()),
            after=None if after is None else str(after),
        )

    def fingerprint(self) -> tuple:
        """Equal exactly when everything saved about the message is: compared within one process only
        (the token steps are frozen, so the tuple shares them instead of copying or serialising them)."""
        stats = json.dumps(self.stats, sort_keys=True, default=str)
        return self.id, self.after, self.role, self.content, self.created, self.stopped, stats, tuple(self.steps)


def _legacy_id(conversation_id: str, index: int, data: dict) -> str:
    """The id of a message saved before messages had ids: the same in every copy that reads the file."""
    key = f"{conversation_id}|{index}|{data.get('role')}|{data.get('created')}|{data.get('content')}"
    return "v1-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@dataclass
class SyncedState:
    """What a copy last read from, or wrote to, a conversation's file: the base of the next merge."""

    fields: dict[str, str]
    messages: dict[str, tuple]  # message id -> fingerprint


@dataclass
class Conversation:
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    title: str = ""
    created: float = field(default_factory=time.time)
    updated: float = field(default_factory=time.time)
    system_prompt: str = ""
    model_id: str = ""
    messages: list[ChatMessage] = field(default_factory=list)
    # Messages removed from this conversation (by any copy): id -> {"after": ..., "created": ...}.
    removed: dict[str, dict] = field(default_factory=dict, repr=False)
    synced: SyncedState | None = field(default=None, repr=False, compare=False)

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
            "removed": self.removed,
        }

    @classmethod
    def from_json(cls, data: dict) -> "Conversation":
        conversation_id = str(data["id"])
        messages: list[ChatMessage] = []
        for index, item in enumerate(data.get("messages", [])):
            previous = messages[-1].id if messages else ""
            messages.append(ChatMessage.from_json(item, _legacy_id(conversation_id, index, item), previous))
        removed = data.get("removed", {})
        return cls(
            id=conversation_id,
            title=str(data.get("title", "")),
            created=float(data.get("created", 0.0)),
            updated=float(data.get("updated", 0.0)),
            system_prompt=str(data.get("system_prompt", "")),
            model_id=str(data.get("model_id", "")),
            messages=messages,
            removed={str(k): dict(v) for k, v in removed.items()} if isinstance(removed, dict) else {},
        )

    # ---- merging with another copy's saves ---------------------------------------------------
    def link_new_messages(self) -> None:
        """Give each message not saved yet its place: after the message before it in this copy's list."""
        previous = ""
        for message in self.messages:
            if message.after is None:
                message.after = previous
            previous = message.id

    def snapshot(self, fingerprints: dict[str, tuple] | None = None) -> SyncedState:
        fingerprints = fingerprints or {}
        return SyncedState({name: getattr(self, name) for name in MERGED_FIELDS},
                           {m.id: fingerprints.get(m.id) or m.fingerprint() for m in self.messages})

    def merge_from(self, disk: "Conversation", mine: SyncedState | None = None) -> None:
        """Merge ``disk`` (the file as another copy left it) into this conversation (the rules are in
        the module docstring). ``mine`` is this copy's current snapshot, if already computed. This
        copy's message objects are kept where its version wins."""
        self.link_new_messages()
        mine = mine or self.snapshot()
        base = self.synced or SyncedState({}, {})
        for name in MERGED_FIELDS:
            if name in base.fields and getattr(self, name) == base.fields[name]:
                setattr(self, name, getattr(disk, name))
        if disk.created:
            self.created = min(self.created, disk.created)
        own_messages = {m.id: m for m in self.messages}
        theirs = {m.id: m for m in disk.messages}
        kept: dict[str, ChatMessage] = {}
        removed = {**disk.removed, **self.removed}
        for message_id in [*own_messages, *(i for i in theirs if i not in own_messages)]:
            own = own_messages.get(message_id)
            changed_here = mine.messages.get(message_id) != base.messages.get(message_id)
            winner = own if changed_here else theirs.get(message_id)
            if winner is not None:
                kept[message_id] = winner
            else:
                known = own or theirs[message_id]
                removed[message_id] = {"after": known.after or "", "created": known.created}
        self.removed = {k: v for k, v in removed.items() if k not in kept}
        self.messages = _in_order(kept, self.removed)


def _in_order(messages: dict[str, ChatMessage], removed: dict[str, dict]) -> list[ChatMessage]:
    """Depth-first through the ``after`` links, siblings oldest first; removed messages keep their
    place in the tree (so what was added after them is placed) but are not listed."""
    nodes: dict[str, tuple[str, float]] = {}
    for message_id, info in removed.items():
        try:
            nodes[message_id] = (str(info.get("after") or ""), float(info.get("created", 0.0)))
        except (TypeError, ValueError, AttributeError):
            nodes[message_id] = ("", 0.0)
    for message in messages.values():
        nodes[message.id] = (message.after or "", message.created)
    children: dict[str, list[str]] = {}
    for node_id, (after, _) in nodes.items():
        parent = after if after in nodes and after != node_id else ""
        children.setdefault(parent, []).append(node_id)
    for siblings in children.values():
        siblings.sort(key=lambda node_id: (nodes[node_id][1], node_id))
    order: list[str] = []
    seen: set[str] = set()
    # Roots first; then anything a damaged file left in a cycle, so nothing is ever dropped.
    starts = [""] + sorted((n for n in nodes), key=lambda node_id: (nodes[node_id][1], node_id))
    for start in starts:
        if start in seen:
            continue
        stack = [start]
        while stack:
            node_id = stack.pop()
            if node_id in seen:
                continue
            seen.add(node_id)
            if node_id:
                order.append(node_id)
            stack.extend(reversed(children.get(node_id, [])))
    return [messages[node_id] for node_id in order if node_id in messages]


class ConversationStore:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _path(self, conversation_id: str) -> Path:
        return self.folder / f"{conversation_id}.json"

    def _lock(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        return held(self.folder / LOCK_NAME)

    def save(self, conversation: Conversation) -> bool:
        """Merge ``conversation`` with its file and write the result; ``conversation`` becomes the merged
        conversation (other copies' messages included). False when nothing needed writing."""
        path = self._path(conversation.id)
        with self._lock():
            conversation.link_new_messages()
            mine = conversation.snapshot()
            changed = conversation.synced is None or mine != conversation.synced
            own = {id(m): (m, mine.messages[m.id]) for m in conversation.messages}
            disk = self._read_for_merge(path)
            if disk is not None:
                conversation.merge_from(disk, mine)
            elif not changed:
                return False  # deleted in another copy, and nothing new here: it stays deleted
            # Fingerprints of this copy's own message objects are known; the others' are computed.
            known = {m.id: own[id(m)][1] for m in conversation.messages if own.get(id(m), (None,))[0] is m}
            if disk is not None and not changed:  # only other copies' changes came in: the file has them
                conversation.updated = max(conversation.updated, disk.updated)
                conversation.synced = conversation.snapshot(known)
                return False
            conversation.updated = time.time()
            atomic_write_json(path, conversation.to_json())
            conversation.synced = conversation.snapshot(known)
            return True

    def _read_for_merge(self, path: Path) -> Conversation | None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            return Conversation.from_json(json.loads(text))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            aside = path.with_name(path.name + ".unreadable")
            log.warning("conversation %s is unreadable (%s); kept as %s", path, exc, aside.name)
            os.replace(path, aside)
            return None

    def load_all(self) -> list[Conversation]:
        """Every readable conversation, newest first; unreadable files are logged and left alone."""
        conversations = []
        if not self.folder.is_dir():
            return conversations
        for path in self.folder.glob("*.json"):
            try:
                conversation = Conversation.from_json(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                log.warning("skipping unreadable conversation %s: %s", path, exc)
                continue
            conversation.synced = conversation.snapshot()
            conversations.append(conversation)
        conversations.sort(key=lambda c: c.updated, reverse=True)
        return conversations

    def delete(self, conversation_id: str) -> None:
        with self._lock():
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
