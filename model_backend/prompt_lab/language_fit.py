"""Does a chat model handle the prompt library's language? SUPPORTED, UNSUPPORTED or UNKNOWN, with why.

A 135M English-only model asked Japanese prompts writes nonsense, and a student would blame the prompt
technique instead of the model. This module tells the prompt lab beforehand, from three cheap sources:

1. **What the model declares**: a GGUF file's ``general.languages`` (llama.cpp's converter copies it from
   the model card), a Hugging Face folder's model card (``README.md`` front matter ``language:``), or the
   language the app's registry records for a model it ships (``ModelEntry.language``, where set).
2. **A small catalogue of model families** the course meets, matched on the model's names (the entry's
   name and file or folder name, the GGUF's ``general.name``/``basename``/base models, the folder's
   ``_name_or_path`` and model-card ``base_model``). Model cards often under-declare (Qwen2.5's card lists
   only English), so the catalogue wins over a declaration that leaves the language out.
3. Otherwise the answer is UNKNOWN: try a few prompts and judge.

A declaration that *includes* the language wins over everything (a Japanese fine-tune of an English-only
family says so on its card). Only metadata is read, never weights: the GGUF index up to its vocabulary
(microseconds), ``config.json`` and the first 64 KB of ``README.md``; results are cached per file.
Qt-free; the UI shows ``reason`` and, for UNSUPPORTED, points to a model that fits.
"""
from __future__ import annotations

import enum
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from model_backend.chat.gguf_metadata import read_general_keys
from model_backend.core.messages import Message, msg
from model_backend.core.model_inspection import ModelFormat
from model_backend.core.registry import ModelEntry, ModelSource

_README_BYTES = 65536


class LanguageSupport(str, enum.Enum):
    SUPPORTED = "supported"
    UNSUPPORTED = "unsupported"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class LanguageFit:
    """The verdict for one model and one language."""

    support: LanguageSupport
    reason: Message  # one sentence for the user (translatable: see model_backend.core.messages)
    languages: tuple[str, ...] = ()  # the codes the model is known to handle, when known ("en", "ja", …)
    source: str = ""  # where the verdict came from: "catalogue", "gguf", "model card", "registry" or ""
    family: str = ""  # the catalogue family that matched, if any ("SmolLM2", "Qwen", …)


@dataclass(frozen=True)
class Family:
    name: str
    pattern: str  # searched in the model's normalised names (lower case, "-" for spaces and "_")
    languages: tuple[str, ...]
    official: bool = True  # False: not among its officially supported languages, though trained on some of it


_JA = ("ja", "en")
_MANY = ("en", "ja", "zh", "ko", "fr", "de", "es", "it", "pt", "ru", "ar", "th", "vi", "id")
# First match wins: Japanese families come first, since their names often carry their base model's
# (Llama-3.1-Swallow, ELYZA-japanese-Llama-2, TinySwallow is a Qwen2.5).
FAMILIES: tuple[Family, ...] = (
    Family("llm-jp", r"llm-?jp", _JA),
    Family("Swallow", r"swallow", _JA),
    Family("ELYZA", r"elyza", _JA),
    Family("CALM", r"\b(?:open-)?calm\d*\b", _JA),
    Family("Sarashina", r"sarashina", _JA),
    Family("rinna", r"rinna|youri|nekomata|bilingual-gpt-neox", _JA),
    Family("PLaMo", r"plamo", _JA),
    Family("Japanese StableLM", r"japanese-stablelm", _JA),
    Family("Japanese", r"japanese|\bjpn\b|\bja\b|日本語", _JA),
    Family("Qwen", r"qwen|qwq", _MANY),
    Family("Gemma 3", r"gemma-?3", _MANY),
    Family("Gemma 2", r"gemma-?2", _MANY, official=False),
    Family("Llama 3", r"llama-?3", ("en", "de", "fr", "it", "pt", "hi", "es", "th", "ja", "zh", "ko"), official=False),
    Family("Aya", r"\baya\b|aya-expanse|aya-23", _MANY),
    Family("Mistral NeMo", r"mistral-?nemo", _MANY),
    Family("Granite 3", r"granite-?3", ("en", "de", "es", "fr", "ja", "pt", "ar", "cs", "it", "ko", "nl", "zh")),
    Family("SmolLM3", r"smollm-?3", ("en", "fr", "es", "de", "it", "pt")),
    Family("SmolLM2", r"smollm-?2", ("en",)),
    Family("SmolLM", r"smollm", ("en",)),
    Family("TinyLlama", r"tinyllama", ("en",)),
    Family("Llama 2", r"llama-?2", ("en",)),
    Family("GPT-2", r"\b(?:distil)?gpt-?2\b", ("en",)),
    Family("Phi", r"\bphi-?(?:1|1\.5|2)\b", ("en",)),
    Family("Pythia", r"pythia", ("en",)),
    Family("OLMo", r"olmo", ("en",)),
)

_CODES = {"jpn": "ja", "japanese": "ja", "日本語": "ja", "eng": "en", "english": "en", "zho": "zh", "chi": "zh",
          "chinese": "zh", "kor": "ko", "korean": "ko", "fra": "fr", "fre": "fr", "french": "fr", "deu": "de",
          "ger": "de", "german": "de", "spa": "es", "spanish": "es"}
MULTILINGUAL = "multilingual"


def language_name(code: str) -> Message | str:
    """The language's name for the user (a Message, so the UI translates it); the code if unknown."""
    names = {"ja": msg("Japanese"), "en": msg("English"), "zh": msg("Chinese"), "ko": msg("Korean"),
             "fr": msg("French"), "de": msg("German"), "es": msg("Spanish")}
    return names.get(code, code)


def normalise_language(code: str) -> str:
    """A language code as the catalogue writes it: "ja-JP", "ja_JP", "jpn", "Japanese" -> "ja"."""
    text = str(code).strip().lower().replace("_", "-")
    if text in _CODES or text == MULTILINGUAL:
        return _CODES.get(text, text)
    base = text.split("-")[0]
    return _CODES.get(base, base)


def _normalise_name(name: str) -> str:
    return re.sub(r"[\s_]+", "-", str(name).strip().lower())


# ---- what the files say ---------------------------------------------------------------------------------
def _front_matter(readme: Path) -> dict[str, list[str]]:
    """``language`` and ``base_model`` from a model card's YAML front matter, as lists of strings."""
    try:
        stat = readme.stat()
    except OSError:
        return {}
    return _front_matter_cached(str(readme), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _front_matter_cached(path: str, size: int, mtime_ns: int) -> dict[str, list[str]]:
    try:
        with open(path, "rb") as handle:
            text = handle.read(_README_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return {}
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "---":
        return {}
    found: dict[str, list[str]] = {}
    key = None
    for line in lines[1:]:
        if line.strip() == "---":
            break
        item = re.match(r"^\s*-\s*(.+?)\s*$", line)
        if item and key:
            found[key].append(item.group(1).strip("'\""))
            continue
        pair = re.match(r"^([A-Za-z_]+)\s*:\s*(.*?)\s*$", line)
        key = None
        if pair and pair.group(1) in ("language", "base_model"):
            key, value = pair.group(1), pair.group(2)
            found[key] = [v.strip().strip("'\"") for v in value.strip("[]").split(",") if v.strip()] if value else []
    return found


def _folder_names(folder: Path) -> list[str]:
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    name = config.get("_name_or_path") if isinstance(config, dict) else None
    return [name] if isinstance(name, str) and name else []


@dataclass
class _Evidence:
    names: list[str]
    declared: list[str]  # normalised codes, MULTILINGUAL included
    declared_by: str = ""


def _evidence(entry: ModelEntry) -> _Evidence:
    path = Path(entry.path)
    names = [entry.name, path.name, path.stem]
    if entry.model_id.startswith("hf:"):
        names.append(entry.model_id[3:])
    declared: list[str] = []
    declared_by = ""
    registry_language = getattr(entry, "language", "")  # set by the registry for the models the app ships
    if registry_language:
        declared, declared_by = [normalise_language(registry_language)], "registry"
    if entry.format is ModelFormat.GGUF:
        general = read_general_keys(path)
        names += [str(general.get(k, "")) for k in ("general.name", "general.basename")]
        names += [str(v) for k, v in general.items() if re.fullmatch(r"general\.base_model\.\d+\.(name|repo_url)", k)]
        languages = general.get("general.languages")
        if isinstance(languages, list) and languages and not declared:
            declared, declared_by = [normalise_language(v) for v in languages], "gguf"
        card = path.parent / "README.md" if entry.source is ModelSource.HF_CACHE else None  # the repo's card
    else:
        names += _folder_names(path)
        card = path / "README.md" if path.is_dir() else None
    if card is not None:
        front = _front_matter(card)
        names += front.get("base_model", [])
        if front.get("language") and not declared:
            declared, declared_by = [normalise_language(v) for v in front["language"]], "model card"
    return _Evidence([_normalise_name(n) for n in names if n], [d for d in declared if d], declared_by)


def _family(names: list[str]) -> Family | None:
    for family in FAMILIES:
        if any(re.search(family.pattern, name) for name in names):
            return family
    return None


# ---- the verdict ----------------------------------------------------------------------------------------
def language_fit(entry: ModelEntry, language: str) -> LanguageFit:
    """Whether the chat model ``entry`` is known to handle ``language`` ("ja", "en"; "ja-JP" and "Japanese"
    work too), with a one-sentence reason. Reads metadata only (cached), so it is cheap to call on the GUI
    thread when the chosen model or library language changes."""
    code = normalise_language(language)
    wanted = language_name(code)
    model = entry.name
    evidence = _evidence(entry)
    specific = tuple(d for d in dict.fromkeys(evidence.declared) if d != MULTILINGUAL)
    listed = ", ".join(specific)
    family = _family(evidence.names)

    if code in specific:
        if evidence.declared_by == "registry":
            reason = msg("{model} was trained for {language}.", model=model, language=wanted)
        else:
            reason = msg("{model} lists {language} among the languages it was trained on ({languages}).",
                         model=model, language=wanted, languages=listed)
        return LanguageFit(LanguageSupport.SUPPORTED, reason, specific, evidence.declared_by, family.name if family else "")
    if family is not None:
        if code in family.languages and family.languages == _JA:
            reason = msg("{model} is a {family} model, trained for Japanese and English.", model=model, family=family.name)
        elif code in family.languages and family.official:
            reason = msg("{model} is a {family} model, trained on many languages, {language} included.",
                         model=model, family=family.name, language=wanted)
        elif code in family.languages:
            reason = msg("{model} is a {family} model: {language} is not one of its official languages, but it saw "
                         "enough of it in training to answer, less well at the smallest sizes.",
                         model=model, family=family.name, language=wanted)
        elif family.languages == ("en",):
            reason = msg("{model} is a {family} model, trained on English text only, so it cannot really read or "
                         "write {language}.", model=model, family=family.name, language=wanted)
        else:
            reason = msg("{model} is a {family} model, trained on {languages} but not on {language}.",
                         model=model, family=family.name, languages=", ".join(family.languages), language=wanted)
        support = LanguageSupport.SUPPORTED if code in family.languages else LanguageSupport.UNSUPPORTED
        return LanguageFit(support, reason, family.languages, "catalogue", family.name)
    if specific:
        return LanguageFit(LanguageSupport.UNSUPPORTED,
                           msg("{model} lists only {languages} as the languages it was trained on, not {language}.",
                               model=model, languages=listed, language=wanted),
                           specific, evidence.declared_by)
    if MULTILINGUAL in evidence.declared:
        return LanguageFit(LanguageSupport.UNKNOWN,
                           msg("{model} says it is multilingual but does not list its languages: try a few {language} "
                               "prompts and judge the replies.", model=model, language=wanted),
                           (), evidence.declared_by)
    return LanguageFit(LanguageSupport.UNKNOWN,
                       msg("Nothing in {model} says which languages it was trained on: try a few {language} prompts "
                           "and judge the replies.", model=model, language=wanted))
