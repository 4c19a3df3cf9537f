"""Languages and writing systems: Whisper's language codes, and whether a voice can read a text's script.

An English voice given Japanese does not fail: espeak-ng spells every character out by its Unicode name
("Japanese letter ...") for many seconds. So before a voice speaks, the text's letters are sorted by
script; a text mostly in a script the voice's language is not written in is refused with a sentence that
names both languages, and a few foreign characters only earn a note.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from model_backend.core.messages import Message, msg

# Whisper's language codes (faster_whisper.tokenizer._LANGUAGE_CODES, the same in transformers).
WHISPER_LANGUAGE_CODES = frozenset(
    "af am ar as az ba be bg bn bo br bs ca cs cy da de el en es et eu fa fi fo fr gl gu ha haw he hi hr ht hu hy "
    "id is it ja jw ka kk km kn ko la lb ln lo lt lv mg mi mk ml mn mr ms mt my ne nl nn no oc pa pl ps pt ro ru "
    "sa sd si sk sl sn so sq sr su sv sw ta te tg th tk tl tr tt uk ur uz vi yi yo zh yue".split())

# The scripts each language is written in (language family code -> scripts). Voices of a language written
# in another script also read Latin letters (brand names, English words), so Latin is added to those.
_LATIN = ("af az bs ca cs cy da de en eo es et eu fi fo fr ga gd gl ha haw hr ht hu id is it jw la lb ln lt lv "
          "mg mi ms mt nl nn no nb oc pl pt ro sk sl sn so sq su sv sw tk tl tr uz vi yo").split()
_OTHER_SCRIPTS = {
    "ru": ("Cyrillic",), "uk": ("Cyrillic",), "bg": ("Cyrillic",), "be": ("Cyrillic",), "mk": ("Cyrillic",),
    "sr": ("Cyrillic",), "kk": ("Cyrillic",), "ky": ("Cyrillic",), "mn": ("Cyrillic",), "tg": ("Cyrillic",),
    "tt": ("Cyrillic",), "ba": ("Cyrillic",), "el": ("Greek",), "ar": ("Arabic",), "fa": ("Arabic",),
    "ur": ("Arabic",), "ps": ("Arabic",), "sd": ("Arabic",), "he": ("Hebrew",), "yi": ("Hebrew",),
    "hi": ("Devanagari",), "mr": ("Devanagari",), "ne": ("Devanagari",), "sa": ("Devanagari",),
    "bn": ("Bengali",), "as": ("Bengali",), "pa": ("Gurmukhi",), "gu": ("Gujarati",), "ta": ("Tamil",),
    "te": ("Telugu",), "kn": ("Kannada",), "ml": ("Malayalam",), "si": ("Sinhala",), "th": ("Thai",),
    "lo": ("Lao",), "km": ("Khmer",), "my": ("Myanmar",), "ka": ("Georgian",), "hy": ("Armenian",),
    "am": ("Ethiopic",), "bo": ("Tibetan",), "ja": ("Kana", "Han"), "zh": ("Han",), "cmn": ("Han",),
    "yue": ("Han",), "ko": ("Hangul", "Han"),
}
SCRIPTS_OF_LANGUAGE: dict[str, frozenset[str]] = {
    **{code: frozenset({"Latin"}) for code in _LATIN},
    **{code: frozenset({*scripts, "Latin"}) for code, scripts in _OTHER_SCRIPTS.items()},
}
LANGUAGE_NAMES = {
    "en": msg("English"), "fr": msg("French"), "de": msg("German"), "es": msg("Spanish"), "it": msg("Italian"),
    "pt": msg("Portuguese"), "nl": msg("Dutch"), "pl": msg("Polish"), "sv": msg("Swedish"), "fi": msg("Finnish"),
    "da": msg("Danish"), "no": msg("Norwegian"), "nb": msg("Norwegian"), "cs": msg("Czech"), "tr": msg("Turkish"),
    "vi": msg("Vietnamese"), "ru": msg("Russian"), "uk": msg("Ukrainian"), "el": msg("Greek"), "ar": msg("Arabic"),
    "fa": msg("Persian"), "he": msg("Hebrew"), "hi": msg("Hindi"), "th": msg("Thai"), "ja": msg("Japanese"),
    "zh": msg("Chinese"), "cmn": msg("Chinese"), "yue": msg("Cantonese"), "ko": msg("Korean"), "ka": msg("Georgian"),
}
# Which voice to suggest for text in a script: the language(s) usually written in it.
SCRIPT_LANGUAGES = {
    "Latin": msg("English or another language written in Latin letters"), "Kana": msg("Japanese"),
    "Han": msg("Chinese or Japanese"), "Hangul": msg("Korean"),
    "Cyrillic": msg("Russian, Ukrainian or another Cyrillic language"), "Greek": msg("Greek"),
    "Arabic": msg("Arabic or Persian"), "Hebrew": msg("Hebrew"), "Devanagari": msg("Hindi"), "Thai": msg("Thai"),
    "Georgian": msg("Georgian"), "Armenian": msg("Armenian"),
}
SCRIPT_NAMES = {"Kana": msg("Japanese script (kana and kanji)"), "Han": msg("Chinese characters"),
                "Hangul": msg("Korean script (Hangul)"), "Latin": msg("Latin letters")}
PIPER_PHONEME_LANGUAGES = {"japanese": "ja", "pinyin": "zh", "hebrew": "he", "thai": "th"}
MOSTLY = 0.5  # share of a text's letters in foreign scripts above which a voice refuses it


def script_of(char: str) -> str | None:
    """The writing system of a letter ("Latin", "Kana", "Han", "Cyrillic"…), None for anything else."""
    if not unicodedata.category(char).startswith("L"):
        return None
    name = unicodedata.name(char, "")
    if not name:
        return None
    if name.startswith(("CJK ", "IDEOGRAPHIC")):
        return "Han"
    if name.startswith(("HIRAGANA", "KATAKANA", "HALFWIDTH KATAKANA")):
        return "Kana"
    if name.startswith(("HANGUL", "HALFWIDTH HANGUL")):
        return "Hangul"
    if name.startswith("FULLWIDTH LATIN"):
        return "Latin"
    return name.split(" ", 1)[0].capitalize()


@dataclass(frozen=True)
class VoiceLanguage:
    code: str  # language family: "en", "ja"…
    name: str  # "English"


def piper_voice_language(folder: Path, espeak_voice: str = "", phoneme_type: str = "espeak") -> VoiceLanguage | None:
    """The language of a Piper voice, from its .onnx.json (``language`` and ``espeak.voice``), or None."""
    config: dict = {}
    for path in sorted(Path(folder).glob("*.onnx.json"))[:1]:
        try:
            config = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            config = {}
    language = config.get("language") if isinstance(config.get("language"), dict) else {}
    espeak = config.get("espeak") if isinstance(config.get("espeak"), dict) else {}
    phoneme_type = str(config.get("phoneme_type") or phoneme_type)
    code = str(language.get("family") or PIPER_PHONEME_LANGUAGES.get(phoneme_type)
               or espeak.get("voice") or espeak_voice or "")
    code = code.replace("_", "-").split("-", 1)[0].lower()
    if not code:
        return None
    return VoiceLanguage(code, str(language.get("name_english") or LANGUAGE_NAMES.get(code, code)))


def voice_language(code: str) -> VoiceLanguage | None:
    """A voice's language from its code ("ja", "en-US"), as the registry knows it; None for ""."""
    code = (code or "").replace("_", "-").split("-", 1)[0].lower()
    return VoiceLanguage(code, LANGUAGE_NAMES.get(code, code)) if code else None


def script_problem(text: str, language: VoiceLanguage) -> tuple[str, Message] | None:
    """("refuse" | "note", sentence) when a voice of ``language`` cannot read some of ``text``; None when it can.

    Languages the table does not know are not judged: the check only speaks when it is sure."""
    allowed = SCRIPTS_OF_LANGUAGE.get(language.code)
    if allowed is None:
        return None
    scripts = Counter(script for script in map(script_of, text) if script)
    letters = sum(scripts.values())
    foreign = Counter({script: count for script, count in scripts.items() if script not in allowed})
    if not letters or not foreign:
        return None
    main, _ = foreign.most_common(1)[0]
    if "Kana" in foreign and main == "Han":
        main = "Kana"  # kanji beside kana is Japanese
    suggestion = SCRIPT_LANGUAGES.get(main) or msg("a language written in {script} script", script=main)
    written_in = SCRIPT_NAMES.get(main) or msg("{script} script", script=main)
    share = sum(foreign.values()) / letters
    if share > MOSTLY:
        return "refuse", msg(
            "This voice speaks {language}, but most of the text is in {written_in}, which it cannot pronounce (it "
            "would spell the characters out one by one). Choose a voice for {suggestion}, or type the text in "
            "{language}.", language=language.name, written_in=written_in, suggestion=suggestion)
    examples = "".join(dict.fromkeys(c for c in text if script_of(c) in foreign))[:8]
    return "note", msg(
        "{count} character(s) are not in a script this {language} voice reads ({examples}); it may skip them or "
        "spell them out.", count=sum(foreign.values()), language=language.name, examples=examples)
