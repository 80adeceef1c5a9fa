# ruff: noqa: E501 (sentences of prose data, kept whole to be read and translated)
"""A signatory's own texts (introduction, body, commitments) in English, French and German.

Sentences are drawn from the pools below with a generator seeded by the signatory's slug,
the same draws in every language, and filled with the signatory's facts (population, year of
signing, its initiatives' places), so that no two signatories read alike.
"""

import random

from django.utils.text import slugify

from .compose import capitalised, french, local_name, number, sentences_capitalised
from .plan import person, places

OPENINGS = {
    "town": [
        {
            "en": "{name}, a city of {population} inhabitants, signed the Pact in {year}.",
            "fr": "{name}, ville de {population} habitants, a signé le Pacte en {year}.",
            "de": "{name}, eine Stadt mit {population} Einwohnerinnen und Einwohnern, hat den Pakt {year} unterzeichnet.",
        },
        {
            "en": "Since {year}, {name} has been one of the towns of the Pact.",
            "fr": "Depuis {year}, {name} fait partie des villes du Pacte.",
            "de": "Seit {year} gehört {name} zu den Städten des Pakts.",
        },
        {
            "en": "The municipal council of {name} voted unanimously to join the Pact in {year}.",
            "fr": "Le conseil municipal de {name} a voté à l'unanimité l'adhésion au Pacte en {year}.",
            "de": "Der Gemeinderat von {name} hat {year} einstimmig beschlossen, dem Pakt beizutreten.",
        },
    ],
    "region": [
        {
            "en": "{name}, home to {population} people, joined the Pact in {year}.",
            "fr": "{name}, qui compte {population} habitants, a rejoint le Pacte en {year}.",
            "de": "{name} mit {population} Einwohnerinnen und Einwohnern ist dem Pakt {year} beigetreten.",
        },
        {
            "en": "The regional assembly of {name} endorsed the Pact in {year}.",
            "fr": "L'assemblée régionale de {name} a approuvé le Pacte en {year}.",
            "de": "Das Regionalparlament von {name} hat den Pakt {year} gebilligt.",
        },
    ],
    "association": [
        {
            "en": "{name} signed the Pact in {year} on behalf of its member municipalities.",
            "fr": "{name} a signé le Pacte en {year} au nom de ses communes membres.",
            "de": "{name} hat den Pakt {year} im Namen der Mitgliedskommunen unterzeichnet.",
        },
        {
            "en": "Since {year}, {name} has carried the Pact to the towns and regions it represents.",
            "fr": "Depuis {year}, {name} porte le Pacte auprès des villes et régions qu'elle représente.",
            "de": "Seit {year} trägt {name} den Pakt in die Städte und Regionen, die der Verband vertritt.",
        },
    ],
    "representative": [
        {
            "en": "{name} signed the Pact in {year} as an elected member for {place}.",
            "fr": "{name} a signé le Pacte en {year} au titre de son mandat à {place}.",
            "de": "{name} hat den Pakt {year} als gewähltes Mitglied für {place} unterzeichnet.",
        },
        {
            "en": "Elected in {place}, {name} has promoted the Lanzarote Convention since {year}.",
            "fr": "Titulaire d'un mandat à {place}, {name} promeut la Convention de Lanzarote depuis {year}.",
            "de": "{name}, gewählt in {place}, setzt sich seit {year} für die Lanzarote-Konvention ein.",
        },
    ],
    "organisation": [
        {
            "en": "{name} signed the Pact in {year} to work alongside the authorities of {place}.",
            "fr": "{name} a signé le Pacte en {year} pour travailler aux côtés des autorités de {place}.",
            "de": "{name} hat den Pakt {year} unterzeichnet, um mit den Behörden von {place} zusammenzuarbeiten.",
        },
        {
            "en": "A partner of the Pact since {year}, {name} works with the services of {place}.",
            "fr": "Partenaire du Pacte depuis {year}, {name} travaille avec les services de {place}.",
            "de": "Seit {year} Partner des Pakts, arbeitet {name} mit den Diensten von {place} zusammen.",
        },
    ],
}

# What the signatory puts first, by the first P of its initiatives.
FOCUS = {
    "prevention": [
        {
            "en": "Its priority is prevention: awareness in schools and safe recruitment of everyone who works with children.",
            "fr": "Sa priorité est la prévention : la sensibilisation dans les écoles et un recrutement sûr de toutes les personnes qui travaillent avec des enfants.",
            "de": "Schwerpunkt ist die Prävention: Aufklärung an Schulen und sichere Einstellungsverfahren für alle, die mit Kindern arbeiten.",
        },
        {
            "en": "Most of its work goes into prevention, before any harm is done.",
            "fr": "L'essentiel de son action porte sur la prévention, avant que le mal ne soit fait.",
            "de": "Der größte Teil der Arbeit gilt der Prävention, bevor Schaden entsteht.",
        },
    ],
    "protection": [
        {
            "en": "Its priority is protection: one place where a child victim is heard, examined and supported.",
            "fr": "Sa priorité est la protection : un lieu unique où l'enfant victime est entendu, examiné et accompagné.",
            "de": "Schwerpunkt ist der Schutz: ein Ort, an dem ein betroffenes Kind angehört, untersucht und begleitet wird.",
        },
        {
            "en": "It concentrates on the care of child victims and on the professionals who support them.",
            "fr": "Son action se concentre sur la prise en charge des enfants victimes et sur les professionnels qui les accompagnent.",
            "de": "Im Mittelpunkt stehen die Betreuung betroffener Kinder und die Fachkräfte, die sie begleiten.",
        },
    ],
    "prosecution": [
        {
            "en": "Its priority is justice that is friendly to children, from the first interview to the trial.",
            "fr": "Sa priorité est une justice adaptée aux enfants, de la première audition au procès.",
            "de": "Schwerpunkt ist eine kindgerechte Justiz, von der ersten Vernehmung bis zum Prozess.",
        },
    ],
    "participation": [
        {
            "en": "Children and young people take part in every plan that concerns their safety.",
            "fr": "Les enfants et les jeunes participent à chaque projet qui concerne leur sécurité.",
            "de": "Kinder und Jugendliche wirken an jedem Vorhaben mit, das ihre Sicherheit betrifft.",
        },
        {
            "en": "Its priority is participation: children's councils and young people help to design the work.",
            "fr": "Sa priorité est la participation : conseils d'enfants et jeunes contribuent à concevoir l'action.",
            "de": "Schwerpunkt ist die Beteiligung: Kinderräte und Jugendliche gestalten die Arbeit mit.",
        },
    ],
}

BODIES = [
    {
        "en": "A steering group of {partners} meets every {months} months to follow the action plan and report to {forum}.",
        "fr": "Un comité de pilotage réunissant {partners} se réunit tous les {months} mois pour suivre le plan d'action et rendre compte {forum}.",
        "de": "Eine Steuerungsgruppe aus {partners} trifft sich alle {months} Monate, verfolgt den Aktionsplan und berichtet {forum}.",
    },
    {
        "en": "Its action plan has {actions} measures, reviewed each year with {partners}, and the results are reported to {forum}.",
        "fr": "Son plan d'action compte {actions} mesures, revues chaque année avec {partners}, et les résultats sont présentés {forum}.",
        "de": "Der Aktionsplan umfasst {actions} Maßnahmen, die jedes Jahr mit {partners} überprüft werden; die Ergebnisse gehen {forum}.",
    },
]
PARTNER_GROUPS = [
    {
        "en": "social services, schools and the police",
        "fr": "services sociaux, écoles et police",
        "de": "Sozialdiensten, Schulen und Polizei",
    },
    {
        "en": "health services, youth workers and the prosecutor's office",
        "fr": "services de santé, animateurs jeunesse et parquet",
        "de": "Gesundheitsdiensten, Jugendarbeit und Staatsanwaltschaft",
    },
    {
        "en": "NGOs, schools and child protection services",
        "fr": "associations, écoles et services de protection de l'enfance",
        "de": "Vereinen, Schulen und Kinderschutzdiensten",
    },
]
FORUMS = [
    {"en": "the elected council", "fr": "au conseil élu", "de": "an den gewählten Rat"},
    {"en": "the children's council", "fr": "au conseil des enfants", "de": "an den Kinderrat"},
    {
        "en": "the Congress every two years",
        "fr": "au Congrès tous les deux ans",
        "de": "alle zwei Jahre an den Kongress",
    },
]
REPORT = {
    "en": "{name} reports here on what it does under the four Ps.",
    "fr": "{name} rend compte ici de son action au titre des quatre P.",
    "de": "{name} berichtet hier über die Arbeit zu den vier „P“.",
}
# Elected representatives are people: their own sentences, no "its".
REPRESENTATIVE_FOCUS = [
    {
        "en": "{short} sits on the council's committee for children and families.",
        "fr": "{short} siège à la commission du conseil chargée de l'enfance et des familles.",
        "de": "{short} gehört dem Ausschuss des Rates für Kinder und Familien an.",
    },
    {
        "en": "Every year, {short} asks in the council how many child victims were supported, and how quickly.",
        "fr": "Chaque année, {short} demande au conseil combien d'enfants victimes ont été accompagnés, et dans quels délais.",
        "de": "Jedes Jahr fragt {short} im Rat nach, wie viele betroffene Kinder wie schnell Hilfe erhielten.",
    },
    {
        "en": "{short} brings the Lanzarote Convention into the council's debates on schools, sport and social services.",
        "fr": "{short} fait vivre la Convention de Lanzarote dans les débats du conseil sur l'école, le sport et l'action sociale.",
        "de": "{short} bringt die Lanzarote-Konvention in die Debatten des Rates über Schule, Sport und Soziales ein.",
    },
]
REPRESENTATIVE_BODIES = [
    {
        "en": "{name} chairs a working group of {partners} that meets every {months} months and reports to {forum}.",
        "fr": "{name} préside un groupe de travail réunissant {partners}, qui se réunit tous les {months} mois et rend compte {forum}.",
        "de": "{name} leitet eine Arbeitsgruppe aus {partners}, die sich alle {months} Monate trifft und {forum} berichtet.",
    },
]
REPRESENTATIVE_REPORT = {
    "en": "Here {short} presents the initiatives championed under the four Ps.",
    "fr": "{short} présente ici les initiatives soutenues au titre des quatre P.",
    "de": "{name} stellt hier die unterstützten Initiativen zu den vier „P“ vor.",
}

COMMITMENTS = {
    "prevention": [
        {
            "en": "Train every professional who works with children to recognise the signs of abuse and to act on them.",
            "fr": "Former chaque professionnel qui travaille avec des enfants à reconnaître les signes de violence et à agir.",
            "de": "Alle Fachkräfte, die mit Kindern arbeiten, darin schulen, Anzeichen von Missbrauch zu erkennen und zu handeln.",
        },
        {
            "en": "Run age-appropriate lessons on body safety in every school by {year}.",
            "fr": "Organiser d'ici {year} dans chaque école des séances sur la sécurité du corps adaptées à l'âge.",
            "de": "Bis {year} an jeder Schule altersgerechten Unterricht zum Schutz des eigenen Körpers anbieten.",
        },
        {
            "en": "Check the criminal record of all staff and volunteers working with children.",
            "fr": "Vérifier le casier judiciaire de tous les salariés et bénévoles travaillant avec des enfants.",
            "de": "Das Führungszeugnis aller Beschäftigten und Ehrenamtlichen prüfen, die mit Kindern arbeiten.",
        },
        {
            "en": "Give every sports club a trained welfare officer by {year}.",
            "fr": "Doter chaque club sportif d'un référent formé à la protection de l'enfance d'ici {year}.",
            "de": "Bis {year} in jedem Sportverein eine geschulte Ansprechperson für Kinderschutz benennen.",
        },
    ],
    "protection": [
        {
            "en": "Offer child victims one child-friendly place where interviews, medical care and therapy happen under one roof.",
            "fr": "Offrir aux enfants victimes un lieu unique où auditions, soins et thérapie se déroulent sous un même toit.",
            "de": "Betroffenen Kindern einen kindgerechten Ort bieten, an dem Vernehmung, Untersuchung und Therapie unter einem Dach stattfinden.",
        },
        {
            "en": "Guarantee every child victim specialised psychological support within {weeks} weeks.",
            "fr": "Garantir à chaque enfant victime un soutien psychologique spécialisé dans un délai de {weeks} semaines.",
            "de": "Jedem betroffenen Kind innerhalb von {weeks} Wochen spezialisierte psychologische Hilfe garantieren.",
        },
        {
            "en": "Set up a round-the-clock referral line between schools, social services and police.",
            "fr": "Mettre en place une ligne de signalement joignable jour et nuit entre écoles, services sociaux et police.",
            "de": "Eine rund um die Uhr erreichbare Meldekette zwischen Schulen, Sozialdiensten und Polizei einrichten.",
        },
    ],
    "prosecution": [
        {
            "en": "Agree a protocol with police and prosecutors so that a child victim is interviewed once, by trained staff.",
            "fr": "Convenir avec la police et le parquet d'un protocole pour que l'enfant victime soit entendu une seule fois, par des professionnels formés.",
            "de": "Mit Polizei und Staatsanwaltschaft vereinbaren, dass ein betroffenes Kind nur einmal und von geschultem Personal vernommen wird.",
        },
        {
            "en": "Fund training on the Lanzarote Convention for {officers} police officers.",
            "fr": "Financer la formation de {officers} policiers à la Convention de Lanzarote.",
            "de": "Die Schulung von {officers} Polizeikräften zur Lanzarote-Konvention finanzieren.",
        },
        {
            "en": "Publish each year how many reported cases reached a court, and how long they took.",
            "fr": "Publier chaque année le nombre d'affaires signalées arrivées devant un tribunal, et leur durée.",
            "de": "Jährlich veröffentlichen, wie viele gemeldete Fälle vor Gericht kamen und wie lange sie dauerten.",
        },
    ],
    "participation": [
        {
            "en": "Consult the children's council on every plan that concerns their safety.",
            "fr": "Consulter le conseil des enfants sur chaque projet qui concerne leur sécurité.",
            "de": "Den Kinderrat zu jedem Vorhaben anhören, das die Sicherheit von Kindern betrifft.",
        },
        {
            "en": "Involve young people in designing the awareness campaigns addressed to them.",
            "fr": "Associer les jeunes à la conception des campagnes de sensibilisation qui leur sont destinées.",
            "de": "Jugendliche an der Gestaltung der Kampagnen beteiligen, die sich an sie richten.",
        },
        {
            "en": "Ask the children who use our services to evaluate them every {months} months.",
            "fr": "Demander tous les {months} mois aux enfants qui utilisent nos services de les évaluer.",
            "de": "Die Kinder, die unsere Dienste nutzen, alle {months} Monate um ihre Bewertung bitten.",
        },
    ],
}


def display_name(row: dict[str, str], language: str) -> str:
    """The signatory's name as a sentence's subject ("the Association of …" in English)."""
    if row["type"] == "representative":
        return person(row) if language == "en" else row["contact_person"]
    if row["type"] == "association":
        return f"the {row['name']}" if language == "en" else row["official_name"]
    return local_name(row["name"], language)


def short_name(row: dict[str, str], language: str) -> str:
    """A representative named a second time: "Councillor Brennan" (in French and German, the
    surname alone, as the press does; the CSV does not say which form of address to use)."""
    surname = row["contact_person"].split()[-1]
    if language != "en":
        return surname
    title = person(row).removesuffix(row["contact_person"]).strip()
    return f"{title} {surname}".strip()


def signatory_texts(row: dict[str, str], focus_pillar: str | None, language: str) -> dict:
    """Introduction, body paragraphs and commitments (by P) of a signatory in ``language``;
    ``focus_pillar`` is the first P of its first initiative."""
    rng = random.Random(f"demo-profile-{slugify(row['name'])}")
    place = local_name(places(row)[0], language)
    name = display_name(row, language)
    values = {
        "name": name,
        "short": short_name(row, language),
        "place": place,
        "year": row["signed_on"][:4],
        "population": number(int(row["population"] or 0), language),
        "partners": rng.choice(PARTNER_GROUPS)[language],
        "forum": rng.choice(FORUMS)[language],
        "months": rng.choice([3, 4, 6]),
        "actions": rng.randint(8, 24),
        "weeks": rng.choice([2, 3, 4]),
        "officers": rng.choice([40, 60, 120, 200]),
    }

    def fill(template: str) -> str:
        text = template.format(**values)
        text = french(text, place, row["type"] == "region") if language == "fr" else text
        return capitalised(sentences_capitalised(text, place))

    opening = rng.choice(OPENINGS[row["type"]])
    focus = rng.choice(FOCUS[focus_pillar or rng.choice(list(FOCUS))])
    bodies, report = BODIES, REPORT
    if row["type"] == "representative":
        focus, bodies = rng.choice(REPRESENTATIVE_FOCUS), REPRESENTATIVE_BODIES
        report = REPRESENTATIVE_REPORT
    values["year"] = str(int(row["signed_on"][:4]) + rng.randint(2, 4))
    commitments = {
        p: fill(rng.choice(options)[language])
        for p, options in COMMITMENTS.items()
        if rng.random() < 0.85
    }
    values["year"] = row["signed_on"][:4]
    return {
        "introduction": f"{fill(opening[language])} {fill(focus[language])}",
        "body": [f"{fill(rng.choice(bodies)[language])} {fill(report[language])}"],
        "commitments": commitments,
    }
