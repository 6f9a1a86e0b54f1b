"""Wordings: indicator rows and columns (several per indicator code), public tasks,
organisations, footnote texts.  Codes are the project's indicator vocabulary."""

from __future__ import annotations

CODES = [
    "competitions_announced",
    "offers_submitted",
    "offers_rejected",
    "offers_selected",
    "contracts_signed",
    "contracts_multiyear",
    "grant_planned",
    "grant_awarded",
    "grant_used",
    "grant_returned",
    "small_grants_count",
    "small_grants_amount",
    "orgs_funded",
    "orgs_cooperating",
    "orgs_registered",
    "consultations",
    "consultation_remarks",
    "council_meetings",
    "trainings",
    "patronages",
    "premises_lent",
    "grant_budget_ratio",
    "own_contribution_share",
    "first_time_applicants",
]

# Row labels of indicator tables, per code.  "{jst_gen}" is the issuer in genitive.
ROW_WORDINGS = {
    "competitions_announced": [
        "Liczba ogłoszonych otwartych konkursów ofert",
        "Liczba ogłoszonych konkursów",
        "Liczba otwartych konkursów ofert ogłoszonych w danym roku",
        "Ogłoszone otwarte konkursy ofert (liczba)",
    ],
    "offers_submitted": [
        "Liczba złożonych ofert",
        "Liczba ofert złożonych w otwartych konkursach ofert",
        "Liczba ofert, które wpłynęły w ramach ogłoszonych konkursów",
        "Oferty złożone przez organizacje pozarządowe",
    ],
    "offers_rejected": [
        "Liczba ofert odrzuconych z przyczyn formalnych",
        "Liczba ofert niespełniających wymogów formalnych",
        "Oferty odrzucone ze względów formalnych",
    ],
    "offers_selected": [
        "Liczba ofert wybranych do realizacji",
        "Liczba ofert, którym przyznano dotację",
        "Oferty wybrane do dofinansowania",
    ],
    "contracts_signed": [
        "Liczba zawartych umów",
        "Liczba umów zawartych na realizację zadań publicznych",
        "Liczba podpisanych umów o wsparcie lub powierzenie realizacji zadania",
        "Umowy zawarte z organizacjami (liczba)",
    ],
    "contracts_multiyear": [
        "Liczba umów wieloletnich",
        "Liczba zawartych umów wieloletnich",
        "Umowy zawarte na okres dłuższy niż rok",
    ],
    "grant_planned": [
        "Wysokość środków zaplanowanych w budżecie na realizację Programu (zł)",
        "Środki zaplanowane na realizację zadań publicznych (zł)",
        "Planowana wysokość środków na realizację Programu (zł)",
    ],
    "grant_awarded": [
        "Wysokość przyznanych dotacji (zł)",
        "Kwota dotacji przekazanych organizacjom (zł)",
        "Łączna kwota udzielonych dotacji (zł)",
        "Środki przyznane organizacjom na realizację zadań (zł)",
    ],
    "grant_used": [
        "Kwota wykorzystanych dotacji (zł)",
        "Wysokość środków wydatkowanych przez organizacje (zł)",
        "Dotacje rozliczone (zł)",
    ],
    "grant_returned": [
        "Kwota zwróconych dotacji (zł)",
        "Zwrot niewykorzystanych dotacji (zł)",
        "Wysokość dotacji zwróconych do budżetu (zł)",
    ],
    "small_grants_count": [
        "Liczba zadań zleconych w trybie art. 19a ustawy",
        "Liczba dotacji udzielonych z pominięciem otwartego konkursu ofert",
        "Małe granty – liczba zleconych zadań",
    ],
    "small_grants_amount": [
        "Kwota dotacji udzielonych w trybie art. 19a ustawy (zł)",
        "Wysokość środków przekazanych w trybie pozakonkursowym (zł)",
        "Małe granty – kwota dotacji (zł)",
    ],
    "orgs_funded": [
        "Liczba organizacji, które otrzymały dotacje",
        "Liczba podmiotów, które uzyskały dofinansowanie",
        "Organizacje korzystające ze wsparcia finansowego",
    ],
    "orgs_cooperating": [
        "Liczba organizacji współpracujących z samorządem",
        "Liczba podmiotów, z którymi podjęto współpracę",
        "Organizacje uczestniczące we współpracy",
    ],
    "orgs_registered": [
        "Liczba organizacji pozarządowych zarejestrowanych na terenie {jst_gen}",
        "Liczba zarejestrowanych organizacji pozarządowych",
        "Organizacje pozarządowe działające na terenie {jst_gen}",
    ],
    "consultations": [
        "Liczba projektów aktów prawa miejscowego poddanych konsultacjom",
        "Liczba przeprowadzonych konsultacji",
        "Konsultacje projektów uchwał z organizacjami",
    ],
    "consultation_remarks": [
        "Liczba uwag zgłoszonych w ramach konsultacji",
        "Uwagi i opinie zgłoszone przez organizacje",
        "Liczba zgłoszonych uwag",
    ],
    "council_meetings": [
        "Liczba posiedzeń Rady Działalności Pożytku Publicznego",
        "Posiedzenia Rady Działalności Pożytku Publicznego",
        "Liczba spotkań Rady Działalności Pożytku Publicznego",
    ],
    "trainings": [
        "Liczba szkoleń dla organizacji pozarządowych",
        "Szkolenia i spotkania informacyjne dla organizacji",
        "Liczba zorganizowanych szkoleń",
    ],
    "patronages": [
        "Liczba patronatów honorowych",
        "Patronaty nad przedsięwzięciami organizacji",
        "Objęcie patronatem przedsięwzięć organizacji",
    ],
    "premises_lent": [
        "Liczba organizacji korzystających z lokali na preferencyjnych warunkach",
        "Użyczenie lokali i sprzętu",
        "Udostępnienie lokali organizacjom",
    ],
    "grant_budget_ratio": [
        "Udział dotacji w wydatkach budżetu ogółem (%)",
        "Udział środków przekazanych organizacjom w wydatkach budżetu (%)",
        "Procentowy udział dotacji w budżecie",
    ],
    "own_contribution_share": [
        "Udział wkładu własnego organizacji w wartości zadań (%)",
        "Średni udział wkładu własnego oferentów (%)",
        "Wkład własny organizacji w stosunku do wartości zadań (%)",
    ],
    "first_time_applicants": [
        "Liczba organizacji składających ofertę po raz pierwszy",
        "Nowi oferenci (organizacje składające ofertę po raz pierwszy)",
        "Organizacje, które po raz pierwszy ubiegały się o dotację",
    ],
}

# Codes whose values are amounts in grosze / counts / percents
AMOUNT_CODES = {
    "grant_planned",
    "grant_awarded",
    "grant_used",
    "grant_returned",
    "small_grants_amount",
}
PERCENT_CODES = {"grant_budget_ratio", "own_contribution_share"}

# Rows that a real office prints but that are in no vocabulary
OTHER_ROWS = [
    "Liczba wolontariuszy zaangażowanych w realizację zadań",
    "Liczba odbiorców zadań publicznych",
    "Liczba spotkań z przedstawicielami organizacji",
    "Liczba wspólnych przedsięwzięć",
    "Liczba informacji zamieszczonych na stronie internetowej",
    "Liczba organizacji korzystających z doradztwa",
    "Liczba kontroli realizacji zadań",
    "Liczba zespołów o charakterze doradczym",
    "Liczba inicjatyw lokalnych",
    "Liczba ofert złożonych w ramach inicjatywy lokalnej",
]

TASK_AREAS = [
    (
        "Wspieranie i upowszechnianie kultury fizycznej",
        [
            "szkolenie sportowe dzieci i młodzieży w piłce nożnej",
            "zajęcia sportowo-rekreacyjne dla dorosłych i seniorów",
            "organizacja zawodów sportowych o zasięgu gminnym",
            "upowszechnianie tenisa stołowego",
            "udział drużyn w rozgrywkach ligowych",
        ],
    ),
    (
        "Kultura, sztuka, ochrona dóbr kultury i dziedzictwa narodowego",
        [
            "organizacja wydarzeń kulturalnych o zasięgu lokalnym",
            "działalność zespołów ludowych",
            "wydanie publikacji o historii regionu",
            "warsztaty artystyczne dla dzieci",
        ],
    ),
    (
        "Przeciwdziałanie uzależnieniom i patologiom społecznym",
        [
            "wypoczynek letni dzieci i młodzieży połączony z programem profilaktycznym",
            "prowadzenie świetlicy socjoterapeutycznej",
            "profilaktyka uzależnień wśród młodzieży",
        ],
    ),
    (
        "Pomoc społeczna, w tym pomoc rodzinom i osobom w trudnej sytuacji życiowej",
        [
            "dożywianie i pomoc żywnościowa",
            "prowadzenie punktu wydawania odzieży",
            "wsparcie osób w kryzysie bezdomności",
        ],
    ),
    (
        "Ochrona i promocja zdrowia",
        [
            "profilaktyka chorób nowotworowych",
            "rehabilitacja osób przewlekle chorych",
            "edukacja prozdrowotna dzieci",
        ],
    ),
    (
        "Działalność na rzecz osób w wieku emerytalnym",
        ["aktywizacja społeczna seniorów", "prowadzenie klubu seniora"],
    ),
    (
        "Działalność na rzecz osób z niepełnosprawnościami",
        ["terapia zajęciowa i integracja", "transport osób z niepełnosprawnościami"],
    ),
    (
        "Ekologia i ochrona zwierząt oraz ochrona dziedzictwa przyrodniczego",
        ["opieka nad bezdomnymi zwierzętami", "edukacja ekologiczna"],
    ),
    (
        "Turystyka i krajoznawstwo",
        ["znakowanie i promocja szlaków turystycznych", "rajdy rowerowe i piesze"],
    ),
    (
        "Nauka, edukacja, oświata i wychowanie",
        ["zajęcia pozalekcyjne dla uczniów", "konkursy wiedzy dla młodzieży"],
    ),
    (
        "Ratownictwo i ochrona ludności",
        ["szkolenie ratowników wodnych", "zabezpieczenie imprez masowych"],
    ),
    (
        "Podtrzymywanie i upowszechnianie tradycji narodowej",
        ["obchody świąt państwowych", "pielęgnowanie polskości i świadomości obywatelskiej"],
    ),
]

ORG_PATTERNS = [
    "Stowarzyszenie Przyjaciół Ziemi {adj_gen}",
    "Ludowy Klub Sportowy „{club}”",
    "Ochotnicza Straż Pożarna w {loc}",
    "Koło Gospodyń Wiejskich w {loc}",
    "Fundacja „{fund}”",
    "Uczniowski Klub Sportowy „{club}” {nom}",
    "Towarzystwo Miłośników {gen}",
    "Stowarzyszenie Rozwoju Wsi {nom2}",
    "Klub Seniora „{fund}”",
    "Polski Związek Emerytów, Rencistów i Inwalidów – Koło w {loc}",
    "Parafialny Zespół Caritas w {loc}",
    "Stowarzyszenie Ekologiczne „{fund}”",
    "Gminny Klub Sportowy „{club}”",
    "Fundacja Pomocy Dzieciom „{fund}”",
    "Stowarzyszenie Kulturalne „{fund}”",
    "Orkiestra Dęta przy OSP w {loc}",
]
CLUBS = [
    "Orzeł",
    "Sokół",
    "Iskra",
    "Start",
    "Victoria",
    "Olimp",
    "Grom",
    "Błękitni",
    "Zryw",
    "Tęcza",
    "Polonia",
    "Huragan",
    "Płomień",
    "Wicher",
    "Zorza",
    "Unia",
]
FUNDS = [
    "Zielona Dolina",
    "Złota Jesień",
    "Razem Raźniej",
    "Dobry Start",
    "Tęczowy Dom",
    "Nadzieja",
    "Promyk",
    "Wspólna Sprawa",
    "Otwarte Drzwi",
    "Pod Lipą",
    "Słoneczna",
    "Kuźnia Talentów",
    "Lepsze Jutro",
    "Przystań",
    "Źródło",
    "Horyzont",
]

SMALL_TITLES = [
    "„Dożynki gminne – tradycja i smak”",
    "„Bezpieczne wakacje nad wodą”",
    "Wydanie przewodnika po szlakach",
    "Turniej tenisa stołowego o Puchar Wójta",
    "„Senior w sieci” – warsztaty komputerowe",
    "„Sprzątamy dolinę rzeki”",
    "Koncert kolęd i pastorałek",
    "Piknik rodzinny „Razem dla zdrowia”",
    "Rajd rowerowy szlakiem zabytków",
    "Warsztaty rękodzieła ludowego",
    "Festyn z okazji Dnia Dziecka",
    "Obóz sportowy dla młodzieży",
    "Wieczór poezji patriotycznej",
    "Zajęcia z samoobrony dla kobiet",
    "Przegląd zespołów śpiewaczych",
    "Spotkanie wigilijne dla osób samotnych",
]

CONSULT_ACTS = [
    "Projekt programu współpracy z organizacjami pozarządowymi na rok {next}",
    "Projekt uchwały w sprawie regulaminu utrzymania czystości i porządku",
    "Projekt gminnego programu profilaktyki i rozwiązywania problemów alkoholowych",
    "Projekt strategii rozwiązywania problemów społecznych",
    "Projekt uchwały w sprawie trybu powoływania członków Rady Działalności Pożytku Publicznego",
    "Projekt programu opieki nad zwierzętami bezdomnymi",
    "Projekt uchwały w sprawie zasad udzielania dotacji celowych",
    "Projekt strategii rozwoju na lata {next}–{next5}",
    "Projekt programu rewitalizacji",
    "Projekt uchwały w sprawie budżetu obywatelskiego",
]
CONSULT_FORMS = [
    "formularz konsultacyjny",
    "spotkanie konsultacyjne",
    "opinie pisemne",
    "ankieta elektroniczna",
    "zamieszczenie projektu w BIP",
]

NONFIN_FORMS = {
    "consultations": [
        "Konsultacje projektów aktów prawa miejscowego",
        "Konsultowanie projektów uchwał",
    ],
    "council_meetings": [
        "Posiedzenia Rady Działalności Pożytku Publicznego",
        "Spotkania Rady Pożytku",
    ],
    "trainings": [
        "Szkolenia i spotkania informacyjne dla organizacji",
        "Szkolenia dla przedstawicieli organizacji",
    ],
    "premises_lent": ["Użyczenie lokali i sprzętu", "Udostępnianie pomieszczeń"],
    "patronages": ["Patronat nad przedsięwzięciami organizacji", "Patronaty honorowe"],
    None: [
        "Promocja działalności organizacji na stronie internetowej",
        "Wspólne przedsięwzięcia i imprezy",
        "Doradztwo i pomoc w pozyskiwaniu środków",
        "Udział w zespołach doradczych",
        "Informowanie o konkursach zewnętrznych",
    ],
}

GOALS = [
    [
        "Prowadzenie konsultacji projektów aktów prawa miejscowego",
        "Organizacja spotkań z organizacjami",
        "Prowadzenie bazy organizacji",
    ],
    [
        "Organizowanie wspólnych szkoleń dla organizacji i urzędników",
        "Zlecanie zadań w trybie otwartych konkursów ofert",
        "Tworzenie zespołów o charakterze doradczym",
    ],
    [
        "Promocja działalności organizacji",
        "Wizyty przedstawicieli urzędu w organizacjach",
        "Obejmowanie patronatem przedsięwzięć organizacji",
    ],
]
GOAL_TITLES = [
    "zwiększenie udziału organizacji w tworzeniu polityk publicznych",
    "podnoszenie efektywności realizacji zadań publicznych",
    "wzmacnianie partnerskiego modelu współpracy",
]
GOAL_MEASURES = [
    "Liczba spotkań",
    "Liczba szkoleń",
    "Liczba konsultacji",
    "Liczba wizyt",
    "Liczba patronatów",
    "Liczba wydarzeń",
    "Liczba konkursów",
]
