# ruff: noqa: E501 - the strace lines below are kept verbatim, as long as strace writes them
"""The network and HOME audit (scripts/network_audit.py) that the offline e2e test and the frozen app's
self-test (scripts/build_app.py --self-test) share: strace lines as strace 6 writes them, a HOME tree,
and the build script's self-test path on a stand-in for the frozen app."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

from scripts import build_app
from scripts.network_audit import (
    NOT_INHERITED,
    audit_environment,
    network_contacts,
    parse_trace,
    strace_prefix,
    written_outside,
)

# Lines from real traces: ONNX Runtime's telemetry (its resolver's DNS queries, two threads interleaved,
# with -tt timestamps) and local sockets of the app's self-test, then made-up connections in every form.
TELEMETRY = """\
7875  03:53:38.267153 connect(8, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT (No such file or directory)
7874  03:53:38.269457 connect(9, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16 <unfinished ...>
7875  03:53:38.269591 connect(8, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0
7874  03:53:38.269866 <... connect resumed>) = 0
7875  03:53:38.269915 sendto(8, "^\\264\\1\\0\\0\\1\\0\\0\\0\\0\\0\\0\\6mobile\\6events\\4data\\t"..., 50, MSG_NOSIGNAL, NULL, 0) = 50
"""
LOCAL = """\
9271  03:57:09.480056 sendto(17, "W", 1, MSG_NOSIGNAL, NULL, 0) = -1 ENOTSOCK (Socket operation on non-socket)
9102  connect(12, {sa_family=AF_UNIX, sun_path="/tmp/pulse-PKdhtXMmr18n/native"}, 110) = 0
9102  connect(13, {sa_family=AF_UNIX, sun_path="/dev/shm/jack_default_0_0"}, 110) = -1 ENOENT (No such file or directory)
15823 connect(3, {sa_family=AF_INET6, sin6_port=htons(9), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0
15823 connect(4, {sa_family=AF_INET6, sin6_port=htons(9), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::ffff:127.0.0.1", &sin6_addr), sin6_scope_id=0}, 28) = 0
15823 sendto(4, "x", 1, 0, {sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("127.0.0.1")}, 16) = 1
15823 connect(5, {sa_family=AF_UNIX, sun_path=@"abstract-name"}, 16) = -1 ECONNREFUSED (Connection refused)
15823 connect(6, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 0
15823 connect(7, {sa_family=AF_UNSPEC, sa_data="\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0"}, 16) = 0
"""
REMOTE = """\
15823 connect(3, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}, 28) = 0
[pid 15824] connect(4, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("192.0.2.1")}, 16) = -1 ENETUNREACH (Network is unreachable)
15823 connect(3, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, 16) = 0
15823 sendmsg(4, {msg_name={sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("198.51.100.7")}, msg_namelen=16, msg_iov=[{iov_base="y", iov_len=1}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 1
15823 connect(8, {sa_family=AF_UNIX, sun_path="/run/systemd/resolve/io.systemd.Resolve"}, 42) = 0
"""


def test_onnx_runtimes_dns_queries_are_network_each_time_they_are_made():
    contacts = network_contacts(TELEMETRY)
    assert [(c.pid, c.family, c.address, c.port) for c in contacts] == [
        (7874, "AF_INET", "10.255.255.53", 53), (7875, "AF_INET", "10.255.255.53", 53)]
    assert contacts[0].describe() == "connect() to 10.255.255.53 port 53 (AF_INET, pid 7874)"
    assert "nscd" in parse_trace(TELEMETRY)[0].address  # seen, but a local socket


def test_loopback_unix_sockets_and_kernel_sockets_are_not_network():
    found = parse_trace(LOCAL)
    assert [c.address for c in found] == ["/tmp/pulse-PKdhtXMmr18n/native", "/dev/shm/jack_default_0_0", "::1",
                                          "::ffff:127.0.0.1", "127.0.0.1", "abstract-name"]
    assert network_contacts(LOCAL) == []


def test_remote_addresses_and_any_name_lookup_are_network():
    contacts = network_contacts(REMOTE)
    assert [(c.call, c.address, c.port) for c in contacts] == [
        ("connect", "2001:db8::1", 443), ("connect", "192.0.2.1", 443),
        ("connect", "127.0.0.53", 53),  # systemd-resolved answers on loopback, then asks the network
        ("sendmsg", "198.51.100.7", 9), ("connect", "/run/systemd/resolve/io.systemd.Resolve", 0)]
    assert contacts[1].pid == 15824  # strace's "[pid N]" form


def _touch(home: Path, *relatives: str) -> None:
    for relative in relatives:
        (home / relative).parent.mkdir(parents=True, exist_ok=True)
        (home / relative).write_text("x")


def test_home_may_hold_the_apps_folders_and_the_system_libraries_state_only(tmp_path):
    home = tmp_path / "home"
    app = [home / ".local/share/GenAI Classroom", home / ".cache/GenAI Classroom", home / ".config/GenAI Classroom"]
    _touch(home, ".local/share/GenAI Classroom/images/a.png", ".cache/GenAI Classroom/logs/genai-classroom.log",
           ".config/GenAI Classroom/settings.json", ".config/pulse/cookie", ".cache/fontconfig/CACHEDIR.TAG")
    (home / ".config/pulse/3d1219c7c4c5404aaa1f6d2a48adfda4-runtime").symlink_to(tmp_path)
    (home / ".cache/GenAI Classroom/converted-models").symlink_to(tmp_path, target_is_directory=True)
    assert written_outside(home, app) == []

    _touch(home, ".cache/Microsoft/DeveloperTools/.onnxruntime/deviceid", ".cache/matplotlib/fontlist.json",
           ".local/share/other/x", ".config/pulse/client.conf", ".python_history")
    (home / ".config/GenAI Classroom2").mkdir()
    assert written_outside(home, app) == [
        ".cache/Microsoft/DeveloperTools/.onnxruntime/deviceid", ".cache/matplotlib/fontlist.json",
        ".config/GenAI Classroom2/", ".config/pulse/client.conf", ".local/share/other/x", ".python_history"]
    # Without app folders in HOME (GENAI_CLASSROOM_HOME elsewhere) the folders on the way are not allowed.
    everything = written_outside(home)
    assert ".cache/GenAI Classroom/converted-models" in everything  # a link, not followed
    assert ".local/share/GenAI Classroom/images/a.png" in everything and ".config/pulse/cookie" not in everything


def test_the_audited_run_inherits_no_switch_the_app_must_set_itself(tmp_path):
    base = {name: "1" for name in NOT_INHERITED} | {"PATH": "/usr/bin", "HOME": "/root"}
    env = audit_environment(base, tmp_path, QT_QPA_PLATFORM="offscreen")
    assert env == {"PATH": "/usr/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    assert {"ORT_DISABLE_TELEMETRY", "HF_HUB_DISABLE_TELEMETRY", "XDG_CACHE_HOME"} <= set(NOT_INHERITED)


# The build script's check of the frozen app, on a stand-in executable (a shell script) instead of a
# PyInstaller build. A UDP connect() sends no packet, yet strace sees it: nothing leaves this machine.
CLEAN_APP = 'mkdir -p "$GENAI_CLASSROOM_HOME/cache/logs" && echo ok > "$GENAI_CLASSROOM_HOME/cache/logs/x.log"'
APPS = {
    "clean": (CLEAN_APP, 0, "left nothing in a fresh HOME"),
    "telemetry database": (CLEAN_APP + ' && mkdir -p "$HOME/.cache/Microsoft" && : > "$HOME/.cache/Microsoft/db"', 1,
                           "in HOME: .cache/Microsoft/db"),
    "connects": (f"{sys.executable} -c \"import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM)"
                 ".connect(('192.0.2.1', 443))\"", 1, "reached for the network: connect() to 192.0.2.1 port 443"),
    "fails": ("echo broken >&2; exit 3", 1, "frozen self-test failed (exit code 3)"),
}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the audit runs on Linux")
@pytest.mark.parametrize("name", list(APPS))
def test_the_build_scripts_self_test_audits_the_frozen_app(name, tmp_path, monkeypatch, capsys):
    script, expected_code, expected_line = APPS[name]
    if name == "connects" and strace_prefix(tmp_path / "probe.log") is None:
        pytest.skip("strace is missing or cannot trace here")
    folder = tmp_path / "dist" / "genai-classroom"
    folder.mkdir(parents=True)
    build_app.executable(folder).write_text(f"#!/bin/sh\n[ \"$1\" = --self-test ] || exit 9\n{script}\n")
    build_app.executable(folder).chmod(0o755)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the scratch folder it keeps on failure
    monkeypatch.setenv("ORT_DISABLE_TELEMETRY", "1")  # not passed on: the app must set it itself
    assert build_app.self_test(folder) == expected_code
    out = capsys.readouterr().out
    assert expected_line in out, out
    assert os.access(build_app.executable(folder), os.W_OK)  # made writable again
