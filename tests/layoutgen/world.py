"""The data behind one report: consistent yearly figures of one issuer, and the
report year's breakdowns (tasks, contracts, small grants, consultations)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from . import vocab
from .polish import half_up

SCALE = {"gmina": 1.0, "miasto_gmina": 1.6, "miasto": 4.0, "powiat": 2.5, "wojewodztwo": 18.0}


@dataclass
class Task:
    area: str
    title: str
    offers: int
    contracts: int
    awarded: int  # grosze
    used: int
    orgs: list = field(default_factory=list)  # (org name, awarded, used)


@dataclass
class SmallGrant:
    org: str
    title: str
    term: str
    amount: int  # grosze


@dataclass
class World:
    years: dict  # year -> {code: value}
    tasks: list
    small: list
    consultations: list  # (act, term, form, remarks)
    population: int
    budget: int  # grosze, report year


def _split(rng: random.Random, total: int, n: int, minimum: int = 0) -> list[int]:
    """total split into n non-negative parts, each >= minimum."""
    rest = total - minimum * n
    cuts = sorted(rng.randint(0, rest) for _ in range(n - 1))
    parts = [b - a for a, b in zip([0] + cuts, cuts + [rest], strict=False)]
    return [p + minimum for p in parts]


def round_amount(rng: random.Random, zl: int) -> int:
    """An amount a grant would have, in grosze: round thousands or hundreds mostly."""
    r = rng.random()
    if r < 0.45:
        return max(1000, round(zl, -3)) * 100
    if r < 0.8:
        return max(100, round(zl, -2)) * 100
    return zl * 100 + rng.choice([0, 0, 50, rng.randint(1, 99)])


def make_world(rng: random.Random, kind: str, year: int, years: list[int], orgs) -> World:
    s = SCALE[kind]
    pop = int(rng.randint(4000, 16000) * s * (6 if kind == "wojewodztwo" else 1))
    base_orgs = int(pop / 1000 * rng.uniform(3.0, 6.5))
    out = {}
    # report year: from the breakdowns
    n_tasks = rng.randint(4, 9) if kind != "wojewodztwo" else rng.randint(6, 10)
    areas = rng.sample(vocab.TASK_AREAS, min(len(vocab.TASK_AREAS), rng.randint(3, 7)))
    tasks = []
    used_org_names = set()
    pairs = [(a, s_) for a, subs in areas for s_ in subs]
    rng.shuffle(pairs)
    n_tasks = min(n_tasks, len(pairs))
    for i in range(n_tasks):
        area, title = pairs[i]
        offers = rng.randint(1, 8) if kind != "wojewodztwo" else rng.randint(5, 40)
        contracts = rng.randint(1, offers)
        per = rng.randint(3, 40) * 1000 * (3 if kind == "wojewodztwo" else 1)
        task_orgs = []
        for _ in range(contracts):
            name = orgs(used_org_names)
            aw = round_amount(rng, int(per * rng.uniform(0.4, 1.4)))
            used = aw if rng.random() < 0.7 else aw - rng.randint(1, max(1, aw // 12))
            task_orgs.append((name, aw, used))
        tasks.append(
            Task(
                area,
                title,
                offers,
                contracts,
                sum(o[1] for o in task_orgs),
                sum(o[2] for o in task_orgs),
                task_orgs,
            )
        )
    n_small = rng.randint(2, 9)
    small = []
    for _ in range(n_small):
        m1 = rng.randint(3, 10)
        m2 = rng.randint(m1, min(12, m1 + 2))
        small.append(
            SmallGrant(
                orgs(used_org_names),
                rng.choice(vocab.SMALL_TITLES),
                _term(rng, year, m1, m2),
                rng.randint(20, 100) * 10000,
            )
        )  # 2 000 .. 10 000 zł
    n_cons = rng.randint(2, 6)
    cons = []
    for act in rng.sample(vocab.CONSULT_ACTS, n_cons):
        m = rng.randint(1, 11)
        d = rng.randint(1, 15)
        term = f"{d:02d}.{m:02d}.{year} – {d + 13:02d}.{m:02d}.{year}"
        cons.append(
            (
                act.format(next=year + 1, next5=year + 5),
                term,
                rng.choice(vocab.CONSULT_FORMS),
                rng.choice([0, 0, 1, 2, 3, 5, 7, 12]),
            )
        )
    offers_total = sum(t.offers for t in tasks)
    contracts_total = sum(t.contracts for t in tasks)
    awarded = sum(t.awarded for t in tasks)
    used = sum(t.used for t in tasks)
    budget = int(awarded * rng.uniform(60, 250))
    selected = min(offers_total, contracts_total + rng.randint(0, 2))
    rejected = rng.randint(0, max(0, (offers_total - selected) // 2))
    cur = {
        "competitions_announced": max(1, len(areas) - rng.randint(0, 1)),
        "offers_submitted": offers_total,
        "offers_rejected": rejected,
        "offers_selected": selected,
        "contracts_signed": contracts_total,
        "contracts_multiyear": rng.randint(0, contracts_total // 4),
        "grant_planned": awarded + rng.randint(0, awarded // 10 // 100000) * 100000,
        "grant_awarded": awarded,
        "grant_used": used,
        "grant_returned": awarded - used,
        "small_grants_count": n_small,
        "small_grants_amount": sum(g.amount for g in small),
        "orgs_funded": len({o[0] for t in tasks for o in t.orgs} | {g.org for g in small}),
        "orgs_registered": base_orgs + (year - 2010) * rng.randint(0, 3),
        "consultations": n_cons,
        "consultation_remarks": sum(c[3] for c in cons),
        "council_meetings": rng.randint(1, 8),
        "trainings": rng.randint(0, 12),
        "patronages": rng.randint(0, 25),
        "premises_lent": rng.randint(0, 15),
        "grant_budget_ratio": half_up(Decimal(awarded) / Decimal(budget) * 100, 2),
        "own_contribution_share": half_up(Decimal(rng.randint(50, 300)) / 10, 1),
        "first_time_applicants": rng.randint(0, min(10, offers_total)),
    }
    cur["orgs_cooperating"] = cur["orgs_funded"] + rng.randint(2, 30)
    out[year] = cur
    for y in sorted((y for y in years if y != year), reverse=True):
        nxt = out[y + 1] if (y + 1) in out else cur
        prev = {}
        for code, v in nxt.items():
            if isinstance(v, Decimal):
                prev[code] = half_up(
                    v * Decimal(rng.uniform(0.8, 1.15)), 2 if code == "grant_budget_ratio" else 1
                )
            elif code in vocab.AMOUNT_CODES:
                prev[code] = int(v * rng.uniform(0.75, 1.1)) // 100 * 100
            else:
                prev[code] = max(0, int(round(v * rng.uniform(0.7, 1.15))))
        prev["grant_used"] = min(prev["grant_used"], prev["grant_awarded"])
        prev["grant_returned"] = prev["grant_awarded"] - prev["grant_used"]
        prev["offers_selected"] = min(prev["offers_selected"], prev["offers_submitted"])
        prev["offers_rejected"] = min(
            prev["offers_rejected"], prev["offers_submitted"] - prev["offers_selected"]
        )
        prev["contracts_signed"] = min(prev["contracts_signed"], prev["offers_selected"])
        prev["contracts_multiyear"] = min(prev["contracts_multiyear"], prev["contracts_signed"])
        prev["orgs_registered"] = nxt["orgs_registered"] - rng.randint(0, 6)
        prev["grant_planned"] = max(prev["grant_planned"], prev["grant_awarded"])
        prev["competitions_announced"] = max(1, prev["competitions_announced"])
        out[y] = prev
    return World(out, tasks, small, cons, pop, budget)


def _term(rng: random.Random, year: int, m1: int, m2: int) -> str:
    from .polish import MONTH_ROMAN

    k = rng.randint(0, 3)
    if k == 0:
        return f"{m1:02d}.{year}–{m2:02d}.{year}" if m1 != m2 else f"{m1:02d}.{year}"
    if k == 1:
        return f"{MONTH_ROMAN[m1 - 1]}–{MONTH_ROMAN[m2 - 1]} {year}"
    d1, d2 = rng.randint(1, 28), rng.randint(1, 28)
    if m1 == m2:
        d1, d2 = min(d1, d2), max(d1, d2)
    return f"{d1:02d}.{m1:02d}.{year} – {d2:02d}.{m2:02d}.{year}"
