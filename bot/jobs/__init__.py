"""Scheduled work on python-telegram-bot's JobQueue (APScheduler)."""
