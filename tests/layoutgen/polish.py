"""Polish language helpers: slugs, plural agreement, fictional place names and
people, number formatting as offices print it.  Everything takes an explicit
``random.Random``; nothing here reads global state."""

from __future__ import annotations

import random
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

_FOLD = str.maketrans({"ł": "l", "Ł": "L"})


def slug(text: str) -> str:
    """The corpus slug: lower case, Polish letters folded, other runs "_"."""
    s = unicodedata.normalize("NFKD", (text or "").translate(_FOLD))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def plural(n: int, one: str, few: str, many: str) -> str:
    if n == 1:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def half_up(x: Decimal, places: int) -> Decimal:
    q = Decimal(1).scaleb(-places)
    return x.quantize(q, rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------ places
ROOTS = [
    "Brzoz",
    "Dęb",
    "Grab",
    "Jawor",
    "Klon",
    "Lip",
    "Olsz",
    "Wierzb",
    "Jesion",
    "Modrzew",
    "Żuraw",
    "Sokol",
    "Bobr",
    "Czapl",
    "Jastrzęb",
    "Orzech",
    "Róż",
    "Bogusz",
    "Przyb",
    "Sław",
    "Lubom",
    "Milej",
    "Strzyż",
    "Kalin",
    "Jarosz",
    "Wrzos",
    "Ostrz",
    "Radosz",
    "Cieszk",
    "Kobyl",
    "Łopien",
    "Trzcin",
    "Mszan",
    "Głog",
    "Bukow",
    "Jelon",
    "Kruk",
    "Świerk",
    "Topol",
    "Żabin",
]
# (nom, gen, loc, gender, adjective stem for powiat)
SUFFIXES = [
    ("owo", "owa", "owie", "n", "owski"),
    ("ów", "owa", "owie", "m", "owski"),
    ("in", "ina", "inie", "m", "iński"),
    ("ice", "ic", "icach", "pl", "icki"),
    ("ica", "icy", "icy", "f", "icki"),
    ("owiec", "owca", "owcu", "m", "owiecki"),
    ("niki", "nik", "nikach", "pl", "nicki"),
]
MODIFIERS = [None, "Dolny", "Górny", "Wielki", "Mały", "Stary", "Nowy", "Kościelny", "Szlachecki"]


def _modifier(adj: str, gender: str):
    stem = adj[:-1]  # Doln, Górn, Wielk, Mał, Star, Now, Kościeln, Szlachecki->Szlachec k
    if adj.endswith("ki"):
        stem = adj[:-1]
    soft = stem.endswith("k")
    forms = {
        "m": (adj, stem + ("iego" if soft else "ego"), stem + ("im" if soft else "ym")),
        "f": (stem + "a", stem + ("iej" if soft else "ej"), stem + ("iej" if soft else "ej")),
        "n": (
            stem + ("ie" if soft else "e"),
            stem + ("iego" if soft else "ego"),
            stem + ("im" if soft else "ym"),
        ),
        "pl": (
            stem + ("ie" if soft else "e"),
            stem + ("ich" if soft else "ych"),
            stem + ("ich" if soft else "ych"),
        ),
    }
    return forms[gender]


def place_from_index(idx: int) -> dict:
    """A fictional place (nominative, genitive, locative, powiat adjective)."""
    r = idx % len(ROOTS)
    idx //= len(ROOTS)
    s = idx % len(SUFFIXES)
    idx //= len(SUFFIXES)
    m = idx % len(MODIFIERS)
    root = ROOTS[r]
    nom_s, gen_s, loc_s, gender, adj_s = SUFFIXES[s]
    low = root.lower()
    nom, gen, loc = root + nom_s, root + gen_s, root + loc_s
    adj = low + adj_s
    mod = MODIFIERS[m]
    if mod:
        mn, mg, ml = _modifier(mod, gender)
        nom, gen, loc = f"{nom} {mn}", f"{gen} {mg}", f"{loc} {ml}"
    return {
        "nom": nom,
        "gen": gen,
        "loc": loc,
        "adj": adj,
        "gender": gender,
        "domain": slug(root + nom_s).replace("_", ""),
    }


PLACE_SPACE = len(ROOTS) * len(SUFFIXES) * len(MODIFIERS)

REGION_A = [
    "nadwarciańsk",
    "pojeziersk",
    "podgórsk",
    "nadnoteck",
    "nadsańsk",
    "nadbużańsk",
    "sudeck",
    "kurpiowsk",
    "nadpilick",
    "roztoczańsk",
    "nadodrzańsk",
    "zalewsk",
    "beskidzk",
    "nadwiślańsk",
    "mazursk",
    "kaszubsk",
    "nadnarwiańsk",
    "łęczyck",
    "sieradzk",
    "bialsk",
]
REGION_B = [
    None,
    "warck",
    "noteck",
    "sańsk",
    "pilick",
    "odrzańsk",
    "narwiańsk",
    "bugowsk",
    "wiślańsk",
    "pomorsk",
    "śląsk",
    "kujawsk",
    "podlask",
    "karpack",
    "lubusk",
    "świętokrzysk",
    "mazowieck",
    "wielkopolsk",
    "łódzk",
    "opolsk",
]
REGION_SPACE = len(REGION_A) * len(REGION_B)


def region_from_index(idx: int) -> dict:
    a = REGION_A[idx % len(REGION_A)]
    b = REGION_B[(idx // len(REGION_A)) % len(REGION_B)]
    if b and b[:4] != a[:4]:
        stem = f"{a}o-{b}"
    else:
        stem = a
    return {"nom": stem + "ie", "gen": stem + "iego", "domain": slug(stem).replace("_", "")}


FIRST_M = [
    "Jan",
    "Piotr",
    "Krzysztof",
    "Andrzej",
    "Tomasz",
    "Paweł",
    "Marcin",
    "Michał",
    "Grzegorz",
    "Józef",
    "Marek",
    "Adam",
    "Zbigniew",
    "Stanisław",
    "Ryszard",
    "Wojciech",
]
FIRST_F = [
    "Anna",
    "Maria",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Barbara",
    "Ewa",
    "Krystyna",
    "Elżbieta",
    "Joanna",
    "Magdalena",
    "Monika",
    "Beata",
    "Dorota",
]
SURN = [
    ("Kowalski", "Kowalska"),
    ("Nowak", "Nowak"),
    ("Wiśniewski", "Wiśniewska"),
    ("Wójcik", "Wójcik"),
    ("Kamiński", "Kamińska"),
    ("Lewandowski", "Lewandowska"),
    ("Zieliński", "Zielińska"),
    ("Szymański", "Szymańska"),
    ("Dąbrowski", "Dąbrowska"),
    ("Kozłowski", "Kozłowska"),
    ("Jankowski", "Jankowska"),
    ("Mazur", "Mazur"),
    ("Kwiatkowski", "Kwiatkowska"),
    ("Krawczyk", "Krawczyk"),
    ("Piotrowski", "Piotrowska"),
    ("Grabowski", "Grabowska"),
    ("Pawlak", "Pawlak"),
    ("Michalski", "Michalska"),
    ("Zając", "Zając"),
    ("Król", "Król"),
    ("Wieczorek", "Wieczorek"),
    ("Jabłoński", "Jabłońska"),
]


def person(rng: random.Random) -> tuple[str, str]:
    """(full name, gender 'm'/'f')."""
    if rng.random() < 0.5:
        return f"{rng.choice(FIRST_M)} {rng.choice(SURN)[0]}", "m"
    return f"{rng.choice(FIRST_F)} {rng.choice(SURN)[1]}", "f"


ROMAN = [
    "",
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
    "XXI",
    "XXII",
    "XXIII",
    "XXIV",
    "XXV",
    "XXVI",
    "XXVII",
    "XXVIII",
    "XXIX",
    "XXX",
    "XXXI",
    "XXXII",
    "XXXIII",
    "XXXIV",
    "XXXV",
    "XXXVI",
    "XXXVII",
    "XXXVIII",
    "XXXIX",
    "XL",
    "XLI",
    "XLII",
    "XLIII",
    "XLIV",
    "XLV",
    "XLVI",
    "XLVII",
    "XLVIII",
    "XLIX",
    "L",
    "LI",
    "LII",
    "LIII",
    "LIV",
    "LV",
    "LVI",
    "LVII",
    "LVIII",
    "LIX",
    "LX",
    "LXI",
    "LXII",
    "LXIII",
    "LXIV",
    "LXV",
    "LXVI",
    "LXVII",
    "LXVIII",
    "LXIX",
    "LXX",
    "LXXI",
    "LXXII",
]

MONTHS_GEN = [
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
]
MONTH_ROMAN = ROMAN[1:13]


def date_words(d: int, m: int, y: int) -> str:
    return f"{d} {MONTHS_GEN[m - 1]} {y} r."


# ------------------------------------------------------------------ numbers
MINUS_SIGNS = {"hyphen": "-", "minus": "\u2212", "endash": "\u2013"}


class NumFmt:
    """How one table prints its numbers."""

    def __init__(
        self,
        thousands: str = " ",
        group4: bool = True,
        unit: str = "",
        percent: str = "%",
        minus: str = "hyphen",
        plus: bool = False,
    ):
        self.thousands = thousands  # " ", "\u00a0", ".", ""
        self.group4 = group4  # "7 285" (True) or "7285" (False) for 4-digit numbers
        self.unit = unit  # "", " zł", "zł"
        self.percent = percent  # "%" or " %"
        self.minus = minus
        self.plus = plus

    def group(self, digits: str, counts: bool = False) -> str:
        sep = self.thousands
        if counts and sep == ".":
            sep = " "  # offices use dots for amounts, not for counts
        if not sep or (len(digits) == 4 and not self.group4):
            return digits
        out = []
        while len(digits) > 3:
            out.insert(0, digits[-3:])
            digits = digits[:-3]
        out.insert(0, digits)
        return sep.join(out)

    def count(self, n: int) -> str:
        s = self.group(str(abs(n)), counts=True)
        return ("-" if n < 0 else "") + s

    def amount(self, grosze: int, unit: bool = True) -> str:
        zl, gr = divmod(abs(grosze), 100)
        s = f"{self.group(str(zl))},{gr:02d}"
        if grosze < 0:
            s = MINUS_SIGNS[self.minus] + s
        return s + (self.unit if unit else "")

    def decimal(self, x: Decimal, places: int, sign: bool = False) -> str:
        x = half_up(x, places)
        neg = x < 0
        ip, _, fp = f"{abs(x):.{places}f}".partition(".")
        s = self.group(ip, counts=True) + ("," + fp if places else "")
        if neg:
            s = MINUS_SIGNS[self.minus] + s
        elif sign and self.plus and x > 0:
            s = "+" + s
        return s

    def pct(self, x: Decimal, places: int, sign: bool = False) -> str:
        return self.decimal(x, places, sign) + self.percent

    def tags(self) -> list[str]:
        t = {
            " ": "numbers:space_thousands",
            "\u00a0": "numbers:nbsp_thousands",
            ".": "numbers:dots_thousands",
            "": "numbers:no_thousands",
        }[self.thousands]
        out = [t]
        if self.unit == " zł":
            out.append("numbers:unit_in_cell")
        elif self.unit == "zł":
            out.append("numbers:unit_glued")
        return out


def amount_value(grosze: int) -> float:
    return float(Decimal(grosze) / 100)


def dec_value(x: Decimal, places: int) -> float | int:
    x = half_up(x, places)
    return float(x) if places else int(x)
