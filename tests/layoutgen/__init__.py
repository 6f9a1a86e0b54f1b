"""Seeded layout generator of synthetic Polish local-government NGO-cooperation
reports with exact ground truth (the corpus truth format).

    from layoutgen.spec import make_spec          # ReportSpec, deterministic per seed
    from layoutgen.generate import generate       # PDF + NAME.truth.json
    PYTHONPATH=tests python -m layoutgen generate --seeds 0-49 --out DIR
"""
