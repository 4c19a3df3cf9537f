"""Checks that score a reply against an expected answer, and test tables from CSV.

Small models wrap answers in prose ("The sentiment is: Positive."), so the checks normalise case,
whitespace and trailing punctuation, and the number check reads the last number in the reply. Japanese
replies write numbers in full-width digits (１２個, １，５００, ３．５, －２) or in words (十二, 二十五, 一万二千,
二〇二四, and mixed: 3万, 1万2千, 3.5万); the number check reads those too. Words that merely contain a
numeral (一緒, 一番, 十分に, もう一度) are not read as numbers.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from model_backend.core.messages import msg
from model_backend.prompt_lab.techniques import TableRow

CHECKS = ("exact", "contains", "regex", "number")
_ARABIC = r"\d[\d,]*(?:\.\d+)?"
_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_LARGE_UNITS = {"万": 10**4, "億": 10**8, "兆": 10**12}
_KANJI = "".join([*_KANJI_DIGITS, *_SMALL_UNITS, *_LARGE_UNITS])
# A number: Arabic digits, Japanese numerals or both mixed (3万, 1万2千). A sign counts only where it does
# not follow a digit, so "20-6" is 20 and 6, not 20 and -6.
NUMBER = re.compile(rf"(?:(?<!\d)[-+])?(?:{_ARABIC}|[{_KANJI}])+")
# Full-width ASCII (０-９ ． － ＋ ，) -> ASCII, and the minus sign (U+2212) -> "-".
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x2212: "-"}
# Words with a numeral inside that are not numbers; blanked out before numbers are looked for.
NOT_NUMBERS = re.compile("|".join((
    "一番", "一緒", "一般", "一方", "一部", "一応", "一旦", "一致", "一定", "一体", "一切", "一気", "一見", "一層", "一瞬",
    "一生懸命", "一石二鳥", "統一", "唯一", "同一", "均一", "万一", "万が一", "もう一度", "十分に", "十分な", "十分だ",
    "四捨五入", "千差万別", "十人十色", "百貨店", "八百屋", "万年筆", "万歳",
)))


class CheckError(ValueError):
    """A check that cannot run (e.g. a regex that does not compile); ``args[0]`` (a Message) says why."""


class TableError(ValueError):
    """A test table that cannot be read; ``args[0]`` (a Message) names the row."""


def normalise(text: str) -> str:
    return " ".join(text.strip().casefold().split()).strip(" .!?。、！？\"'「」")


def _japanese_number(text: str) -> float | None:
    """The value of a number written with Japanese numerals, maybe mixed with Arabic digits: 二十五 -> 25,
    一万二千 -> 12000, 3.5万 -> 35000, 二〇二四 -> 2024 (digit by digit). None for a lone 万, 億 or 兆."""
    total = 0.0  # the finished 万/億/兆 groups
    section = 0.0  # below the current 万: what 十, 百 and 千 have made
    current: float | None = None  # digits not yet multiplied by a unit
    for part in re.findall(rf"{_ARABIC}|[{_KANJI}]", text):
        if part in _KANJI_DIGITS:
            current = _KANJI_DIGITS[part] + (current * 10 if current is not None else 0)
        elif part in _SMALL_UNITS:
            section += (1 if current is None else current) * _SMALL_UNITS[part]
            current = None
        elif part in _LARGE_UNITS:
            group = section + (current or 0)
            if group == 0 and current is None:
                return None
            total += group * _LARGE_UNITS[part]
            section, current = 0.0, None
        else:
            value = float(part.replace(",", ""))
            current = value + (current * 10 ** len(part) if current is not None else 0)
    return total + section + (current or 0)


def last_number(text: str) -> float | None:
    """The last number in the text (Arabic, full-width or Japanese numerals), or None if there is none."""
    text = NOT_NUMBERS.sub(" ", text.translate(_FULL_WIDTH))
    for found in reversed(NUMBER.findall(text)):
        digits = found.lstrip("+-")
        try:
            value = _japanese_number(digits) if re.search(f"[{_KANJI}]", digits) else float(digits.replace(",", ""))
        except ValueError:
            continue
        if value is not None:
            return -value if found.startswith("-") else value
    return None


@dataclass(frozen=True)
class Check:
    kind: str = "contains"
    pattern: str = ""  # for "regex": the pattern; "{expected}" inside it is replaced by the expected answer

    def validate(self) -> None:
        if self.kind not in CHECKS:
            raise CheckError(msg("Unknown check '{check}'. Use one of: {checks}.", check=self.kind, checks=", ".join(CHECKS)))
        if self.kind == "regex":
            try:
                re.compile(self.pattern.replace("{expected}", "x") or "(?!)")
            except re.error as exc:
                raise CheckError(msg("The regular expression does not compile: {error}.", error=str(exc))) from exc

    def validate_expected(self, expected: str) -> None:
        if self.kind == "number" and last_number(expected) is None:
            raise CheckError(msg("The expected answer '{expected}' has no number in it, so 'number' cannot check it.",
                                 expected=expected))

    def passes(self, reply: str, expected: str) -> bool:
        self.validate()
        self.validate_expected(expected)
        if self.kind == "exact":
            return normalise(reply) == normalise(expected)
        if self.kind == "contains":
            return normalise(expected) in normalise(reply)
        if self.kind == "regex":
            pattern = self.pattern.replace("{expected}", re.escape(expected)) if self.pattern else re.escape(expected)
            return re.search(pattern, reply, flags=re.IGNORECASE | re.MULTILINE) is not None
        got, want = last_number(reply), last_number(expected)
        return got is not None and abs(got - want) <= 1e-6 * max(1.0, abs(want))


def rows_from_csv(text: str) -> list[TableRow]:
    """Read a table whose last column (or a column named 'expected') is the expected answer."""
    if not text.strip():
        raise TableError(msg("The table is empty: add at least one row with an expected answer."))
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise TableError(msg("Row 1 (the header) could not be read: {error}.", error=str(exc))) from exc
    if len(header) < 2 or any(not h for h in header):
        raise TableError(msg("Row 1 must be a header naming each column, e.g. 'review,expected'."))
    expected_col = header.index("expected") if "expected" in header else len(header) - 1
    rows = []
    for number, record in enumerate(reader, start=2):
        try:
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                raise TableError(msg("Row {row} has {columns} columns but the header has {header}.",
                                     row=number, columns=len(record), header=len(header)))
            values = {h: c for i, (h, c) in enumerate(zip(header, record)) if i != expected_col}
            if not record[expected_col].strip():
                raise TableError(msg("Row {row} has no expected answer (column '{column}').", row=number,
                                     column=header[expected_col]))
            rows.append(TableRow(values, record[expected_col]))
        except csv.Error as exc:
            raise TableError(msg("Row {row} could not be read: {error}.", row=number, error=str(exc))) from exc
    if not rows:
        raise TableError(msg("The table has a header but no rows."))
    return rows


def rows_to_csv(rows: list[TableRow]) -> str:
    names = list(dict.fromkeys(name for row in rows for name in row.values))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(names + ["expected"])
    for row in rows:
        writer.writerow([row.values.get(n, "") for n in names] + [row.expected])
    return out.getvalue()
