"""Where ``ipcw serve`` listens: this machine only, unless ``--host`` itself says otherwise."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ipcw.config import Settings, is_loopback_host
from ipcw.errors import ConfigError
from ipcw.web.app import _inside
from ipcw.web.serve import listening_address
from tests.test_cli import run


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.1", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.20", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts_are_this_machine_only(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


def test_the_default_is_this_machine_on_port_8067(tmp_path: Path) -> None:
    assert listening_address(Settings(data_dir=tmp_path), None, None) == ("127.0.0.1", 8067)
    assert listening_address(Settings(data_dir=tmp_path, serve_port=9000), None, 0) == ("127.0.0.1", 0)


def test_a_network_address_from_settings_is_refused_but_given_as_host_it_is_served(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, serve_host="0.0.0.0")
    with pytest.raises(ConfigError, match=r"takes `ipcw serve --host 0.0.0.0` itself"):
        listening_address(settings, None, None)
    assert listening_address(settings, "0.0.0.0", 8080) == ("0.0.0.0", 8080)
    assert listening_address(Settings(data_dir=tmp_path, serve_host="::1"), None, None) == ("::1", 8067)


def test_the_cli_refuses_a_network_address_from_the_environment_in_one_line(tmp_path: Path) -> None:
    result = run(tmp_path, "serve", env={"IPCW_SERVE_HOST": "0.0.0.0"})
    assert result.exit_code == 2
    said = (
        "ipcw: error: serve_host '0.0.0.0' is not a loopback address: serving the data directory to the "
        "network takes `ipcw serve --host 0.0.0.0` itself"
    )
    assert result.stderr.strip().splitlines() == [said]


def test_a_port_out_of_range_is_a_setting_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="serve_port must be from 0 to 65535"):
        Settings(data_dir=tmp_path, serve_port=70000)


def test_without_flask_serve_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "flask", None)
    with pytest.raises(ConfigError, match=r"pip install 'ipcw\[serve\]'"):
        listening_address(Settings(data_dir=tmp_path), None, None)


def test_only_a_file_inside_the_store_is_served(tmp_path: Path) -> None:
    store, outside = tmp_path / "files", tmp_path / "secret.pdf"
    (store / "en").mkdir(parents=True)
    outside.write_bytes(b"%PDF-1.4 not yours")
    (store / "en" / "real.pdf").write_bytes(b"%PDF-1.4")
    (store / "en" / "link.pdf").symlink_to(outside)
    assert _inside(store / "en" / "real.pdf", store)
    assert not _inside(store / "en" / "link.pdf", store)
    assert not _inside(store / "en" / ".." / ".." / "secret.pdf", store)
    assert not _inside(store / "en" / "missing.pdf", store)
