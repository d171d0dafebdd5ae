"""Serving the web page: where it may listen, and the server itself (Werkzeug's, threaded)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

from ipcw.config import Settings, is_loopback_host
from ipcw.errors import ConfigError


def listening_address(settings: Settings, host: str | None, port: int | None) -> tuple[str, int]:
    """Where ``ipcw serve`` listens: ``host`` and ``port`` as given, else the settings'. A host that
    is not a loopback address is accepted only as given (``--host``): a config file or the
    environment cannot open the data directory to the network. Raises :class:`ConfigError`."""
    chosen = host if host is not None else settings.serve_host
    if host is None and not is_loopback_host(chosen):
        raise ConfigError(
            f"serve_host {chosen!r} is not a loopback address: serving the data directory to the "
            f"network takes `ipcw serve --host {chosen}` itself",
            "serve_host",
        )
    if importlib.util.find_spec("flask") is None:
        raise ConfigError("ipcw serve needs Flask: pip install 'ipcw[serve]'")
    return chosen, settings.serve_port if port is None else port


def serve(settings: Settings, host: str, port: int, ready: Callable[[str], None]) -> None:
    """Serve the web page on ``host:port`` until interrupted; ``ready`` is told its address."""
    from werkzeug.serving import make_server

    from ipcw.web.app import create_app

    server = make_server(host, port, create_app(settings), threaded=True)
    shown = f"[{host}]" if ":" in host else host
    ready(f"http://{shown}:{server.server_port}/")
    try:
        server.serve_forever()
    finally:
        server.server_close()
