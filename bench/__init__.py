"""Benchmarks, one module per measurement; `python bench/run.py` (or `make bench`) runs them."""
