"""The secretariat's moderation pages, through Django's test client: who may see them, what
they show, and that a bad request changes nothing."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import UserFactory
from undersigned.core.models import AuditEvent
from undersigned.cosigners import moderation
from undersigned.cosigners.models import IndividualSignature
from undersigned.cosigners.services import confirm_signature, erase_own_data, sign_as_person


def sign(statement, version, email, *, address="203.0.113.9", confirm=True):
    signed = sign_as_person(
        statement,
        language="en",
        version_hash=version.content_hash,
        name=email.split("@")[0].title(),
        email=email,
        client_address=address,
    )
    if confirm:
        return confirm_signature(signed.signature)[0]
    return signed.signature


def url(name, statement) -> str:
    return reverse(f"cosigners:moderation_{name}", args=[statement.pk])


def states() -> dict[str, str]:
    return dict(IndividualSignature.objects.order_by("pk").values_list("name", "state"))


@pytest.fixture
def staff(client, secretariat):
    client.force_login(secretariat)
    return client


PAGES = ["trends", "signatures", "invalidate"]


@pytest.mark.parametrize("name", PAGES)
def test_a_reader_signed_out_is_sent_to_sign_in(client, statement, name):
    response = client.get(url(name, statement))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


@pytest.mark.parametrize("name", PAGES)
def test_a_person_outside_the_secretariat_is_refused(client, opening, statement, version, name):
    ana = sign(statement, version, "ana@spam.example")
    client.force_login(UserFactory())
    assert client.get(url(name, statement)).status_code == 403
    held = client.post(url("signatures", statement), {"action": "hold", "signature": [ana.pk]})
    bulk = client.post(
        url("invalidate", statement), {"domain": "spam.example", "expected_count": "1"}
    )
    assert (held.status_code, bulk.status_code, states()) == (403, 403, {"Ana": "confirmed"})


def test_posts_need_the_csrf_token(opening, statement, version, secretariat):
    ana = sign(statement, version, "ana@spam.example")
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat)
    held = client.post(url("signatures", statement), {"action": "hold", "signature": [ana.pk]})
    bulk = client.post(
        url("invalidate", statement), {"domain": "spam.example", "expected_count": "1"}
    )
    assert (held.status_code, bulk.status_code, states()) == (403, 403, {"Ana": "confirmed"})


def test_the_secretariat_page_links_to_moderation(staff, opening, statement):
    page = staff.get(reverse("secretariat:statement", args=[statement.pk])).content.decode()
    assert f'href="{url("trends", statement)}"' in page


def test_the_trends_page_shows_domains_and_network_labels_never_addresses(
    staff, opening, statement, version
):
    ana = sign(statement, version, "ana@spam.example", confirm=False)
    sign(statement, version, "bo@spam.example")

    response = staff.get(url("trends", statement))

    html = response.content.decode()
    assert response.status_code == 200
    assert "spam.example" in html and ana.network_hash[:8] in html
    assert "203.0.113" not in html and ana.network_hash not in html and "ana@" not in html
    assert "?domain=spam.example&amp;since=" in html  # the preview of that domain, one click
    assert staff.get(url("trends", statement) + "?window=day").status_code == 200


def test_the_trends_page_lists_only_the_minutes_with_signatures(staff, opening, statement, version):
    signatures = [sign(statement, version, "a@x.example")]
    signatures.append(sign(statement, version, "b@x.example", confirm=False))
    # both in one whole minute, whatever the clock did between them
    minute = timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=2)
    IndividualSignature.objects.filter(pk__in=[s.pk for s in signatures]).update(created_at=minute)

    html = staff.get(url("trends", statement)).content.decode()

    timeline = html.split('aria-labelledby="timeline-heading"')[1].split("</table>")[0]
    assert timeline.count('<th scope="row">') == 1  # one busy minute of sixty
    assert "Periods without signatures are left out." in html


def test_the_trends_page_of_a_quiet_hour_has_no_empty_timeline(staff, opening, statement):
    html = staff.get(url("trends", statement)).content.decode()
    assert 'aria-labelledby="timeline-heading"' not in html
    assert "0 signatures" in html


def test_the_trends_page_says_in_which_time_zone_it_counts(staff, opening, statement, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    html = staff.get(url("trends", statement)).content.decode()
    assert re.search(r"Since \d{4}-\d\d-\d\d \d\d:\d\d CES?T: 0 signatures", html)


def test_the_trends_page_costs_the_same_queries_for_one_signature_or_three(
    staff, opening, statement, version
):
    """The trends are a fixed number of GROUP BY queries, not one per signature or source."""
    sign(statement, version, "a@x.example")
    staff.get(url("trends", statement))
    with CaptureQueriesContext(connection) as one:
        staff.get(url("trends", statement))
    for i in range(2):
        sign(statement, version, f"p{i}@y{i}.example", address=f"198.51.{i}.1")
    with CaptureQueriesContext(connection) as three:
        staff.get(url("trends", statement))
    assert len(three.captured_queries) == len(one.captured_queries)


def test_the_secretariat_holds_and_releases_from_the_list(staff, opening, statement, version):
    ana = sign(statement, version, "ana@spam.example")
    bo = sign(statement, version, "bo@uni.example")
    listing = url("signatures", statement) + "?domain=spam.example"

    page = staff.get(listing).content.decode()
    # as a cell's text: a random CSRF token may hold "Bo" anywhere
    assert re.search(r">\s*Ana\s*<", page) and not re.search(r">\s*Bo\s*<", page)

    response = staff.post(listing, {"action": "hold", "signature": [ana.pk], "reason": "odd"})
    assert response.status_code == 302 and response["Location"] == listing
    assert states() == {"Ana": "held", "Bo": "confirmed"}
    assert "1 signature held." in staff.get(listing).content.decode()

    staff.post(listing, {"action": "release", "signature": [ana.pk]})
    assert states() == {"Ana": "confirmed", "Bo": "confirmed"}
    assert bo.state == "confirmed"


def test_the_list_says_which_signatures_lost_their_name_because_their_signer_deleted_it(
    staff, opening, statement, version
):
    sign(statement, version, "kept@example.org")
    erase_own_data(sign(statement, version, "gone@example.org"))

    page = staff.get(url("signatures", statement)).content.decode()

    names = [
        " ".join(re.sub(r"<[^>]+>", "", cell).split())
        for cell in re.findall(r"</time></td>\s*<td>(.*?)</td>", page)
    ]
    # Newest first; a row with no name and no domain said nothing of why.
    assert names == ["data deleted by the signer", "Kept"]


@pytest.mark.parametrize(
    "data",
    [
        {"action": "hold"},  # nothing chosen
        {"action": "hold", "signature": ["x"]},
        {"action": "explode", "signature": ["1"]},
        {"action": "release", "signature": ["1"]},  # not held
    ],
)
def test_a_bad_choice_is_a_sentence_and_changes_nothing(staff, opening, statement, version, data):
    ana = sign(statement, version, "ana@spam.example")
    data = {
        **data,
        "signature": [str(ana.pk) if v == "1" else v for v in data.get("signature", [])],
    }
    before = AuditEvent.objects.count()

    response = staff.post(url("signatures", statement), data)

    assert response.status_code == 400
    assert 'class="messages"' in response.content.decode()
    assert (states(), AuditEvent.objects.count()) == ({"Ana": "confirmed"}, before)


def test_a_bad_filter_is_a_sentence_in_the_readers_language(staff, opening, statement):
    with translation.override("fr"):
        response = staff.get(
            url("signatures", statement) + "?domain=pas+un+domaine", HTTP_ACCEPT_LANGUAGE="fr"
        )
    assert response.status_code == 400
    assert "n’est pas un domaine" in response.content.decode()


def test_the_preview_then_the_confirmation_invalidates_a_domain(staff, opening, statement, version):
    sign(statement, version, "a@spam.example")
    sign(statement, version, "b@spam.example", confirm=False)
    sign(statement, version, "cy@uni.example")

    preview = staff.get(url("invalidate", statement), {"domain": "spam.example"})

    html = preview.content.decode()
    assert preview.status_code == 200
    assert "2 signatures would be invalidated: 1 confirmed, 1 pending, 0 held." in html
    assert 'name="expected_count" value="2"' in html
    response = staff.post(
        url("invalidate", statement),
        {"domain": "spam.example", "expected_count": "2", "reason": "flood"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("trends", statement)
    assert states() == {"A": "invalidated", "B": "invalidated", "Cy": "confirmed"}
    assert AuditEvent.objects.filter(kind="individuals.invalidated_in_bulk").count() == 1


def test_a_changed_count_shows_the_new_preview_instead_of_acting(
    staff, opening, statement, version
):
    sign(statement, version, "a@spam.example")
    sign(statement, version, "b@spam.example")  # came after a preview that counted one

    response = staff.post(
        url("invalidate", statement), {"domain": "spam.example", "expected_count": "1"}
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert "it is now 2" in html and 'name="expected_count" value="2"' in html
    assert states() == {"A": "confirmed", "B": "confirmed"}


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Choose a domain, a network or a time window."),
        ({"domain": "no domain"}, "is not an e-mail domain"),
        ({"network": "zz"}, "label as shown"),
        ({"since": "2026-11-30T10:00", "until": "2026-11-30T09:00"}, "must come after its start"),
        ({"since": "yesterday"}, "Enter a valid date/time."),
        ({"domain": "spam.example"}, "Preview the invalidation first."),
    ],
)
def test_bad_criteria_are_refused_with_a_sentence_and_change_nothing(
    staff, opening, statement, version, data, error
):
    sign(statement, version, "a@spam.example")
    response = staff.post(url("invalidate", statement), data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert states() == {"A": "confirmed"}


def test_a_preview_without_criteria_asks_for_them(staff, opening, statement):
    response = staff.get(url("invalidate", statement))
    assert response.status_code == 200
    assert "would be invalidated" not in response.content.decode()


def test_a_signer_held_before_confirming_is_told_so_and_the_link_works_after_release(
    client, opening, statement, version, secretariat
):
    signed = sign_as_person(
        statement, language="en", version_hash=version.content_hash, name="A", email="a@x.org"
    )
    link = reverse("cosigners:confirm", args=[signed.token])
    moderation.hold_signatures(statement, [signed.signature.pk], by=secretariat)

    held = client.get(link)
    pressed = client.post(link)

    assert (held.status_code, pressed.status_code) == (409, 409)
    assert "Your signature is being reviewed" in held.content.decode()
    assert held["Cache-Control"] == "no-store"
    assert IndividualSignature.objects.get().state == "held"
    moderation.release_signatures(statement, [signed.signature.pk], by=secretariat)
    assert client.post(link).status_code == 302
    assert IndividualSignature.objects.get().state == "confirmed"
