"""An experiment: variants (technique + model) run side by side, optionally over a scored table.

Everything a run needs is in the experiment, so it can be saved, reopened, exported and re-run.
Cells are planned grouped by model, so a comparison across models loads each model once.
"""
from __future__ import annotations

import csv
import enum
import io
import json
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from model_backend.chat.chat_types import ChatRequest, Message, Sampling
from model_backend.chat.chat_validation import validate_sampling
from model_backend.core.atomic import atomic_write_json
from model_backend.core.errors import BackendError
from model_backend.core.messages import msg
from model_backend.prompt_lab.scoring import Check, CheckError
from model_backend.prompt_lab.techniques import TableRow, Technique
from model_backend.prompt_lab.templates import TemplateError, find_variables

SIDE_BY_SIDE_ROW = -1  # the single run with the form's values, not a table row
MAX_VARIANTS = 6


def _said(exc: Exception) -> str:
    """What an error says, kept a ``Message`` (translatable) when it was raised with one; ``str(exc)`` drops that."""
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)


@dataclass
class Variant:
    name: str
    technique: Technique
    model_id: str
    example_count: int = 0
    raw_continuation: bool = False  # no chat template: the model continues the prompt's text (base vs instruct)

    def messages(self, values: dict[str, str]) -> tuple[Message, ...]:
        return self.technique.messages(values, self.example_count)


class CellStatus(enum.StrEnum):
    """How a cell's run ended; saved in the experiment file as its value."""

    DONE = "done"
    STOPPED = "stopped"
    FAILED = "failed"


@dataclass
class CellResult:
    variant: int
    row: int
    reply: str = ""
    status: CellStatus = CellStatus.DONE
    passed: bool | None = None
    error: str = ""
    stats: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.status = CellStatus(self.status)  # also accepts the value read back from a saved file


@dataclass
class Experiment:
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    name: str = "Untitled experiment"
    created: float = field(default_factory=time.time)
    variants: list[Variant] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)  # the side-by-side inputs
    rows: list[TableRow] = field(default_factory=list)
    check: Check = Check()
    sampling: Sampling = Sampling(temperature=0.0, max_new_tokens=128, seed=0)
    results: list[CellResult] = field(default_factory=list)

    # ---- planning ----------------------------------------------------------------------
    def plan(self, scored: bool) -> list[tuple[int, int, ChatRequest]]:
        """One request per cell, grouped by model so each model is loaded once."""
        rows = range(len(self.rows)) if scored else [SIDE_BY_SIDE_ROW]
        cells = []
        order = sorted(range(len(self.variants)), key=lambda i: (self.variants[i].model_id, i))
        for variant_index in order:
            variant = self.variants[variant_index]
            for row_index in rows:
                request = ChatRequest(conversation=variant.messages(self.values_for(row_index)),
                                      model_id=variant.model_id, sampling=self.sampling,
                                      stop=tuple(variant.technique.stop), raw_continuation=variant.raw_continuation)
                cells.append((variant_index, row_index, request))
        return cells

    def problem(self, scored: bool) -> str:
        """Why a run cannot start (naming the variant and row), or "" when it can."""
        if not self.variants:
            return msg("Add at least one variant first (“Add to comparison”).")
        try:
            validate_sampling(self.sampling)  # a saved or hand-edited experiment may hold any numbers
        except BackendError as exc:
            return exc.message
        if scored:
            if not self.rows:
                return msg("The test table is empty: load the technique's table, import a CSV, or add rows.")
            try:
                self.check.validate()
                for number, row in enumerate(self.rows, start=1):
                    try:
                        self.check.validate_expected(row.expected)
                    except CheckError as exc:
                        return msg("Table row {number}: {reason}", number=number, reason=_said(exc))
            except CheckError as exc:
                return _said(exc)
        if scored:
            mismatch = self.table_mismatch()
            if mismatch:
                return mismatch
        for variant in self.variants:
            for row in range(len(self.rows)) if scored else [SIDE_BY_SIDE_ROW]:
                try:
                    variant.messages(self.values_for(row))
                except TemplateError as exc:
                    if row >= 0:
                        return msg("Variant “{variant}”, table row {row}: {reason}", variant=variant.name, row=row + 1,
                                   reason=_said(exc))
                    return msg("Variant “{variant}”, the form: {reason}", variant=variant.name, reason=_said(exc))
        return ""

    def table_mismatch(self) -> str:
        """Every variant must read every input column of the table, and find every variable it needs
        there (or in the form). Otherwise a scored run would send one prompt for all rows, or fail half
        way; the message names the variant and the variable so the student knows what to fix."""
        columns = sorted({name for row in self.rows for name in row.values})
        for variant in self.variants:
            technique = variant.technique
            used = set(find_variables(technique.template)) | set(find_variables(technique.system))
            unused = [name for name in columns if name not in used]
            if unused:
                return msg("Variant “{variant}” does not use the table's column “{column}”: every row would send it the "
                           "same prompt. Put {{{{{column}}}}} in its template, or use a table made for this technique.",
                           variant=variant.name, column=unused[0])
            missing = [name for name in find_variables(technique.template)
                       if name not in columns and not str(self.values.get(name, "")).strip()]
            if missing:
                return msg("Variant “{variant}” needs “{column}”, which the test table has no column for. Add a "
                           "“{column}” column to the table, or use the technique's own table.", variant=variant.name,
                           column=missing[0])
        return ""

    def values_for(self, row: int) -> dict[str, str]:
        return self.values if row == SIDE_BY_SIDE_ROW else {**self.values, **self.rows[row].values}

    def record(self, cell: CellResult) -> CellResult:
        """Store a finished cell (replacing an older result for the same cell) and score it."""
        if cell.row != SIDE_BY_SIDE_ROW and cell.status is CellStatus.DONE and not cell.error:
            try:
                cell.passed = self.check.passes(cell.reply, self.rows[cell.row].expected)
            except CheckError as exc:  # the table was edited after the run was checked
                cell.error = _said(exc)
        self.results = [r for r in self.results if (r.variant, r.row) != (cell.variant, cell.row)] + [cell]
        return cell

    def result(self, variant: int, row: int) -> CellResult | None:
        return next((r for r in self.results if (r.variant, r.row) == (variant, row)), None)

    def accuracy(self, variant: int) -> tuple[int, int]:
        """(passed, scored) for one variant over the table rows that have a result."""
        scored = [r for r in self.results if r.variant == variant and r.passed is not None]
        return sum(1 for r in scored if r.passed), len(scored)

    def clear_results(self, scored: bool) -> None:
        """Forget the old results of the kind of run about to start (scored table or side by side)."""
        self.results = [r for r in self.results if (r.row == SIDE_BY_SIDE_ROW) == scored]

    # ---- persistence -------------------------------------------------------------------
    def to_json(self) -> dict:
        return {
            "format_version": 1,
            "id": self.id,
            "name": self.name,
            "created": self.created,
            "variants": [{"name": v.name, "technique": v.technique.to_json(), "model_id": v.model_id,
                          "example_count": v.example_count, "raw_continuation": v.raw_continuation}
                         for v in self.variants],
            "values": self.values,
            "rows": [asdict(r) for r in self.rows],
            "check": asdict(self.check),
            "sampling": asdict(self.sampling),
            "results": [asdict(r) for r in self.results],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Experiment":
        return cls(
            id=data["id"],
            name=data.get("name", "Untitled experiment"),
            created=data.get("created", 0.0),
            variants=[Variant(v["name"], Technique.from_json(v["technique"]), v["model_id"], v.get("example_count", 0),
                              bool(v.get("raw_continuation", False))) for v in data.get("variants", [])],
            values=dict(data.get("values", {})),
            rows=[TableRow(dict(r["values"]), r["expected"]) for r in data.get("rows", [])],
            check=Check(**data.get("check", {})),
            sampling=Sampling(**data.get("sampling", {})),
            results=[CellResult(**r) for r in data.get("results", [])],
        )


class ExperimentStore:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def save(self, experiment: Experiment) -> Path:
        path = self.folder / f"{experiment.id}.json"
        atomic_write_json(path, experiment.to_json())
        return path

    def load_all(self) -> list[Experiment]:
        found = []
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            try:
                found.append(Experiment.from_json(json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return sorted(found, key=lambda e: e.created, reverse=True)


# ---- exports ---------------------------------------------------------------------------------
CSV_COLUMNS = ["variant", "technique", "model", "row", "inputs", "expected", "reply", "status", "passed",
               "time_to_first_token", "tokens_per_second", "tokens", "stop_reason", "seed"]


def _cell_record(experiment: Experiment, cell: CellResult) -> dict:
    variant = experiment.variants[cell.variant]
    row = experiment.rows[cell.row] if cell.row != SIDE_BY_SIDE_ROW else None
    return {
        "variant": variant.name,
        "technique": variant.technique.kind,
        "model": variant.model_id,
        "row": "" if row is None else cell.row + 1,
        "inputs": json.dumps(row.values if row else experiment.values, ensure_ascii=False),
        "expected": row.expected if row else "",
        "reply": cell.reply,
        "status": cell.status,
        "passed": "" if cell.passed is None else ("yes" if cell.passed else "no"),
        **{key: cell.stats.get(key, "") for key in ("time_to_first_token", "tokens_per_second", "tokens",
                                                     "stop_reason", "seed")},
    }


def export_csv(experiment: Experiment) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS)
    writer.writeheader()
    for cell in sorted(experiment.results, key=lambda r: (r.variant, r.row)):
        writer.writerow(_cell_record(experiment, cell))
    return out.getvalue()


def export_json(experiment: Experiment) -> str:
    return json.dumps(experiment.to_json(), ensure_ascii=False, indent=2) + "\n"


def export_markdown(experiment: Experiment) -> str:
    lines = [f"# {experiment.name}", "", f"Check: `{experiment.check.kind}`"
             + (f" `{experiment.check.pattern}`" if experiment.check.pattern else "")
             + f" · temperature {experiment.sampling.temperature} · seed {experiment.sampling.seed}", ""]
    lines += ["| variant | technique | model | accuracy |", "|---|---|---|---|"]
    for index, variant in enumerate(experiment.variants):
        passed, scored = experiment.accuracy(index)
        accuracy = f"{passed}/{scored} ({passed / scored:.0%})" if scored else "–"
        lines.append(f"| {variant.name} | {variant.technique.kind} | `{variant.model_id}` | {accuracy} |")
    lines += ["", "| variant | row | expected | passed | reply |", "|---|---|---|---|---|"]
    for cell in sorted(experiment.results, key=lambda r: (r.variant, r.row)):
        record = _cell_record(experiment, cell)
        reply = record["reply"].replace("|", "\\|").replace("\n", " ")
        lines.append(f"| {record['variant']} | {record['row'] or 'side by side'} | {record['expected']} | "
                     f"{record['passed'] or '–'} | {reply} |")
    return "\n".join(lines) + "\n"


def export_text(experiment: Experiment, suffix: str) -> str:
    """The experiment in the format its file name asks for (``.csv``, ``.json``), else Markdown."""
    writers = {".csv": export_csv, ".json": export_json}
    return writers.get(suffix.lower(), export_markdown)(experiment)
