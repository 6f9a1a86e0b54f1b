"""The indicator vocabulary: what these reports measure, each indicator once, as data.

An `Indicator` has a stable code (the `indicator_code` of observations, figures
and comparison rows), a Polish and an English label, its unit, how its yearly
values aggregate over several years (``sum`` of a flow, ``latest`` of a stock,
``ratio`` never added up), and the words that identify it:

- ``labels``: patterns a table row's text (or a column header) matches when it
  states the indicator; searched in the *normalised* text (`text.normalize.norm`:
  lower case, Polish letters folded to ASCII, punctuation as blanks), anchored
  (``^``) where the indicator must be the row's head noun ("Liczba szkoleń", not a
  task "Szkolenie ratowników" or an action "Obejmowanie patronatem");
- ``columns``: patterns for a column header (a group header and its sub-header
  joined, "Kwota dotacji (zł) przyznanej"); unanchored, as the sub-header, printed
  last, names the measure;
- ``exclude``: words that make a matching text something else;
- ``prose``: `ProseRule`s: the noun a counted figure is followed by ("91 umów"),
  words its clause or sentence must hold ("wpłynęło", "konsult"), or, for amounts
  and percentages, the words of the clause that say what the sum is
  ("wykorzystały dotacje w łącznej kwocie");
- ``mode``: the indicators of open competitions (``open``) are not the same
  numbers in a table or sentence about small grants (art. 19a) or another legal
  basis: there ``small_variant`` is the indicator meant ("Liczba zawartych umów"
  under a small-grants caption counts small grants), else nothing; ``small``
  indicators need that context; ``None``: any context.
- ``unclear_columns``: column headers under which a row naming the indicator may state
  another one ("Wykonanie" of "Dotacje …": awarded or used), so no code is given;
- ``part_of`` / ``part_words``: a "w tym" part of another indicator's row
  ("Liczba zawartych umów, w tym umów wieloletnich").

The list is ordered: the first indicator whose patterns match decides (specific
before general: rejected and selected offers before offers, multi-year contracts
before contracts, returned and used grants before grants).  Nothing here names a
table id, an office or a value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Aggregation = Literal["sum", "latest", "ratio"]
Mode = Literal["open", "small"] | None
IndicatorUnit = Literal["count", "PLN", "percent"]

# Words a table row may open with before its head noun ("Liczba", "Łączna kwota").
LEAD = r"^(?:(?:liczba|ilosc|wysokosc|kwota|laczna|laczny|ogolna|suma|calkowita|wartosc) )*"
AMOUNT_LEAD = r"^(?:(?:wysokosc|kwota|laczna|laczny|ogolna|suma|calkowita|wartosc) )*"
# A unit printed after a row's text: "(zł)", "(tys. zł)", "(%)", "(liczba)".
LABEL_UNIT = r"\(\s*(?:w\s+)?(?:zł|tys\.?\s*zł|mln\.?\s*zł|%|pln|liczba|szt\.?)\s*\)"


@dataclass(frozen=True)
class ProseRule:
    """When a figure in a sentence states the indicator.

    ``noun``: the words right after a count ("4 otwarte konkursy ofert"); empty for
    amounts and percentages.  ``clause``: words the figure's clause must hold;
    ``sentence``: words the whole sentence must hold; ``unless``: words of the clause
    that make it something else."""

    noun: str = ""
    clause: str = ""
    sentence: str = ""
    unless: str = ""


@dataclass(frozen=True)
class Indicator:
    code: str
    label_pl: str
    label_en: str
    unit: IndicatorUnit
    aggregation: Aggregation
    labels: tuple[str, ...]
    columns: tuple[str, ...] = ()
    exclude: str = ""
    prose: tuple[ProseRule, ...] = ()
    mode: Mode = None
    small_variant: str = ""
    part_of: str = ""
    part_words: str = ""
    counted: str = ""  # the noun it counts, where a column naming it is no other count
    unclear_columns: str = ""  # columns where the row's value may be another indicator


ORG = r"(?:organizacj\w*|podmiot\w*|stowarzyszen\w*)"
COUNTS = r"^(?:liczba |ilosc )?"

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "competitions_announced", "Liczba ogłoszonych otwartych konkursów ofert",
        "Open competitions announced", "count", "sum",
        labels=(
            r"^(?:liczba|ilosc) (?:(?:ogloszonych|otwartych|przeprowadzonych|rozstrzygnietych) )*"
            r"konkurs(?!\w* (?:\w+ )?wieloletn)",
            r"^(?:(?:ogloszone|otwarte) )*konkursy ofert",
        ),
        columns=(r"\bkonkurs\w*(?! (?:\w+ )?wieloletn)",),
        prose=(ProseRule(noun=r"^(?:otwart\w+ )?konkurs\w*(?! (?:\w+ )?wieloletn)"),),
        mode="open",
    ),
    Indicator(
        "first_time_applicants", "Organizacje składające ofertę po raz pierwszy",
        "First-time applicants", "count", "sum",
        labels=(r"po raz pierwszy", r"\bnowi oferenci\b|\bnowych oferentow\b"),
        prose=(ProseRule(noun=rf"^(?:{ORG}|oferent\w*|wnioskodaw\w*)", clause=r"po raz pierwszy"),),
        counted=ORG,
    ),
    Indicator(
        "offers_rejected", "Liczba ofert odrzuconych",
        "Offers rejected", "count", "sum",
        labels=(
            LEAD + r"(?:\w+ )?ofert\w* .*\b(?:odrzucon|niespelniaj|nie spelnial|niezgodn)",
            r"^odrzucone oferty\b",
        ),
        columns=(r"\bofert\w* odrzucon\w*|\bodrzucon\w* ofert",),
        prose=(ProseRule(noun=r"^ofert\w*", clause=r"odrzuc|niespelnia|nie spelnia"),),
        mode="open",
    ),
    Indicator(
        "offers_selected", "Liczba ofert wybranych do realizacji",
        "Offers selected", "count", "sum",
        labels=(
            LEAD + r"(?:\w+ )?(?:ofert|projekt)\w* .*\b(?:wybran|przyznano dotac|dofinansowan"
            r"|zakwalifikowan)",
            r"^wybrane oferty\b",
        ),
        columns=(r"\bofert\w* wybran\w*|\bwybran\w* ofert",),
        prose=(
            ProseRule(noun=r"^ofert\w*", clause=r"\bwybran|\bwybrano\b|dofinansowan|przyznano dot"),
        ),
        mode="open",
    ),
    Indicator(
        "offers_submitted", "Liczba złożonych ofert",
        "Offers submitted", "count", "sum",
        labels=(LEAD + r"(?:zlozonych |wszystkich )?ofert\w*\b", r"^oferty\b"),
        columns=(r"\bofert\w*\b", r"^oferty\b"),
        exclude=r"poprawn|odrzuc|wybran|na 1000|\bnowych\b",
        prose=(
            ProseRule(
                noun=r"^ofert\w*",
                clause=r"wplyn|zlozon|zlozyl|zlozono|zgloszon|zgloszono|\bwplyw",
                unless=r"odrzuc|poprawn|wybran|\bwybrano\b",
            ),
        ),
        mode="open",
    ),
    Indicator(
        "contracts_multiyear", "Liczba umów wieloletnich",
        "Multi-year contracts", "count", "sum",
        labels=(
            COUNTS + r"(?:\w+ )?umow\w* (?:\w+ )?wieloletn",
            r"^umowy (?:zawarte |podpisane )?na okres dluzszy niz (?:jeden )?rok",
        ),
        columns=(r"\bumow\w* (?:\w+ )?wieloletn|\bwieloletn\w* umow",),
        prose=(ProseRule(noun=r"^(?:umow\w* )?wieloletn\w*", sentence=r"\bumow|\bumowy\b"),),
        mode="open",
        part_of="contracts_signed",
        part_words=r"wieloletn|okres dluzszy",
    ),
    Indicator(
        "contracts_signed", "Liczba zawartych umów",
        "Contracts signed", "count", "sum",
        labels=(COUNTS + r"(?:zawartych |podpisanych )?umow\b", r"^umowy (?:zawarte|podpisane)\b"),
        columns=(r"\bumow\b",),
        exclude=r"rozliczon|rozwiazan|zerwan|aneks|wieloletn",
        prose=(ProseRule(noun=r"^umow(?!\w* wieloletn)\w*", unless=r"rozlicz|rozwiaz|aneks"),),
        mode="open",
        small_variant="small_grants_count",
    ),
    Indicator(
        "grant_returned", "Kwota zwróconych dotacji",
        "Grants returned", "PLN", "sum",
        labels=(r"\bzwrot\w*|\bzwrocon\w*",),
        prose=(ProseRule(clause=r"\bzwrot|\bzwrocon|\bzwrocil"),),
        mode="open",
    ),
    Indicator(
        "grant_used", "Kwota wykorzystanych dotacji",
        "Grants used", "PLN", "sum",
        labels=(r"\b(?:wykorzystan|wydatkowan|rozliczon)\w*",),
        prose=(ProseRule(clause=r"\bwykorzyst|\bwydatkowan|\brozliczon"),),
        mode="open",
    ),
    Indicator(
        "grant_planned", "Środki zaplanowane na realizację programu",
        "Grant funds planned", "PLN", "sum",
        labels=(r"\b(?:zaplanowan|planowan|przewidzian|zabezpieczon)\w*",),
        prose=(ProseRule(clause=r"\b(?:zaplanow|planowan|przewidzian|zabezpieczon)"),),
    ),
    Indicator(
        "small_grants_count", "Liczba dotacji w trybie art. 19a (małe granty)",
        "Small grants (art. 19a): count", "count", "sum",
        labels=(
            r"^(?:liczba|ilosc) (?:zleconych |udzielonych |przyznanych )?(?:zadan|dotacji"
            r"|grantow|malych grantow)\b(?! priorytet)",
            r"^male granty liczba",
        ),
        prose=(ProseRule(noun=r"^(?:dotacj|zadan|zadani|grant|malych grant|umow)\w*"),),
        mode="small",
    ),
    Indicator(
        "small_grants_amount", "Kwota dotacji w trybie art. 19a (małe granty)",
        "Small grants (art. 19a): amount", "PLN", "sum",
        labels=(
            AMOUNT_LEAD + r"(?:\w+ ){0,2}(?:dotac|srodk|mal\w* grant)",
            r"^kwota\b|^wysokosc\b",
        ),
        columns=(r"\bkwot\w*|\bdotac\w*|\bwysokosc\b",),
        exclude=r"wydatk\w* budzetu|na (?:1 )?mieszk|wklad",
        prose=(ProseRule(clause=r"\bdotac|\bumow|\bzadan|\bgrant|przyznan|udzielon|zlecon"),),
        mode="small",
    ),
    Indicator(
        "grant_awarded", "Kwota przyznanych dotacji",
        "Grants awarded", "PLN", "sum",
        labels=(
            AMOUNT_LEAD + r"(?:\w+ ){0,2}dotac\w*(?: (?:przyznan|udzielon|przekazan|dla organizacj"
            r"|dla podmiot|na realizacj|na zadani\w* zlecon|na zadania|w trybie|w ramach"
            r"|ogolem|organizacjom)|$)",
            r"^dotacje\b(?! (?:celow|na rozwoj))",
            r"^srodki przyznane\b",
            AMOUNT_LEAD + r"srodk\w* (?:finansow\w* )?(?:przyznan|przeznaczon|udzielon)\w* "
            r"(?:organizacj\w* )?na (?:realizacj\w* )?zada",
        ),
        columns=(
            r"\bdotac\w*(?: zl| tys zl)? (?:\w+ )?przyznan|\bprzyznan\w* (?:\w+ )?(?:kwot|dotac)",
            r"\bkwota dotacji\b|\budzielon\w* dotac|\bdotac\w* udzielon",
        ),
        exclude=r"wydatk\w* budzetu|na (?:1 )?mieszk|wklad|z zakresu|\bsredni|\bsport",
        prose=(
            ProseRule(
                clause=r"\bdotac\w* (?:\w+ )?(?:przyznan|udzielon|przekazan|otrzymal)"
                r"|\b(?:przyznan|udzielon|przekazan|przyznal|udzielil)\w* (?:\w+ ){0,2}dotac"
                r"|\bumow|\bprzyznan\w* (?:\w+ )?(?:srodk|kwot)"
            ),
        ),
        mode="open",
        small_variant="small_grants_amount",
        # "Wykonanie" (execution) of a grant line: the grants awarded or those used
        unclear_columns=r"\bwykonan",
    ),
    Indicator(
        "orgs_funded", "Liczba organizacji, które otrzymały dotacje",
        "Organisations funded", "count", "latest",
        labels=(
            COUNTS + rf"(?:\w+ )?{ORG}\b.*\b(?:otrzymal|uzyskal|dofinansowan|dotowan"
            r"|wsparci\w* finansow)",
        ),
        prose=(
            ProseRule(
                noun=rf"^{ORG}",
                clause=r"otrzymal\w* dotac|uzyskal\w* dofinans"
                r"|dotacj\w* otrzymal|dofinansowan",
            ),
        ),
        mode="open",
        counted=ORG,
    ),
    Indicator(
        "premises_lent", "Użyczenie lokali organizacjom",
        "Premises lent", "count", "sum",
        labels=(
            r"\b(?:uzycz|udostepn|nieodplatn\w* (?:najem|uzyt))\w*.*\b(?:lokal|pomieszcz|sal\b"
            r"|sali\b|nieruchom|budyn)",
            r"\bkorzystajac\w* z (?:\w+ )?(?:lokal|pomieszcz)",
            r"^(?:lokale|pomieszczenia) (?:uzyczone|udostepnione)",
        ),
        prose=(ProseRule(noun=r"^(?:lokal|pomieszcz|sal)\w*", clause=r"uzycz|udostepn|nieodplat"),),
    ),
    Indicator(
        "orgs_cooperating", "Liczba organizacji współpracujących",
        "Organisations cooperating", "count", "latest",
        labels=(COUNTS + rf"(?:\w+ )?{ORG}\b.*\bwspolprac",),
        prose=(
            ProseRule(
                noun=rf"^{ORG}",
                clause=r"wspolpracowal|wspolpracuj|podjeto wspolprac"
                r"|nawiazano wspolprac",
            ),
        ),
        counted=ORG,
    ),
    Indicator(
        "orgs_registered", "Liczba zarejestrowanych organizacji pozarządowych",
        "Organisations registered", "count", "latest",
        labels=(
            COUNTS + rf"(?:\w+ )?{ORG}\b.*\b(?:zarejestrowan|dzialajac\w* na terenie"
            r"|z siedziba na terenie|funkcjonujac\w* na terenie)",
            COUNTS + rf"zarejestrowanych {ORG}",
        ),
        exclude=r"na 1000|w bazie|status|pozytku publicznego",
        prose=(
            ProseRule(
                noun=rf"^{ORG}",
                clause=r"zarejestrowan|\bdzialal|\bdzialajac"
                r"|funkcjonowal|z siedziba",
                unless=r"wspolprac|otrzymal|dotac",
            ),
        ),
        counted=ORG,
    ),
    Indicator(
        "consultation_remarks", "Liczba uwag zgłoszonych w konsultacjach",
        "Consultation remarks", "count", "sum",
        labels=(COUNTS + r"(?:zgloszonych |wniesionych )?(?:uwag|uwagi)\b",),
        columns=(r"\buwag\w*",),
        prose=(
            ProseRule(noun=r"^(?:uwag|uwagi|opini)\w*", sentence=r"konsult|projekt\w* (?:akt|uch)"),
        ),
    ),
    Indicator(
        "consultations", "Liczba konsultacji aktów prawa miejscowego",
        "Consultations", "count", "sum",
        labels=(
            COUNTS + r"(?:projekt\w* (?:\w+ ){0,4})?(?:poddanych |przeprowadzonych )?konsult",
            r"^konsult",
        ),
        exclude=r"\buwag",
        prose=(
            ProseRule(noun=r"^konsultacj\w*"),
            ProseRule(noun=r"^projekt\w* (?:akt|uchwal|program|dokument)", clause=r"konsult"),
        ),
    ),
    Indicator(
        "council_meetings", "Liczba posiedzeń Rady Działalności Pożytku Publicznego",
        "Public-benefit council meetings", "count", "sum",
        labels=(COUNTS + r"(?:posiedzen|spotkan|posiedzenia|spotkania)\w*\b.*\brad\w*\b.*pozytku",),
        prose=(
            ProseRule(noun=r"^(?:posiedze|spotka)\w* (?:\w+ ){0,2}rad\w* (?:\w+ ){0,2}pozytku"),
            ProseRule(
                noun=r"^(?:posiedze|spotka)\w*(?! (?:\w+ ){0,3}(?:sejmik|zarzad|komisj|zespol"
                r"|komitet|rad\w* (?:gminy|miasta|powiatu|seniorow|mlodziez|sportu)))",
                clause=r"\brad\w* (?:\w+ ){0,2}pozytku",
            ),
        ),
    ),
    Indicator(
        "trainings", "Liczba szkoleń dla organizacji",
        "Trainings", "count", "sum",
        labels=(
            COUNTS + r"(?:zorganizowanych |przeprowadzonych |bezplatnych )?(?:szkolen|szkolenia)\b"
            r"(?! sportow)",
        ),
        prose=(ProseRule(noun=r"^(?:\w+ )?(?:szkolen|szkolenia)\b(?! sportow)"),),
    ),
    Indicator(
        "patronages", "Liczba patronatów",
        "Patronages", "count", "sum",
        labels=(COUNTS + r"(?:honorowych )?patronat\w*", r"^objeci\w* patronat"),
        prose=(
            ProseRule(noun=r"^patronat\w*"),
            ProseRule(noun=r"^(?:przedsiewzi|wydarz|imprez|inicjatyw)\w*", clause=r"patronat"),
        ),
    ),
    Indicator(
        "own_contribution_share", "Udział wkładu własnego organizacji",
        "Own contribution share", "percent", "ratio",
        labels=(r"\bwklad\w* wlasn",),
        prose=(ProseRule(clause=r"\bwklad\w* wlasn"),),
    ),
    Indicator(
        "grant_budget_ratio", "Udział dotacji w wydatkach budżetu",
        "Grant-to-budget ratio", "percent", "ratio",
        labels=(
            r"\budzial\w* (?:\w+ ){0,5}w (?:wydatkach|budzecie)",
            r"\bjako (?:\w+ )?wydatkow (?:\w+ )?budzetu",
            r"^procentowy udzial dotacji",
        ),
        prose=(
            ProseRule(
                clause=r"\b(?:dotac|srodk|wydatk)\w*\b.*\b(?:stanowil|stanowi|wynosil"
                r"|udzial)\w*\b.*\b(?:wydatk|budzet)"
            ),
        ),
    ),
)  # fmt: skip

BY_CODE: dict[str, Indicator] = {ind.code: ind for ind in INDICATORS}
# The codes in the order outputs list them (financial cooperation first).
CODES: tuple[str, ...] = (
    "competitions_announced", "offers_submitted", "offers_rejected", "offers_selected",
    "contracts_signed", "contracts_multiyear", "grant_planned", "grant_awarded", "grant_used",
    "grant_returned", "small_grants_count", "small_grants_amount", "orgs_funded",
    "orgs_cooperating", "orgs_registered", "consultations", "consultation_remarks",
    "council_meetings", "trainings", "patronages", "premises_lent", "grant_budget_ratio",
    "own_contribution_share", "first_time_applicants",
)  # fmt: skip
