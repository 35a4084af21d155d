"""Launch data as Telegram signs it for a Mini App, for tests to open the board with."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import quote, urlencode

from bot.web.auth import signature


def launch_data(
    user_id: int,
    token: str,
    signed_at: datetime,
    *,
    first_name: str = "Tester",
    language_code: str | None = "en",
    **extra: str,
) -> str:
    """The `initData` query string Telegram hands a Mini App opened by `user_id`."""
    user: dict[str, Any] = {"id": user_id, "first_name": first_name, "allows_write_to_pm": True}
    if language_code is not None:
        user["language_code"] = language_code
    fields = {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(user, separators=(",", ":"), ensure_ascii=False),
        "auth_date": str(int(signed_at.timestamp())),
        **extra,
    }
    fields["hash"] = signature(fields, token)
    return urlencode(fields, quote_via=quote)


def fragment(init_data: str, theme: dict[str, str] | None = None) -> str:
    """The URL fragment Telegram opens a Mini App with (`#tgWebAppData=…&…`)."""
    params = {
        "tgWebAppData": init_data,
        "tgWebAppVersion": "8.0",
        "tgWebAppPlatform": "android",
        "tgWebAppThemeParams": json.dumps(theme or {}, separators=(",", ":")),
    }
    return "#" + urlencode(params, quote_via=quote)
