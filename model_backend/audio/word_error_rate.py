"""Word and character error rates: how far a transcript is from what was said (used by the self-test and tests).

WER = (substitutions + deletions + insertions) / words in the reference, on lower-cased words
with punctuation removed, so "Hello, class." and "hello class" count as equal.
"""
from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[\w']+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def word_error_rate(reference: str, hypothesis: str) -> float:
    return _edit_distance(words(reference), words(hypothesis))


def _edit_distance(ref: list[str], hyp: list[str]) -> float:
    """(substitutions + deletions + insertions) / len(ref)."""
    if not ref:
        return 0.0 if not hyp else 1.0
    previous = list(range(len(hyp) + 1))
    for i, ref_word in enumerate(ref, start=1):
        current = [i] + [0] * len(hyp)
        for j, hyp_word in enumerate(hyp, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref_word != hyp_word))
        previous = current
    return previous[-1] / len(ref)


def characters(text: str) -> list[str]:
    """The letters and digits of a text, NFKC-normalised and lower-cased: punctuation and spaces dropped."""
    return [c for c in unicodedata.normalize("NFKC", text).lower() if unicodedata.category(c)[0] in "LN"]


def character_error_rate(reference: str, hypothesis: str) -> float:
    """CER: the edit distance between the texts' characters over the reference's character count, for
    languages written without spaces between words (Japanese, Chinese), where a word error rate has no words."""
    return _edit_distance(characters(reference), characters(hypothesis))
