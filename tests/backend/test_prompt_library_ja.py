"""The Japanese prompt library matches the English one, and the number check reads Japanese answers."""
import json
import re

import pytest

from model_backend.core.paths import resources_dir
from model_backend.prompt_lab.scoring import Check, CheckError, last_number
from model_backend.prompt_lab.techniques import TECHNIQUE_KINDS, load_builtin

PROMPTS = resources_dir() / "prompts"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _raw(language: str) -> dict:
    return json.loads((PROMPTS / f"{language}.json").read_text(encoding="utf-8"))


def _by_id(language: str) -> dict:
    return {t.id: t for t in load_builtin(PROMPTS) if t.language == language}


def test_every_english_technique_and_task_has_its_japanese_counterpart():
    english, japanese = _by_id("en"), _by_id("ja")
    assert len(english) == len(japanese) == 16
    assert {i.removeprefix("en-") for i in english} == {i.removeprefix("ja-") for i in japanese}
    en_raw, ja_raw = _raw("en"), _raw("ja")
    assert ja_raw["language"] == "ja" and set(en_raw["tasks"]) == set(ja_raw["tasks"])
    for name, task in en_raw["tasks"].items():
        twin = ja_raw["tasks"][name]
        assert twin["check"] == task["check"], name
        assert len(twin["test_rows"]) == len(task["test_rows"]), name
        assert set(twin["values"]) == set(task["values"]), name
    for technique_id, en in english.items():
        ja = japanese["ja-" + technique_id.removeprefix("en-")]
        assert (ja.kind, ja.task, ja.check, ja.example_count) == (en.kind, en.task, en.check, en.example_count), ja.id
        assert len(ja.examples) == len(en.examples), ja.id
        assert len(ja.test_rows) == len(en.test_rows), ja.id
        assert bool(ja.stop) == bool(en.stop), ja.id
        assert bool(ja.system) == bool(en.system), ja.id
        assert set(ja.values) == set(en.values), ja.id


def test_japanese_techniques_are_written_in_japanese_and_fill():
    japanese = _by_id("ja")
    assert {t.kind for t in japanese.values()} == set(TECHNIQUE_KINDS)
    for technique in japanese.values():
        assert JAPANESE.search(technique.name), technique.id
        # The prompt the model reads is Japanese (a template may be just "{{problem}}" with the persona as system).
        assert JAPANESE.search(technique.template + technique.system), technique.id
        if technique.system:
            assert JAPANESE.search(technique.system), technique.id
        for value in technique.values.values():
            assert JAPANESE.search(value), technique.id
        for row in technique.test_rows:
            assert all(JAPANESE.search(v) for v in row.values.values()), (technique.id, row)
            prompt = technique.messages({**technique.values, **row.values})[-1].content
            assert "{{" not in prompt, technique.id
        for stop in technique.stop:  # the stop text is what the template writes before the next question
            assert stop.strip() in technique.template, technique.id


def test_japanese_answers_are_checked_in_japanese():
    """Classification and summaries expect Japanese words; translation expects English (its target)."""
    for technique in _by_id("ja").values():
        for row in technique.test_rows:
            if technique.task == "translation":
                assert row.expected.isascii(), technique.id
            elif technique.task in ("sentiment", "topic", "summarisation"):
                assert JAPANESE.search(row.expected), (technique.id, row.expected)
    sentiment = _by_id("ja")["ja-sentiment-zero-shot"]
    check = Check(sentiment.check, sentiment.check_pattern)
    assert check.passes("このレビューの感情は「ネガティブ」です。", "ネガティブ")
    assert not check.passes("ポジティブ", "ネガティブ")


def test_worked_examples_answer_like_the_test_table_expects():
    """Few-shot examples show the model the answer form the check accepts."""
    for technique in _by_id("ja").values():
        check = Check(technique.check, technique.check_pattern)
        expected = {row.expected for row in technique.test_rows}
        for example in technique.examples:
            if technique.task in ("sentiment", "topic"):
                assert example.output in {"ポジティブ", "ネガティブ", "スポーツ", "政治", "経済", "科学"}, example
            if technique.check == "number":
                answer = re.search(r"答えは(\d+)です。$", example.output)
                assert answer and check.passes(example.output, answer.group(1)), example
        if technique.task == "topic":
            assert expected <= {"スポーツ", "政治", "経済", "科学"}


@pytest.mark.parametrize("text, value", [
    ("答えは１２個です", 12), ("二十五", 25), ("三", 3), ("十二", 12), ("百", 100), ("千", 1000),
    ("一万二千", 12000), ("〇", 0), ("零", 0), ("3万", 30000), ("1万2千", 12000), ("3.5万", 35000),
    ("１２万３４５６円", 123456), ("1,200万人", 12_000_000), ("一億二千万", 120_000_000), ("二〇二四年", 2024),
    ("千二百三十四", 1234), ("百五", 105), ("三百", 300), ("２千円", 2000), ("－５度", -5), ("−3", -3),
    ("３．５キロ", 3.5), ("１，５００円", 1500), ("合計は三十二円です。", 32),
    # Existing behaviour: the last number, commas as thousands separators, a sign only before the number.
    ("3 x 4 = 12, minus 2 gives 10.", 10), ("It costs 1,500 yen.", 1500), ("-7", -7), ("+7", 7),
    ("20-6=14", 14), ("20-6", 6), ("12,", 12), ("0.25", 0.25),
])
def test_last_number_reads_full_width_digits_and_japanese_numerals(text, value):
    assert last_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "I don't know", "分かりません", "万", "一緒に考えましょう", "これで十分に足ります"])
def test_text_without_a_number(text):
    assert last_number(text) is None


def test_words_that_only_contain_a_numeral_are_not_the_answer():
    assert last_number("答えは12個です。一緒に確かめましょう。") == 12
    assert last_number("答えは14です。もう一度確認すると一番大きいのは…") == 14
    assert last_number("四捨五入すると30です") == 30


@pytest.mark.parametrize("reply, expected, passed", [
    ("答えは１２個です", "12", True),
    ("二十五", "25", True),
    ("答えは二十五です。", "二十五", True),
    ("残りは十個です。", "10", True),
    ("4 × 3 = 12個。2個食べたので、12 − 2 = 10個です。答えは10個です。", "10", True),
    ("1人あたり４切れです。", "4", True),
    ("答えは一万二千円です", "12000", True),
    ("答えは3万円", "30000", True),
    ("答えは１２個です", "13", False),
    ("分かりません", "12", False),
])
def test_number_check_accepts_japanese_answers(reply, expected, passed):
    assert Check("number").passes(reply, expected) is passed


def test_numberless_expectation_is_still_explained():
    with pytest.raises(CheckError, match="no number"):
        Check("number").passes("12", "じゅうに")
