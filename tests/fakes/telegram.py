"""The fake Telegram lives in the package (`bot.fakes.telegram`) so `shura demo` can use it;
this name stays for the tests and helpers that import it from here."""

import sys

from bot.fakes import telegram

sys.modules[__name__] = telegram
