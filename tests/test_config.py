from pathlib import Path

import pytest

from ipcw import __version__
from ipcw.config import load_settings, parse_languages
from ipcw.errors import ConfigError


def test_precedence_is_defaults_file_environment_flags(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('delay = 3.0\nbase_url = "http://file.example"\ntimeout = 9\n')
    env = {"IPCW_DELAY": "2.5", "IPCW_CONFIG": str(config)}
    settings = load_settings({"delay": None, "base_url": "http://flag.example"}, env=env)
    assert settings.timeout == 9.0  # from the file
    assert settings.delay == 2.5  # the environment beats the file
    assert settings.base_url == "http://flag.example"  # a flag beats everything
    assert settings.max_attempts == 5  # the default


def test_data_dir_from_environment(tmp_path: Path) -> None:
    settings = load_settings({}, env={"IPCW_DATA_DIR": str(tmp_path), "IPCW_CONFIG": str(tmp_path / "none")})
    assert settings.data_dir == tmp_path
    assert settings.data.index == tmp_path / "index"


def test_unknown_config_key_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("dealy = 1\n")
    with pytest.raises(ConfigError, match=r"unknown key.*dealy"):
        load_settings({}, env={"IPCW_CONFIG": str(config)})


def test_bad_number_in_environment_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="delay"):
        load_settings({}, env={"IPCW_DELAY": "soon", "IPCW_CONFIG": str(tmp_path / "none")})


def test_languages() -> None:
    assert parse_languages("all") == ("en", "fr", "es")
    assert parse_languages("FR, en") == ("fr", "en")
    with pytest.raises(ConfigError):
        parse_languages("de")


def test_user_agent_names_the_tool_and_contact() -> None:
    settings = load_settings({"contact": "someone@example.org"}, env={"IPCW_CONFIG": "/nonexistent"})
    assert (
        settings.user_agent == f"ipcw/{__version__} (TRIPS Council document harvester; someone@example.org)"
    )


def test_a_contact_url_is_marked_as_one_in_the_user_agent() -> None:
    env = {"IPCW_CONFIG": "/nonexistent", "IPCW_CONTACT": "https://lab.example.org/ipcw"}
    assert load_settings({}, env=env).user_agent.endswith("; +https://lab.example.org/ipcw)")


@pytest.mark.parametrize(
    "contact",
    [
        "bob",
        "https://",
        "someone@localhost",
        "https://example.org/a b",
        "me@example.org; (x)",
        "é@example.org",
    ],
)
def test_a_contact_that_is_no_url_or_address_is_refused(contact: str) -> None:
    with pytest.raises(ConfigError, match="contact must be a URL"):
        load_settings({"contact": contact}, env={"IPCW_CONFIG": "/nonexistent"})


def test_the_libraries_defaults_are_the_settings_defaults() -> None:
    """Library objects have defaults of their own (for callers without Settings); they must be the
    documented ones, so that a setting's default is said once in effect."""
    from ipcw.config import Settings
    from ipcw.harvester import CrawlLimits, PoliteClient
    from ipcw.harvester.client import MB
    from ipcw.indexer import ExtractLimits

    defaults = Settings()
    assert CrawlLimits().max_failures == defaults.max_failures
    assert CrawlLimits().max_listing_pages == defaults.max_listing_pages
    assert ExtractLimits() == ExtractLimits(
        defaults.extract_timeout, defaults.extract_memory_mb, defaults.max_pages
    )
    client = PoliteClient(client=None)  # type: ignore[arg-type]
    assert (client.delay, client.max_attempts, client.deadline) == (
        defaults.delay,
        defaults.max_attempts,
        defaults.deadline,
    )
    assert client.max_bytes == defaults.max_listing_mb * MB


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("delay = -3\n", "delay must be 0 or more: got -3.0 (in "),
        ("max_attempts = 0\n", "max_attempts must be at least 1: got 0 (in "),
        ('languages = ["de"]\n', "languages must be en, fr, es (a list) or all: got ['de'] (in "),
    ],
)
def test_a_bad_value_in_the_config_file_names_the_setting_and_the_file_issue_8(
    tmp_path: Path, line: str, says: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(line)
    with pytest.raises(ConfigError) as raised:
        load_settings({}, env={"IPCW_CONFIG": str(config)})
    assert says in str(raised.value) and str(config) in str(raised.value)


def test_a_bad_value_in_the_environment_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"delay must be 0 or more: got -1.0 \(from IPCW_DELAY\)"):
        load_settings({}, env={"IPCW_DELAY": "-1", "IPCW_CONFIG": str(tmp_path / "none")})


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_a_number_that_is_not_finite_is_refused(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match=r"delay must be a finite number"):
        load_settings({}, env={"IPCW_DELAY": value, "IPCW_CONFIG": str(tmp_path / "none")})
