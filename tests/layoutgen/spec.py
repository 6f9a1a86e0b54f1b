"""make_spec(seed) -> ReportSpec: a whole report, deterministic from the seed."""

from __future__ import annotations

import random
from decimal import Decimal

from . import tables as T
from .model import Block, Figure, Marker, ReportSpec, Seg, Style, TableSpec
from .polish import (
    PLACE_SPACE,
    REGION_SPACE,
    ROMAN,
    ROOTS,
    SUFFIXES,
    NumFmt,
    date_words,
    half_up,
    person,
    place_from_index,
    plural,
    region_from_index,
)
from .world import make_world

KINDS = ["gmina", "miasto_gmina", "miasto", "powiat", "wojewodztwo"]
CAPTION_KINDS = [
    "tabela_dot",
    "tabela_nr",
    "tabela_colon",
    "tabela_dash",
    "zestawienie",
    "wykaz",
    "zalacznik",
]
INJECT = [
    "total_mismatch",
    "used_exceeds_allocated",
    "percent_mismatch",
    "parts_exceed_total",
    "per_capita_mismatch",
]


def issuer(seed: int, kind: str) -> dict:
    if kind == "wojewodztwo":
        reg = region_from_index((seed * 7919 + 11) % REGION_SPACE)
        cap = "-".join(p[:1].upper() + p[1:] for p in reg["nom"].split("-"))
        capg = "-".join(p[:1].upper() + p[1:] for p in reg["gen"].split("-"))
        return {
            "jst": f"województwo {reg['nom']}",
            "gen": f"Województwa {capg}",
            "owner": f"Samorządu Województwa {capg}",
            "office": f"Urząd Marszałkowski Województwa {capg}",
            "head": f"Zarząd Województwa {capg}",
            "head_gen": f"Zarządu Województwa {capg}",
            "council": f"Sejmiku Województwa {capg}",
            "place": cap,
            "area": f"województwa {reg['gen']}",
            "bip": f"bip.{reg['domain']}.pl",
            "rada": "Wojewódzka Rada Działalności Pożytku Publicznego",
        }
    if kind == "powiat":  # the adjective depends on root and suffix only
        pl = place_from_index((seed * 7919 + 5) % (len(ROOTS) * len(SUFFIXES)))
    else:
        pl = place_from_index((seed * 7919 + 5) % PLACE_SPACE)
    nom, gen, loc = pl["nom"], pl["gen"], pl["loc"]
    bip = f"bip.{pl['domain']}.pl"
    if kind == "gmina":
        return {
            "jst": f"Gmina {nom}",
            "gen": f"Gminy {nom}",
            "owner": f"Gminy {nom}",
            "office": f"Urząd Gminy {nom}",
            "head": f"Wójt Gminy {nom}",
            "head_gen": f"Wójta Gminy {nom}",
            "council": f"Rady Gminy {nom}",
            "place": nom,
            "area": f"Gminy {nom}",
            "bip": bip,
            "rada": "Gminna Rada Działalności Pożytku Publicznego",
        }
    if kind == "miasto_gmina":
        return {
            "jst": f"Gmina {nom}",
            "gen": f"Miasta i Gminy {nom}",
            "owner": f"Miasta i Gminy {nom}",
            "office": f"Urząd Miasta i Gminy w {loc}",
            "head": f"Burmistrz Miasta i Gminy {nom}",
            "head_gen": f"Burmistrza Miasta i Gminy {nom}",
            "council": f"Rady Miejskiej w {loc}",
            "place": nom,
            "area": f"Miasta i Gminy {nom}",
            "bip": bip,
            "rada": "Rada Działalności Pożytku Publicznego",
        }
    if kind == "miasto":
        return {
            "jst": f"Miasto {nom}",
            "gen": f"Miasta {gen}",
            "owner": f"Miasta {gen}",
            "office": f"Urząd Miasta {gen}",
            "head": f"Prezydent Miasta {gen}",
            "head_gen": f"Prezydenta Miasta {gen}",
            "council": f"Rady Miasta {gen}",
            "place": nom,
            "area": f"Miasta {gen}",
            "bip": bip,
            "rada": "Miejska Rada Działalności Pożytku Publicznego",
        }
    adj = pl["adj"][0].upper() + pl["adj"][1:]
    adjg = adj[:-1] + "iego"
    return {
        "jst": f"Powiat {adj}",
        "gen": f"Powiatu {adjg}",
        "owner": f"Powiatu {adjg}",
        "office": f"Starostwo Powiatowe w {loc}",
        "head": f"Zarząd Powiatu {adjg}",
        "head_gen": f"Zarządu Powiatu {adjg}",
        "council": f"Rady Powiatu {adjg}",
        "place": nom,
        "area": f"Powiatu {adjg}",
        "bip": bip,
        "rada": "Powiatowa Rada Działalności Pożytku Publicznego",
    }


def make_style(r: random.Random) -> Style:
    font = r.choice(["serif", "sans", "serif_cond", "sans_cond", "serif", "sans"])
    size = r.choice([10, 10.5, 11, 11, 12])
    if font.endswith("cond"):
        size += 0.5
    return Style(
        font=font,
        size=size,
        leading=r.choice([1.2, 1.25, 1.3, 1.4]),
        note_size=r.choice([8, 8.5, 9]),
        margins=(r.randint(45, 72), r.randint(50, 72), r.randint(50, 72), r.randint(55, 75)),
        heading_numbering=r.choice(["roman", "arabic", "plain", "roman"]),
        heading_upper=r.random() < 0.2,
        justify=r.random() < 0.75,
        footnote_mode=r.choice(["page", "page", "section"]),
        landscape_mode=r.choice(["mediabox", "rotate90", "matrix"]),
        page_number=r.choice(["str_slash", "strona_z", "dash", "bare", "bare", "none"]),
        page_number_pos=r.choice(["center", "right"]),
        running_header=None,
        bip_footer=None,
        para_indent=r.random() < 0.3,
        para_space=r.choice([3, 4, 6, 8]),
    )


class Doc:
    def __init__(self, seed: int):
        self.seed = seed
        self.r = random.Random(seed)
        self.blocks: list[Block] = []
        self.figures: list[Figure] = []
        self.section = 0
        self.features: set[str] = set()

    def heading(self, text: str, st: Style, marker: Marker | None = None):
        self.section += 1
        n = self.section
        pre = {"roman": f"{ROMAN[n]}. ", "arabic": f"{n}. ", "plain": ""}[st.heading_numbering]
        if st.heading_upper:
            text = text.upper()
        segs = [Seg(pre + text)]
        if marker:
            segs.append(Seg("", marker))
        self.blocks.append(Block("heading", segs=segs, section=n, keep_with_next=True))

    def para(self, *parts, figures=()):
        segs = []
        for p in parts:
            segs.append(p if isinstance(p, Seg) else Seg(p))
        self.blocks.append(Block("para", segs=segs, section=self.section, figures=list(figures)))


def find_ref(tables: list[TableSpec], code: str, value, year: int):
    """The table cell that states this figure (first found), as (uid, row, column)."""
    for t in tables:
        for row in t.rows:
            for ci, c in row.cells.items():
                if c.code != code or not c.values:
                    continue
                key = t.columns[ci].key
                if isinstance(key, int) and key != year:
                    continue
                v = c.values[0]
                if t.scale:
                    continue
                if abs(float(v) - float(value)) < 1e-9:
                    return {"table_uid": t.uid, "row": row.key, "column_key": key}
    return None


def make_spec(seed: int) -> ReportSpec:
    d = Doc(seed)
    r = d.r
    kind = r.choices(KINDS, [45, 15, 15, 13, 12])[0]
    iss = issuer(seed, kind)
    year = r.randint(2012, 2025)
    st = make_style(r)
    multi = r.random() < (0.6 if kind == "wojewodztwo" else 0.3)
    if multi:
        start = r.randint(max(2010, year - 4), year)
        end = start + r.choice([2, 3, 4])
        programme = (
            f"Wieloletni program współpracy {iss['owner']} z organizacjami "
            f"pozarządowymi na lata {start}-{end}"
        )
        title = (
            f"Sprawozdanie z realizacji Wieloletniego programu współpracy {iss['owner']} "
            f"z organizacjami pozarządowymi na lata {start}-{end} za rok {year}"
        )
        baseline = start - 1 if start < year else None
    else:
        programme = (
            f"Program współpracy {iss['owner']} z organizacjami pozarządowymi oraz "
            "podmiotami, o których mowa w art. 3 ust. 3 ustawy o działalności "
            f"pożytku publicznego i o wolontariacie, na rok {year}"
        )
        title = (
            f"Sprawozdanie z realizacji Programu współpracy {iss['owner']} z "
            "organizacjami pozarządowymi oraz podmiotami, o których mowa w art. 3 ust. 3 "
            "ustawy o działalności pożytku publicznego i o wolontariacie, za rok "
            f"{year}"
        )
        baseline = None
    periods = sorted(set(range(year - 3, year + 1)) | ({baseline} if baseline else set()))
    if r.random() < 0.35:
        st.running_header = r.choice(
            [
                f"BIP {iss['office']}",
                iss["office"],
                f"Sprawozdanie z realizacji programu współpracy za rok {year}",
            ]
        )
    if r.random() < 0.3:
        st.bip_footer = f"Biuletyn Informacji Publicznej – {iss['bip']}"
    letters = r.random() < 0.06

    def org_name(used: set) -> str:
        from . import vocab

        for _ in range(50):
            pl = place_from_index(r.randrange(PLACE_SPACE))
            pat = r.choice(vocab.ORG_PATTERNS)
            name = pat.format(
                adj_gen=iss["place"],
                club=r.choice(vocab.CLUBS),
                loc=pl["loc"],
                fund=r.choice(vocab.FUNDS),
                nom=pl["nom"],
                gen=pl["gen"],
                nom2=pl["nom"],
            )
            if name not in used:
                used.add(name)
                return name
        raise RuntimeError("no organisation name left")

    world = make_world(r, kind, year, periods, org_name)
    ctx = T.Ctx(r, world, year, periods, baseline, iss["area"], kind, letters)
    ctx.inject = r.choice(INJECT) if r.random() < 0.3 else None
    prose_fmt = NumFmt(thousands=r.choice([" ", " ", "\u00a0"]), percent=r.choice(["%", " %"]))

    # ---------------------------------------------------------------- tables
    pool = [
        "competitions",
        "small_grants",
        "nonfin",
        "indicators",
        "funds",
        "consultations",
        "orgs",
        "budget",
        "offers_by_area",
        "target_actual",
    ]
    weights = [8, 6, 5, 8, 5, 3, 3, 3, 2, 3]
    n_tables = r.randint(2, 6)
    chosen: list[str] = []
    while len(chosen) < n_tables:
        t = r.choices(pool, weights)[0]
        if t not in chosen:
            chosen.append(t)
    dotted = r.random() < 0.2
    built: dict[str, TableSpec] = {}
    if "per_capita_mismatch" == ctx.inject:
        ctx.inject_pc = True
    for name in [
        "competitions",
        "orgs",
        "offers_by_area",
        "small_grants",
        "nonfin",
        "consultations",
        "target_actual",
        "indicators",
        "funds",
        "budget",
    ]:
        if name not in chosen:
            continue
        if name == "target_actual":
            built[name] = T.t_target_actual(ctx, tab11=dotted)
        elif name == "indicators":
            built[name] = T.t_indicators(ctx)
        else:
            built[name] = T.TEMPLATES[name](ctx)
    all_tables = list(built.values())
    _per_capita(ctx, all_tables, st)

    # captions
    doc_cap = r.choice(CAPTION_KINDS)
    cap_pos = "below" if r.random() < 0.2 else "above"
    order = [
        "competitions",
        "orgs",
        "offers_by_area",
        "small_grants",
        "nonfin",
        "consultations",
        "target_actual",
        "indicators",
        "funds",
        "budget",
    ]
    seq = [built[n] for n in order if n in built]
    if dotted:
        ids = ["1.1"] if "target_actual" in built else []
        sub = ["1.2", "1.2a", "1.2b", "1.3", "1.4", "1.5", "1.6"]
        others = [t for t in seq if t.template != "target_actual"]
        ids += sub[: len(others)]
        ordered = ([built["target_actual"]] if "target_actual" in built else []) + others
        for t, i in zip(ordered, ids, strict=False):
            t.caption_kind, t.caption_id = "tab_dotted", i
        seq = ordered
    else:
        n = 0
        for t in seq:
            k = (
                doc_cap
                if r.random() < 0.8
                else r.choice(CAPTION_KINDS + ["bold_heading", "none", "none"])
            )
            if k in ("bold_heading", "none"):
                t.caption_kind = k
                continue
            n += 1
            t.caption_kind, t.caption_id = k, str(n)
    for t in seq:
        _table_look(r, t, cap_pos, st)

    # ---------------------------------------------------------------- markers
    mode = st.footnote_mode
    stars = [0]

    def cell_markers(t: TableSpec):
        if r.random() > 0.5:
            return
        dest = "table" if r.random() < 0.5 else mode
        if dest == "table":
            kind_ = r.choice(["star", "paren", "sup"] + (["letter"] if letters else []))
            if kind_ == "star" and stars[0] >= 3:
                kind_ = "paren"
        else:
            kind_ = "sup"
        cands = [
            (row, ci, c)
            for row in t.rows
            for ci, c in row.cells.items()
            if c.values and len(c.lines) == 1 and not c.markers
        ]
        for _row, _ci, c in r.sample(cands, min(len(cands), r.randint(1, 3))):
            if kind_ == "star":
                if stars[0] >= 3:
                    break
                stars[0] += 1
            c.markers.append(Marker(kind_, _cell_note(r, c, year, prose_fmt), dest))
            mtag = "markers:letters" if kind_ == "letter" else f"markers:{kind_}"
            t.features = sorted(set(t.features) | {mtag, f"notes:{dest}"})
            c.features.append("markers:letters" if kind_ == "letter" else f"markers:{kind_}")

    for t in seq:
        cell_markers(t)
        if r.random() < 0.2 and t.caption_kind != "none":
            t.caption_markers.append(
                Marker(
                    "sup",
                    r.choice(
                        [
                            "Wskaźniki mają charakter pomocniczy.",
                            "Dane na podstawie sprawozdań złożonych przez organizacje.",
                            "Zestawienie obejmuje wyłącznie zadania rozliczone do dnia sporządzenia "
                            "sprawozdania.",
                        ]
                    ),
                    mode,
                )
            )
            t.features = sorted(set(t.features) | {"markers:on_caption"})

    # ---------------------------------------------------------------- text
    w = world.years[year]
    if r.random() < 0.4:
        n1 = r.randint(10, 140)
        d.blocks.append(
            Block(
                "annex",
                lines=[
                    f"Załącznik do Zarządzenia Nr {n1}/{year + 1}",
                    f"{iss['head_gen']}",
                    f"z dnia {date_words(r.randint(2, 28), 5, year + 1)}",
                ],
                align="right",
            )
        )
    if kind in ("gmina", "miasto_gmina", "miasto") and r.random() < 0.5:
        d.blocks.append(
            Block(
                "placedate",
                lines=[f"{iss['place']}, dnia {date_words(r.randint(2, 30), 5, year + 1)}"],
                align="right",
            )
        )
        d.blocks.append(
            Block(
                "placedate",
                lines=[
                    iss["head"],
                    f"znak sprawy: {r.choice(['OS', 'OR', 'SO', 'PS'])}.524."
                    f"{r.randint(1, 9)}.{year + 1}",
                ],
                align="left",
            )
        )
    if r.random() < 0.6:
        d.blocks.append(
            Block("title", lines=["SPRAWOZDANIE", title[len("Sprawozdanie ") :]], align="center")
        )
    else:
        d.blocks.append(Block("title", lines=[title], align="center"))

    # I. Wprowadzenie
    law = (
        Marker(
            "sup",
            f"Ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego "
            f"i o wolontariacie (Dz. U. z {year} r. poz. {r.randint(100, 1900)} z "
            "późn. zm.).",
            mode,
        )
        if r.random() < 0.6
        else None
    )
    hmark = (
        Marker(
            "sup",
            "Dane przedstawione w niniejszym rozdziale pochodzą z rejestrów "
            f"prowadzonych przez {iss['office']}.",
            mode,
        )
        if r.random() < 0.2
        else None
    )
    d.heading("Wprowadzenie", st, None)
    sess = ROMAN[r.randint(3, 70)]
    res = f"Nr {sess}/{r.randint(10, 600)}/{year - 1}"
    d.para(
        "Zgodnie z art. 5a ust. 3 ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku "
        "publicznego i o wolontariacie",
        Seg("", law) if law else Seg(""),
        " organ wykonawczy jednostki samorządu terytorialnego jest obowiązany, nie później "
        "niż do dnia 31 maja każdego roku, przedłożyć organowi stanowiącemu jednostki "
        "samorządu terytorialnego oraz opublikować w Biuletynie Informacji Publicznej "
        "sprawozdanie z realizacji programu współpracy za rok poprzedni.",
    )
    d.para(
        f"{programme} (zwany dalej „Programem”) został przyjęty uchwałą {res} "
        f"{iss['council']} z dnia "
        f"{date_words(r.randint(1, 28), r.choice([10, 11, 12]), year - 1)}"
        f" Program określał cele, zasady, przedmiot oraz formy współpracy z organizacjami "
        "pozarządowymi."
    )
    fig = _figure(d, r, "orgs_registered", w, prose_fmt, year, iss)
    d.para(
        "Celem głównym Programu było budowanie partnerstwa między samorządem a organizacjami "
        "pozarządowymi oraz zwiększanie udziału mieszkańców w rozwiązywaniu lokalnych "
        "problemów. " + fig.text,
        figures=[fig.id],
    )
    _section_notes(d, mode)

    # II. Formy współpracy
    d.heading(r.choice(["Formy współpracy", "Cele i formy współpracy"]), st, hmark)
    d.para(
        f"Współpraca z organizacjami pozarządowymi w {year} r. odbywała się w formach "
        "finansowych i pozafinansowych, w szczególności poprzez:"
    )
    d.blocks.append(
        Block(
            "list",
            items=[
                "zlecanie organizacjom realizacji zadań publicznych w trybie otwartych konkursów ofert;",
                "zlecanie realizacji zadań publicznych z pominięciem otwartego konkursu ofert, na "
                "podstawie art. 19a ustawy;",
                "konsultowanie z organizacjami projektów aktów prawa miejscowego w dziedzinach "
                "dotyczących ich działalności statutowej;",
                "wzajemne informowanie się o planowanych kierunkach działalności;",
                "udostępnianie organizacjom lokali oraz obejmowanie patronatem przedsięwzięć "
                "organizacji.",
            ],
            numbered=r.random() < 0.6,
            section=d.section,
        )
    )
    _section_notes(d, mode)

    # III. Współpraca finansowa
    d.heading(
        r.choice(
            [
                "Zlecanie zadań publicznych w trybie otwartych konkursów ofert",
                "Współpraca o charakterze finansowym",
            ]
        ),
        st,
    )
    f1 = _figure(d, r, "competitions", w, prose_fmt, year, iss)
    f2 = _figure(d, r, "contracts", w, prose_fmt, year, iss)
    d.para(
        f1.text + " Oferty oceniały komisje konkursowe, w skład których wchodzili "
        "przedstawiciele organizacji pozarządowych. " + f2.text,
        figures=[f1.id, f2.id],
    )
    first = (["target_actual"] if dotted else []) + ["competitions", "orgs", "offers_by_area"]
    for name in first:
        if name in built:
            _place_table(d, r, built[name], built)
    f3 = _figure(d, r, "small", w, prose_fmt, year, iss)
    d.para(
        "Na podstawie art. 19a ustawy organ wykonawczy może zlecić organizacji realizację "
        "zadania publicznego o charakterze lokalnym z pominięciem otwartego konkursu ofert. "
        + f3.text,
        figures=[f3.id],
    )
    if "small_grants" in built:
        _place_table(d, r, built["small_grants"], built)
    _section_notes(d, mode)

    # IV. Pozafinansowa
    d.heading(
        r.choice(["Współpraca o charakterze pozafinansowym", "Pozafinansowe formy współpracy"]), st
    )
    f4 = _figure(d, r, "council", w, prose_fmt, year, iss)
    f5 = _figure(d, r, "consult", w, prose_fmt, year, iss)
    d.para(
        "Samorząd wspierał organizacje również w formach pozafinansowych, w szczególności "
        "poprzez konsultowanie projektów uchwał, udostępnianie lokali i sprzętu oraz "
        "promocję działalności organizacji. " + f4.text + " " + f5.text,
        figures=[f4.id, f5.id],
    )
    for name in ["nonfin", "consultations"]:
        if name in built:
            _place_table(d, r, built[name], built)
    _section_notes(d, mode)

    # V. Wskaźniki
    rest = [
        n
        for n in ["target_actual", "indicators", "funds", "budget"]
        if n in built and not (dotted and n == "target_actual")
    ]
    if rest:
        d.heading(
            r.choice(
                [
                    "Realizacja Programu w liczbach",
                    "Wskaźniki realizacji Programu",
                    "Ocena realizacji Programu",
                ]
            ),
            st,
        )
        d.para(
            "Stopień realizacji Programu oceniano na podstawie wskaźników określonych w "
            "Programie. Wartości wskaźników przedstawiono w zestawieniach poniżej."
        )
        for name in rest:
            _place_table(d, r, built[name], built)
        _section_notes(d, mode)

    # VI. Podsumowanie
    d.heading("Podsumowanie", st)
    f6 = _figure(d, r, "used", w, prose_fmt, year, iss)
    parts = [f6.text]
    figs = [f6.id]
    if r.random() < 0.6:
        f7 = _figure(d, r, "ratio", w, prose_fmt, year, iss)
        parts.append(f7.text)
        figs.append(f7.id)
    d.para(
        "Współpraca z organizacjami pozarządowymi w roku sprawozdawczym przebiegała "
        "zgodnie z założeniami Programu. " + " ".join(parts),
        figures=figs,
    )
    d.para(
        "Sprawozdanie zostanie przedłożone "
        + iss["council"].replace("Rady", "Radzie").replace("Sejmiku", "Sejmikowi")
        + " oraz opublikowane w Biuletynie Informacji "
        "Publicznej."
    )
    _section_notes(d, mode)
    name_, g_ = person(r)
    d.blocks.append(
        Block(
            "signature",
            lines=[
                iss["head"].split(" ")[0]
                if kind in ("gmina", "miasto_gmina", "miasto")
                else iss["head"],
                f"(-) {name_}",
            ],
            align="right",
        )
    )

    # figure refs -> table cells
    for f in d.figures:
        f.refs = [
            find_ref(all_tables, c, v if not isinstance(v, float) or True else v, year)
            if c
            else None
            for c, v in zip(f.codes, f.values, strict=False)
        ]

    spec = ReportSpec(
        seed=seed,
        report_id=f"gen-{seed}",
        jst=iss["jst"],
        jst_kind=kind,
        jst_gen=iss["gen"],
        office=iss["office"],
        programme=programme,
        title=title,
        report_year=year,
        baseline_year=baseline,
        periods=periods,
        style=st,
        blocks=d.blocks,
        figures=d.figures,
        findings=ctx.findings,
        features=[],
        footnotes={},
    )
    _number_markers(spec)
    spec.features = sorted(_doc_features(spec, dotted, letters))
    return spec


# ------------------------------------------------------------------ helpers
def _per_capita(ctx: T.Ctx, tables: list[TableSpec], st: Style):
    for t in tables:
        for row in t.rows:
            if not row.label.startswith("Liczba organizacji pozarządowych na 1000"):
                continue
            ci = next((i for i, c in enumerate(t.columns) if c.key == ctx.year), None)
            if ci is None or ci not in row.cells or not row.cells[ci].values:
                continue
            pop = ctx.world.population
            ps = NumFmt(" ").count(pop)
            row.cells[ci].markers.append(
                Marker(
                    "sup",
                    f"Do obliczenia wskaźnika przyjęto liczbę ludności według danych GUS na "
                    f"dzień 30.06.{ctx.year} r., która wynosi {ps} osób.",
                    st.footnote_mode,
                )
            )
            t.features = sorted(
                set(t.features) | {"markers:sup", f"notes:{st.footnote_mode}", "cells:per_capita"}
            )
            if ctx.inject == "per_capita_mismatch":
                c = row.cells[ci]
                bad = Decimal(str(c.values[0])) + Decimal("0.37")
                c.lines = [c.lines[0].replace(c.lines[0], T.NumFmt(" ").decimal(bad, 2))]
                c.values = [float(bad)]
                ctx.inject = None
                ctx.findings.append(
                    {
                        "check": "per_capita_mismatch",
                        "table_uid": t.uid,
                        "row": row.key,
                        "rows": [row.key],
                        "period": ctx.year,
                        "detail": "organisations per 1000 inhabitants do not match "
                        "the population in the footnote",
                    }
                )
                t.consistent = False


def _cell_note(r: random.Random, c, year: int, f: NumFmt) -> str:
    v = c.values[0]
    if isinstance(v, float) and "%" not in c.lines[0] and v >= 100:
        part = int(v * r.uniform(0.1, 0.6)) * 100
        return r.choice(
            [
                f"W tym {f.amount(part)} zł ze środków budżetu państwa.",
                "Kwota po korekcie dokonanej aneksem do umowy.",
                f"Organizacja zwróciła niewykorzystaną część dotacji w kwocie "
                f"{f.amount(r.randint(100, 99999))} zł.",
            ]
        )
    return r.choice(
        [
            f"Stan na dzień 31 grudnia {year} r.",
            "Dane według Krajowego Rejestru Sądowego oraz ewidencji prowadzonej przez starostę.",
            "Łącznie z umowami zawartymi w latach poprzednich.",
            "Dane szacunkowe.",
            "Wartość skorygowana w stosunku do poprzedniego sprawozdania.",
        ]
    )


def _table_look(r: random.Random, t: TableSpec, cap_pos: str, st: Style):
    tags = set(t.features)
    t.caption_pos = cap_pos if r.random() < 0.85 else ("below" if cap_pos == "above" else "above")
    if t.caption_kind == "none":
        t.caption_pos = "above"
    if (
        t.caption_kind not in ("none", "bold_heading")
        and t.caption_pos == "above"
        and r.random() < 0.12
    ):
        t.caption_prev_page = True
        tags.add("caption:prev_page")
    small = t.template in ("budget", "offers_by_area")
    has_span = any(c.kind == "category" for c in t.columns)
    styles = ["ruled", "hrules", "frame", "zebra", "borderless_tab", "borderless_headrule"]
    w = [10, 4, 2, 3, 3, 3] if not has_span else [10, 2, 1, 0, 0, 1]
    t.style = r.choices(styles, w)[0]
    t.repeat_header = r.random() < 0.6
    t.numbered_cols = r.random() < 0.12 and not t.style.startswith("borderless")
    t.font_size = r.choice([8, 8.5, 9, 9, 9.5, 10])
    if st.font.endswith("cond"):
        t.font_size += 0.5
    t.width_frac = r.choice([0.55, 0.65, 0.75]) if small else 1.0
    t.landscape = len(t.columns) >= 7 or (len(t.columns) >= 6 and r.random() < 0.4)
    t.total_span = r.random() < 0.6
    t.valign = r.choice(["middle", "top"])
    t.header_fill = r.random() < 0.3
    t.header_bold = r.random() < 0.8
    t.source_line = r.choice([None, None, "Źródło: opracowanie własne.", "Źródło: dane Urzędu."])
    tags.add(f"caption:{t.caption_kind}")
    if t.caption_kind != "none":
        tags.add(f"caption:{t.caption_pos}")
    tags.add(f"style:{t.style}")
    if t.numbered_cols:
        tags.add("header:numbered_cols")
    if t.landscape:
        tags.add(
            {
                "mediabox": "page:landscape_mediabox",
                "rotate90": "page:rotate90",
                "matrix": "page:rotated_matrix",
            }[st.landscape_mode]
        )
    if any(r_.label_lines or (r_.kind == "data" and len(r_.label) > 45) for r_ in t.rows):
        tags.add("rows:wrapped_labels")
    if t.header_fill:
        tags.add("header:filled")
    t.features = sorted(tags)


def _place_table(d: Doc, r: random.Random, t: TableSpec, built):
    if (
        t.template in ("budget", "offers_by_area")
        and "budget" in built
        and "offers_by_area" in built
    ):
        other = built["offers_by_area" if t.template == "budget" else "budget"]
        if getattr(d, "_paired", False):
            return  # already placed beside the other one
        if getattr(d, "_pair_decided", None) is None:
            d._pair_decided = r.random() < 0.6
        if d._pair_decided:
            d._paired = True
            for x in (t, other):
                x.landscape = False
                x.caption_prev_page = False
                x.width_frac = 0.47
                x.features = sorted(
                    (
                        set(x.features)
                        - {"caption:prev_page"}
                        - {f for f in x.features if f.startswith("page:")}
                    )
                    | {"layout:side_by_side"}
                )
            d.blocks.append(Block("pair", tables=[t, other], section=d.section))
            return
    around = r.random() < 0.25 and not t.landscape
    if around:
        t.features = sorted(set(t.features) | {"layout:prose_around"})
    d.blocks.append(Block("table", tables=[t], section=d.section))
    if around:
        d.para(
            r.choice(
                [
                    "Z przedstawionych danych wynika, że współpraca przebiegała zgodnie z "
                    "założeniami Programu.",
                    "Dane zawarte w zestawieniu zostały przekazane przez komórki "
                    "merytoryczne urzędu.",
                    "Wszystkie zadania zostały zrealizowane i rozliczone w terminie.",
                ]
            )
        )


def _section_notes(d: Doc, mode: str):
    if mode != "section":
        return
    d.blocks.append(Block("notes", section=d.section))


def _figure(
    d: Doc, r: random.Random, what: str, w: dict, f: NumFmt, year: int, iss: dict
) -> Figure:
    fid = f"pf-{len(d.figures) + 1}"

    def amt(gr):
        return f.amount(gr) + " zł"

    vals, codes = [], []
    if what == "orgs_registered":
        n = w["orgs_registered"]
        text = r.choice(
            [
                f"Na terenie {iss['area']} według stanu na dzień 31 grudnia {year} r. "
                f"zarejestrowanych było {n} organizacji pozarządowych.",
                f"Według danych urzędu w {year} r. na terenie {iss['area']} działało {n} "
                + plural(
                    n,
                    "organizacja pozarządowa",
                    "organizacje pozarządowe",
                    "organizacji pozarządowych",
                )
                + ".",
            ]
        )
        vals, codes = [n], ["orgs_registered"]
    elif what == "competitions":
        n, m = w["competitions_announced"], w["offers_submitted"]
        kon = plural(
            n, "otwarty konkurs ofert", "otwarte konkursy ofert", "otwartych konkursów ofert"
        )
        wp = plural(m, "wpłynęła", "wpłynęły", "wpłynęło")
        text = r.choice(
            [
                f"W {year} r. ogłoszono {n} {kon}, na które {wp} {m} "
                f"{plural(m, 'oferta', 'oferty', 'ofert')}.",
                f"W roku sprawozdawczym ogłoszono {n} {kon}. Łącznie {wp} {m} "
                f"{plural(m, 'oferta', 'oferty', 'ofert')}.",
            ]
        )
        vals, codes = [n, m], ["competitions_announced", "offers_submitted"]
    elif what == "contracts":
        c, a = w["contracts_signed"], w["grant_awarded"]
        text = r.choice(
            [
                f"Łącznie podpisano {c} {plural(c, 'umowę', 'umowy', 'umów')} na łączną "
                f"kwotę {amt(a)}.",
                f"Zawarto {c} {plural(c, 'umowę', 'umowy', 'umów')} o wsparcie lub powierzenie "
                f"realizacji zadań publicznych na kwotę {amt(a)}.",
            ]
        )
        vals, codes = [c, float(Decimal(a) / 100)], ["contracts_signed", "grant_awarded"]
    elif what == "small":
        k, a = w["small_grants_count"], w["small_grants_amount"]
        text = r.choice(
            [
                f"W {year} r. udzielono {k} {plural(k, 'dotację', 'dotacje', 'dotacji')} w trybie "
                f"art. 19a ustawy na łączną kwotę {amt(a)}.",
                f"W trybie art. 19a ustawy (tzw. małe granty) zlecono {k} "
                f"{plural(k, 'zadanie', 'zadania', 'zadań')} na łączną kwotę {amt(a)}.",
            ]
        )
        vals, codes = [k, float(Decimal(a) / 100)], ["small_grants_count", "small_grants_amount"]
    elif what == "council":
        n = w["council_meetings"]
        text = (
            f"{iss['rada']} odbyła w {year} r. {n} "
            f"{plural(n, 'posiedzenie', 'posiedzenia', 'posiedzeń')}."
        )
        vals, codes = [n], ["council_meetings"]
    elif what == "consult":
        n, m = w["consultations"], w["consultation_remarks"]
        text = (
            f"Konsultacjom poddano {n} {plural(n, 'projekt', 'projekty', 'projektów')} "
            f"aktów prawa miejscowego, do których zgłoszono {m} "
            f"{plural(m, 'uwagę', 'uwagi', 'uwag')}."
        )
        vals, codes = [n, m], ["consultations", "consultation_remarks"]
    elif what == "used":
        u, rt = w["grant_used"], w["grant_returned"]
        if rt:
            text = (
                f"Organizacje wykorzystały dotacje w łącznej kwocie {amt(u)}, a kwota "
                f"{amt(rt)} została zwrócona do budżetu."
            )
            vals, codes = (
                [float(Decimal(u) / 100), float(Decimal(rt) / 100)],
                ["grant_used", "grant_returned"],
            )
        else:
            text = f"Organizacje wykorzystały dotacje w łącznej kwocie {amt(u)}."
            vals, codes = [float(Decimal(u) / 100)], ["grant_used"]
    else:  # ratio
        p = w["grant_budget_ratio"]
        text = f"Dotacje dla organizacji pozarządowych stanowiły {f.pct(p, 2)} wydatków budżetu."
        vals, codes = [float(half_up(p, 2))], ["grant_budget_ratio"]
    fig = Figure(fid, text, vals, [], codes)
    d.figures.append(fig)
    return fig


def _number_markers(spec: ReportSpec):
    """Marker keys in reading order: digits shared by sup and paren markers, "*", "**"
    for stars, letters a, b, ...; anchors recorded for the truth."""
    digit = 0
    star = 0
    letter = 0
    notes: dict[str, str] = {}

    def assign(m: Marker, anchor: dict):
        nonlocal digit, star, letter
        if m.kind in ("sup", "paren"):
            digit += 1
            m.key = str(digit)
        elif m.kind == "star":
            star += 1
            m.key = "*" * star
        else:
            m.key = "abcdefgh"[letter]
            letter += 1
        m.anchor = anchor
        notes[m.key] = m.text

    for b in spec.blocks:
        if b.kind in ("para", "heading"):
            for s in b.segs:
                if s.marker:
                    assign(s.marker, {"kind": "prose" if b.kind == "para" else "heading"})
        for t in b.tables:
            if t.caption_pos == "above":
                for m in t.caption_markers:
                    assign(m, {"kind": "caption", "table_uid": t.uid})
            for row in t.rows:
                for ci, c in sorted(row.cells.items()):
                    for m in c.markers:
                        assign(
                            m,
                            {
                                "kind": "cell",
                                "table_uid": t.uid,
                                "section": row.section,
                                "row": row.key,
                                "column_key": t.columns[ci].key,
                            },
                        )
            if t.caption_pos == "below":
                for m in t.caption_markers:
                    assign(m, {"kind": "caption", "table_uid": t.uid})
    spec.footnotes = notes


def _doc_features(spec: ReportSpec, dotted: bool, letters: bool) -> set[str]:
    st = spec.style
    f = {
        f"font:{st.font}",
        f"footnotes:{st.footnote_mode}",
        f"furniture:{st.page_number}",
        f"jst:{spec.jst_kind}",
    }
    if st.running_header:
        f.add("furniture:running_header")
    if st.bip_footer:
        f.add("furniture:bip_footer")
    if dotted:
        f.add("caption:scheme_dotted")
    if letters:
        f.add("markers:letters")
    if any(s.marker for b in spec.blocks if b.kind == "para" for s in b.segs):
        f.add("markers:on_prose")
    if any(s.marker for b in spec.blocks if b.kind == "heading" for s in b.segs):
        f.add("markers:on_heading")
    for fd in spec.findings:
        f.add(f"findings:{fd['check']}")
    if not spec.findings:
        f.add("findings:none")
    return f
