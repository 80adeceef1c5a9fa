"""Texts of the demo site. The home page texts are those of the campaign site (seed)."""

INTRODUCTION = (
    "<p>The Congress is contributing to the Council of Europe's ONE in FIVE Campaign which "
    "sets out to promote signature and ratification of the Lanzarote Convention, the main "
    "legal instrument on the subject. The Campaign also seeks to make all those concerned – "
    "children, their families/carers and society at large – more aware of the gravity of this "
    "form of violence and of what can be done to prevent it.</p>"
)

AIMS_HEADING = (
    "Aims and specific objectives of the local and regional dimensions of the ONE in FIVE Campaign"
)
AIMS_TEXT = (
    "<p>The overall aims of the ONE in FIVE Campaign at local and regional levels are to "
    "associate Congress members, local and regional authorities and their associations, as "
    "well as other partners (NGOs, civil society organisations, officials, professionals, "
    "decision-makers, media) with the promotion of the Campaign and to raise awareness of the "
    "Lanzarote Convention among local and regional authorities. By doing so, the Congress aims "
    "to bring about the adoption of child-friendly local and regional services, to protect "
    "children and help prevent sexual violence within the community. The Current Affairs "
    "Committee will follow the implementation of the Campaign.</p>"
)

PACT_HEADING = "Pact of towns and regions to stop sexual violence against children"
PACT_TEXT = (
    "<p>The aims and objectives of this Strategic Action Plan will be promoted and achieved "
    "principally through the Congress’s Pact of Towns and Regions to stop sexual violence "
    "against children, endorsed by the Congress Bureau in September 2012.</p>"
    "<p>The Pact proposes a four-pronged approach of Prevention, Protection, Prosecution and "
    "Participation - the four “Ps” - to be adopted by local and regional authorities in their "
    "efforts to combat sexual violence against children.</p>"
)

STANDARD_PAGES = {
    "campaign": (
        "The ONE in FIVE campaign",
        "One in five children in Europe falls victim to some form of sexual violence.",
        [
            "The Council of Europe launched the ONE in FIVE campaign to stop sexual violence "
            "against children. The Congress of Local and Regional Authorities contributes to "
            "it at the level closest to citizens: towns and regions.",
            "Local and regional authorities have a key responsibility to protect and promote "
            "citizens' human rights, which includes safeguarding and promoting the safety and "
            "welfare of children and young people. It is to local services that children turn "
            "for help, for protection and for action.",
        ],
    ),
    "pact": (
        "The Pact",
        "A four-pronged approach for towns and regions: Prevention, Protection, Prosecution "
        "and Participation.",
        [
            "The challenge to Europe’s towns and regions when dealing with these cases is to "
            "raise awareness of the issue, to develop and implement community-based action "
            "plans and strategies to address the four “Ps”, and to invest in better services.",
            "All services and actions must be respectful of children’s rights, put the child’s "
            "best interest first, and enable children’s voices to be heard, in order to deliver "
            "locally what children and families need to stop sexual violence and sexual abuse, "
            "as well as to bring perpetrators to justice.",
        ],
    ),
    "lanzarote-convention": (
        "The Lanzarote Convention",
        "The Council of Europe Convention on the Protection of Children against Sexual "
        "Exploitation and Sexual Abuse.",
        [
            "The Lanzarote Convention requires criminalisation of all kinds of sexual offences "
            "against children. It sets out that states in Europe and beyond shall adopt "
            "specific legislation and take measures to prevent sexual violence, to protect "
            "child victims and to prosecute perpetrators.",
            "The ONE in FIVE Campaign aims, in particular, to achieve further signature, "
            "ratification and implementation of the Convention.",
        ],
    ),
}

JOIN_INTRODUCTION = (
    "<p>Towns, regions, associations of local and regional authorities, elected "
    "representatives and other organisations can sign the Pact. Tell us who you are: the "
    "Congress secretariat will review your request and send you an access to your own pages, "
    "where you can publish your initiatives.</p>"
)

PRIVACY_NOTICE = (
    "Privacy notice",
    "What we keep about you, why, and for how long.",
    [
        "When you ask to sign the Pact we keep the name of the signatory, its type and "
        "country, the name, role and e-mail address of its contact person and the commitments "
        "you write. We use them only to process the request and, once it is approved, to give "
        "you access to your pages.",
        "Contact details are never shown on the public site unless the signatory chooses to "
        "show them. Rejected requests are deleted after a limited period. You may ask the "
        "Congress secretariat at any time for a copy of your data or for its erasure.",
        "If you subscribe to the newsletter we keep your e-mail address, the language and the "
        "Ps you chose, when you gave your consent and when you confirmed your address: nothing "
        "else, and no IP address. An address that is not confirmed within 7 days is deleted. "
        "When you unsubscribe, with the link in every newsletter, your address is deleted at "
        "once.",
    ],
)

PENDING_SIGNUPS = [
    {
        "name": "Trondheim",
        "signatory_type": "town",
        "country": "NO",
        "place": "Trondheim",
        "contact_person": "Ingrid Solberg",
        "email": "ingrid.solberg@trondheim.example.org",
        "role": "Head of child welfare services",
        "commitment_prevention": "Every school in Trondheim will run body-safety lessons.",
        "language": "en",
    },
    {
        "name": "Region of Murcia",
        "signatory_type": "region",
        "country": "ES",
        "place": "Murcia",
        "contact_person": "Lucía Navarro",
        "email": "lucia.navarro@murcia.example.org",
        "role": "Director general for families",
        "commitment_protection": "A Barnahus in the regional capital by next year.",
        "language": "en",
    },
    {
        "name": "Ville de Namur",
        "signatory_type": "town",
        "country": "BE",
        "place": "Namur",
        "contact_person": "Julien Lambert",
        "email": "julien.lambert@namur.example.org",
        "role": "Échevin de la jeunesse",
        "commitment_participation": "Le conseil communal des enfants sera consulté.",
        "language": "fr",
    },
]

# Strings of the demo that the translation data files do not hold, in each language.
EXTRA = {
    "en": {
        "SECTIONS": {
            "home": "ONE in FIVE",
            "participants": "Participants",
            "participants_intro": "Towns, regions, associations, elected representatives and "
            "organisations that signed the Pact.",
            "initiatives": "Initiatives",
            "initiatives_intro": "What signatories do to stop sexual violence against children, "
            "framed by the four Ps.",
            "map": "Map of participants",
            "map_intro": "Where the towns, regions and organisations that signed the Pact are.",
            "join": "Join the Pact",
            "newsletter": "Newsletter",
            "newsletter_intro": "News of the campaign and of the initiatives, in your "
            "language, about the Ps that interest you.",
        },
    },
    "fr": {
        "SECTIONS": {
            "home": "UN sur CINQ",
            "participants": "Participants",
            "participants_intro": "Villes, régions, associations, élus et organisations "
            "signataires du Pacte.",
            "initiatives": "Initiatives",
            "initiatives_intro": "Ce que font les signataires pour mettre fin aux violences "
            "sexuelles à l'encontre des enfants, au titre des quatre P.",
            "map": "Carte des participants",
            "map_intro": "Où se trouvent les villes, régions et organisations signataires du "
            "Pacte.",
            "join": "Rejoindre le Pacte",
            "newsletter": "Lettre d’information",
            "newsletter_intro": "Les nouvelles de la campagne et des initiatives, dans votre "
            "langue, sur les P qui vous intéressent.",
        },
    },
    "de": {
        "SECTIONS": {
            "home": "EINS von FÜNF",
            "participants": "Teilnehmende",
            "participants_intro": "Städte, Regionen, Verbände, gewählte Vertreterinnen und "
            "Vertreter sowie Organisationen, die den Pakt unterzeichnet haben.",
            "initiatives": "Initiativen",
            "initiatives_intro": "Was die Unterzeichner tun, um sexuelle Gewalt gegen Kinder zu "
            "beenden – entlang der vier „P“.",
            "map": "Karte der Teilnehmenden",
            "map_intro": "Wo die Städte, Regionen und Organisationen liegen, die den Pakt "
            "unterzeichnet haben.",
            "join": "Dem Pakt beitreten",
            "newsletter": "Newsletter",
            "newsletter_intro": "Neuigkeiten der Kampagne und der Initiativen, in Ihrer "
            "Sprache, zu den P, die Sie interessieren.",
        },
    },
}


def english_site_texts() -> dict:
    """The English demo texts, in the shape of ``data/site_texts.<language>.json``."""
    return {
        "INTRODUCTION": INTRODUCTION,
        "AIMS_HEADING": AIMS_HEADING,
        "AIMS_TEXT": AIMS_TEXT,
        "PACT_HEADING": PACT_HEADING,
        "PACT_TEXT": PACT_TEXT,
        "STANDARD_PAGES": {
            slug: [title, introduction, paragraphs]
            for slug, (title, introduction, paragraphs) in STANDARD_PAGES.items()
        },
        "JOIN_INTRODUCTION": JOIN_INTRODUCTION,
        "PRIVACY_NOTICE": list(PRIVACY_NOTICE),
        **EXTRA["en"],
    }


# Settings → Social links (the seed page shows "facebook" and "rss" at its top).
SOCIAL_LINKS = {
    "facebook": "https://www.facebook.com/CouncilofEurope",
    "x": "https://x.com/coe",
    "youtube": "https://www.youtube.com/user/CouncilofEurope",
}
