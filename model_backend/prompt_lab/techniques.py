"""Prompting techniques as data: zero-shot, few-shot, chain-of-thought, role-play, instruction.

A technique is a system prompt, a ``{{variable}}`` template, optional worked examples (few-shot),
and a small test table with expected answers. The built-in library lives in
``resources/prompts/<language>.json``; the user's own techniques in their data folder.

Two copies of the app may edit the user's library at once, so a save *merges* with the file instead
of overwriting it, under a cross-process lock (``.prompt-library.json.lock``) from the read to the
atomic rename. The merge is three-way: each copy remembers the file as it last read or wrote it
(its base). For each technique id, if this copy added, changed or deleted it since its base, this
copy's version wins; otherwise the file's does (so another copy's additions, edits and deletions are
kept). A technique one copy edited while another deleted it is kept (edited). Hidden built-ins merge
the same way, id by id. The order is the file's, then this copy's new techniques.
"""
from __future__ import annotations

import copy
import hashlib
import json
import logging
import os
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from model_backend.chat.chat_types import Message
from model_backend.core.atomic import atomic_write_json
from model_backend.core.file_lock import held, lock_path_for
from model_backend.prompt_lab.templates import fill

log = logging.getLogger(__name__)

TECHNIQUE_KINDS = ("instruction", "zero-shot", "few-shot", "chain-of-thought", "role-play")


@dataclass
class Example:
    input: str
    output: str


@dataclass
class TableRow:
    values: dict[str, str]
    expected: str


@dataclass
class Technique:
    id: str
    name: str
    kind: str
    task: str = ""
    language: str = "en"
    system: str = ""
    template: str = ""
    examples: list[Example] = field(default_factory=list)
    example_count: int = 0
    example_format: str = "Input: {{input}}\nOutput: {{output}}\n\n"
    values: dict[str, str] = field(default_factory=dict)  # the form's starting values
    check: str = "contains"
    check_pattern: str = ""
    test_rows: list[TableRow] = field(default_factory=list)
    # Text that ends the answer when the model writes it (e.g. a few-shot model starting the next
    # "Question:"): the reply stops there instead of inventing more examples until max tokens.
    stop: list[str] = field(default_factory=list)
    builtin: bool = False

    def examples_text(self, count: int | None = None) -> str:
        chosen = self.examples[: self.example_count if count is None else count]
        return "".join(fill(self.example_format, {"input": e.input, "output": e.output}).text for e in chosen)

    def messages(self, values: dict[str, str], example_count: int | None = None) -> tuple[Message, ...]:
        """The conversation a chat model receives: persona/system prompt, then the filled template."""
        user = fill(self.template, values, self.examples_text(example_count)).text
        system = fill(self.system, values).text if self.system.strip() else ""
        return ((Message("system", system),) if system else ()) + (Message("user", user),)

    def to_json(self) -> dict:
        data = asdict(self)
        data.pop("builtin")
        return data

    @classmethod
    def from_json(cls, data: dict, builtin: bool = False) -> "Technique":
        data = dict(data)
        data["examples"] = [Example(**e) for e in data.get("examples", [])]
        data["test_rows"] = [TableRow(dict(r["values"]), str(r["expected"])) for r in data.get("test_rows", [])]
        known = set(cls.__dataclass_fields__)
        technique = cls(**{k: v for k, v in data.items() if k in known and k != "builtin"})
        technique.builtin = builtin
        return technique

    def duplicate(self, name: str) -> "Technique":
        twin = copy.deepcopy(self)
        twin.id = f"user-{uuid.uuid4().hex[:10]}"
        twin.name = name
        twin.builtin = False
        return twin


def load_builtin(prompts_dir: Path) -> list[Technique]:
    techniques = []
    for path in sorted(Path(prompts_dir).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        tasks = data.get("tasks", {})
        for item in data["techniques"]:
            # A task's form values, check and test table are shared by every technique for that task.
            merged = {**tasks.get(item.get("task", ""), {}), **item}
            techniques.append(Technique.from_json(merged, builtin=True))
    return techniques


def _fingerprint(technique: Technique) -> str:
    text = json.dumps(technique.to_json(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class TechniqueLibrary:
    """Built-in techniques (read-only, restorable) plus the user's own (saved atomically, merged with
    other copies' saves)."""

    def __init__(self, prompts_dir: Path, user_file: Path) -> None:
        self.prompts_dir = prompts_dir
        self.user_file = Path(user_file)
        self.builtin = load_builtin(prompts_dir)
        self.user: list[Technique] = []
        self.hidden_builtin: set[str] = set()
        # The file as this copy last read or wrote it: technique id -> fingerprint, hidden built-ins.
        self._base_user: dict[str, str] = {}
        self._base_hidden: set[str] = set()
        self._load_user()

    def _read_file(self, move_aside_if_unreadable: bool = False) -> tuple[list[Technique], set[str]] | None:
        """The user's techniques and hidden built-ins in the file; None if there is no readable file."""
        try:
            data = json.loads(self.user_file.read_text(encoding="utf-8"))
            return [Technique.from_json(t) for t in data.get("techniques", [])], set(data.get("hidden_builtin", []))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("user prompt library unreadable (%s); starting empty", exc)
            if move_aside_if_unreadable:  # kept for the user, never overwritten
                os.replace(self.user_file, self.user_file.with_name(self.user_file.name + ".unreadable"))
            return None

    def _load_user(self) -> None:
        found = self._read_file()
        if found is not None:
            self.user, self.hidden_builtin = found
        self._remember_base()

    def _remember_base(self) -> None:
        self._base_user = {t.id: _fingerprint(t) for t in self.user}
        self._base_hidden = set(self.hidden_builtin)

    def _merge(self, disk_user: list[Technique], disk_hidden: set[str]) -> None:
        mine = {t.id: t for t in self.user}
        theirs = {t.id: t for t in disk_user}
        merged: dict[str, Technique] = {}
        for technique_id in [*theirs, *(i for i in mine if i not in theirs)]:
            own = mine.get(technique_id)
            changed_here = (_fingerprint(own) if own else None) != self._base_user.get(technique_id)
            winner = own if changed_here else theirs.get(technique_id)
            if winner is not None:
                merged[technique_id] = winner
        self.user = list(merged.values())
        hidden = set()
        for technique_id in self.hidden_builtin | disk_hidden | self._base_hidden:
            hidden_here = technique_id in self.hidden_builtin
            changed_here = hidden_here != (technique_id in self._base_hidden)
            if hidden_here if changed_here else technique_id in disk_hidden:
                hidden.add(technique_id)
        self.hidden_builtin = hidden

    def save(self) -> None:
        """Merge this copy's techniques with the file (another copy may have saved since) and write."""
        self.user_file.parent.mkdir(parents=True, exist_ok=True)
        with held(lock_path_for(self.user_file)):
            found = self._read_file(move_aside_if_unreadable=True)
            if found is not None:
                self._merge(*found)
            atomic_write_json(self.user_file, {"techniques": [t.to_json() for t in self.user],
                                               "hidden_builtin": sorted(self.hidden_builtin)})
            self._remember_base()

    def all(self, language: str | None = None) -> list[Technique]:
        shown = [t for t in self.builtin if t.id not in self.hidden_builtin] + self.user
        return [t for t in shown if language is None or t.language == language]

    def get(self, technique_id: str) -> Technique | None:
        return next((t for t in self.builtin + self.user if t.id == technique_id), None)

    def add(self, technique: Technique) -> None:
        self.user.append(technique)
        self.save()

    def update(self, technique: Technique) -> None:
        if technique.builtin:
            raise ValueError("built-in techniques are read-only: duplicate it to change it")
        if any(t.id == technique.id for t in self.user):
            self.user = [technique if t.id == technique.id else t for t in self.user]
        else:  # another copy deleted it meanwhile: the edit brings it back rather than being lost
            self.user.append(technique)
        self.save()

    def delete(self, technique_id: str) -> None:
        if any(t.id == technique_id for t in self.builtin):
            self.hidden_builtin.add(technique_id)
        self.user = [t for t in self.user if t.id != technique_id]
        self.save()

    def restore_builtin(self) -> None:
        """Bring back deleted built-ins (user techniques are kept)."""
        self.hidden_builtin.clear()
        self.save()
