"""Every UI string can be translated: Qt's lupdate must find it, under the context it is looked up in.

lupdate reads the source, not the running program, so ``self.tr(variable)`` is never extracted, and a
module-level ``tr()`` wrapper files its strings under an empty context that no lookup ever uses.
"""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

APP = Path(__file__).resolve().parents[2] / "desktop_app"
QT_CLASSES = {"QCoreApplication", "QApplication", "QGuiApplication"}


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def untranslatable_calls(source: str) -> list[int]:
    """Lines of tr()/translate() calls whose text (and context) are not string literals."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "tr":
            literal = bool(node.args) and _literal(node.args[0])
        elif name == "translate" and (isinstance(func, ast.Name)
                                      or getattr(func.value, "id", "") in QT_CLASSES):
            literal = len(node.args) >= 2 and _literal(node.args[0]) and _literal(node.args[1])
        else:
            continue
        if not literal:
            lines.append(node.lineno)
    return lines


def test_the_check_sees_what_lupdate_cannot_read():
    assert untranslatable_calls('self.tr("Open")\ntranslate("Ctx", "Quit")\n"a".translate({})') == []
    assert untranslatable_calls("self.tr(name)\nQCoreApplication.translate('Ctx', text)\ntr(f'{x}')") == [1, 2, 3]


def test_ui_strings_are_literals_lupdate_can_extract():
    found = {str(path.relative_to(APP)): lines for path in sorted(APP.rglob("*.py"))
             if (lines := untranslatable_calls(path.read_text(encoding="utf-8")))}
    assert found == {}


def _lupdate() -> str | None:
    beside_python = Path(sys.executable).with_name("pyside6-lupdate")
    return str(beside_python) if beside_python.exists() else shutil.which("pyside6-lupdate")


@pytest.mark.skipif(_lupdate() is None, reason="pyside6-lupdate is not installed")
def test_lupdate_files_every_string_under_a_named_context(tmp_path):
    catalogue = tmp_path / "genai_classroom_ja.ts"
    sources = [str(p) for p in sorted(APP.rglob("*.py"))]
    subprocess.run([_lupdate(), *sources, "-ts", str(catalogue)], check=True, capture_output=True, timeout=120)
    contexts = ElementTree.parse(catalogue).getroot().findall("context")
    unnamed = [m.findtext("source") for c in contexts if not (c.findtext("name") or "").strip()
               for m in c.findall("message")]
    assert unnamed == []
    names = {c.findtext("name") for c in contexts}
    assert {"UserFolders", "SpeechToTextPage", "MusicPage"} <= names
    assert sum(len(c.findall("message")) for c in contexts) > 300


@pytest.mark.skipif(_lupdate() is None, reason="pyside6-lupdate is not installed")
def test_the_japanese_catalogue_is_complete_and_compiled():
    """Every UI string and backend sentence has a Japanese translation that keeps its {placeholders},
    nothing in the code is missing from the .ts, and the shipped .qm is compiled from it."""
    sys.path.insert(0, str(APP.parent / "scripts"))
    try:
        import translations
    finally:
        sys.path.pop(0)
    assert translations.problems("ja") == []


def test_the_catalogue_check_sees_a_missing_placeholder():
    sys.path.insert(0, str(APP.parent / "scripts"))
    try:
        import translations
    finally:
        sys.path.pop(0)
    assert translations.placeholders("Saved {n} of {total:,}") == ["n", "total"]
    assert translations.placeholders("{{variables}} stay literal") == []
    assert translations.placeholders("{n} 件を保存") != translations.placeholders("Saved {n} of {total}")
