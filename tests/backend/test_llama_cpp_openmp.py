"""llama.cpp's OpenMP threads: the settings that keep two models in one process at full speed (a chat
model and a shared class server) are in place before the native library loads, and a user's own win."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from model_backend.chat.llama_cpp_support import OPENMP_SETTINGS, use_openmp_settings


def test_linux_gets_the_settings_other_systems_and_a_users_own_choice_are_left_alone():
    environ: dict[str, str] = {}
    use_openmp_settings(environ, "Linux")
    assert environ == OPENMP_SETTINGS
    assert environ["OMP_WAIT_POLICY"] == "active" and int(environ["GOMP_SPINCOUNT"]) > 0  # never "spin for ever"
    for system in ("Windows", "Darwin"):
        environ = {}
        use_openmp_settings(environ, system)
        assert environ == {}
    environ = {"OMP_WAIT_POLICY": "passive"}
    use_openmp_settings(environ, "Linux")
    assert environ == {"OMP_WAIT_POLICY": "passive"}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the settings are libgomp's (Linux)")
def test_the_settings_are_in_place_before_the_library_is_loaded():
    """In a fresh process: nothing is set on import, the engine check sets them, then loads the library."""
    code = (
        "import os, sys, json\n"
        "from model_backend.chat import llama_cpp_support as s\n"
        "before = {k: os.environ.get(k) for k in s.OPENMP_SETTINGS}\n"
        "loaded_before = 'xllamacpp' in sys.modules\n"
        "reason = s.llama_cpp_unavailable_reason()\n"
        "print(json.dumps([before, loaded_before, reason, {k: os.environ.get(k) for k in s.OPENMP_SETTINGS},"
        " 'xllamacpp' in sys.modules]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in OPENMP_SETTINGS}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    before, loaded_before, reason, after, loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert before == {k: None for k in OPENMP_SETTINGS} and not loaded_before
    if reason:
        pytest.skip(f"llama.cpp is not usable here: {reason}")
    assert after == OPENMP_SETTINGS and loaded
