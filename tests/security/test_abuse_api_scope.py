"""Abuse: an outlet's API token reaching for another outlet's cards (reading them, moving them)."""

from tests.support.known import HOLDERS

ZHANG = HOLDERS["zhang"]["card_number"]


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def move(client, token, **body):
    return client.post("/api/v1/card-moves", json={"card_number": ZHANG, **body}, headers=bearer(token))


def lookup(client, token):
    return client.post("/api/v1/card-lookup", json={"card_number": ZHANG}, headers=bearer(token))


def waiting(client, token):
    response = client.get("/api/v1/uncollected-cards?all=1", headers=bearer(token))
    assert response.status_code == 200
    return [card["number_last4"] for card in response.get_json()["cards"]]


def applied_at_dongcheng(client, make_token):
    """Dongcheng takes zhang's formal report and replacement application; the factory makes the card."""
    dongcheng = make_token("outlet-dc", outlet="BJ-DC-01")
    assert move(client, dongcheng, state="formal_loss").status_code == 201
    assert move(client, dongcheng, state="replacement_applied").status_code == 201
    factory = make_token("factory", "production")
    assert move(client, factory, state="in_production").status_code == 201
    return dongcheng, factory


def test_another_outlets_token_cannot_declare_the_card_ready_at_its_own_counter(
    client, cardholders, outlets, make_token
):
    dongcheng, _ = applied_at_dongcheng(client, make_token)
    chaoyang = make_token("outlet-cy", outlet="BJ-CY-01")
    refused = move(client, chaoyang, state="ready", outlet_code="BJ-CY-01")
    assert refused.status_code == 403 and refused.get_json()["error"] == "outside_token_scope"
    assert (
        move(client, dongcheng, state="ready", outlet_code="BJ-DC-01").status_code == 201
    )  # the right outlet still can
    assert move(client, chaoyang, state="collected", new_card_number="B20000001").status_code == 403


def test_another_outlets_token_cannot_read_a_card_in_that_outlets_care(client, cardholders, outlets, make_token):
    dongcheng, factory = applied_at_dongcheng(client, make_token)
    assert move(client, factory, state="ready", outlet_code="BJ-DC-01").status_code == 201
    chaoyang = make_token("outlet-cy", outlet="BJ-CY-01")
    refused = lookup(client, chaoyang)
    assert refused.status_code == 403 and "history" not in refused.get_json()
    assert lookup(client, dongcheng).status_code == 200
    assert waiting(client, chaoyang) == [] and waiting(client, dongcheng) == [ZHANG[-4:]]


def test_the_factory_and_the_centre_see_and_move_as_before(client, cardholders, outlets, make_token):
    _, factory = applied_at_dongcheng(client, make_token)
    centre = make_token("centre")  # --all-outlets
    assert move(client, factory, state="ready", outlet_code="BJ-DC-01").status_code == 201
    assert lookup(client, factory).status_code == 200 and lookup(client, centre).status_code == 200
    assert waiting(client, centre) == [ZHANG[-4:]] and waiting(client, factory) == [ZHANG[-4:]]


def test_a_walk_in_at_any_outlet_can_still_be_served(client, cardholders, outlets, make_token):
    """No outlet has an active card in hand: any outlet looks it up and takes the formal report."""
    chaoyang = make_token("outlet-cy", outlet="BJ-CY-01")
    assert lookup(client, chaoyang).status_code == 200
    assert move(client, chaoyang, state="formal_loss").status_code == 201
