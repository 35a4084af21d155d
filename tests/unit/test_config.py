"""Settings: defaults, parsing, and a clear message for each bad value."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import SettingsError, load_settings


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in (
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_API_BASE_URL",
        "DATABASE_URL",
        "SHURA_COORDINATORS",
        "SHURA_TIMEZONE",
        "SHURA_DEFAULT_LANGUAGE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults_suit_balkh() -> None:
    settings = load_settings()
    assert settings.timezone == "Asia/Kabul"
    assert settings.default_language == "fa"
    assert settings.database_url == "sqlite:///data/shura.db"
    assert settings.telegram_api_base_url == "https://api.telegram.org/bot"
    assert settings.coordinators == frozenset()


def test_values_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHURA_COORDINATORS", " 111, 9007199254740993 ")
    monkeypatch.setenv("SHURA_DEFAULT_LANGUAGE", "PS")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    settings = load_settings()
    assert settings.coordinators == frozenset({111, 9007199254740993})
    assert settings.default_language == "ps"
    assert settings.telegram_bot_token is not None
    assert settings.telegram_bot_token.get_secret_value() == "123:abc"
    assert "123:abc" not in repr(settings)


@pytest.mark.parametrize(
    ("value", "hours"),
    [pytest.param("0", 0, id="when-it-starts"), pytest.param("1d", 24, id="a-day-before")],
)
def test_agenda_voting_closes_when_the_meeting_starts_unless_told_earlier(
    monkeypatch: pytest.MonkeyPatch, value: str, hours: int
) -> None:
    assert load_settings().agenda_closes_before == timedelta(0)
    monkeypatch.setenv("SHURA_AGENDA_CLOSES_BEFORE", value)
    assert load_settings().agenda_closes_before == timedelta(hours=hours)


def test_values_come_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SHURA_TIMEZONE=Europe/Berlin\nTELEGRAM_BOT_TOKEN=1:x\n")
    settings = load_settings()
    assert settings.timezone == "Europe/Berlin"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        pytest.param("SHURA_TIMEZONE", "Mars/Olympus", id="zone"),
        pytest.param("SHURA_DEFAULT_LANGUAGE", "de", id="language"),
        pytest.param("SHURA_COORDINATORS", "12,abc", id="coordinators"),
        pytest.param("DATABASE_URL", "mysql://x", id="database"),
        pytest.param("TELEGRAM_API_BASE_URL", "api.telegram.org", id="api-url"),
        pytest.param("SHURA_AGENDA_CLOSES_BEFORE", "soon", id="agenda-closes-before"),
    ],
)
def test_a_bad_value_is_refused_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as error:
        load_settings()
    assert str(error.value).startswith(f"{name}:")


def _shura(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    environment.update(env, PYTHONPATH=os.pathsep.join(sys.path))
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


def test_run_without_a_token_explains_botfather_and_exits_2() -> None:
    result = _shura("run")
    assert result.returncode == 2
    assert "@BotFather" in result.stderr
    assert "TELEGRAM_BOT_TOKEN" in result.stderr


def test_run_with_a_bad_setting_names_it_and_exits_2() -> None:
    result = _shura("run", TELEGRAM_BOT_TOKEN="1:x", SHURA_TIMEZONE="Nowhere/City")
    assert result.returncode == 2
    assert "SHURA_TIMEZONE" in result.stderr
