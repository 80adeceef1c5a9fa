"""The regular expressions of the safeguarding check, per language (docs/safeguarding.md).

Each pattern names its passage with the group ``hit``; a child's name is the group ``name``,
checked afterwards by ``scanner`` (a capital, not a month, not "Article"…), because Python's
``re`` has no class for capital letters in every script. Patterns favour the forms towns
write ("Anna, 12", "Léa (CM2)", "der 12-jährige Max"), and stay quiet on figures: an age
must stand alone (followed by punctuation) or carry its unit ("ans", "Jahre", "лет").
"""

import re

FLAGS = re.IGNORECASE | re.UNICODE
# A first name: letters, maybe hyphenated or with an apostrophe (Jean-Luc, D'Arcy).
NAME = r"(?P<name>(?<![\w'’-])[^\W\d_]{2,}(?:[-'’][^\W\d_]{2,})?)"
AGE = r"(?P<age>1[0-7]|[1-9])(?![\d.,]\d)"
# After a bare age: the apposition ends ("Anna, 12, told…", "Tom (12)").
END = r"(?=\s*(?:[,;:.!?)»\"”]|\s[-–—]\s|$))(?!\.\s*(?:\d|[^\W\d_]+\s+(?:19|20)\d\d))"
# An age's unit must not start a duration or an anniversary: "10 ans de prévention".
NOT_DURATION = (
    r"(?!\s+(?:de|d['’]|du|des|of|von|vom|seit|di|del|della|после|назад|после|ago|after|"
    r"later|après|plus\s+tard|später|nach|dopo|fa\b|fa\.|jubil|anniversa|существ))"
)

CLASSES = {
    "en": r"(?:year|grade|form)\s\d{1,2}\b|\d{1,2}(?:st|nd|rd|th)\sgrade|reception\sclass",
    "fr": r"(?:CP|CE1|CE2|CM1|CM2|[3-6]\s?(?:e|è|ème|eme)|seconde|terminale|1re|1ère)\b",
    "de": r"\d{1,2}\.\s?Klasse|Klasse\s\d{1,2}[a-e]?\b|\d{1,2}\.\s?Schuljahr|\d{1,2}[a-e]\b",
    "it": r"classe\s\d[ªa°]?(?:\s?[A-E]\b)?|\d[ªa°]\s(?:elementare|media|superiore)|"
    r"\d[ªa°]\s?[A-E]\b|"
    r"(?:prima|seconda|terza|quarta|quinta)\s(?:elementare|media)",
    "ru": r"\d{1,2}(?:-?(?:й|го|м|ый))?\s?(?:[«\"]?[А-Яа-я][»\"]?\s)?класс(?:а|е|у)?\b",
}
UNITS = {
    "en": r"(?:years?\s+old|yrs?\s+old|year-old|years?\b)",
    "fr": r"(?:ans|an)\b",
    "de": r"(?:Jahre(?:\s+alt)?|jährig\w*|J\.)",
    "it": r"(?:anni|anno)\b",
    "ru": r"(?:лет|год(?:а)?)\b",
}
# Ages in words, with their unit ("Léa, dix ans", "ten-year-old Ellie").
WORDS = {
    "en": r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen)",
    "fr": r"(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|"
    r"seize|dix-sept)",
    "de": r"(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|dreizehn|vierzehn|"
    r"fünfzehn|sechzehn|siebzehn)",
    "it": r"(?:due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici|tredici|"
    r"quattordici|quindici|sedici|diciassette)",
    "ru": r"(?:пять|шесть|семь|восемь|девять|десять|одиннадцать|двенадцать|тринадцать|"
    r"четырнадцать|пятнадцать|шестнадцать|семнадцать)",
}
# Italian ages as one word ("undicenne"), Russian age adjectives ("десятилетний").
ENNE = r"(?:sett|ott|nov|dec|undic|dodic|tredic|quattordic|quindic|sedic|diciassett)enn[ei]"
RU_YEARS = (
    r"(?:пяти|шести|семи|восьми|девяти|десяти|одиннадцати|двенадцати|тринадцати|"
    r"четырнадцати|пятнадцати|шестнадцати|семнадцати)летн(?:ий|яя|его|юю|ей|ему|им)"
)
# A pronoun's age after the name, in the same clause: "Emma … , war sie 11".
PRONOUN_AGE = {
    "en": rf",\s+(?:she|he)\s+was\s+(?:only\s+|just\s+)?{AGE}{END}",
    "fr": rf",\s+(?:elle|il)\s+avait\s+(?:tout\s+juste\s+)?{AGE}\s+ans",
    "de": rf",\s+war\s+(?:sie|er)\s+(?:erst\s+)?{AGE}\b",
    "it": rf",\s+aveva\s+(?:solo\s+)?{AGE}\s+anni",
    "ru": rf",\s+(?:ей|ему)\s+(?:было|исполнилось)\s+(?:всего\s+)?{AGE}\b",
}
# Words between the name and the age or class: "Anna, aged 12", "Léa, élève de CM2".
LEADS = {
    "en": r"(?:aged\s|age\s|who\s+is\s|now\s|then\s|both\s|a\s+pupil\s+in\s|pupil\s+in\s|"
    r"in\s+(?:the\s)?|from\s|an?\s)",
    "fr": r"(?:(?:alors\s+)?âgée?s?\s+de\s|alors\s|élève\s+(?:de|en)\s|en\s|qui\s+a\s|"
    r"scolarisée?\s+en\s|tou(?:s|tes)\s+(?:les\s+)?deux\s)",
    "de": r"(?:im\s+Alter\s+von\s|aus\s+der\s|in\s+der\s|Schüler(?:in)?\s+der\s|die\s|der\s|"
    r"Schüler(?:in)?\s+aus\s+der\s|damals\s|beide\s)",
    "it": r"(?:di\s|d['’]|età\s|in\s|della\s|che\s+frequenta\s+la\s|alunn[oa]\s+della\s|"
    r"che\s+ha\s|allora\s|entramb[ie]\s+(?:di\s)?)",
    "ru": r"(?:ученица\s|ученик\s|из\s|возраст\s|котор(?:ому|ой)\s+(?:исполнилось\s+)?|тогда\s|"
    r"обоим\s+по\s|об[ae]\s)",
}
# "Tom is 12", "Léa a 10 ans", "Max ist 8 Jahre alt", "Giulia ha 9 anni", "Маше 11 лет".
HAS_AGE = {
    "en": rf"{NAME}\s+is\s+{AGE}(?:\s+years\s+old|{END})",
    "fr": rf"{NAME}\s+a\s+{AGE}\s+ans\b",
    "de": rf"{NAME}\s+ist\s+{AGE}\s+(?:Jahre\s+alt|{END})",
    "it": rf"{NAME}\s+ha\s+{AGE}\s+anni\b",
    "ru": rf"{NAME}\s+(?:исполнилось\s+)?{AGE}\s+(?:лет|год(?:а)?)\b{NOT_DURATION}",
}
# The age before the name: "12-year-old Tom", "der 12-jährige Max", "11-летний Ваня".
AGE_FIRST = {
    "en": rf"\b(?:{AGE}|{WORDS['en']})[-\s]year[-\s]old\s+(?:(?:boy|girl|child|pupil|student|"
    rf"schoolgirl|schoolboy)\s+)?(?:(?:named|called)\s+)?{NAME}",
    "fr": rf"(?:petite?\s+){NAME}\s*,\s*{AGE}\s+ans",
    "de": rf"\b(?:{AGE}-?|{WORDS['de']})jährige[nrms]?\s+"
    rf"(?:(?:Schüler(?:in)?|Junge|Mädchen|Sohn|Tochter)\s+)?{NAME}",
    "it": rf"\b(?:(?:bambin[oa]|ragazz[oa]|alunn[oa])\s+di\s+{AGE}\s+anni,?|(?:il|la)\s+{ENNE})"
    rf"\s+{NAME}",
    "ru": rf"(?:\b{AGE}-?летн(?:ий|яя|его|юю|ей|ему|им)|{RU_YEARS})\s+"
    rf"(?:(?:мальчик|девочка|школьник|школьница|сын|дочь)\w*\s+)?{NAME}",
}


def child_trigger(languages: list[str]) -> re.Pattern:
    """What every child pattern needs somewhere: a cheap test before the costly ones (they
    look for a name at every word)."""
    classes = "|".join(CLASSES[language] for language in languages)
    leads = "|".join(LEADS[language] for language in languages)
    return re.compile(
        rf"(?:,\s+|\(\s*)(?:{leads})?(?:\d|{classes})|\d\s?[-\s]?(?:year|jährig|летн)|"
        rf"\s(?:is|a|ist|ha|исполнилось)\s+\d|\d\s+(?:лет|год)|"
        rf"\s(?:en|in|aus\s+der|из)\s+(?:{classes})|\b(?:year|grade)\s\d|"
        rf"alunn[oa]\s+(?:di|della)\s|year[-\s]old|jährig|летн|enn[ei]\b|"
        rf",\s+(?:war\s+(?:sie|er)|(?:she|he)\s+was|(?:elle|il)\s+avait|aveva|"
        rf"(?:ей|ему)\s+(?:было|исполнилось))\s",
        FLAGS,
    )


def child_patterns(language: str) -> list[re.Pattern]:
    classes, unit, lead = CLASSES[language], UNITS[language], LEADS[language]
    forms = [
        # "Anna, 12," / "Anna, 12." — a bare age closed by punctuation
        rf"{NAME}\s*,\s+{AGE}{END}",
        # "Tom (12)", "Max (8 Jahre)", "Léa (CM2)", "Маша (11 лет)", "Isla (aged 9)"
        rf"{NAME}\s*\(\s*{lead}?(?:{AGE}(?:\s*{unit})?|{classes})\s*[),]",
        # "Léa, 10 ans", "Anna, aged 12", "Giulia, di 9 anni", "Маша, 11 лет", "Léa, dix ans"
        rf"{NAME}\s*,\s+{lead}?(?:{AGE}|{WORDS[language]})\s*{unit}{NOT_DURATION}",
        rf"{NAME}\s*,\s+{lead}?{AGE}{END}" if language == "en" else "",
        # "Léa, CM2", "Max, 3. Klasse", "Tom, year 7", "Giulia, classe 5ª", "Маша, 5 класс"
        rf"{NAME}\s*,\s+{lead}?(?:{classes})",
        rf"{NAME}\s+(?:en|in|from|aus\s+der|из)\s+(?:{classes})",
        rf"{NAME}[^\W\d_]*(?:\s+[^\W\d_]+){{0,4}}{PRONOUN_AGE[language]}",
        rf"{NAME}\s*,\s+(?:allora\s+)?{ENNE}\b" if language == "it" else "",
        HAS_AGE[language],
        AGE_FIRST[language],
        # "Year 9 pupil Callum", "CM2 pupil"… the class before the name
        rf"\b(?:{classes})\s+(?:pupil|student|schoolgirl|schoolboy)\s+{NAME}"
        if language == "en"
        else "",
        # "Beatrice, alunna di quarta": an ordinal class alone needs the pupil's word
        rf"{NAME}\s*,\s+alunn[oa]\s+(?:di|della)\s+(?:prima|seconda|terza|quarta|quinta)\b"
        if language == "it"
        else "",
    ]
    return [re.compile(f"(?P<hit>{form})", FLAGS) for form in forms if form]


MONTHS = {
    "en": "january|february|march|april|may|june|july|august|september|october|november|"
    "december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec",
    "fr": "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    "novembre|décembre|decembre",
    "de": "januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|"
    "dezember",
    "it": "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|"
    "novembre|dicembre",
    "ru": "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|"
    "декабря|январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|"
    "декабре",
}
BIRTH = {
    "en": r"born(?:\s+on)?|date\s+of\s+birth|d\.?o\.?b\.?|birthday(?:\s+is)?",
    "fr": r"née?s?(?:\s+le)?|date\s+de\s+naissance",
    "de": r"geboren(?:\s+am)?|geb\.|Geburtsdatum|Geburtstag(?:\s+am)?",
    "it": r"nat[oa](?:\s+il)?|data\s+di\s+nascita",
    "ru": r"родил(?:ся|ась)|дата\s+рождения|д\.\s?р\.",
}


def birth_patterns(language: str) -> list[re.Pattern]:
    months = MONTHS[language]
    year = r"(?:19|20)\d\d"
    date = (
        rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-](?:{year}|\d\d)\b|{year}-\d\d-\d\d"
        rf"|\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s+(?:{months})\.?\s+{year}"
        rf"|(?:{months})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{year}"
        rf"|(?:{months})\s+{year})"
    )
    forms = [
        rf"\b(?:{BIRTH[language]})\s*[:,]?\s*(?:(?:on|le|am|il|the|in|en|im|nel|a)\s+)?{date}",
        # "am 22. August 2013 geboren": German puts the verb last
        rf"\b(?:am\s+)?{date}\s+geboren" if language == "de" else "",
        # "Маша, 2012 г.р." — a year of birth in Russian forms
        rf"\b{year}\s?г\.\s?р\." if language == "ru" else "",
    ]
    return [re.compile(f"(?P<hit>{form})", FLAGS) for form in forms if form]


# Street addresses. The street name stops at punctuation; a number sits on its own side.
STREET_NAME = r"[^\W\d_][^,.;:()\n\d]{1,40}?"
ADDRESSES = {
    "en": r"\b\d{1,4}[a-z]?,?\s+(?:[A-Z][\w'’-]+\s+){1,3}(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|"
    r"Lane|Drive|Close|Crescent|Terrace|Place|Square|Way|Gardens|Court|Row|Grove)\b",
    "fr": rf"\b\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+(?i:rue|avenue|av\.|boulevard|bd|place|chemin|"
    rf"allée|impasse|quai|route|cours|passage)\s+{STREET_NAME}(?=\s*[,.;:()\n]|\s+à\s|$)",
    "de": r"\b[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer)"
    r"\s+\d{1,4}[a-z]?\b|\b[A-ZÄÖÜ][\wäöüß-]*\s+(?:Straße|Strasse|Str\.|Weg|Gasse|Platz|"
    r"Allee)\s+\d{1,4}[a-z]?\b",
    "it": rf"\b(?i:via|viale|piazza|piazzale|corso|vicolo|largo|strada|contrada|borgo)\s+"
    rf"{STREET_NAME},?\s+\d{{1,4}}(?:/[a-zA-Z])?\b",
    "ru": rf"(?:\bул\.|\bулица|\bпр\.|\bпр-т|\bпроспект|\bпер\.|\bпереулок|\bбульвар|\bшоссе|"
    rf"\bпл\.|\bплощадь|\bнаб\.|\bнабережная)\s?{STREET_NAME},?\s+(?:д\.\s?|дом\s+)?"
    rf"\d{{1,4}}[а-я]?\b",
}
SHELTERS = {
    "en": r"shelter|refuge|safe\s?house|crisis\s+cent(?:re|er)|emergency\s+accommodation|"
    r"children['’]s\s+home|care\s+home|foster\s+home",
    "fr": r"foyer|refuge|centre\s+d['’]hébergement|maison\s+d['’]accueil|hébergement\s+"
    r"d['’]urgence|abri\b|lieu\s+de\s+mise\s+à\s+l['’]abri|maison\s+des\s+femmes",
    "de": r"frauenh[aä]us|zufluchtsort|zuflucht|schutzhaus|schutzwohnung|kinderschutzhaus|"
    r"mädchenhaus|notunterkunft|kinderheim|inobhutnahme|wohngruppe",
    "it": r"rifugio|casa\s+rifugio|casa\s+protetta|casa\s+famiglia|struttura\s+protetta|"
    r"centro\s+antiviolenza|casa\s+d['’]accoglienza|comunità\s+di\s+accoglienza",
    "ru": r"приют|убежищ|кризисн\w*\s+центр|центр\w*\s+временного\s+пребывания|"
    r"реабилитационн\w*\s+центр",
}


def address_pattern(language: str) -> re.Pattern:
    return re.compile(f"(?P<hit>{ADDRESSES[language]})", re.UNICODE)


def shelter_pattern(languages: list[str]) -> re.Pattern:
    return re.compile("|".join(SHELTERS[language] for language in languages), FLAGS)
