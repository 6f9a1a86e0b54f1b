"""cli: the `extractor` command, a thin typer layer over the library.

Takes: command-line arguments.
Gives: the commands run, tables, check, inspect and report; one `Error: ...`
line and an exit code when something fails.
Imports: any package below it (`batch`, `output`, `report`, `layout`, `read`,
`model`); typer.
"""
