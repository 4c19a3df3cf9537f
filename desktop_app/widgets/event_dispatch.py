"""One way to react to a job's events: name a handler per kind of event instead of an isinstance ladder.

Every tab receives batches of events for its jobs (the controller groups them every 40 ms). Each
handler is optional; an event without one is ignored. ``on_end`` runs after any terminal event, so
"the job is over" (buttons, progress bar) is written once per caller, not in three branches.
"""
from __future__ import annotations

from typing import Callable, Iterable

from model_backend.core.jobs import Cancelled, Event, Failed, Partial, Progress, Result, is_terminal


def dispatch(
    events: Iterable[Event],
    *,
    on_progress: Callable[[Progress], None] | None = None,
    on_partial: Callable[[object], None] | None = None,
    on_result: Callable[[object], None] | None = None,
    on_cancelled: Callable[[object], None] | None = None,
    on_failed: Callable[[Failed], None] | None = None,
    on_end: Callable[[Event], None] | None = None,
) -> bool:
    """Call the handler for each event in order; returns True when the batch held a terminal event."""
    ended = False
    for event in events:
        if isinstance(event, Progress):
            handler, argument = on_progress, event
        elif isinstance(event, Partial):
            handler, argument = on_partial, event.payload
        elif isinstance(event, Result):
            handler, argument = on_result, event.value
        elif isinstance(event, Cancelled):
            handler, argument = on_cancelled, event.partial
        elif isinstance(event, Failed):
            handler, argument = on_failed, event
        else:
            handler, argument = None, None
        if handler is not None:
            handler(argument)
        if is_terminal(event):
            ended = True
            if on_end is not None:
                on_end(event)
    return ended
