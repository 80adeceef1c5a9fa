# ruff: noqa: E501 (sentences of prose data, kept whole to be read and translated)
"""Phrases that make each demo initiative its own: who led it, when, how many it reached.

Every entry holds the same phrase in English, French and German, written whole so that
grammatical agreement (gender, case, word order) never depends on the slot filled in. The
seeded planner (``plan.py``) picks one entry per slot; ``compose.py`` fills the archetype.
"""

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
}

# The sentence that opens the body: who launched it, when and why, by type of signatory.
# {actor} is the signatory's name, {place} where the work happens.
LEADS = {
    "town": [
        {
            "en": "The city council approved the project in {start} after a review of local child protection services.",
            "fr": "Le conseil municipal a approuvé le projet en {start}, après un examen des services locaux de protection de l'enfance.",
            "de": "Der Stadtrat hat das Projekt im {start} nach einer Überprüfung der örtlichen Kinderschutzdienste beschlossen.",
        },
        {
            "en": "It began in {start} {district}, before being extended to the whole city.",
            "fr": "Il a débuté en {start} {district}, avant d'être étendu à toute la ville.",
            "de": "Es begann im {start} {district} und wurde dann auf die ganze Stadt ausgeweitet.",
        },
        {
            "en": "The children's council asked for it, and the mayor made it part of the local child protection plan in {start}.",
            "fr": "Le conseil des enfants l'avait demandé ; le maire l'a inscrit au plan local de protection de l'enfance en {start}.",
            "de": "Der Kinderrat hatte es gefordert; der Bürgermeister nahm es im {start} in den örtlichen Kinderschutzplan auf.",
        },
        {
            "en": "Launched in {start} with {partner}, it is funded from the municipal budget for youth and families.",
            "fr": "Lancé en {start} avec {partner}, il est financé par le budget municipal consacré à la jeunesse et aux familles.",
            "de": "Es startete im {start} gemeinsam mit {partner} und wird aus dem städtischen Haushalt für Jugend und Familie finanziert.",
        },
    ],
    "region": [
        {
            "en": "The regional government launched it in {start} in {count} municipalities, with {partner}.",
            "fr": "Le gouvernement régional l'a lancé en {start} dans {count} communes, avec {partner}.",
            "de": "Die Regionalregierung startete es im {start} in {count} Gemeinden, gemeinsam mit {partner}.",
        },
        {
            "en": "It is part of the regional strategy on children's rights adopted in {start}.",
            "fr": "Il s'inscrit dans la stratégie régionale pour les droits de l'enfant adoptée en {start}.",
            "de": "Es ist Teil der regionalen Kinderrechtsstrategie, die im {start} beschlossen wurde.",
        },
        {
            "en": "Piloted from {start} in {count} municipalities, it is now offered across the region.",
            "fr": "Expérimenté à partir de {start} dans {count} communes, il est désormais proposé dans toute la région.",
            "de": "Seit dem Pilotversuch ab {start} in {count} Gemeinden wird es in der ganzen Region angeboten.",
        },
    ],
    "association": [
        {
            "en": "{actor} piloted it with {place} from {start} and now offers it to its member municipalities.",
            "fr": "{actor} l'a expérimenté avec {place} à partir de {start} et le propose désormais à ses communes membres.",
            "de": "{actor} hat es ab {start} mit {place} erprobt und bietet es nun allen Mitgliedskommunen an.",
        },
        {
            "en": "{place} was the first of {count} member municipalities to take part, in {start}, with guidance and training from {actor}.",
            "fr": "{place} a été la première des {count} communes membres à y participer, en {start}, accompagnée et formée par {actor}.",
            "de": "{place} war im {start} die erste von {count} Mitgliedskommunen, die mit Beratung und Schulungen von {actor} teilnahmen.",
        },
        {
            "en": "Since {start}, {actor} has helped {count} member municipalities to follow the example of {place}.",
            "fr": "Depuis {start}, {actor} aide {count} communes membres à suivre l'exemple de {place}.",
            "de": "Seit {start} unterstützt {actor} {count} Mitgliedskommunen dabei, dem Beispiel von {place} zu folgen.",
        },
    ],
    "representative": [
        {
            "en": "{actor} put the proposal to the council of {place} in {start}; it was adopted with the support of every group.",
            "fr": "{actor} a soumis la proposition au conseil de {place} en {start} ; elle a été adoptée avec le soutien de tous les groupes.",
            "de": "{actor} brachte den Vorschlag im {start} in den Rat von {place} ein; er wurde mit den Stimmen aller Fraktionen angenommen.",
        },
        {
            "en": "{actor} has championed it in {place} since {start}, after meeting families and front-line workers.",
            "fr": "{actor} le porte à {place} depuis {start}, après avoir rencontré des familles et des professionnels de terrain.",
            "de": "{actor} setzt sich seit {start} in {place} dafür ein, nach Gesprächen mit Familien und Fachkräften vor Ort.",
        },
    ],
    "organisation": [
        {
            "en": "{actor} has run it together with the authorities of {place} since {start}.",
            "fr": "{actor} le mène avec les autorités de {place} depuis {start}.",
            "de": "{actor} führt es seit {start} gemeinsam mit den Behörden von {place} durch.",
        },
        {
            "en": "Since {start}, {actor} has provided the trainers and the authorities of {place} the venues and staff.",
            "fr": "Depuis {start}, {actor} fournit les formateurs et les autorités de {place} les locaux et le personnel.",
            "de": "Seit {start} stellt {actor} die Trainerinnen und Trainer, die Behörden von {place} Räume und Personal.",
        },
    ],
}
PLANNED_LEADS = [
    {
        "en": "Preparations began after the Pact was signed; the first activities are due in {start}.",
        "fr": "Les préparatifs ont commencé après la signature du Pacte ; les premières actions sont prévues en {start}.",
        "de": "Die Vorbereitungen begannen nach der Unterzeichnung des Pakts; die ersten Maßnahmen sind für {start} geplant.",
    },
    {
        "en": "The budget was approved and the first activities will start in {start}, with {partner}.",
        "fr": "Le budget a été voté et les premières actions débuteront en {start}, avec {partner}.",
        "de": "Der Haushalt ist beschlossen; die ersten Maßnahmen beginnen im {start} gemeinsam mit {partner}.",
    },
]

# Where in a town it started (after "It began in {start}").
DISTRICTS = [
    {
        "en": "in two pilot neighbourhoods",
        "fr": "dans deux quartiers pilotes",
        "de": "in zwei Modellstadtteilen",
    },
    {
        "en": "in the northern districts",
        "fr": "dans les quartiers nord",
        "de": "in den nördlichen Stadtteilen",
    },
    {"en": "in the old town", "fr": "dans la vieille ville", "de": "in der Altstadt"},
    {
        "en": "in three schools of the east side",
        "fr": "dans trois écoles de l'est de la ville",
        "de": "an drei Schulen im Osten der Stadt",
    },
    {
        "en": "in the districts along the river",
        "fr": "dans les quartiers bordant le fleuve",
        "de": "in den Stadtteilen am Fluss",
    },
]

# Partners (after "with").
PARTNERS = [
    {"en": "the local university", "fr": "l'université locale", "de": "der örtlichen Universität"},
    {
        "en": "the national child helpline",
        "fr": "la ligne nationale d'écoute pour enfants",
        "de": "dem nationalen Kinder- und Jugendtelefon",
    },
    {
        "en": "the children's ombudsperson",
        "fr": "le défenseur des enfants",
        "de": "der Kinderbeauftragten",
    },
    {
        "en": "the regional health authority",
        "fr": "l'agence régionale de santé",
        "de": "der regionalen Gesundheitsbehörde",
    },
    {
        "en": "a local children's rights NGO",
        "fr": "une association locale de défense des droits de l'enfant",
        "de": "einem örtlichen Kinderrechtsverein",
    },
    {"en": "the Red Cross", "fr": "la Croix-Rouge", "de": "dem Roten Kreuz"},
]

# The paragraph that ends the body: evaluation and next steps.
CLOSINGS = [
    {
        "statuses": "ongoing completed planned",
        "en": "An evaluation by {partner} is due in {year}; its findings will be published on this page.",
        "fr": "Une évaluation menée avec {partner} est attendue en {year} ; ses conclusions seront publiées sur cette page.",
        "de": "Eine Evaluation mit {partner} ist für {year} vorgesehen; ihre Ergebnisse werden auf dieser Seite veröffentlicht.",
    },
    {
        "statuses": "ongoing completed",
        "en": "The next step, planned for {year}, is to extend the project to {count} more sites.",
        "fr": "Prochaine étape, prévue en {year} : étendre le projet à {count} sites supplémentaires.",
        "de": "Als Nächstes soll das Projekt {year} auf {count} weitere Standorte ausgeweitet werden.",
    },
    {
        "statuses": "ongoing",
        "en": "The team meets {partner} every quarter to review the figures and adjust the work.",
        "fr": "L'équipe rencontre {partner} chaque trimestre pour examiner les chiffres et ajuster l'action.",
        "de": "Das Team trifft sich vierteljährlich mit {partner}, um die Zahlen zu prüfen und die Arbeit anzupassen.",
    },
    {
        "statuses": "ongoing completed",
        "en": "Other signatories of the Pact can ask for the training materials, which are free to reuse.",
        "fr": "Les autres signataires du Pacte peuvent demander les supports de formation, librement réutilisables.",
        "de": "Andere Unterzeichner des Pakts können die Schulungsunterlagen anfordern und frei weiterverwenden.",
    },
    {
        "statuses": "ongoing completed",
        "past": True,
        "en": "Children and parents who took part were asked what to improve; {count} of their suggestions were adopted in {year}.",
        "fr": "Les enfants et les parents participants ont été consultés sur les améliorations ; {count} de leurs propositions ont été retenues en {year}.",
        "de": "Teilnehmende Kinder und Eltern wurden nach Verbesserungen gefragt; {count} ihrer Vorschläge wurden {year} übernommen.",
    },
    {
        "statuses": "planned",
        "en": "A steering group with {partner} will follow the project and publish its first figures in {year}.",
        "fr": "Un comité de pilotage associant {partner} suivra le projet et publiera ses premiers chiffres en {year}.",
        "de": "Eine Steuerungsgruppe mit {partner} begleitet das Projekt und veröffentlicht {year} die ersten Zahlen.",
    },
]
