"""The safeguarding check (issue 19): what it finds in a sentence, in five languages, what it
leaves alone, and how it reads every text of a page."""

import pytest
from wagtail.rich_text import RichText

from pact_pages.follow_up.plans import ActionPlanPage, PlanAction
from pact_pages.safeguarding.page_scan import around, finding_key, scan_page
from pact_pages.safeguarding.scanner import scan_text
from tests.factories import (
    ImageFactory,
    InitiativePageFactory,
    SignatoryIndexPageFactory,
    pillar,
)


def found(text: str, languages=None) -> list[tuple[str, str]]:
    return [(finding.kind, finding.text) for finding in scan_text(text, languages)]


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("Anna, 12, told her teacher what happened.", "Anna, 12"),
        ("The 12-year-old Tom spoke to the youth worker.", "12-year-old Tom"),
        ("Tom (12) wrote the poem.", "Tom (12)"),
        ("Tom, year 7, drew the poster.", "Tom, year 7"),
        ("Léa (CM2) a dessiné l'affiche.", "Léa (CM2)"),
        ("Léa, 10 ans, en a parlé à sa maîtresse.", "Léa, 10 ans"),
        ("Max (8 Jahre) hat das Plakat gemalt.", "Max (8 Jahre)"),
        ("Das hat der 12-jährige Max erzählt.", "12-jährige Max"),
        ("Lena aus der 3. Klasse hat mitgemacht.", "Lena aus der 3. Klasse"),
        ("Giulia, 9 anni, ne ha parlato.", "Giulia, 9 anni"),
        ("Marco, classe 5ª, ha scritto il testo.", "Marco, classe 5ª"),
        ("Маша, 11 лет, рассказала учительнице.", "Маша, 11 лет"),
        ("Ваня (5 класс) нарисовал плакат.", "Ваня (5 класс)"),
    ],
)
def test_children_named_with_an_age_or_a_class(text, passage):
    assert ("child_age", passage) in found(text)


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        # the general forms (docs/safeguarding.md, "Limits": what blind batches 4 and 5 missed)
        ("The award went to Kevin M., 15, for his club.", "Kevin M., 15"),
        ("Léa, onze ans, a dessiné l'affiche.", "Léa, onze ans"),
        ("Sophie is sixteen and chairs the forum.", "Sophie is sixteen"),
        (
            "Marta war gerade erst zwölf geworden, als sie beitrat.",
            "Marta war gerade erst zwölf geworden",
        ),
        ("À seize ans, Camille est ambassadrice.", "À seize ans, Camille"),
        ("Mit 16 Jahren ist Sophie Botschafterin.", "Mit 16 Jahren ist Sophie"),
        ("Ученица 7 класса гимназии № 2 Дарья выступила.", "Ученица 7 класса гимназии № 2 Дарья"),
        ("Pictured: Ella (left), 11, and her cousin.", "Ella (left), 11"),
        ("Maisie Clarke – just fourteen – was chosen.", "Clarke – just fourteen"),
        ("'It was scary,' says Noah, who turns 13 in May.", "Noah, who turns 13"),
        (
            "Zu seinem 10. Geburtstag wünschte sich Maximilian Spenden.",
            "10. Geburtstag wünschte sich Maximilian",
        ),
        ("So proud of our Izzy, aged 7, who raised £300!", "Izzy, aged 7"),
        ("Il lavoro d'Ilaria, otto anni, è esposto.", "Ilaria, otto anni"),
        ("L'undicenne Giulia ha disegnato il manifesto.", "undicenne Giulia"),
        ("Егору почти четырнадцать, и он помогает младшим.", "Егору почти четырнадцать"),
        ("Visited on Tuesday; Jayden (turned 7 in March) was quiet.", "Jayden (turned 7"),
        ("Stolz auf unsere Mila, mit gerade 12 hat sie alles organisiert.", "Mila, mit gerade 12"),
        (
            "En CM2 à l'école Jules-Ferry, Chloé Martin a animé l'atelier.",
            "En CM2 à l'école Jules-Ferry, Chloé",
        ),
        ("С восьми лет Полина присматривает за братьями.", "С восьми лет Полина"),
    ],
)
def test_children_in_the_general_forms(text, passage):
    assert ("child_age", passage) in found(text)


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("She was born on 3 May 2012 in Lyon.", "born on 3 May 2012"),
        ("Léa, née le 03/05/2012, vit à Lyon.", "née le 03/05/2012"),
        ("Max wurde geboren am 3. Mai 2012.", "geboren am 3. Mai 2012"),
        ("Giulia è nata il 3 maggio 2012.", "nata il 3 maggio 2012"),
        ("Маша родилась 3 мая 2012 года.", "родилась 3 мая 2012"),
    ],
)
def test_dates_of_birth(text, passage):
    assert ("birth_date", passage) in found(text)


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("The shelter at 12 Mill Street takes girls in.", "12 Mill Street"),
        ("Le foyer, 12 rue des Lilas, accueille les mères.", "12 rue des Lilas"),
        ("Das Frauenhaus in der Hauptstraße 5 ist voll.", "Hauptstraße 5"),
        ("La casa rifugio di via Roma, 12 ospita sei donne.", "via Roma, 12"),
        ("Приют на ул. Ленина, 5 принимает детей.", "ул. Ленина, 5"),
    ],
)
def test_addresses_next_to_a_shelter(text, passage):
    assert ("address", passage) in found(text)


def test_the_town_halls_address_is_no_shelter():
    assert found("The town hall, 1 Market Square, hosts the exhibition.") == []
    assert found("Rendez-vous à la mairie, 2 place Kléber, le 12 mai.") == []


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("Call Sarah on 06 12 34 56 78 after school.", "06 12 34 56 78"),
        ("Ruf Jonas an: 0171 123 4567.", "0171 123 4567"),
        ("Chiamate Paola al 347 123 4567.", "347 123 4567"),
        ("Questions: +44 7911 123456.", "+44 7911 123456"),
        ("Звоните Ольге: +380 67 123 4567.", "+380 67 123 4567"),
        ("Write to anna.meier@gmail.com.", "anna.meier@gmail.com"),
        ("Écrivez à leo.dupont@laposte.net", "leo.dupont@laposte.net"),
    ],
)
def test_phone_numbers_and_email_addresses(text, passage):
    kinds = {"@": "email"}
    assert (kinds.get("@" if "@" in passage else "", "phone"), passage) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "In 2023, 12 schools joined the programme; 45 % of pupils took part.",
        "Article 12 of the Lanzarote Convention protects child victims.",
        "Children can call 116 111 free of charge; 116 000 is for missing children.",
        "Le 116 111 répond aux enfants, jour et nuit.",
        "The campaign ran from 2019-2021 and reached 150 000 residents.",
        "Am 12. Mai 2024 trafen sich 40 Fachleute in der Hauptstraße 5.",
        "Strasbourg, 12 June 2024: the town signed the Pact.",
        "Marco ha partecipato a 12 incontri nel 2023.",
        "Дети 5 классов всех 12 школ города участвовали в проекте.",
        "Children born in 2012 were invited to the workshops.",
        "Lyon, 10 ans de prévention : 3 400 000 euros investis.",
        # near misses of the general forms
        "Münster, 15 Jahre Netzwerk Frühe Hilfen: eine Bilanz.",
        "Рига, 12 лет работы с семьями: итоги программы.",
        "Innerhalb von zwei Jahren wurden alle Fälle verhandelt.",
        "Die Strategie mit vier Säulen gilt seit 2020.",
        "At ten, the mayor opened the new youth centre.",
        "Durata di tre anni, il programma coinvolge 12 scuole.",
        "Anna Schmidt, who has led the service for 12 years, retires.",
        "Девочку 9 лет проводил домой водитель автобуса.",
    ],
)
def test_ordinary_figures_are_left_alone(text):
    assert found(text) == []


def test_offsets_point_at_the_passage():
    text = "Thanks to Anna, 12, and to our partners."
    (finding,) = scan_text(text)
    assert text[finding.start : finding.end] == finding.text == "Anna, 12"
    assert str(finding.message)


@pytest.mark.django_db
def test_page_scan_reads_every_text_of_an_initiative(signatory):
    picture = ImageFactory(title="Léa (CM2) at the workshop", description="Hugo, 10 ans, dessine")
    page = InitiativePageFactory(
        parent=signatory,
        title="Safe clubs",
        summary="Coaches trained; ask Jonas on 0171 123 4567.",
        partners="Youth service",
        featured_image=picture,
        body=[
            ("paragraph", RichText("<p>Anna, <b>12</b>, told her coach.</p>")),
            ("quote", {"text": "We listened.", "attribution": "Tom (12)"}),
            ("image", {"image": picture, "alt_text": "Max, 8 Jahre", "caption": ""}),
        ],
    )
    findings = scan_page(page)
    by_field = {(ff.field, ff.finding.kind, ff.finding.text) for ff in findings}
    assert ("summary", "phone", "0171 123 4567") in by_field
    assert ("body", "child_age", "Anna, 12") in by_field  # the bold tag stripped
    assert ("body", "child_age", "Tom (12)") in by_field
    assert ("body", "child_age", "Max, 8 Jahre") in by_field
    assert ("featured_image", "child_age", "Léa (CM2)") in by_field
    assert ("featured_image", "child_age", "Hugo, 10 ans") in by_field  # the alt text
    body = [ff for ff in findings if ff.field == "body"]
    assert {ff.block_path for ff in body} == {child.id for child in page.body}
    assert all(ff.finding.text in ff.context for ff in findings)
    quote = next(ff for ff in body if ff.finding.text == "Tom (12)")
    assert quote.label == "Body › Quote › Attribution"


@pytest.mark.django_db
def test_finding_key_survives_a_resave_and_changes_with_the_passage(signatory):
    page = InitiativePageFactory(parent=signatory, summary="Anna, 12, told us.")
    (before,) = scan_page(page)
    page.summary = "As she said: Anna, 12, told us. The club listened."
    page.save_revision()
    (after,) = scan_page(page)
    assert finding_key(before) == finding_key(after)
    page.summary = "Anna, 13, told us."
    (changed,) = scan_page(page)
    assert finding_key(changed) != finding_key(before)


@pytest.mark.django_db
def test_page_scan_reads_rich_text_fields_and_leaves_contact_fields_alone(home_page, signatory):
    index = SignatoryIndexPageFactory(
        parent=home_page,
        slug="members",
        introduction="<p>Call <a href='https://x.example'>Sarah</a> on 06 12 34 56 78.</p>",
    )
    (finding,) = scan_page(index)
    assert (finding.field, finding.finding.kind) == ("introduction", "phone")
    assert finding.finding.text == "06 12 34 56 78"
    assert "<" not in finding.context
    # A signatory's contact e-mail is a contact field, shown by the plugin's own rules.
    signatory.contact_email = "ingrid.solberg@gmail.com"
    signatory.contact_person = "Ingrid Solberg"
    assert scan_page(signatory) == []


@pytest.mark.django_db
def test_the_childrens_helpline_keeps_its_number_but_not_a_childs_name(signatory):
    page = InitiativePageFactory(
        parent=signatory,
        children_summary="Talk to someone you trust.",
        children_helpline="Call 0800 1111, or Anna, 12, will tell you how",
        summary="Call 0800 1111 for the youth worker.",
    )
    kinds = {(ff.field, ff.finding.kind) for ff in scan_page(page)}
    # The helpline field is a public number by design; the same number elsewhere is flagged.
    assert kinds == {("children_helpline", "child_age"), ("summary", "phone")}


@pytest.mark.django_db
def test_page_scan_reads_inline_children_as_the_editor_names_them(signatory):
    plan = ActionPlanPage(
        title="Action plan",
        introduction="Our plan for the next three years.",
        actions=[
            PlanAction(pillar=pillar("prevention"), title="Train coaches", sort_order=0),
            PlanAction(
                pillar=pillar("protection"),
                title="A safe adult in every school",
                description="Ask Sarah on 06 12 34 56 78; Léa (CM2) chose the name.",
                sort_order=1,
            ),
        ],
    )
    signatory.add_child(instance=plan)
    plan.save_revision()
    draft = plan.get_latest_revision_as_object()
    found = {(ff.field, ff.finding.kind, ff.finding.text) for ff in scan_page(draft)}
    assert found == {
        ("actions-1-description", "phone", "06 12 34 56 78"),
        ("actions-1-description", "child_age", "Léa (CM2)"),
    }
    labels = {ff.label for ff in scan_page(draft)}
    assert labels == {"Actions 2 › Description"}


def test_languages_choose_the_wording_read_never_the_numbers():
    text = "Léa, 10 ans, appelle le 06 12 34 56 78."
    assert {finding.kind for finding in scan_text(text, ["fr-ch"])} == {"child_age", "phone"}
    assert {finding.kind for finding in scan_text(text, ["en"])} == {"phone"}
    assert {finding.kind for finding in scan_text(text, ["tr"])} == {"child_age", "phone"}


def test_a_text_full_of_figures_is_read_in_bounded_time():
    figures = " ".join(f"{n % 97} {n % 89}" for n in range(5000))
    text = f"Call Sarah on 06 12 34 56 78. {figures}"
    assert ("phone", "06 12 34 56 78") in found(text)


def test_the_context_shown_to_the_moderator_ends_on_whole_words():
    text = (
        "Sophie is sixteen and chairs the school council. Maisie Clarke – just fourteen – "
        "joined her."
    )
    assert around(text, 0, 17) == (
        "Sophie is sixteen and chairs the school council. Maisie Clarke – just fourteen…"
    )
    long = "Before " * 20 + "Anna, 12, told her teacher" + " after" * 20
    start = long.find("Anna")
    excerpt = around(long, start, start + len("Anna, 12"))
    assert excerpt.startswith("…Before ") and excerpt.endswith(" after…")
    assert "Anna, 12" in excerpt
