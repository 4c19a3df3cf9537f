"""End-to-end tests share one converted copy of SmolLM2, so the one-time conversion runs once."""
from __future__ import annotations

import pytest

from model_backend.core.paths import AppPaths


@pytest.fixture(scope="session")
def shared_cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("shared-cache")


@pytest.fixture
def e2e_paths(app_home, shared_cache_dir) -> AppPaths:
    return AppPaths(app_home.data_dir, shared_cache_dir, app_home.config_dir)
