"""Checks that score a reply against an expected answer, and test tables from CSV.

Small models wrap answers in prose ("The sentiment is: Positive."), so the checks normalise case,
whitespace and trailing punctuation, and the number check reads the last number in the reply.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from model_backend.prompt_lab.techniques import TableRow

CHECKS = ("exact", "contains", "regex", "number")
NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")


class CheckError(ValueError):
    """A check that cannot run (e.g. a regex that does not compile); the message says why."""


class TableError(ValueError):
    """A test table that cannot be read; the message names the row."""


def normalise(text: str) -> str:
    return " ".join(text.strip().casefold().split()).strip(" .!?。、！？\"'「」")


def last_number(text: str) -> float | None:
    found = NUMBER.findall(text)
    if not found:
        return None
    try:
        return float(found[-1].replace(",", ""))
    except ValueError:
        return None


@dataclass(frozen=True)
class Check:
    kind: str = "contains"
    pattern: str = ""  # for "regex": the pattern; "{expected}" inside it is replaced by the expected answer

    def validate(self) -> None:
        if self.kind not in CHECKS:
            raise CheckError(f"Unknown check '{self.kind}'. Use one of: {', '.join(CHECKS)}.")
        if self.kind == "regex":
            try:
                re.compile(self.pattern.replace("{expected}", "x") or "(?!)")
            except re.error as exc:
                raise CheckError(f"The regular expression does not compile: {exc}.") from exc

    def validate_expected(self, expected: str) -> None:
        if self.kind == "number" and last_number(expected) is None:
            raise CheckError(f"The expected answer '{expected}' has no number in it, so 'number' cannot check it.")

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
        raise TableError("The table is empty: add at least one row with an expected answer.")
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise TableError(f"Row 1 (the header) could not be read: {exc}.") from exc
    if len(header) < 2 or any(not h for h in header):
        raise TableError("Row 1 must be a header naming each column, e.g. 'review,expected'.")
    expected_col = header.index("expected") if "expected" in header else len(header) - 1
    rows = []
    for number, record in enumerate(reader, start=2):
        try:
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                raise TableError(f"Row {number} has {len(record)} columns but the header has {len(header)}.")
            values = {h: c for i, (h, c) in enumerate(zip(header, record)) if i != expected_col}
            if not record[expected_col].strip():
                raise TableError(f"Row {number} has no expected answer (column '{header[expected_col]}').")
            rows.append(TableRow(values, record[expected_col]))
        except csv.Error as exc:
            raise TableError(f"Row {number} could not be read: {exc}.") from exc
    if not rows:
        raise TableError("The table has a header but no rows.")
    return rows


def rows_to_csv(rows: list[TableRow]) -> str:
    names = list(dict.fromkeys(name for row in rows for name in row.values))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(names + ["expected"])
    for row in rows:
        writer.writerow([row.values.get(n, "") for n in names] + [row.expected])
    return out.getvalue()
