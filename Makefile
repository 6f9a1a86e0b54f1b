# Two commands on a fresh machine:
#   make run    set up (system packages, .venv) and extract input_pdfs/ into output/
#   make test   set up and run the test suite
.PHONY: setup run test lint bench schemas

setup:
	bash scripts/setup.sh

run: setup
	.venv/bin/extractor run input_pdfs -o output

test: setup
	.venv/bin/python -m pytest -q

lint:
	.venv/bin/ruff check src tests && .venv/bin/ruff format --check src tests && .venv/bin/mypy \
		&& .venv/bin/lint-imports

schemas:
	.venv/bin/python -m extractor.output.schemas

bench:
	.venv/bin/python benchmarks/bench_pipeline.py
