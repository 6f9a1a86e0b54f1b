"""batch: many PDF files -> one output folder (`run_batch`).

Takes: PDF paths, an output folder and `BatchOptions`.
Gives: every output, from results read in isolated worker processes (pebble;
or on a Dask cluster), cached by content, and a `BatchSummary`.
Imports: `model`, `report`, `checks` and `output`; pebble, filelock, rich,
pydantic (distributed for Dask runs).
"""
