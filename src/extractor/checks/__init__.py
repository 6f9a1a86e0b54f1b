"""checks: reports -> the consolidated dataset and the consistency findings.

Takes: `ReportResult`s (one report or many).
Gives: dataset rows (`dataset`, from series of statements, `series`; rows that
total other rows marked by `totals`) and findings of the rules (`rules`, one module
per check), run by `run`.  Pure functions:
nothing here reads or writes a file.
Imports: `model`, `text` and `report`; pydantic.
"""
