"""Shura: a Telegram bot for the monthly coordination meeting of a network of organizations."""

import os

# python-telegram-bot 22 gives durations such as RetryAfter.retry_after as timedelta when asked
# to (the default in its next major version); Shura reads both, and asks now to stay quiet.
os.environ.setdefault("PTB_TIMEDELTA", "1")
