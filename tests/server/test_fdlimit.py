"""The service makes room in its file-descriptor limit for its connections, or refuses."""

from __future__ import annotations

import resource

import pytest

from thinktwice.server.fdlimit import RESERVED_FDS, ensure_fd_room
from thinktwice.server.settings import SettingsError


def test_the_soft_limit_fits_the_connection_cap() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        wanted = min(soft, 512) - RESERVED_FDS
        assert ensure_fd_room(wanted) >= wanted + RESERVED_FDS
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_a_cap_past_the_hard_limit_is_refused_by_name() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        pytest.skip("no hard limit on open files here")
    with pytest.raises(SettingsError, match=f"'max_connections' has value {hard}"):
        ensure_fd_room(hard)
