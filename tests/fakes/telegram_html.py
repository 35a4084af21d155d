"""Telegram's HTML parsing as the fake does it lives in the package (`bot.fakes.telegram_html`);
this name stays for the tests that import it from here."""

import sys

from bot.fakes import telegram_html

sys.modules[__name__] = telegram_html
