"""What the benchmarks share: a fake Telegram at a real distance, databases, figures."""
