"""Check that a run of the app reached no network and wrote nothing in the user's home outside its folders.

Used by tests/e2e/test_offline_self_test.py (the app from the virtual environment) and by
``scripts/build_app.py --self-test`` (the frozen app). Python's socket guard in the tests cannot see
native code (ONNX Runtime's telemetry uploader resolves and connects from C++), so the run is traced
with strace (Linux) and every socket address it connected or sent to is read from the trace.

Standard library only: the build script and the tests import it without the app.
"""
from __future__ import annotations

import ipaddress
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Connections are made with connect(); an unconnected UDP socket (a resolver's query) names its address in
# sendto() or sendmsg() instead. Only these calls are traced, so the traced program barely slows down.
TRACED_CALLS = "connect,sendto,sendmsg,sendmmsg"

# Variables the audited run must not inherit: the switches the app sets for itself (inherited, they would
# hide an app that forgot them) and the folders that would move the libraries' files out of the fresh HOME.
NOT_INHERITED = (
    "ORT_DISABLE_TELEMETRY", "HF_HUB_DISABLE_TELEMETRY", "DISABLE_TELEMETRY", "DO_NOT_TRACK",
    "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE", "HF_HOME", "HF_HUB_CACHE",
    "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "GENAI_CLASSROOM_HOME",
)

# Name lookups leave the machine even when the resolver listens on loopback (systemd-resolved's
# 127.0.0.53, dnsmasq): the app has no name to look up, so any DNS query counts as network.
DNS_PORT = 53
# nss-resolve asks systemd-resolved over this Unix socket, which then queries the network.
RESOLVER_SOCKETS = ("/run/systemd/resolve/",)

_LINE = re.compile(r"^(?:\[pid\s+)?(?P<pid>\d+)\]?\s+(?:[\d:.]+\s+)?(?P<call>\w+)\((?P<rest>.*)$")
_IPV4 = re.compile(r'sa_family=AF_INET, sin_port=htons\((?P<port>\d+)\), sin_addr=inet_addr\("(?P<addr>[^"]+)"\)')
_IPV6 = re.compile(r'sa_family=AF_INET6, sin6_port=htons\((?P<port>\d+)\).*?inet_pton\(AF_INET6, "(?P<addr>[^"]+)"')
_UNIX = re.compile(r'sa_family=AF_UNIX, sun_path=@?"(?P<path>[^"]*)"')


@dataclass(frozen=True)
class Contact:
    """One socket address the traced program connected or sent to."""

    pid: int
    call: str
    family: str  # AF_INET, AF_INET6 or AF_UNIX
    address: str  # an IP address, or a Unix socket's path
    port: int  # 0 for AF_UNIX
    line: str  # the strace line, for the report

    @property
    def is_network(self) -> bool:
        """True when it can leave this machine: a non-loopback IP address, or any name lookup."""
        if self.family == "AF_UNIX":
            return self.address.startswith(RESOLVER_SOCKETS)
        if self.port == DNS_PORT:
            return True
        ip = ipaddress.ip_address(self.address.split("%")[0])  # fe80::1%eth0: drop the zone
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return not ip.is_loopback

    def describe(self) -> str:
        where = self.address if self.family == "AF_UNIX" else f"{self.address} port {self.port}"
        return f"{self.call}() to {where} ({self.family}, pid {self.pid})"


def parse_trace(text: str) -> list[Contact]:
    """Every socket address in an ``strace -f`` trace of ``TRACED_CALLS`` (timestamps optional).

    A call interrupted by another thread's is split over two lines; its address is on the first
    (``<unfinished ...>``), so the ``<... resumed>`` line is skipped. Other families (netlink: the
    kernel; AF_UNSPEC: a resolver dropping a UDP association) never leave the machine."""
    found = []
    for line in text.splitlines():
        match = _LINE.match(line.strip())
        if match is None or match["call"] not in ("connect", "sendto", "sendmsg", "sendmmsg"):
            continue
        rest, pid, call = match["rest"], int(match["pid"]), match["call"]
        for pattern, family in ((_IPV4, "AF_INET"), (_IPV6, "AF_INET6")):
            found += [Contact(pid, call, family, m["addr"], int(m["port"]), line.strip())
                      for m in pattern.finditer(rest)]
        found += [Contact(pid, call, "AF_UNIX", m["path"], 0, line.strip()) for m in _UNIX.finditer(rest)]
    return found


def network_contacts(text: str) -> list[Contact]:
    """The contacts in a trace that can leave this machine (see ``Contact.is_network``)."""
    return [contact for contact in parse_trace(text) if contact.is_network]


def strace_prefix(trace_file: Path) -> list[str] | None:
    """The command prefix that traces a program's sockets into ``trace_file``, or None where strace is
    missing or not allowed to trace here (a container without ptrace). ``--seccomp-bpf`` stops the
    program only at the traced calls; older strace lacks it, so it is tried first."""
    strace = shutil.which("strace")
    if strace is None:
        return None
    for fast in (["--seccomp-bpf"], []):
        prefix = [strace, "-f", *fast, "-qq", "-e", f"trace={TRACED_CALLS}", "-o", str(trace_file)]
        try:
            probe = subprocess.run([*prefix[:-1], os.devnull, "true"], capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return prefix
    return None


def strace_unusable_reason() -> str:
    if shutil.which("strace") is None:
        return "strace is not installed (scripts/bootstrap.sh test installs it on Debian/Ubuntu)"
    return "strace cannot trace here (ptrace is not permitted, e.g. in a container without CAP_SYS_PTRACE)"


def audit_environment(base: dict[str, str], home: Path, **extra: str) -> dict[str, str]:
    """``base`` for an audited run: a fresh HOME, none of ``NOT_INHERITED``, plus ``extra``."""
    env = {key: value for key, value in base.items() if key not in NOT_INHERITED}
    env.update(HOME=str(home), **extra)
    return env


# What the system's own libraries keep per user, for every program that uses them; a desktop has it
# already, and it holds nothing of the user's or the app's, so it may appear in a fresh HOME:
# - libpulse (the sound client that PortAudio loads) in ~/.config/pulse: without XDG_RUNTIME_DIR (no login
#   session, as in CI) a link to its runtime folder named after the machine id (measured: the self-test
#   leaves it), and its cookie where no server handed it one;
# - fontconfig's font cache in ~/.cache/fontconfig, written by any program that lists fonts (Qt) when the
#   system's cache is missing or stale for a user who cannot update it (not seen in our runs, where the
#   system's cache is current).
SYSTEM_STATE_FOLDERS = ((".config",), (".config", "pulse"), (".cache",), (".cache", "fontconfig"))
_SYSTEM_STATE_FILE = re.compile(r"\.config/pulse/(cookie|[0-9a-f]{32}-runtime)|\.cache/fontconfig/[^/]+")


def written_outside(home: Path, app_folders: list[Path] | tuple[Path, ...] = ()) -> list[str]:
    """What a run left in ``home`` (fresh and empty before it) outside the app's folders: every file,
    link and empty folder, as paths relative to it (a folder ends with ``/``).

    Allowed: the app's folders and everything in them, the folders on the way to them (``.local/share``
    for ``.local/share/GenAI Classroom``) and the system libraries' state (``SYSTEM_STATE_FOLDERS``).
    Anything else is not the app's to write: another library's cache, telemetry database or settings."""
    home = Path(home).resolve()
    allowed = [Path(folder).resolve() for folder in app_folders]
    found = []

    def visit(folder: Path) -> None:
        for entry in sorted(folder.iterdir()):
            relative = entry.relative_to(home)
            is_folder = entry.is_dir() and not entry.is_symlink()
            if any(entry == root or root in entry.parents for root in allowed):
                continue  # the app's
            if _SYSTEM_STATE_FILE.fullmatch(relative.as_posix()):
                continue
            if is_folder and (any(entry in root.parents for root in allowed) or relative.parts in SYSTEM_STATE_FOLDERS):
                visit(entry)  # on the way to something allowed: what else it holds is checked
            elif is_folder and any(entry.iterdir()):
                found.extend(_everything_in(entry, home))
            else:
                found.append(relative.as_posix() + ("/" if is_folder else ""))

    visit(home)
    return found


def _everything_in(folder: Path, home: Path) -> list[str]:
    found = []
    for parent, folders, names in os.walk(folder):
        here = Path(parent)
        found += [(here / name).relative_to(home).as_posix() for name in names]
        for name in folders:  # os.walk lists links to folders here too, without following them
            if (here / name).is_symlink():
                found.append((here / name).relative_to(home).as_posix())
            elif not any((here / name).iterdir()):
                found.append((here / name).relative_to(home).as_posix() + "/")
    return sorted(found)
