"""metadata.c2pa_manifest: a manifest store's JSON, in the shapes c2pa-rs gives, sorted
into records (shapes the Builder here cannot sign: CAWG identities, v1 generators)."""

from __future__ import annotations

from thinktwice.metadata.c2pa_manifest import sort_store

ACTIVE = "urn:c2pa:active"


def store(**active: object) -> dict[str, object]:
    return {"active_manifest": ACTIVE, "manifests": {ACTIVE: active}}


def test_a_cawg_identity_gives_its_verified_accounts() -> None:
    identity = {
        "label": "cawg.identity",
        "data": {"signer_payload": {}, "signature_info": {"credentials": [{
            "verifiedIdentities": [
                {"type": "cawg.social_media", "name": "Jane Doe", "username": "janedoe",
                 "uri": "https://www.instagram.com/janedoe", "provider": {"name": "Instagram"}},
            ],
        }]}},
    }  # fmt: skip
    found = sort_store(store(assertions=[identity])).credentials
    assert found.authors == ("Jane Doe",)
    assert found.accounts == ("janedoe", "https://www.instagram.com/janedoe")


def test_a_v1_claim_generator_string_loses_the_sdk_part() -> None:
    found = sort_store(store(claim_generator="Google Pixel Camera/1.0 c2pa-rs/0.33.1")).credentials
    assert found.generators == ("Google Pixel Camera/1.0",)


def test_actions_v2_name_their_agent_by_index() -> None:
    actions = {"label": "c2pa.actions.v2", "data": {
        "softwareAgents": [{"name": "Imagen"}],
        "actions": [{"action": "c2pa.created", "softwareAgentIndex": 0,
                     "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/"
                                          "compositeWithTrainedAlgorithmicMedia"}],
    }}  # fmt: skip
    found = sort_store(store(assertions=[actions])).credentials
    assert (found.agents, found.ai_tools) == (("Imagen",), ("Imagen",))


def test_earlier_manifests_add_their_authors_and_file_names() -> None:
    data = store(title="final.jpg")
    data["manifests"]["urn:c2pa:earlier"] = {  # type: ignore[index]
        "title": "DSC_0042.NEF",
        "assertions": [{"label": "stds.schema-org.CreativeWork", "data": {"author": "Bob Roe"}}],
    }
    found = sort_store(data).credentials
    assert (found.title, found.ingredients, found.authors) == (
        "final.jpg",
        ("DSC_0042.NEF",),
        ("Bob Roe",),
    )
    assert found.manifests == 2


def test_odd_shapes_are_skipped_not_fatal() -> None:
    odd = store(assertions=["text", {"label": 3}, {"label": "c2pa.actions", "data": [1]}],
                ingredients={"title": 5}, signature_info="none", thumbnail=[])  # fmt: skip
    found = sort_store(odd)
    assert found.credentials.authors == () and found.thumbnails == []
    assert sort_store({}).credentials.manifests == 0
