"""Table templates.  Each builds a TableSpec from the report's World: columns
(with group headers), rows (numbered, sectioned, row-spanning categories, totals)
and value cells (printed text + the numbers a reader states + indicator code)."""

from __future__ import annotations

import random
from decimal import Decimal

from . import vocab
from .model import Column, Row, TableSpec, VCell, column_key
from .polish import ROMAN, NumFmt, half_up, plural, slug

MISSING = {
    "—": "numbers:missing_emdash",
    "–": "numbers:missing_endash",
    "-": "numbers:missing_hyphen",
    "x": "numbers:missing_x",
    "b.d.": "numbers:missing_bd",
    "brak": "numbers:missing_brak",
    "nie dotyczy": "numbers:missing_nd",
}


class Ctx:
    def __init__(
        self,
        rng: random.Random,
        world,
        year: int,
        periods: list[int],
        baseline: int | None,
        jst_gen: str,
        kind: str,
        letters: bool,
    ):
        self.rng = rng
        self.world = world
        self.year = year
        self.periods = periods
        self.baseline = baseline
        self.jst_gen = jst_gen
        self.kind = kind
        self.letters = letters
        self.uid = 0
        self.findings: list[dict] = []
        self.inject: str | None = None  # finding kind still to inject
        self.doc_fmt = self.new_fmt()

    def new_fmt(self) -> NumFmt:
        r = self.rng
        th = r.choices([" ", "\u00a0", ".", ""], [6, 2, 1.2, 1])[0]
        return NumFmt(
            thousands=th,
            group4=r.random() < 0.7,
            unit=r.choices(["", " zł", "zł"], [8, 2, 0.7])[0],
            percent=r.choice(["%", " %"]),
            minus=r.choice(["hyphen", "minus", "endash"]),
            plus=r.random() < 0.5,
        )

    def table_fmt(self) -> NumFmt:
        if self.rng.random() < 0.75:
            f = self.doc_fmt
            return NumFmt(f.thousands, f.group4, f.unit, f.percent, f.minus, f.plus)
        return self.new_fmt()

    def next_uid(self) -> int:
        self.uid += 1
        return self.uid


# ------------------------------------------------------------------ cells
def count_cell(fmt: NumFmt, n: int, code=None) -> VCell:
    return VCell([fmt.count(n)], [n], code=code)


def amount_cell(fmt: NumFmt, gr: int, code=None, mode: str = "plain") -> VCell:
    """mode: plain (unit as the format says), tys / mln (12,5 tys. zł in the cell),
    header_tys (printed in thousands; the table's scale says so)."""
    if mode in ("tys", "mln", "header_tys"):
        div, places = {"tys": (1000, 1), "mln": (1000000, 1), "header_tys": (1000, 1)}[mode]
        x = half_up(Decimal(gr) / 100 / div, places)
        s = fmt.decimal(x, places)
        if mode == "header_tys":
            return VCell([s], [float(x)], code=code)
        unit = " tys. zł" if mode == "tys" else " mln zł"
        return VCell([s + unit], [float(x * div)], code=code, features=[f"numbers:{mode}_in_cell"])
    s = fmt.amount(gr)
    return VCell([s], [float(Decimal(gr) / 100)], code=code, features=fmt.tags()[1:])


def pct_cell(fmt: NumFmt, x: Decimal, places: int, code=None, sign=False) -> VCell:
    s = fmt.pct(x, places, sign)
    v = float(half_up(x, places))
    feats = ["numbers:percent_space" if fmt.percent == " %" else "numbers:percent_glued"]
    return VCell([s], [v], code=code, features=feats)


def missing_cell(token: str) -> VCell:
    return VCell([token], [], features=[MISSING[token]])


def value_cell(fmt: NumFmt, code: str, v, mode="plain") -> VCell:
    if code in vocab.AMOUNT_CODES:
        return amount_cell(fmt, v, code, mode)
    if code in vocab.PERCENT_CODES:
        return pct_cell(fmt, v, 2 if code == "grant_budget_ratio" else 1, code)
    return count_cell(fmt, v, code)


# ------------------------------------------------------------------ shared bits
def lp_style(rng: random.Random) -> tuple[str | None, str]:
    """(L.p. header or None for no number column, number format)."""
    if rng.random() < 0.2:
        return None, ""
    return (
        rng.choices(["L.p.", "Lp.", "Lp", "Nr"], [3, 4, 2, 1])[0],
        rng.choices(["{}.", "{}", "{})"], [6, 3, 1])[0],
    )


def lp_tags(hdr, fmt) -> list[str]:
    if hdr is None:
        return ["rows:no_lp"]
    return ["rows:lp", {"{}.": "rows:lp_dot", "{}": "rows:lp_bare", "{})": "rows:lp_paren"}[fmt]]


def total_label(rng: random.Random) -> str:
    return rng.choices(["Razem", "Ogółem", "Suma", "RAZEM:"], [6, 2, 1, 1])[0]


def amount_mode(rng: random.Random) -> str:
    return rng.choices(["plain", "tys", "mln"], [14, 1, 0.3])[0]


def add_total(
    t: TableSpec,
    rows: list[Row],
    label: str,
    fmt: NumFmt,
    cols: list[int],
    mode_of=None,
    codes=None,
) -> Row:
    """A total row summing the data rows of the given columns (printed values)."""
    tot = Row("total", slug(label), "", label, bold=True)
    for ci in cols:
        vals = [r.cells[ci] for r in rows if r.kind == "data" and ci in r.cells]
        nums = [c.values[0] for c in vals if c.values]
        code = (codes or {}).get(ci)
        if all(isinstance(x, int) for x in nums):
            tot.cells[ci] = count_cell(fmt, sum(nums), code)
        else:
            mode = (mode_of or {}).get(ci, "plain")
            if mode == "header_tys":
                x = sum(Decimal(str(n)) for n in nums)
                tot.cells[ci] = VCell([fmt.decimal(x, 1)], [float(x)], code=code)
            else:
                gr = sum(int(round(Decimal(str(n)) * 100)) for n in nums)
                tot.cells[ci] = amount_cell(
                    fmt, gr, code, "plain" if mode in ("tys", "mln") else mode
                )
    return tot


def finish(t: TableSpec, ctx: Ctx, fmt: NumFmt, extra: list[str]) -> TableSpec:
    keys = [c.key for c in t.columns if c.kind == "value"]
    assert len(keys) == len(set(keys)), keys
    rows = [
        (r.section if t.caption_id == "1.1" or t.template == "target_actual" else "", r.key)
        for r in t.rows
        if r.kind != "group"
    ]
    assert len(rows) == len(set(rows)), rows
    tags = set(extra) | set(fmt.tags()[:1])
    if not any(c.group for c in t.columns):
        tags.add("header:single")
    for r in t.rows:
        for c in r.cells.values():
            tags |= set(c.features)
    t.features = sorted(tags)
    return t


def _years_header(rng: random.Random, years: list[int], baseline: int | None):
    """Year column headers: (group or None, [sub-headers], tags)."""
    style = rng.choices(["bare", "r", "rok_group", "w_roku"], [3, 3, 2, 1])[0]
    subs = []
    for y in years:
        if baseline is not None and y == baseline:
            subs.append(f"Stan wyjściowy {y} r.")
        elif style == "bare" or style == "rok_group":
            subs.append(str(y))
        elif style == "r":
            subs.append(f"{y} r.")
        else:
            subs.append(f"Wartość w {y} r.")
    tags = ["header:years_bare" if style in ("bare", "rok_group") else "header:years_r"]
    if baseline is not None:
        tags.append("header:stan_wyjsciowy")
    group = None
    if style == "rok_group" and baseline is None:
        group = rng.choice(["Rok", "Lata", "Wartość w roku"])
        tags += ["header:group", "header:year_row"]
    return group, subs, tags


# ------------------------------------------------------------------ templates
def t_competitions(ctx: Ctx) -> TableSpec:
    """Open competitions per public task: offers, contracts, grants awarded / used."""
    r = ctx.rng
    fmt = ctx.table_fmt()
    uid = ctx.next_uid()
    lp_h, lp_f = lp_style(r)
    tags = lp_tags(lp_h, lp_f) + ["header:text_cols"]
    grouped = r.random() < 0.45
    cat_mode = r.choices(["none", "rowspan", "sections"], [5, 2, 2])[0]
    unit_hdr = fmt.unit == ""
    zl = " (zł)" if unit_hdr else ""
    tys = r.random() < 0.15 and fmt.unit == ""
    if tys:
        zl = " (tys. zł)"
    cols = []
    if lp_h:
        cols.append(Column("lp", lp_h, align="center", weight=0.5))
    if cat_mode == "rowspan":
        cols.append(Column("category", r.choice(["Sfera zadań publicznych", "Obszar"]), weight=2.0))
        tags.append("rows:rowspan_category")
    cols.append(
        Column(
            "label",
            r.choice(
                [
                    "Zadanie publiczne",
                    "Nazwa zadania",
                    "Rodzaj zadania",
                    "Tytuł zadania publicznego",
                ]
            ),
            weight=3.5,
        )
    )
    has_returned = r.random() < 0.3
    if grouped:
        g1 = r.choice(["Liczba", "Liczba ofert i umów"])
        g2 = r.choice(["Kwota dotacji" + zl, "Dotacje" + zl, "Wysokość dotacji" + zl])
        spec_cols = [
            (g1, r.choice(["złożonych ofert", "ofert"]), "offers_submitted"),
            (g1, r.choice(["zawartych umów", "umów"]), "contracts_signed"),
            (g2, "przyznanej" if "Kwota" in g2 else "przyznane", "grant_awarded"),
            (g2, "wykorzystanej" if "Kwota" in g2 else "wykorzystane", "grant_used"),
        ]
        if has_returned:
            spec_cols.append((g2, "zwrócona" if "Kwota" in g2 else "zwrócone", "grant_returned"))
        tags.append("header:group")
    else:
        spec_cols = [
            (None, "Liczba złożonych ofert", "offers_submitted"),
            (None, "Liczba zawartych umów", "contracts_signed"),
            (None, "Kwota dotacji przyznanej" + zl, "grant_awarded"),
            (None, "Kwota dotacji wykorzystanej" + zl, "grant_used"),
        ]
        if has_returned:
            spec_cols.append((None, "Kwota zwrotu" + zl, "grant_returned"))
    codes = {}
    for g, h, code in spec_cols:
        full = f"{g} {h}" if g else h
        cols.append(Column("value", h, g, column_key(full), "right", 1.2))
        codes[len(cols) - 1] = code
    ci = {code: i for i, code in codes.items()}
    mode = "header_tys" if tys else amount_mode(r)
    tasks = list(ctx.world.tasks)
    rows: list[Row] = []
    n = 0
    last_area = None
    sec = 0
    for tk in sorted(tasks, key=lambda t: t.area) if cat_mode != "none" else tasks:
        if cat_mode == "sections" and tk.area != last_area:
            sec += 1
            rows.append(Row("group", label=f"{ROMAN[sec]}. {tk.area}", section=str(sec)))
        last_area = tk.area
        n += 1
        label = (
            tk.title[0].upper() + tk.title[1:] if cat_mode != "none" else f"{tk.area} – {tk.title}"
        )
        key = str(n) if lp_h else slug(label)
        if not lp_h and any(x.key == key for x in rows):
            label = f"{label} ({n})"
            key = slug(label)
        row = Row(
            "data",
            key,
            lp_f.format(n) if lp_h else "",
            label,
            category=tk.area if cat_mode == "rowspan" else None,
            section=str(sec) if sec else "",
        )
        row.cells[ci["offers_submitted"]] = count_cell(fmt, tk.offers)
        row.cells[ci["contracts_signed"]] = count_cell(fmt, tk.contracts)
        row.cells[ci["grant_awarded"]] = amount_cell(fmt, tk.awarded, None, mode)
        row.cells[ci["grant_used"]] = amount_cell(fmt, tk.used, None, mode)
        if has_returned:
            row.cells[ci["grant_returned"]] = amount_cell(fmt, tk.awarded - tk.used, None, mode)
        rows.append(row)
    if cat_mode == "sections":
        tags.append("rows:sections_roman")
    t = TableSpec(uid, "competitions", cols, rows)
    t.caption_title = r.choice(
        [
            f"Zadania publiczne zlecone w trybie otwartych konkursów ofert w {ctx.year} r.",
            "Realizacja zadań publicznych w ramach otwartych konkursów ofert",
            f"Dotacje udzielone w otwartych konkursach ofert w {ctx.year} roku",
        ]
    )
    if tys:
        t.unit, t.scale = "tys. zł", 1000
        tags.append("numbers:tys_header")
    # injected inconsistency in a data row: used > awarded
    if ctx.inject == "used_exceeds_allocated":
        data = [
            x
            for x in rows
            if x.kind == "data" and x.cells[ci["grant_awarded"]].values and mode in ("plain",)
        ]
        bad = next(
            (
                x
                for x in data
                if x.cells[ci["grant_used"]].values[0] == x.cells[ci["grant_awarded"]].values[0]
            ),
            None,
        )
        if bad is not None:
            aw = int(round(Decimal(str(bad.cells[ci["grant_awarded"]].values[0])) * 100))
            extra = r.randint(1, 30) * 1000
            bad.cells[ci["grant_used"]] = amount_cell(fmt, aw + extra, None, mode)
            # every later statement of the year's funds used (other tables, the prose)
            # agrees with this table's total: the one planted finding is this row's
            ctx.world.years[ctx.year]["grant_used"] += extra
            if has_returned:
                bad.cells[ci["grant_returned"]] = amount_cell(fmt, 0, None, mode)
            ctx.inject = None
            ctx.findings.append(
                {
                    "check": "used_exceeds_allocated",
                    "table_uid": uid,
                    "row": bad.key,
                    "rows": [bad.key],
                    "period": t.columns[ci["grant_used"]].key,
                    "detail": f"row {bad.key}: funds used exceed the grant awarded",
                }
            )
            t.consistent = False
    tl = total_label(r)
    tot = add_total(t, rows, tl, fmt, sorted(codes), {i: mode for i in codes}, codes)
    if ctx.inject == "total_mismatch":
        cidx = r.choice(sorted(codes))
        c = tot.cells[cidx]
        if isinstance(c.values[0], int):
            tot.cells[cidx] = count_cell(fmt, c.values[0] + r.choice([-2, -1, 1, 2]), codes[cidx])
        elif mode == "header_tys":
            x = Decimal(str(c.values[0])) + Decimal(r.choice([-15, 12, 30])) / 10
            tot.cells[cidx] = VCell([fmt.decimal(x, 1)], [float(x)], code=codes[cidx])
        else:
            gr = int(round(Decimal(str(c.values[0])) * 100)) + r.choice([-150000, 100000, 50000])
            tot.cells[cidx] = amount_cell(fmt, gr, codes[cidx], "plain")
        ctx.inject = None
        ctx.findings.append(
            {
                "check": "total_mismatch",
                "table_uid": uid,
                "row": tot.key,
                "rows": [x.key for x in rows if x.kind == "data"] + [tot.key],
                "period": t.columns[cidx].key,
                "detail": f"'{tl}' differs from the sum of the rows",
            }
        )
        t.consistent = False
    rows.append(tot)
    tags.append("rows:total")
    return finish(t, ctx, fmt, tags)


def t_small_grants(ctx: Ctx) -> TableSpec:
    r = ctx.rng
    fmt = ctx.table_fmt()
    uid = ctx.next_uid()
    lp_h, lp_f = lp_style(r)
    if lp_h is None:
        lp_h, lp_f = "Lp.", "{}."
    tags = lp_tags(lp_h, lp_f) + ["header:text_cols", "cols:dates"]
    zl = " (zł)" if fmt.unit == "" else ""
    cols = [
        Column("lp", lp_h, align="center", weight=0.5),
        Column(
            "label", r.choice(["Nazwa organizacji", "Organizacja", "Nazwa podmiotu"]), weight=3.0
        ),
        Column("text", r.choice(["Tytuł zadania", "Nazwa zadania publicznego"]), weight=3.0),
        Column("text", r.choice(["Termin realizacji", "Okres realizacji"]), weight=1.6),
    ]
    if r.random() < 0.3:
        cols.append(Column("text", "Miejsce realizacji", weight=1.6))
        tags.append("cols:places")
    cols.append(
        Column(
            "value",
            r.choice(["Kwota dotacji", "Przyznana kwota dotacji", "Kwota"]) + zl,
            align="right",
            weight=1.3,
        )
    )
    vc = len(cols) - 1
    cols[vc].key = column_key(cols[vc].header)
    mode = amount_mode(r)
    rows = []
    for i, g in enumerate(ctx.world.small, 1):
        row = Row("data", str(i), lp_f.format(i), g.org)
        row.texts[2] = g.title
        row.texts[3] = g.term
        if len(cols) == 6:
            row.texts[4] = r.choice(
                ["świetlica wiejska", "boisko gminne", "remiza OSP", "szkoła podstawowa"]
            )
        row.cells[vc] = amount_cell(fmt, g.amount, None, mode)
        rows.append(row)
    t = TableSpec(uid, "small_grants", cols, rows)
    t.caption_title = r.choice(
        [
            "Zadania zlecone z pominięciem otwartego konkursu ofert (art. 19a ustawy)",
            "Wykaz dotacji udzielonych w trybie art. 19a ustawy",
            f"Małe granty udzielone w {ctx.year} r.",
        ]
    )
    rows.append(
        add_total(t, rows, total_label(r), fmt, [vc], {vc: mode}, {vc: "small_grants_amount"})
    )
    tags.append("rows:total")
    return finish(t, ctx, fmt, tags)


def t_nonfin(ctx: Ctx) -> TableSpec:
    r = ctx.rng
    fmt = ctx.table_fmt()
    uid = ctx.next_uid()
    lp_h, lp_f = lp_style(r) if r.random() < 0.4 else (None, "")
    tags = lp_tags(lp_h, lp_f)
    cols = []
    if lp_h:
        cols.append(Column("lp", lp_h, align="center", weight=0.5))
    cols.append(
        Column(
            "label",
            r.choice(["Forma współpracy", "Wyszczególnienie", "Rodzaj działania"]),
            weight=4.0,
        )
    )
    grouped = r.random() < 0.5
    subs = [("działań", "liczba_dzialan"), ("organizacji", None)]
    if r.random() < 0.5:
        subs.append(("uczestników", None))
    for s, _ in subs:
        if grouped:
            cols.append(Column("value", s, "Liczba", column_key(f"Liczba {s}"), "right", 1.1))
        else:
            cols.append(
                Column("value", f"Liczba {s}", None, column_key(f"Liczba {s}"), "right", 1.1)
            )
    if grouped:
        tags.append("header:group")
    first = len(cols) - len(subs)
    w = ctx.world.years[ctx.year]
    forms = []
    for code in ["consultations", "council_meetings", "trainings", "premises_lent", "patronages"]:
        if r.random() < 0.8:
            forms.append((code, r.choice(vocab.NONFIN_FORMS[code])))
    for other in r.sample(vocab.NONFIN_FORMS[None], r.randint(1, 3)):
        forms.append((None, other))
    r.shuffle(forms)
    rows = []
    for i, (code, label) in enumerate(forms, 1):
        key = str(i) if lp_h else slug(label)
        row = Row("data", key, lp_f.format(i) if lp_h else "", label)
        n_act = w[code] if code else r.randint(1, 20)
        row.cells[first] = count_cell(fmt, n_act, code)
        row.cells[first + 1] = count_cell(fmt, r.randint(1, 25))
        if len(subs) == 3:
            if r.random() < 0.15:
                row.cells[first + 2] = missing_cell(r.choice(["—", "b.d.", "-"]))
            else:
                row.cells[first + 2] = count_cell(fmt, r.randint(5, 300))
        rows.append(row)
    t = TableSpec(uid, "nonfin", cols, rows)
    t.caption_title = r.choice(
        [
            f"Współpraca o charakterze pozafinansowym w {ctx.year} r.",
            "Pozafinansowe formy współpracy",
            "Formy współpracy pozafinansowej z organizacjami",
        ]
    )
    return finish(t, ctx, fmt, tags)


def t_indicators(ctx: Ctx, tab11: bool = False) -> TableSpec:
    """Indicators over years (or baseline + report year), optional change column,
    optional sections, compound cells."""
    r = ctx.rng
    fmt = ctx.table_fmt()
    uid = ctx.next_uid()
    lp_h, lp_f = lp_style(r)
    tags = lp_tags(lp_h, lp_f)
    if ctx.baseline is not None and r.random() < 0.5:
        years = [ctx.baseline, ctx.year]
        base = ctx.baseline
    else:
        n = r.choice([2, 3, 3, 4])
        years = [y for y in ctx.periods if y <= ctx.year][-n:]
        base = None
    group, subs, ytags = _years_header(r, years, base)
    tags += ytags
    cols = []
    if lp_h:
        cols.append(Column("lp", lp_h, align="center", weight=0.5))
    cols.append(
        Column(
            "label",
            r.choice(["Wskaźnik", "Nazwa wskaźnika", "Wyszczególnienie", "Miernik"]),
            weight=4.5,
        )
    )
    if cols[-1].header == "Wyszczególnienie":
        tags.append("header:wyszczegolnienie")
    first = len(cols)
    for s in subs:
        full = f"{group} {s}" if group else s
        cols.append(Column("value", s, group, column_key(full), "right", 1.1))
    change = None
    if len(years) >= 2 and r.random() < 0.35:
        change = r.choice(["Zmiana (%)", "Dynamika r/r (%)", "Zmiana %"])
        cols.append(Column("value", change, None, column_key(change), "right", 1.0))
        tags.append("header:change_col")
    yc = {y: first + i for i, y in enumerate(years)}
    codes = [c for c in vocab.CODES if c not in ("grant_returned",)]
    n_rows = r.randint(5, 11)
    chosen = r.sample(codes, n_rows)
    # keep a natural order
    chosen.sort(key=vocab.CODES.index)
    items: list[tuple] = [("code", c) for c in chosen]
    for other in r.sample(vocab.OTHER_ROWS, r.randint(0, 2)):
        items.insert(r.randint(0, len(items)), ("other", other))
    # compound rows
    w = ctx.world.years
    if "offers_submitted" in chosen and r.random() < 0.4:
        items.insert(chosen.index("offers_submitted") + 1, ("tj", None))
    if r.random() < 0.3:
        items.append(("parts", None))
    if "contracts_signed" in chosen and r.random() < 0.3:
        items[[i for i, x in enumerate(items) if x == ("code", "contracts_signed")][0]] = (
            "wtym",
            None,
        )
    if r.random() < 0.25:
        items.append(("per1000", None))
    sections = None
    if r.random() < 0.3 and not tab11:
        sections = r.choice(["roman", "letter", "text"])
        tags.append(f"rows:sections_{sections}")
    elif tab11:
        sections = "digit"
        tags.append("rows:sections_digit")
    rows: list[Row] = []
    lp = 0
    sec = 0
    per_sec = max(2, (len(items) + 1) // 2)
    labels_seen = set()
    for idx, (kind, what) in enumerate(items):
        if sections and idx % per_sec == 0:
            sec += 1
            title = ["Współpraca finansowa", "Współpraca pozafinansowa", "Pozostałe wskaźniki"][
                min(sec - 1, 2)
            ]
            if sections == "roman":
                gl = f"{ROMAN[sec]}. {title}"
            elif sections == "letter":
                gl = f"{'ABC'[sec - 1]}. {title}"
            elif sections == "digit":
                gl = f"{sec}. {title.lower()}"
            else:
                gl = title
            rows.append(Row("group", label=gl, section=str(sec)))
            if tab11:
                lp = 0
        lp += 1
        vals: dict[int, object] = {}
        code = None
        label_lines = None
        feats = []
        if kind == "code":
            code = what
            label = r.choice(vocab.ROW_WORDINGS[code]).format(jst_gen=ctx.jst_gen)
            for y in years:
                vals[y] = w[y][code]
        elif kind == "other":
            label = what
            for y in years:
                vals[y] = r.randint(0, 60)
        elif kind == "tj":
            label = "Liczba ofert poprawnych formalnie liczbowo oraz procentowo"
        elif kind == "parts":
            label = "Liczba projektów wybranych do realizacji"
            label_lines = [label, "a) w formie wsparcia", "b) w formie powierzenia"]
        elif kind == "wtym":
            label = r.choice(
                [
                    "Liczba zawartych umów, w tym umów wieloletnich",
                    "Liczba zawartych umów (w tym wieloletnich)",
                ]
            )
            code = "contracts_signed"
        else:
            label = "Liczba organizacji pozarządowych na 1000 mieszkańców"
        if label in labels_seen:
            lp -= 1
            continue
        labels_seen.add(label)
        key = str(lp) if lp_h else slug(label)
        row = Row(
            "data",
            key,
            lp_f.format(lp) if lp_h else "",
            label,
            label_lines,
            section=str(sec) if sec else "",
        )
        for y in years:
            ci = yc[y]
            wy = w[y]
            missing = y != ctx.year and r.random() < 0.06
            if missing:
                row.cells[ci] = missing_cell(r.choice(["—", "b.d.", "–", "x", "brak"]))
                continue
            if kind in ("code", "other"):
                row.cells[ci] = value_cell(fmt, code, vals[y]) if code else count_cell(fmt, vals[y])
            elif kind == "tj":
                ok = wy["offers_submitted"] - wy["offers_rejected"]
                p = half_up(Decimal(ok) / Decimal(max(1, wy["offers_submitted"])) * 100, 2)
                pfmt = fmt.pct(p, 2)
                row.cells[ci] = VCell(
                    [f"{fmt.count(ok)}, tj. {pfmt}"], [ok, float(p)], features=["cells:compound_tj"]
                )
                if (
                    ctx.inject == "percent_mismatch"
                    and y == ctx.year
                    and "offers_submitted" in chosen
                ):
                    bad = p + Decimal(r.choice([-3, -2, 2, 4])) + Decimal("0.17")
                    row.cells[ci] = VCell(
                        [f"{fmt.count(ok)}, tj. {fmt.pct(bad, 2)}"],
                        [ok, float(half_up(bad, 2))],
                        features=["cells:compound_tj"],
                    )
                    ctx.inject = None
                    ctx.findings.append(
                        {
                            "check": "percent_mismatch",
                            "table_uid": uid,
                            "row": key,
                            "rows": ["@offers", key],
                            "period": cols[ci].key,
                            "detail": f"{ok} of {wy['offers_submitted']} offers "
                            f"is {p} %, the report prints {bad} %",
                        }
                    )
            elif kind == "parts":
                a = wy["offers_selected"]
                b = r.randint(0, 3)
                row.cells[ci] = VCell(
                    [fmt.count(a), fmt.count(b)], [a, b], features=["cells:compound_parts"]
                )
            elif kind == "wtym":
                c, m = wy["contracts_signed"], wy["contracts_multiyear"]
                if ctx.inject == "parts_exceed_total" and y == ctx.year:
                    m = c + r.randint(1, 4)
                    ctx.inject = None
                    ctx.findings.append(
                        {
                            "check": "parts_exceed_total",
                            "table_uid": uid,
                            "row": key,
                            "rows": [key],
                            "period": cols[ci].key,
                            "detail": f"{m} multi-year contracts of {c}",
                        }
                    )
                if "(" in label:
                    row.cells[ci] = VCell(
                        [f"{fmt.count(c)} (w tym {m})"],
                        [c, m],
                        code=code,
                        features=["cells:compound_wtym"],
                    )
                else:
                    row.cells[ci] = VCell(
                        [fmt.count(c), fmt.count(m)],
                        [c, m],
                        code=code,
                        features=["cells:compound_stacked"],
                    )
            else:
                x = half_up(
                    Decimal(wy["orgs_registered"]) * 1000 / Decimal(ctx.world.population), 2
                )
                row.cells[ci] = VCell([fmt.decimal(x, 2)], [float(x)])
        if change and all(
            yc[y] in row.cells and len(row.cells[yc[y]].values) == 1 for y in years[-2:]
        ):
            a = Decimal(str(row.cells[yc[years[-2]]].values[0]))
            b = Decimal(str(row.cells[yc[years[-1]]].values[0]))
            cc = len(cols) - 1
            if a == 0:
                row.cells[cc] = missing_cell(r.choice(["x", "—", "nie dotyczy"]))
            elif change.startswith("Dynamika"):
                row.cells[cc] = VCell(
                    [fmt.decimal(b / a * 100, 1)], [float(half_up(b / a * 100, 1))]
                )
            else:
                d = (b - a) / a * 100
                txt = fmt.decimal(d, 1, sign=True)
                feats = []
                if half_up(d, 1) < 0:
                    feats.append(f"numbers:negative_{fmt.minus}")
                elif fmt.plus and half_up(d, 1) > 0:
                    feats.append("numbers:plus_sign")
                if change == "Zmiana %" and r.random() < 0.5:
                    txt += fmt.percent
                row.cells[cc] = VCell([txt], [float(half_up(d, 1))], features=feats)
        elif change:
            row.cells[len(cols) - 1] = missing_cell(r.choice(["—", "x"]))
        rows.append(row)
    t = TableSpec(uid, "indicators", cols, rows)
    t.caption_title = r.choice(
        [
            f"Wybrane wskaźniki realizacji Programu w latach {years[0]}–{years[-1]}",
            "Wskaźniki realizacji Programu",
            "Ogólne dane statystyczne",
            "Mierniki efektywności realizacji Programu",
        ]
    )
    # the percent finding names the offers row too
    for f in ctx.findings:
        if f["table_uid"] == uid and "@offers" in f["rows"]:
            off = next(
                (
                    x.key
                    for x in rows
                    if x.kind == "data"
                    and any(c.code == "offers_submitted" for c in x.cells.values())
                ),
                None,
            )
            f["rows"] = [k for k in [off, f["row"]] if k]
    if ctx.findings and any(f["table_uid"] == uid for f in ctx.findings):
        t.consistent = False
    t.group_lp_col = r.random() < 0.4 and lp_h is not None
    return finish(t, ctx, fmt, tags)


STREAMS = [
    ("Dotacje w trybie otwartych konkursów ofert", "grant_awarded"),
    ("Dotacje w trybie art. 19a ustawy (tzw. małe granty)", "small_grants_amount"),
    ("Zakup usług od organizacji pozarządowych", None),
    ("Wkład własny w projekty realizowane w partnerstwie", None),
    ("Inicjatywa lokalna", None),
    ("Dotacje celowe na zadania z zakresu sportu", None),
]


def t_funds(ctx: Ctx) -> TableSpec:
    r = ctx.rng
    fmt = ctx.table_fmt()
    fmt.unit = ""
    uid = ctx.next_uid()
    lp_h, lp_f = lp_style(r)
    tags = lp_tags(lp_h, lp_f) + ["header:wyszczegolnienie"]
    n = r.choice([2, 3, 3])
    years = [y for y in ctx.periods if y <= ctx.year][-n:]
    tys = r.random() < 0.5
    unit = "tys. zł" if tys else "zł"
    gtxt = r.choice([f"Wykonanie ({unit})", f"Kwota ({unit})", f"Środki przekazane ({unit})"])
    grouped = r.random() < 0.6
    cols = []
    if lp_h:
        cols.append(Column("lp", lp_h, align="center", weight=0.5))
    cols.append(Column("label", "Wyszczególnienie", weight=4.0))
    first = len(cols)
    for y in years:
        if grouped:
            cols.append(Column("value", str(y), gtxt, y, "right", 1.3))
        else:
            cols.append(Column("value", f"{y} r. ({unit})", None, y, "right", 1.3))
    if grouped:
        tags += ["header:group", "header:year_row"]
    tags.append("numbers:tys_header" if tys else "header:unit_zl")
    streams = [STREAMS[0], STREAMS[1]] + r.sample(STREAMS[2:], r.randint(1, 3))
    rows = []
    mode = "header_tys" if tys else "plain"
    for i, (label, code) in enumerate(streams, 1):
        key = str(i) if lp_h else slug(label)
        row = Row("data", key, lp_f.format(i) if lp_h else "", label)
        for j, y in enumerate(years):
            ci = first + j
            if code:
                gr = ctx.world.years[y][code]
            elif r.random() < 0.15:
                row.cells[ci] = missing_cell(r.choice(["nie dotyczy", "—", "-"]))
                continue
            else:
                gr = r.randint(5, 200) * 100000
            row.cells[ci] = amount_cell(fmt, gr, code, mode)
        rows.append(row)
    t = TableSpec(uid, "funds", cols, rows)
    t.caption_title = r.choice(
        [
            f"Środki finansowe przekazane organizacjom pozarządowym w latach {years[0]}–{years[-1]}",
            "Wysokość środków finansowych przeznaczonych na współpracę",
            "Finansowanie zadań publicznych realizowanych przez organizacje",
        ]
    )
    if tys:
        t.unit, t.scale = "tys. zł", 1000
    rows.append(
        add_total(
            t,
            rows,
            total_label(r),
            fmt,
            list(range(first, first + n)),
            {i: mode for i in range(first, first + n)},
        )
    )
    tags.append("rows:total")
    return finish(t, ctx, fmt, tags)


def t_target_actual(ctx: Ctx, tab11: bool) -> TableSpec:
    r = ctx.rng
    fmt = ctx.table_fmt()
    uid = ctx.next_uid()
    lp_h, lp_f = lp_style(r)
    if lp_h is None:
        lp_h, lp_f = "L.p.", "{}."
    tags = lp_tags(lp_h, lp_f) + ["header:target_actual", "header:text_cols"]
    cols = [
        Column("lp", lp_h, align="center", weight=0.5),
        Column("label", r.choice(["Nazwa działania", "Działanie", "Zadanie"]), weight=3.5),
        Column("text", r.choice(["Wskaźnik", "Miernik"]), weight=1.8),
        Column("value", "Wartość docelowa", None, "target", "right", 1.4),
        Column(
            "value",
            r.choice(["Wartość wskaźnika", "Wartość wskaźnika osiągnięta"]),
            None,
            "actual",
            "right",
            1.3,
        ),
    ]
    rows = []
    lp = 0
    for g, (gt, acts) in enumerate(zip(vocab.GOAL_TITLES, vocab.GOALS, strict=False), 1):
        rows.append(Row("group", label=f"{g}. {gt}", section=str(g)))
        if tab11:
            lp = 0
        for act in r.sample(acts, r.randint(1, len(acts))):
            lp += 1
            key = str(lp)
            row = Row("data", key, lp_f.format(lp), act, section=str(g))
            row.texts[2] = r.choice(vocab.GOAL_MEASURES)
            k = r.randint(0, 4)
            tv = r.randint(1, 6)
            if k == 0:
                tc = VCell([f"{tv}/rok"], [tv], features=["cells:text_number"])
            elif k == 1:
                tc = VCell([f"{tv} w roku"], [tv], features=["cells:text_number"])
            elif k == 2:
                tc = VCell([f"Średnio {tv} w roku"], [tv], features=["cells:text_number"])
            elif k == 3:
                tc = VCell([f"min. {tv}"], [tv], features=["cells:text_number"])
            else:
                tc = count_cell(fmt, tv)
            row.cells[3] = tc
            av = r.randint(0, 14)
            if r.random() < 0.15:
                a1 = r.randint(1, 8)
                a2 = r.randint(1, 6)
                row.cells[4] = VCell(
                    [f"{a1 + a2} (szkolenia {a1},", f"doradztwo {a2})"],
                    [a1 + a2, a1, a2],
                    features=["cells:compound_parts"],
                )
            else:
                row.cells[4] = count_cell(fmt, av)
            rows.append(row)
    t = TableSpec(uid, "target_actual", cols, rows)
    t.caption_title = r.choice(
        ["Działania", "Realizacja celów szczegółowych Programu", "Stopień realizacji działań"]
    )
    t.group_lp_col = False
    tags.append("rows:sections_digit")
    return finish(t, ctx, fmt, tags)


def t_consultations(ctx: Ctx) -> TableSpec:
    r = ctx.rng
    fmt = ctx.table_fmt()
    uid = ctx.next_uid()
    lp_h, lp_f = lp_style(r)
    if lp_h is None:
        lp_h, lp_f = "Lp.", "{}."
    tags = lp_tags(lp_h, lp_f) + ["header:text_cols", "cols:dates"]
    cols = [
        Column("lp", lp_h, align="center", weight=0.5),
        Column("label", r.choice(["Projekt aktu prawnego", "Przedmiot konsultacji"]), weight=4.0),
        Column("text", r.choice(["Termin konsultacji", "Okres konsultacji"]), weight=1.9),
        Column("text", "Forma konsultacji", weight=1.8),
        Column(
            "value", r.choice(["Liczba uwag", "Liczba zgłoszonych uwag"]), align="right", weight=1.0
        ),
    ]
    cols[4].key = column_key(cols[4].header)
    rows = []
    for i, (act, term, form, rem) in enumerate(ctx.world.consultations, 1):
        row = Row("data", str(i), lp_f.format(i), act)
        row.texts[2] = term
        row.texts[3] = form
        row.cells[4] = (
            count_cell(fmt, rem)
            if rem or r.random() < 0.5
            else missing_cell(r.choice(["brak", "—", "-"]))
        )
        rows.append(row)
    t = TableSpec(uid, "consultations", cols, rows)
    t.caption_title = r.choice(
        [
            f"Konsultacje przeprowadzone w {ctx.year} r.",
            "Wykaz konsultowanych projektów aktów prawa miejscowego",
        ]
    )
    if r.random() < 0.6:
        nums = [c.cells[4].values[0] if c.cells[4].values else 0 for c in rows]
        tl = total_label(r)
        tot = Row("total", slug(tl), "", tl, bold=True)
        tot.cells[4] = count_cell(fmt, sum(nums), "consultation_remarks")
        t.consistent = True
        rows.append(tot)
        tags.append("rows:total")
    return finish(t, ctx, fmt, tags)


def t_orgs(ctx: Ctx) -> TableSpec:
    """Organisations with their grants; the public task as a row-spanning category."""
    r = ctx.rng
    fmt = ctx.table_fmt()
    uid = ctx.next_uid()
    lp_h, lp_f = lp_style(r)
    if lp_h is None:
        lp_h, lp_f = "Lp.", "{}."
    tags = lp_tags(lp_h, lp_f) + ["header:text_cols"]
    rowspan = r.random() < 0.6
    zl = " (zł)" if fmt.unit == "" else ""
    cols = [Column("lp", lp_h, align="center", weight=0.5)]
    if rowspan:
        cols.append(Column("category", "Zadanie publiczne", weight=2.4))
        tags.append("rows:rowspan_category")
    cols.append(
        Column(
            "label",
            r.choice(["Nazwa organizacji", "Organizacja pozarządowa", "Podmiot"]),
            weight=3.0,
        )
    )
    if not rowspan:
        cols.append(Column("text", "Zadanie publiczne", weight=2.6))
    cols.append(
        Column("value", "Kwota dotacji" + zl, None, column_key("Kwota dotacji" + zl), "right", 1.3)
    )
    vc = len(cols) - 1
    with_used = r.random() < 0.5
    if with_used:
        cols.append(
            Column(
                "value",
                "Kwota wykorzystana" + zl,
                None,
                column_key("Kwota wykorzystana" + zl),
                "right",
                1.3,
            )
        )
    rows = []
    i = 0
    for tk in ctx.world.tasks:
        for name, aw, used in tk.orgs:
            i += 1
            row = Row(
                "data",
                str(i),
                lp_f.format(i),
                name,
                category=f"{tk.area} – {tk.title}" if rowspan else None,
            )
            if not rowspan:
                row.texts[vc - 1] = tk.title[0].upper() + tk.title[1:]
            row.cells[vc] = amount_cell(fmt, aw)
            if with_used:
                row.cells[vc + 1] = amount_cell(fmt, used)
            rows.append(row)
    t = TableSpec(uid, "orgs", cols, rows)
    t.caption_title = r.choice(
        [
            "Wykaz organizacji, którym udzielono dotacji",
            f"Dotacje udzielone organizacjom pozarządowym w {ctx.year} r.",
            "Podmioty realizujące zadania publiczne",
        ]
    )
    codes = {vc: "grant_awarded"}
    if with_used:
        codes[vc + 1] = "grant_used"
    rows.append(add_total(t, rows, total_label(r), fmt, sorted(codes), None, codes))
    tags.append("rows:total")
    return finish(t, ctx, fmt, tags)


def t_budget(ctx: Ctx) -> TableSpec:
    r = ctx.rng
    fmt = ctx.table_fmt()
    uid = ctx.next_uid()
    w = ctx.world.years[ctx.year]
    cols = [
        Column("label", "Wyszczególnienie", weight=3.0),
        Column(
            "value",
            r.choice([f"Wartość w {ctx.year} r.", "Wartość", "Kwota / udział"]),
            align="right",
            weight=1.4,
        ),
    ]
    cols[1].key = column_key(cols[1].header)
    rows = [
        Row(
            "data", "", "", r.choice(["Wydatki budżetu ogółem (zł)", "Wydatki ogółem budżetu (zł)"])
        ),
        Row("data", "", "", "Kwota dotacji dla organizacji (zł)"),
        Row("data", "", "", r.choice(vocab.ROW_WORDINGS["grant_budget_ratio"])),
    ]
    budget = ctx.world.budget
    rows[0].cells[1] = amount_cell(fmt, budget)
    rows[1].cells[1] = amount_cell(fmt, w["grant_awarded"], "grant_awarded")
    rows[2].cells[1] = pct_cell(fmt, w["grant_budget_ratio"], 2, "grant_budget_ratio")
    if r.random() < 0.5:
        rows.append(Row("data", "", "", r.choice(vocab.ROW_WORDINGS["own_contribution_share"])))
        rows[3].cells[1] = pct_cell(fmt, w["own_contribution_share"], 1, "own_contribution_share")
    for row in rows:
        row.key = slug(row.label)
    t = TableSpec(uid, "budget", cols, rows)
    t.caption_title = r.choice(["Udział dotacji w budżecie", "Dotacje a wydatki budżetu"])
    return finish(t, ctx, fmt, ["rows:no_lp", "table:small"])


def t_offers_by_area(ctx: Ctx) -> TableSpec:
    r = ctx.rng
    fmt = ctx.table_fmt()
    uid = ctx.next_uid()
    cols = [
        Column("label", r.choice(["Sfera zadań", "Obszar"]), weight=3.0),
        Column("value", r.choice(["Liczba ofert", "Oferty"]), align="right", weight=1.0),
    ]
    cols[1].key = column_key(cols[1].header)
    agg: dict[str, int] = {}
    for tk in ctx.world.tasks:
        agg[tk.area] = agg.get(tk.area, 0) + tk.offers
    rows = []
    for area, n in agg.items():
        short = area.split(",")[0]
        rows.append(Row("data", slug(short), "", short))
        rows[-1].cells[1] = count_cell(fmt, n)
    if len({x.key for x in rows}) != len(rows):
        for i, x in enumerate(rows):
            x.label += f" ({i + 1})"
            x.key = slug(x.label)
    t = TableSpec(uid, "offers_by_area", cols, rows)
    t.caption_title = "Liczba ofert według sfer zadań"
    tl = total_label(r)
    rows.append(add_total(t, rows, tl, fmt, [1], None, {1: "offers_submitted"}))
    return finish(t, ctx, fmt, ["rows:no_lp", "rows:total", "table:small"])


TEMPLATES = {
    "competitions": t_competitions,
    "small_grants": t_small_grants,
    "nonfin": t_nonfin,
    "indicators": t_indicators,
    "funds": t_funds,
    "consultations": t_consultations,
    "orgs": t_orgs,
    "budget": t_budget,
    "offers_by_area": t_offers_by_area,
}


def noun_offers(n: int) -> str:
    return plural(n, "oferta", "oferty", "ofert")
