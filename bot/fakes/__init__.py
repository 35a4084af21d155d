"""The in-process fake Telegram and the code that drives the real bot on it, shipped so that
`shura demo` runs with no token and no network; the test suite uses the same code."""
