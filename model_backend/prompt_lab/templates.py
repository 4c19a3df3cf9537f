"""``{{variable}}`` templates: find the variables, fill them, and say clearly what is missing."""
from __future__ import annotations

import re
from dataclasses import dataclass

from model_backend.core.messages import msg

VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
EXAMPLES_SLOT = "examples"  # filled from the technique's worked examples, not from the form


class TemplateError(ValueError):
    """A template that cannot be filled; the message names the variable."""


@dataclass(frozen=True)
class Filled:
    text: str
    unused: tuple[str, ...]  # values given in the form that the template never uses


def find_variables(template: str) -> list[str]:
    """Variable names in order of first use, without the reserved ``{{examples}}`` slot."""
    seen: list[str] = []
    for match in VARIABLE.finditer(template):
        name = match.group(1)
        if name != EXAMPLES_SLOT and name not in seen:
            seen.append(name)
    return seen


def fill(template: str, values: dict[str, str], examples_text: str = "") -> Filled:
    missing = [name for name in find_variables(template) if not str(values.get(name, "")).strip()]
    if missing:
        names = ", ".join("{{" + name + "}}" for name in missing)
        raise TemplateError(msg("The template uses {names} but no value was given: fill it in the form.", names=names))

    def replace(match: re.Match) -> str:
        name = match.group(1)
        return examples_text if name == EXAMPLES_SLOT else str(values[name])

    used = set(find_variables(template))
    unused = tuple(name for name, value in values.items() if name not in used and str(value).strip())
    return Filled(VARIABLE.sub(replace, template), unused)
