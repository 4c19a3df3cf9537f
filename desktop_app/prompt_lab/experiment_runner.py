"""Runs an experiment's cells through the backend queue and records each one as it ends.

Every cell is an ordinary chat job, so it streams, can be stopped alone, and ends with exactly one
terminal event; a finished cell is recorded (and scored) at once, so Stop or quitting keeps it.
"""
from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, Signal

from desktop_app.controller import BackendController
from desktop_app.i18n.retranslate import Text, say
from desktop_app.widgets.event_dispatch import dispatch
from model_backend.chat.chat_types import ChatResult, PromptTokens, TextChunk
from model_backend.prompt_lab.experiment import SIDE_BY_SIDE_ROW, CellResult, CellStatus, Experiment


class ExperimentRunner(QObject):
    cell_started = Signal(int, int)
    cell_text = Signal(int, int, str)
    cell_note = Signal(int, int, object)  # a Text: said in the UI's language when it is shown
    cell_finished = Signal(object)  # CellResult
    progress = Signal(object)  # a Text, so the status line says it again after a language switch
    run_finished = Signal()

    def __init__(self, controller: BackendController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.experiment: Experiment | None = None
        self.jobs: dict[str, tuple[int, int]] = {}
        self._texts: dict[tuple[int, int], str] = {}
        self.total = 0  # cells in the run

    def is_running(self) -> bool:
        return bool(self.jobs)

    def start(self, experiment: Experiment, scored: bool) -> int:
        """Queue every cell; returns how many. The caller validates the experiment first."""
        self.experiment = experiment
        experiment.clear_results(scored)
        plan = experiment.plan(scored)
        self.total = len(plan)
        for variant, row, request in plan:
            self.jobs[request.job_id] = (variant, row)
            self._texts[(variant, row)] = ""
            self.controller.submit(request, partial(self._on_events, request.job_id, variant, row))
        return len(plan)

    def stop_variant(self, variant: int) -> None:
        for job_id, (v, _) in list(self.jobs.items()):
            if v == variant:
                self.controller.cancel(job_id)

    def stop_all(self) -> None:
        for job_id in list(self.jobs):
            self.controller.cancel(job_id)

    def _on_events(self, job_id: str, variant: int, row: int, events: list) -> None:
        def on_partial(payload) -> None:
            if isinstance(payload, PromptTokens):
                self.cell_started.emit(variant, row)
                self.progress.emit(self._describe(variant, row, lambda: self.tr("writing")))
                if not payload.used_chat_template and not payload.raw_continuation:  # raw: asked for
                    self.cell_note.emit(variant, row, lambda: self.tr(
                        "This model has no chat template, so a plain “User:/Assistant:” prompt was used."))
            elif isinstance(payload, TextChunk):
                self._texts[(variant, row)] += payload.text
                self.cell_text.emit(variant, row, payload.text)

        def on_cancelled(partial_result) -> None:
            kept = partial_result if isinstance(partial_result, ChatResult) else None
            self._finish(job_id, self._cell(variant, row, kept, CellStatus.STOPPED))

        dispatch(events, on_progress=lambda event: self.progress.emit(self._describe(variant, row, event.message)),
                 on_partial=on_partial,
                 on_result=lambda result: self._finish(job_id, self._cell(variant, row, result, CellStatus.DONE)),
                 on_cancelled=on_cancelled,
                 on_failed=lambda event: self._finish(job_id, CellResult(variant, row, status=CellStatus.FAILED,
                                                                         error=event.message)))

    def _describe(self, variant: int, row: int, doing: Text) -> Text:
        """What the run is doing now, for the status line: which cell, which variant, and what happens.

        The numbers are taken now; the words are said when shown (``doing``: a Text, e.g. a backend Message)."""
        k, n = min(self.total - len(self.jobs) + 1, self.total), self.total
        name = self.experiment.variants[variant].name if self.experiment else ""

        def said() -> str:
            where = self.tr("side by side") if row == SIDE_BY_SIDE_ROW else self.tr("row {r}").format(r=row + 1)
            return self.tr("Cell {k} of {n} · {variant} · {where}: {doing}").format(
                k=k, n=n, variant=name, where=where, doing=say(doing))
        return said

    def _cell(self, variant: int, row: int, result: ChatResult | None, status: CellStatus) -> CellResult:
        if result is None:
            return CellResult(variant, row, self._texts.get((variant, row), ""), status=status)
        return CellResult(variant, row, result.text, status=status, stats=result.stats)

    def _finish(self, job_id: str, cell: CellResult) -> None:
        self.jobs.pop(job_id, None)
        if self.experiment is not None:
            self.experiment.record(cell)
        self.cell_finished.emit(cell)
        if not self.jobs:
            self.run_finished.emit()
