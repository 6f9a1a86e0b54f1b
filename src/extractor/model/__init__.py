"""model: the records every stage hands on, the output tables, the errors.

Takes: nothing (it is the bottom layer).
Gives: the frozen pydantic records (`records`: Observation, Footnote, Figure,
ReportInfo, ReportResult; `findings`: Finding; `dataset`: DatasetRow and the wide
view's IndicatorRow), the one definition of every output table (`tables`), results
kept out of memory
(`results.LazyResults`) and the exception hierarchy (`errors`).
Imports: no other extractor package; pydantic.
"""
