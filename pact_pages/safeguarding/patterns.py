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
# After an elided article it is a name too: "d'Élodie", "l'Ilaria".
# Its first letter is a capital (``scanner`` checks it again with ``str.isupper``): the class
# lists the capitals' blocks of the Latin, Greek and Cyrillic scripts, so that a pattern is
# tried at a capitalised word only, not at every word.
CAPITAL = r"(?-i:[A-ZÀ-ÖØ-ÞĀ-ſΆ-ΫЀ-Я])"
NAME = rf"(?P<name>(?<![\w-])(?<!\w\w['’]){CAPITAL}[^\W\d_]+(?:[-'’][^\W\d_]{{2,}})?)"
# A surname's initial after the first name: "Kevin M., 15", "Кириллу С., 15 лет".
INITIAL = r"(?:\s(?P<initial>[^\W\d_])\.)?"

AGE = r"(?P<age>1[0-7]|[1-9])(?![\d.,]\d)"
# After a bare age: the apposition ends ("Anna, 12, told…", "Tom (12)").
END = r"(?=\s*(?:[,;:.!?)»\"”]|\s[-–—]\s|$))(?!\.\s*(?:\d|[^\W\d_]+\s+(?:19|20)\d\d))"
# An age's unit must not start a duration or an anniversary: "10 ans de prévention".
NOT_DURATION = (
    r"(?!\s+(?:de|d['’]|du|des|of|von|vom|seit|di|del|della|после|назад|после|ago|after|"
    r"later|après|plus\s+tard|später|nach|dopo|fa\b|fa\.|jubil|anniversa|существ)|"
    # "Münster, 15 Jahre Netzwerk…", "Рига, 12 лет работы…": what lasted, not an age
    r"\s+(?-i:[A-ZÄÖÜ])[a-zäöüß]|\s+(?:[а-яё]+(?:ы|ия|ства|ния)|опыта)\b)"
)
# A remark in brackets between the name and the age: "Ella (left), 11", "Маша (слева), 11 лет".
ASIDE = r"(?:\s*\([^()]{1,24}\))?"

CLASSES = {
    "en": r"(?:year|grade|form)\s\d{1,2}\b|\d{1,2}(?:st|nd|rd|th)\sgrade|reception\sclass|"
    r"(?-i:\d{1,2}[A-H])\b",
    "fr": r"(?:CP|CE1|CE2|CM1|CM2|[3-6]\s?(?:e|è|ème|eme)|seconde|terminale|1re|1ère)\b",
    "de": r"\d{1,2}\.\s?Klasse|Klasse\s\d{1,2}[a-e]?\b|\d{1,2}\.\s?Schuljahr|\d{1,2}[a-e]\b",
    "it": r"classe\s\d[ªa°]?(?:\s?[A-E]\b)?|\d[ªa°]\s(?:elementare|media|superiore)|"
    r"\d[ªa°]\s?[A-E]\b|"
    r"(?:prima|seconda|terza|quarta|quinta)\s(?:elementare|media)",
    "ru": r"\d{1,2}(?:-?(?:й|го|м|ый))?\s?(?:[«\"]?[А-Яа-я][»\"]?\s)?класс(?:а|е|у)?\b|"
    r"(?-i:\d{1,2}\s?«[А-Я]»)|(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|"
    r"одиннадцат)\w*\s+класс\w*",
}
UNITS = {
    "en": r"(?:years?\s+old|yrs?\s+old|year-old|years?\b)",
    "fr": r"(?:ans|an)\b",
    "de": r"(?:Jahren?(?:\s+alt)?|jährig\w*|J\.)",
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
    r"четырнадцать|пятнадцать|шестнадцать|семнадцать|пяти|шести|семи|восьми|девяти|десяти|"
    r"одиннадцати|двенадцати|тринадцати|четырнадцати|пятнадцати|шестнадцати|семнадцати)",
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


# Words between a name and its age that say the age is the child's: verbs and adverbs of
# "Sophie is sixteen", "Marta had only just turned twelve", "Manon venait tout juste
# d'avoir douze ans", "Marta war gerade erst zwölf geworden", "Chiara aveva appena compiuto
# dodici anni", "Марине едва исполнилось двенадцать". Closed lists: a word outside them
# ends the form.
AGE_WORDS = {
    "en": r"is|was|were|had|has|turned|turns|only|just|barely|already|then|now|recently|"
    r"nearly|almost|he|she|he['’]s|she['’]s",
    "fr": r"a|avait|vient|venait|d['’]avoir|tout|juste|à|peine|alors|déjà|seulement|eu|fêtait|"
    r"presque|il|elle|que|n['’]a",
    "de": r"ist|war|wurde|wird|gerade|erst|schon|damals|kaum|knapp|eben|fast|er|sie|der|die|"
    r"mal|jetzt|nun",
    "it": r"ha|aveva|compiuto|compiuti|compie|compiva|appena|solo|già|allora|da|poco|quasi|lui|"
    r"lei|oggi|ormai",
    "ru": r"едва|только|уже|тогда|всего|исполнилось|исполнился|было|был|была|недавно|почти|"
    r"ему|ей|он|она|свои",
}
# A relative clause that gives the age: "Noah, who turns 13 in May", "Hugo, qui fêtera ses
# 13 ans", "Jonas, der im Mai 13 wird", "Matteo, che a maggio compirà 13 anni".
RELATIVES = {
    "en": r"who",
    "fr": r"qui",
    "de": r"der|die",
    "it": r"che",
    "ru": r"котор(?:ому|ой|ый|ая)",
}
REL_WORDS = {
    "en": r"turns|turned|will|turn|celebrated|celebrates|his|her|in|on|this|next|at|just",
    "fr": r"fêtera|fête|fêtait|fêter|ses|aura|en|a|avait|vient|venait|de",
    "de": r"im|am|wird|ist|war|feiert|feierte|gefeiert|seinen|ihren|nächstes|jahr|letzte|"
    r"letzten|woche|vor|kurzem|gestern",
    "it": r"a|in|compirà|compie|compiva|festeggia|festeggiato|i|suoi|ha|aveva|appena",
    "ru": r"в|исполнится|исполнилось|было|отметила|отметил|отмечает|своё|свой|свои",
}
BIRTHDAY = {
    "en": r"birthday",
    "fr": r"anniversaire",
    "de": r"Geburtstag",
    "it": r"compleanno",
    "ru": r"день\s+рождения",
}
# "Zu seinem 10. Geburtstag wünschte sich Maximilian", "Per il suo decimo compleanno, Tommaso".
ORDINALS = {
    "en": r"\d{1,2}(?:st|nd|rd|th)|(?:fif|six|seven|eigh|nin|ten|eleven|twelf|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen)th",
    "fr": r"\d{1,2}(?:e|ème)|(?:cinqu|six|sept|huit|neuv|dix|onz|douz|treiz|quatorz|quinz|seiz)"
    r"ième",
    "de": r"\d{1,2}\.|(?:fünf|sechs|sieb|ach|neun|zehn|elf|zwölf|dreizehn|vierzehn|fünfzehn|"
    r"sechzehn)ten",
    "it": r"\d{1,2}[°º]|(?:quinto|sesto|settimo|ottavo|nono|decimo|undicesimo|dodicesimo|"
    r"tredicesimo|quattordicesimo|quindicesimo|sedicesimo)",
    "ru": r"\d{1,2}-?(?:й|ый|ой)|(?:пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|"
    r"тринадцат|четырнадцат|пятнадцат|шестнадцат)(?:ый|ой|ого|ом|ому)",
}
# After such an age: its unit, or the clause ends ("…twelve when she joined").
CLAUSE_ENDS = {
    "en": r"and|when|but|as|at\s+the\s+time",
    "fr": r"et|lorsqu['’]\w+|quand|lorsque|mais",
    "de": r"und|als|aber|geworden|ist|war|wird",
    "it": r"e|quando|ma",
    "ru": r"и|когда|но",
}
# An age put before the sentence's subject: "At sixteen, Camille…", "Mit 16 Jahren ist
# Sophie…", "A sedici anni, Beatrice…", "В шестнадцать лет Анна…".
FRONTED = {
    "en": r"\bat",
    "fr": r"(?:(?:\b|^)à|\bâgée?s?\s+de)",
    "de": r"\bmit",
    "it": r"\ba",
    "ru": r"(?:\b|^)[вс]",
}
# After a name: "Ellie who at just 12", "Mila, mit gerade 12", "Bea, a soli 12 anni",
# "Соней: в свои 12" — the preposition and a word that stresses how young.
PREPOSITIONS = {"en": "at", "fr": "à", "de": "mit", "it": "a", "ru": "в"}
YOUNG = {
    "en": r"just|only|barely",
    "fr": r"seulement|peine|à\s+peine|tout\s+juste",
    "de": r"gerade|erst|mal|knapp",
    "it": r"soli|sole|appena|solo",
    "ru": r"свои|всего|только",
}
# A pupil's word, then the class and the school, then the name: "Élève en 5e au collège
# Jean-Moulin, Yasmine", "Ученица 7 класса гимназии № 2 Дарья".
PUPILS = {
    "en": r"pupil|student",
    "fr": r"élève|collégienne?|lycéenne?|écolière?",
    "de": r"schüler(?:in)?",
    "it": r"alunn[oa]|studente(?:ssa)?",
    "ru": r"учени(?:ц|к)\w*|школьни(?:ц|к)\w*",
}
# Between the class and the name: lowercase words, "№ 2", a school's name closed by a comma.
SCHOOL_WORDS = r"(?:\s+(?-i:[a-zà-öø-ÿа-яё][^\s,]*|№|\d+|[A-ZÀ-ÖØ-ÞА-ЯЁ][^\s,]*,)){0,5}"


def child_trigger(languages: list[str]) -> re.Pattern:
    """What every child pattern needs somewhere: a cheap test before the costly ones (they
    look for a name at every capitalised word)."""
    classes = "|".join(CLASSES[language] for language in languages)
    leads = "|".join(LEADS[language] for language in languages)
    words = "|".join(WORDS[language] for language in languages)
    pupils = "|".join(PUPILS[language] for language in languages)
    age_words = "|".join(AGE_WORDS[language] for language in languages)
    young = "|".join(YOUNG[language] for language in languages)
    units = "|".join(UNITS[language] for language in languages)
    return re.compile(
        rf"(?:,\s+|\(\s*)(?:{leads}){{0,2}}(?:\d|{classes})|\d\s?[-\s]?(?:year|jährig|летн)|"
        rf"\s(?:is|a|ist|ha|исполнилось)\s+\d|\d\s+(?:лет|год)|"
        rf"\b(?:en|in|aus\s+der|из)\s+(?:{classes})|\((?:[^()\d]{{1,30}})\d|\b(?:year|grade)\s\d|"
        rf"alunn[oa]\s+(?:di|della)\s|year[-\s]old|jährig|летн|enn[ei]\b|"
        rf",\s+(?:war\s+(?:sie|er)|(?:she|he)\s+was|(?:elle|il)\s+avait|aveva|"
        rf"(?:ей|ему)\s+(?:было|исполнилось))\s|\d\s+jahren?\b|"
        rf"\b(?:{words})\s*(?:{units})|\s(?:{age_words})\s+(?:\d|(?:{words})\b)|"
        rf"\b(?:at|à)\s+(?:{words}),|"
        rf"\sfrom\s+\d|\b(?:{pupils})\s|birthday|anniversaire|geburtstag|compleanno|"
        rf"день\s+рождения|klässler|"
        rf"(?:,\s+(?:der|die)|\s(?:who|qui|che|котор\w*))\s+(?:\S+\s+){{0,5}}?(?:\d|(?:{words})\b)|"
        rf"\s(?:{young})\s+\d",
        FLAGS,
    )


def child_patterns(language: str) -> list[re.Pattern]:
    classes, unit, words = CLASSES[language], UNITS[language], WORDS[language]
    # up to two leads: "Chloé et Nathan, tous deux âgés de 9 ans"
    lead = rf"(?:{LEADS[language]}){{0,2}}"
    age = rf"(?:{AGE}|{words})"
    named = NAME + INITIAL
    # After a word-or-digit age with no unit: the clause ends ("…twelve, when", "… zwölf
    # geworden, als")
    clause_end = rf"(?:\s+geworden)?(?:{END}|(?=\s+(?:{CLAUSE_ENDS[language]})\b))"
    forms = [
        # "Anna, 12," / "Anna, 12." / "Kevin M., 15," — a bare age closed by punctuation
        rf"{named}{ASIDE}\s*,\s+{AGE}{END}",
        # "Tom (12)", "Max (8 Jahre)", "Léa (CM2)", "Маша (11 лет)", "Isla (aged 9)"
        rf"{named}\s*\(\s*{lead}(?:{AGE}(?:\s*{unit})?|{classes})\s*[),]",
        # "Jayden (turned 7 in March)", "Денис (в марте исполнилось 7)"
        rf"{named}\s*\(\s*(?:(?:{AGE_WORDS[language]}|{REL_WORDS[language]}|{MONTHS[language]})"
        rf"\s+){{1,4}}{age}\b",
        # "Ellie who at just 12", "Mila, mit gerade 12", "Bea, a soli 12 anni"
        rf"{named}\s*(?:[,:]|\s+(?:{RELATIVES[language]}))?\s+{PREPOSITIONS[language]}\s+"
        rf"(?P<young>(?:{YOUNG[language]})\s+)?{age}(?(young)\b|\s*{unit}{NOT_DURATION})",
        # "Léa, 10 ans", "Anna, aged 12", "Giulia, di 9 anni", "Маша, 11 лет", "Léa, dix ans"
        rf"{named}{ASIDE}\s*,\s+{lead}{age}\s*{unit}{NOT_DURATION}",
        rf"{named}\s*,\s+{lead}{AGE}{END}" if language == "en" else "",
        # "Sam ('Sammy') Patel, a 15-year-old from…"
        rf"{named}\s*,\s+(?:an?\s+)?{age}[-\s]years?[-\s]old" if language == "en" else "",
        # "Maisie Clarke – just fourteen –", "Ваня — ему всего пятнадцать —", "Francesco –
        # appena quindicenne"
        rf"{named}\s+[–—-]\s+(?:(?:{AGE_WORDS[language]})\s+){{0,4}}"
        rf"(?:{age}(?:\s*{unit}|{clause_end})|{ENNE}|\w+jährig\w*)",
        # "Noah, who turns 13 in May", "Freddie, who celebrated his 10th birthday"
        rf"{named}\s*,?\s+(?:{RELATIVES[language]})\s+"
        rf"(?:(?:{REL_WORDS[language]}|{AGE_WORDS[language]}|{MONTHS[language]})\s+){{0,5}}"
        rf"(?:{age}(?:\s*{unit}|\s+wird|{END}|(?=\s+(?:{REL_WORDS[language]}|"
        rf"{CLAUSE_ENDS[language]})\b))|(?:{ORDINALS[language]})\s+(?:{BIRTHDAY[language]})|"
        rf"\d{{1,2}}-?лети[еяю])",
        rf"\b(?:{ORDINALS[language]})\s+(?:{BIRTHDAY[language]})\s*,?\s+"
        rf"(?:(?-i:[a-zäöüßà-ÿа-яё]\S*)\s+){{0,2}}{NAME}",
        # "il piccolo Leonardo di nove anni": after a word, never at a sentence's start,
        # where a noun stands ("Durata di tre anni")
        rf"(?<=[^\W\d_]\s){NAME}\s+di\s+{age}\s*{unit}{NOT_DURATION}" if language == "it" else "",
        # "Sophie is sixteen and…", "Марине едва исполнилось двенадцать, когда…"
        rf"{named},?(?:\s+(?:{AGE_WORDS[language]})){{1,4}}\s+{age}"
        rf"(?:\s*{unit}{NOT_DURATION}|{clause_end})",
        # "À seize ans, Camille…", "Mit 16 Jahren ist Sophie…": the age's unit says it is an
        # age ("mit vier Säulen" is not); English says "At sixteen, Sophie…" ("At 10," is a time)
        rf"{FRONTED[language]}\s+(?:{words},|{AGE}\s*{unit}\s*,?)\s+{NAME}"
        if language == "en"
        else rf"{FRONTED[language]}\s+{age}\s*{unit}(?:\s+(?:compiuti|révolus|seulement|à\s+peine|"
        rf"appena|только))?\s*,?\s+"
        rf"(?:(?:ist|war|wurde|hat)\s+)?{NAME}",
        # "Élève en 5e au collège Jean-Moulin, Yasmine", "Ученица 7 класса гимназии № 2 Дарья"
        rf"\b(?:{PUPILS[language]})\s+{lead}(?:{classes}){SCHOOL_WORDS},?\s+{NAME}",
        # "Léa, CM2", "Max, 3. Klasse", "Tom, year 7", "Giulia, classe 5ª", "Маша, 5 класс"
        rf"{NAME}\s*,\s+{lead}?(?:{classes})",
        rf"{NAME}\s+(?:en|in|from|aus\s+der|из)\s+(?:{classes})",
        rf"{NAME}[^\W\d_]*(?:\s+[^\W\d_]+){{0,4}}{PRONOUN_AGE[language]}",
        # "Luca R., all'epoca undicenne", "Вани К., тогда одиннадцатилетнего"
        rf"{named}\s*,\s+(?:[^\W\d_]+(?:['’][^\W\d_]+)?\s+){{0,2}}?(?:{ENNE}|{RU_YEARS})\b"
        if language in ("it", "ru")
        else "",
        # "En CM2 à l'école Jules-Ferry, Chloé Martin"
        rf"\b(?:en|in|aus\s+der|di|в)\s+(?:{classes}){SCHOOL_WORDS},?\s+{NAME}",
        # "L'undicenne Giulia", "l'ottenne Filippo"
        rf"\b{ENNE}\s+{NAME}" if language == "it" else "",
        # "Viertklässlerin Marie Hoffmann"
        rf"\b\w+klässler(?:in)?\s+{NAME}" if language == "de" else "",
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
    "ru": r"родил(?:ся|ась)|родивш(?:ийся|аяся|иеся|ий|ая)|дата\s+рождения|д\.\s?р\.",
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
