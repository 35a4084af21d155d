"""Domain rules. Plain Python: nothing here imports `telegram`."""
