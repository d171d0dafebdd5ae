"""A real PostgreSQL server for the tests: the installed binaries (Debian's ``postgresql``, which
``.ci/run`` installs where missing), a cluster made by ``initdb`` in a temporary directory,
started by ``pg_ctl`` on a free port of 127.0.0.1 and stopped at the end. No mock database.

PostgreSQL refuses to run as root: where the tests run as root (CI), the cluster belongs to the
``postgres`` system user the package creates, and its commands run as that user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def binaries() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: Debian's newest ``/usr/lib/postgresql/N/bin``, else
    what ``PATH`` finds."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[4]))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_owner(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@contextmanager
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server with its cluster in a temporary directory of its own (removed after);
    yields the URL of its ``ipcw`` database (user ``ipcw``, password ``secret-pw``, so that tests
    can check a password is never shown). A server that does not start says why (its log)."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL's binaries are not installed (apt-get install postgresql)")
    as_root = os.geteuid() == 0
    # In /tmp itself where the postgres user runs the server: it must reach the folder.
    folder = Path(tempfile.mkdtemp(prefix="ipcw-postgres-", dir="/tmp" if as_root else None))
    cluster, sockets, password_file = folder / "cluster", folder / "sockets", folder / "password"
    sockets.mkdir()
    password_file.write_text("secret-pw\n")
    try:
        if as_root:
            for path in (folder, sockets, password_file):
                shutil.chown(path, "postgres")
    except LookupError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError("running as root, PostgreSQL needs the postgres user its package creates") from exc

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(_as_owner([str(bin_dir / args[0]), *args[1:]]), capture_output=True, text=True)

    def stop() -> None:
        run("pg_ctl", "-D", str(cluster), "-m", "immediate", "-w", "stop")

    try:
        made = run(
            *("initdb", "-D", str(cluster), "-U", "ipcw", "--pwfile", str(password_file)),
            *("-A", "scram-sha-256", "-E", "UTF8", "--locale", "C.UTF-8"),
        )
        if made.returncode:
            raise RuntimeError(f"initdb failed: {made.stderr.strip() or made.stdout.strip()}")
        port = _start(run, stop, cluster, sockets, folder / "server.log")
        try:
            subprocess.run(
                [str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "ipcw", "ipcw"],
                check=True,
                capture_output=True,
                env={**os.environ, "PGPASSWORD": "secret-pw"},
            )
            yield f"postgresql://ipcw:secret-pw@127.0.0.1:{port}/ipcw"
        finally:
            stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _start(run: Any, stop: Any, cluster: Path, sockets: Path, log: Path) -> int:
    """Start the server on a free port (another, should one be taken meanwhile); its port."""
    for _ in range(3):
        port = _free_port()
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        started = run("pg_ctl", "-D", str(cluster), "-o", options, "-l", str(log), "-w", "-t", "60", "start")
        if started.returncode == 0:
            return port
        stop()  # should it have come up after all
    said = log.read_text(errors="replace")[-2000:] if log.exists() else started.stderr
    raise RuntimeError(f"PostgreSQL did not start: {said.strip()}")
