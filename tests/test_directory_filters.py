"""The signatory directory's P filter: a commitment or a published initiative under a P."""

from tests.factories import InitiativePageFactory, SignatoryPageFactory


def names(client, directory, **params) -> list[str]:
    response = client.get(directory.url, params)
    assert response.status_code == 200
    return [signatory.title for signatory in response.context["page_obj"]]


def test_filter_by_p(client, directory):
    committed = SignatoryPageFactory(
        parent=directory, title="Alpha", slug="alpha", commitment_protection="A helpline."
    )
    acting = SignatoryPageFactory(parent=directory, title="Beta", slug="beta")
    InitiativePageFactory(parent=acting, pillars=("protection",))
    SignatoryPageFactory(parent=directory, title="Gamma", slug="gamma")
    draft_only = SignatoryPageFactory(parent=directory, title="Delta", slug="delta")
    InitiativePageFactory(parent=draft_only, pillars=("protection",), live=False)

    assert names(client, directory, pillar="protection") == [committed.title, acting.title]
    assert len(names(client, directory)) == 4
    # Several Ps: any of them; unknown values are ignored, not an error.
    assert names(client, directory, pillar=["prosecution", "protection"]) == ["Alpha", "Beta"]
    assert len(names(client, directory, pillar="nonsense")) == 4


def test_the_form_offers_the_four_ps_and_keeps_the_choice(client, directory):
    response = client.get(directory.url, {"pillar": "prevention"})
    content = response.content.decode()

    assert content.count('name="pillar"') == 4
    assert 'value="prevention" checked' in content
