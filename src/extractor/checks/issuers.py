"""The office a report is of, normalised, with its type: gmina, powiat, miasto na prawach
powiatu or województwo.

Reports name their office in the genitive ("Programu współpracy Miasta Krakowa",
"… samorządu województwa Kujawsko-Pomorskiego"); the title block gives the office's
kind in the nominative and the name as printed.  Here the name is made nominative
too, so that the reports of one office meet whatever their wording:

- województwo: its adjective in lower case ("województwo kujawsko-pomorskie");
- powiat: as the title block gives it ("Powiat Lipowski");
- miasto na prawach powiatu: the 66 cities with county rights by their names (any case
  form, "Gmina Miejska Kraków" too), and any other "Miasto X" (a city reporting as
  "Miasto", the way cities with county rights are named), the name made nominative
  by the endings of its adjective and noun ("Miasta Dębowca Szlacheckiego" -> "Miasto
  Dębowiec Szlachecki"); an ambiguous genitive ("Lipowa": Lipów or Lipowo) is read as
  the more common town form (-ów);
- gmina: "Gmina X", "Gmina Miejska X", "Miasto i Gmina X".
"""

from __future__ import annotations

import re
from functools import lru_cache

# The cities with county rights (miasta na prawach powiatu): nominative, genitive.
CITIES = (
    ("Biała Podlaska", "Białej Podlaskiej"), ("Białystok", "Białegostoku"),
    ("Bielsko-Biała", "Bielska-Białej"), ("Bydgoszcz", "Bydgoszczy"), ("Bytom", "Bytomia"),
    ("Chełm", "Chełma"), ("Chorzów", "Chorzowa"), ("Częstochowa", "Częstochowy"),
    ("Dąbrowa Górnicza", "Dąbrowy Górniczej"), ("Elbląg", "Elbląga"), ("Gdańsk", "Gdańska"),
    ("Gdynia", "Gdyni"), ("Gliwice", "Gliwic"), ("Gorzów Wielkopolski", "Gorzowa Wielkopolskiego"),
    ("Grudziądz", "Grudziądza"), ("Jastrzębie-Zdrój", "Jastrzębia-Zdroju"),
    ("Jaworzno", "Jaworzna"), ("Jelenia Góra", "Jeleniej Góry"), ("Kalisz", "Kalisza"),
    ("Katowice", "Katowic"), ("Kielce", "Kielc"), ("Konin", "Konina"), ("Koszalin", "Koszalina"),
    ("Kraków", "Krakowa"), ("Krosno", "Krosna"), ("Legnica", "Legnicy"), ("Leszno", "Leszna"),
    ("Lublin", "Lublina"), ("Łomża", "Łomży"), ("Łódź", "Łodzi"), ("Mysłowice", "Mysłowic"),
    ("Nowy Sącz", "Nowego Sącza"), ("Olsztyn", "Olsztyna"), ("Opole", "Opola"),
    ("Ostrołęka", "Ostrołęki"), ("Piekary Śląskie", "Piekar Śląskich"),
    ("Piotrków Trybunalski", "Piotrkowa Trybunalskiego"), ("Płock", "Płocka"),
    ("Poznań", "Poznania"), ("Przemyśl", "Przemyśla"), ("Radom", "Radomia"),
    ("Ruda Śląska", "Rudy Śląskiej"), ("Rybnik", "Rybnika"), ("Rzeszów", "Rzeszowa"),
    ("Siedlce", "Siedlec"), ("Siemianowice Śląskie", "Siemianowic Śląskich"),
    ("Skierniewice", "Skierniewic"), ("Słupsk", "Słupska"), ("Sopot", "Sopotu"),
    ("Sosnowiec", "Sosnowca"), ("Suwałki", "Suwałk"), ("Szczecin", "Szczecina"),
    ("Świętochłowice", "Świętochłowic"), ("Świnoujście", "Świnoujścia"),
    ("Tarnobrzeg", "Tarnobrzega"), ("Tarnów", "Tarnowa"), ("Toruń", "Torunia"),
    ("Tychy", "Tychów"), ("Wałbrzych", "Wałbrzycha"), ("Warszawa", "Warszawy"),
    ("Włocławek", "Włocławka"), ("Wrocław", "Wrocławia"), ("Zabrze", "Zabrza"),
    ("Zamość", "Zamościa"), ("Zielona Góra", "Zielonej Góry"), ("Żory", "Żor"),
)  # fmt: skip
CITY_NAMES = {form.lower(): nominative for nominative, genitive in CITIES
              for form in (nominative, genitive)}  # fmt: skip

GMINA = "gmina"
POWIAT = "powiat"
CITY = "miasto na prawach powiatu"
REGION = "województwo"

# Genitive -> nominative of a place's adjective, by its ending; the ending says the gender.
ADJECTIVE_ENDINGS = (
    ("kiego", "ki", "m"), ("giego", "gi", "m"), ("ego", "y", "m"), ("kiej", "ka", "f"),
    ("giej", "ga", "f"), ("ej", "a", "f"), ("ich", "ie", "pl"), ("ych", "e", "pl"),
)  # fmt: skip
# Genitive -> nominative of the noun, by gender (the first matching ending).
NOUN_ENDINGS = {
    "m": (("owca", "owiec"), ("ńca", "niec"), ("owa", "ów"), ("a", ""), ("u", "")),
    "f": (("y", "a"), ("i", "a")),
    "pl": (("ic", "ice"), ("k", "ki"), ("g", "gi"), ("", "y")),
}


@lru_cache(maxsize=4096)
def normalise_issuer(issuer: str) -> tuple[str, str]:
    """(name, type) of the office a report names; ("", "") when it names none."""
    text = " ".join(issuer.split())
    if not text:
        return "", ""
    head, _, name = text.partition(" ")
    kind = head.lower()
    if kind.startswith("wojew"):
        return f"województwo {name.lower()}", REGION
    if kind == "powiat":
        return text, POWIAT
    city = CITY_NAMES.get(re.sub(r"^(?:miejska|miasto)\s+", "", name, flags=re.I).lower())
    if city:
        return f"Miasto {city}", CITY
    if kind == "miasto" and not name.lower().startswith("i gmin"):
        return f"Miasto {nominative_place(name)}", CITY
    if kind == "miasto":
        return f"Gmina {name.split(' ', 2)[-1]}", GMINA
    return text, GMINA if kind == "gmina" else ""


def nominative_place(name: str) -> str:
    """A place name printed in the genitive, made nominative ("Dębowca Szlacheckiego")."""
    words = name.split()
    if len(words) < 2:
        return name
    *nouns, adjective = words
    for ending, nominative, gender in ADJECTIVE_ENDINGS:
        if adjective.endswith(ending):
            adjective = adjective[: len(adjective) - len(ending)] + nominative
            nouns = [noun_nominative(n, gender) for n in nouns]
            return " ".join([*nouns, adjective])
    return name


def noun_nominative(noun: str, gender: str) -> str:
    for ending, nominative in NOUN_ENDINGS[gender]:
        if noun.endswith(ending):
            return noun[: len(noun) - len(ending)] + nominative
    return noun
