"""The pages of individual co-signers, through Django's test client."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import UserFactory
from undersigned.core.events import EventKind
from undersigned.core.models import AuditEvent, RateLimitHit
from undersigned.core.tokens import derived_verifier
from undersigned.cosigners import proof
from undersigned.cosigners.models import FieldUse, IndividualSignature, Leaf, Listing
from undersigned.cosigners.services import (
    CONFIRM_LINK,
    confirm_signature,
    set_opening,
    sign_as_person,
)

# The whole public page with its individuals (opening, count, list settings, first page of
# names, and the same for the Document its downloads print): the same for any number of names.
QUERIES_OF_THE_STATEMENT_PAGE = 16
LINK = re.compile(r"http://[^/\s]+(/people/(?:confirm|receipt)/\S+/)")


def page(statement) -> str:
    return reverse("publishing:statement_language", args=[statement.document_id, "en"])


def sign_url(statement) -> str:
    return reverse("cosigners:sign", args=[statement.document_id, "en"])


def form_data(version, **changes):
    data = {
        "name": "Ana Lopez",
        "email": "ana@example.org",
        "affiliation": "University of Lyon",
        "country": "FR",
        "city": "Lyon",
        "website": "",
        "version_hash": version.content_hash,
        "proof": proof.solve(proof.new_challenge(50)),
    }
    return {**data, **changes}


def confirmed(statement, version, n: int, prefix: str = "Person") -> None:
    for i in range(n):
        signed = sign_as_person(
            statement,
            language="en",
            version_hash=version.content_hash,
            name=f"{prefix} {i:03d}",
            email=f"p{i}@{prefix.lower()}.example",
        )
        confirm_signature(signed.signature)


def test_the_statement_page_offers_the_form_without_a_csrf_token(client, opening, statement):
    response = client.get(page(statement))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'action="{sign_url(statement)}"' in html
    assert 'name="csrfmiddlewaretoken"' not in html  # the page stays shareable by the page cache
    assert 'name="affiliation"' in html and 'name="city"' in html
    assert "0 people have signed." in html


def test_a_statement_not_open_to_individuals_shows_no_form(client, statement):
    html = client.get(page(statement)).content.decode()
    assert "cosigners" not in html and "Add your name" not in html


def test_signing_redirects_to_check_the_mailbox_and_mails_the_link(
    client, opening, statement, version, deliver
):
    with deliver():
        response = client.post(sign_url(statement), form_data(version))
    assert response.status_code == 302
    assert response.url == reverse("cosigners:sent", args=[statement.document_id, "en"])
    assert "Check your mailbox" in client.get(response.url).content.decode()
    (message,) = deliver.outbox
    assert message.to == ["ana@example.org"]
    assert IndividualSignature.objects.get().state == "pending"


def test_the_confirmation_link_asks_for_a_press_and_only_the_post_confirms(
    client, opening, statement, version, deliver
):
    with deliver():
        client.post(sign_url(statement), form_data(version))
    path = LINK.search(deliver.outbox[0].body).group(1)
    shown = client.get(path)
    assert shown.status_code == 200
    assert shown["Cache-Control"] == "no-store"
    assert shown["Referrer-Policy"] == "same-origin"
    assert IndividualSignature.objects.get().state == "pending"
    with deliver():
        response = client.post(path)
    assert response.status_code == 302
    assert IndividualSignature.objects.get().state == "confirmed"
    receipt = client.get(response.url)
    html = receipt.content.decode()
    assert version.content_hash in html and "confirmed" in html
    assert html.count("Thank you: your signature is confirmed.") == 1
    assert LINK.search(deliver.outbox[1].body).group(1) == response.url
    assert client.post(path).status_code == 410  # spent


def test_the_confirmed_name_shows_on_the_statement_page_but_not_the_address(
    client, opening, statement, version
):
    confirmed(statement, version, 1)
    html = client.get(page(statement)).content.decode()
    assert "1 person has signed." in html
    assert "Person 000" in html
    assert "@person.example" not in html


def test_a_counted_statement_shows_the_count_and_no_names(client, statement, version, secretariat):
    from undersigned.cosigners.services import set_opening

    set_opening(statement, language="en", listing="counted", by=secretariat)
    confirmed(statement, version, 2)
    html = client.get(page(statement)).content.decode()
    assert "2 people have signed." in html and "Person 000" not in html
    people = reverse("cosigners:people", args=[statement.document_id, "en"])
    assert client.get(people).status_code == 404


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"name": ""}, "This field is required."),
        ({"email": "nobody"}, "Enter a valid email address."),
        ({"country": "ZZ"}, "Select a valid choice."),
        ({"version_hash": "0" * 64}, "The text changed while you were reading it."),
    ],
)
def test_bad_input_is_answered_400_with_the_form_and_what_was_typed(
    client, opening, statement, version, changes, error
):
    response = client.post(sign_url(statement), form_data(version, **changes))
    html = response.content.decode()
    assert response.status_code == 400
    assert error in html
    assert "University of Lyon" in html  # nothing typed is lost
    assert IndividualSignature.objects.count() == 0


def test_the_honeypot_is_answered_like_a_person_and_nothing_is_stored(
    client, opening, statement, version, deliver
):
    with deliver():
        response = client.post(sign_url(statement), form_data(version, website="http://spam"))
    assert response.status_code == 302
    assert IndividualSignature.objects.count() == 0
    assert deliver.outbox == []


def test_a_cross_site_form_is_refused(client, opening, statement, version):
    response = client.post(
        sign_url(statement), form_data(version), headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403
    assert IndividualSignature.objects.count() == 0


def test_signatures_from_one_network_are_limited(client, opening, statement, version, settings):
    settings.COSIGNERS_PER_NETWORK = 2
    statuses = [
        client.post(
            sign_url(statement),
            form_data(version, email=f"p{n}@example.org"),
            REMOTE_ADDR=f"198.51.100.{n}",
        ).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert IndividualSignature.objects.count() == 2
    # Another network still signs; no address is kept in the counts.
    other = client.post(
        sign_url(statement), form_data(version, email="q@example.org"), REMOTE_ADDR="192.0.2.1"
    )
    assert other.status_code == 302
    assert not RateLimitHit.objects.filter(key__contains="198.51").exists()


def test_signatures_from_one_email_domain_are_limited(
    client, opening, statement, version, settings
):
    settings.COSIGNERS_PER_DOMAIN = 1
    first = client.post(sign_url(statement), form_data(version, email="a@crowd.example"))
    second = client.post(sign_url(statement), form_data(version, email="b@Crowd.example"))
    assert (first.status_code, second.status_code) == (302, 429)
    assert "Too many signatures" in second.content.decode()


def test_a_provider_that_polices_its_accounts_is_limited_per_address_not_per_domain(
    client, opening, statement, version, settings
):
    settings.COSIGNERS_PER_DOMAIN = 1
    settings.COSIGNERS_POLICED_PROVIDERS = frozenset({"bigmail.example"})
    first = client.post(sign_url(statement), form_data(version, email="a@bigmail.example"))
    second = client.post(sign_url(statement), form_data(version, email="b@BigMail.example"))
    assert (first.status_code, second.status_code) == (302, 302)
    settings.COSIGNERS_POLICED_PROVIDERS = frozenset()  # counted as one domain again
    third = client.post(sign_url(statement), form_data(version, email="c@bigmail.example"))
    fourth = client.post(sign_url(statement), form_data(version, email="d@bigmail.example"))
    assert (third.status_code, fourth.status_code) == (302, 429)


def test_a_statement_not_open_in_that_language_answers_404(client, statement, version):
    assert client.post(sign_url(statement), form_data(version)).status_code == 404


def test_the_receipt_withdraws_then_deletes(client, opening, statement, version):
    signed = sign_as_person(
        statement, language="en", version_hash=version.content_hash, name="Ana", email="a@x.org"
    )
    _signature, token = confirm_signature(signed.signature)
    url = reverse("cosigners:receipt", args=[token])
    response = client.post(url, {"action": "withdraw"})
    assert response.status_code == 302
    assert IndividualSignature.objects.get().state == "withdrawn"
    again = client.post(url, {"action": "withdraw"})
    assert again.status_code == 409
    asked = client.post(url, {"action": "erase"})
    assert asked.status_code == 200
    assert "Yes, delete my data" in asked.content.decode()
    assert IndividualSignature.objects.get().email == "a@x.org"
    erased = client.post(url, {"action": "erase", "confirm": "yes"})
    assert erased.status_code == 200
    assert IndividualSignature.objects.get().email == ""
    assert client.get(url).status_code == 410
    assert list(Leaf.objects.order_by("pk").values_list("kind", flat=True)) == [
        "confirmed",
        "withdrawn",
        "erased",
    ]


def test_an_unknown_receipt_answers_410(client, db):
    assert client.get(reverse("cosigners:receipt", args=["abc.def"])).status_code == 410


def test_the_list_page_is_paginated_and_searchable(
    client, opening, statement, version, django_assert_max_num_queries
):
    confirmed(statement, version, 102)
    url = reverse("cosigners:people", args=[statement.document_id, "en"])
    with django_assert_max_num_queries(12):
        first = client.get(url).content.decode()
    assert "Person 000" in first and "Person 099" in first and "Person 100" not in first
    assert "Page 1 of 2" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "Person 101" in second and 'start="101"' in second
    found = client.get(url, {"q": "person 05"}).content.decode()
    assert re.findall(r"Person \d+", found) == [f"Person {n:03d}" for n in range(50, 60)]
    # The statement page shows the first page and links to the rest.
    assert url in client.get(page(statement)).content.decode()


def test_the_secretariat_opens_a_statement_on_its_page(client, statement, secretariat):
    client.force_login(secretariat)
    manage = reverse("secretariat:statement", args=[statement.pk])
    shown = client.get(manage).content.decode()
    assert "Individuals" in shown and "Page in English" in shown  # the language by its name
    response = client.post(
        reverse("cosigners:set_opening", args=[statement.pk]),
        {
            "language": "en",
            "en-listing": "listed",
            "en-affiliation": "shown",
            "en-country": "asked",
            "en-city": "no",
        },
    )
    assert response.status_code == 302
    opening = statement.openings.get()
    assert (opening.listing, opening.shown(), opening.asked()) == (
        "listed",
        ["affiliation"],
        ["affiliation", "country"],
    )


@pytest.mark.parametrize(
    ("url", "data", "said"),
    [
        ("cosigners:set_opening", {"language": "en", "en-listing": "listed",
         "en-affiliation": "no", "en-country": "no", "en-city": "no"},
         "Individuals: settings saved."),
        ("cosigners:set_people_list", {"list-order": "time"},
         "List of individuals: settings saved."),
        ("cosigners:set_people_list", {"list-order": "nonsense"},
         "Choose an order, and a number of names that is 0 or more."),
    ],
)  # fmt: skip
def test_saving_the_settings_leads_back_to_their_section_with_the_message_in_it(
    client, statement, secretariat, url, data, said
):
    client.force_login(secretariat)

    response = client.post(reverse(url, args=[statement.pk]), data)

    manage = reverse("secretariat:statement", args=[statement.pk])
    assert (response.status_code, response["Location"]) == (302, f"{manage}#individuals")
    shown = client.get(manage).content.decode()
    section = shown.split('<section id="individuals"', 1)[1].split("</section>", 1)[0]
    assert said in section
    assert shown.count(said) == 1  # not at the top of the page as well


def test_others_cannot_open_a_statement_nor_export(client, statement):
    client.force_login(UserFactory())
    response = client.post(
        reverse("cosigners:set_opening", args=[statement.pk]),
        {"language": "en", "en-listing": "listed"},
    )
    assert response.status_code == 403
    assert client.get(reverse("cosigners:export", args=[statement.pk])).status_code == 403
    assert not statement.openings.exists()


def test_the_export_is_safe_to_open_in_a_spreadsheet(
    client, opening, statement, version, secretariat
):
    signed = sign_as_person(
        statement,
        language="en",
        version_hash=version.content_hash,
        name='=HYPERLINK("http://evil")',
        email="a@x.org",
        affiliation="+SUM(1)",
    )
    confirm_signature(signed.signature)
    client.force_login(secretariat)
    response = client.get(reverse("cosigners:export", args=[statement.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("name,affiliation,country,city,email,state")
    assert lines[1].startswith('"\'=HYPERLINK(""http://evil"")",\'+SUM(1),')


def test_the_export_leaves_an_event_saying_who_exported_whose_signers_and_how_many(
    client, opening, statement, version, secretariat
):
    confirmed(statement, version, 2)
    sign_as_person(  # not confirmed: the file has it too
        statement, language="en", version_hash=version.content_hash, name="P", email="p@x.org"
    )
    client.force_login(secretariat)
    before = AuditEvent.objects.count()

    response = client.get(reverse("cosigners:export", args=[statement.pk]))

    assert response.status_code == 200
    event = AuditEvent.objects.get(kind=EventKind.INDIVIDUALS_EXPORTED)
    assert (event.actor_ref, event.statement_ref, event.data) == (
        secretariat.pk,
        statement.pk,
        {"rows": 3},  # every signature with data, pending too, as the file has them
    )
    assert AuditEvent.objects.count() == before + 1


def test_a_refused_export_leaves_no_event(client, statement):
    client.force_login(UserFactory())

    client.get(reverse("cosigners:export", args=[statement.pk]))

    assert not AuditEvent.objects.filter(kind=EventKind.INDIVIDUALS_EXPORTED).exists()


@pytest.mark.parametrize("names", [1, 3])
def test_the_statement_page_costs_the_same_queries_for_one_name_or_three(
    client, opening, statement, version, names, django_assert_num_queries
):
    confirmed(statement, version, names)
    client.get(page(statement))  # the coalition row and the session table exist
    with django_assert_num_queries(QUERIES_OF_THE_STATEMENT_PAGE):
        response = client.get(page(statement))
    assert response.content.decode().count('class="person-name"') == names


def test_a_confirmation_after_the_statement_closed_says_so(client, opening, statement, version):
    signed = sign_as_person(
        statement, language="en", version_hash=version.content_hash, name="Ana", email="a@x.org"
    )
    statement.state = "closed"
    statement.save()
    response = client.post(reverse("cosigners:confirm", args=[signed.token]))
    assert response.status_code == 409
    assert "no longer accepts signatures" in response.content.decode()
    assert IndividualSignature.objects.get().state == "pending"


def test_the_confirmation_is_written_in_the_readers_interface_language(
    client, opening, statement, version, deliver
):
    with deliver():
        client.post(sign_url(statement), form_data(version), HTTP_ACCEPT_LANGUAGE="de")
    assert (
        deliver.outbox[0].subject
        == f"Bestätigen Sie Ihre Unterschrift unter {statement.document_id}"
    )


def test_the_form_asks_its_browser_for_a_proof_of_work(client, opening, statement):
    html = client.get(page(statement)).content.decode()
    assert f'data-proof-url="{reverse("cosigners:challenge")}"' in html
    assert "cosigners/proof.js" in html
    response = client.get(reverse("cosigners:challenge"))
    challenge = response.json()
    assert (response["Cache-Control"], challenge["maxnumber"]) == ("no-store", 50)
    assert proof.verified(proof.solve(challenge)) == challenge["challenge"]


@pytest.mark.parametrize("answer", ["", "bm90IGpzb24=", "forged"])
def test_a_signature_without_a_genuine_proof_is_refused(
    client, opening, statement, version, answer
):
    response = client.post(sign_url(statement), form_data(version, proof=answer))
    assert response.status_code == 400
    assert "The check that keeps robots out did not finish" in response.content.decode()
    assert 'name="proof" value=""' in response.content.decode()
    assert IndividualSignature.objects.count() == 0


def test_a_proof_answers_one_signature_only(client, opening, statement, version):
    answer = proof.solve(proof.new_challenge(50))
    first = client.post(sign_url(statement), form_data(version, proof=answer))
    again = client.post(sign_url(statement), form_data(version, proof=answer, email="b@x.org"))
    assert (first.status_code, again.status_code) == (302, 400)
    assert IndividualSignature.objects.count() == 1


def test_a_refused_signature_still_spends_its_proof_and_counts(
    client, opening, statement, version, settings
):
    """The limits are counted in the signature's transaction, but a refusal keeps its hits."""
    settings.COSIGNERS_PER_NETWORK = 1
    answer = proof.solve(proof.new_challenge(50))
    refused = client.post(sign_url(statement), form_data(version, proof=answer, version_hash="x"))
    assert refused.status_code == 400 and "The text changed" in refused.content.decode()
    again = client.post(sign_url(statement), form_data(version, proof=answer))
    assert again.status_code == 400  # the proof was spent
    other = client.post(sign_url(statement), form_data(version))
    assert other.status_code == 429  # the network's one signature was counted
    assert not IndividualSignature.objects.exists()


# Reading the coalition, the statement, its versions and its opening; then one transaction (a
# savepoint inside the test's, which shows no BEGIN or COMMIT): three limits, each counted and
# hit in one statement; the signature inserted unless its address signed; its e-mail's task.
QUERIES_OF_A_SIGNATURE = 14
QUERIES_OF_A_CONFIRMATION = 7


def test_signing_and_confirming_cost_few_queries(
    client, opening, statement, version, django_assert_num_queries
):
    data = form_data(version)
    proof_lock = connection.vendor == "postgresql"  # SQLite's transactions take turns anyway
    with django_assert_num_queries(QUERIES_OF_A_SIGNATURE + proof_lock):
        assert client.post(sign_url(statement), data).status_code == 302
    signature = IndividualSignature.objects.get()
    token = (
        f"{signature.confirm_selector}.{derived_verifier(CONFIRM_LINK, signature.confirm_selector)}"
    )
    with django_assert_num_queries(QUERIES_OF_A_CONFIRMATION):
        response = client.post(reverse("cosigners:confirm", args=[token]))
    assert response.status_code == 302
    assert IndividualSignature.objects.get().state == "confirmed"
    assert Leaf.objects.get().kind == "confirmed"


def test_without_a_proof_of_work_the_form_needs_no_script(
    client, opening, statement, version, settings
):
    settings.COSIGNERS_PROOF_OF_WORK = 0
    assert "proof.js" not in client.get(page(statement)).content.decode()
    assert client.get(reverse("cosigners:challenge")).status_code == 404
    assert client.post(sign_url(statement), form_data(version, proof="")).status_code == 302


def test_a_confirmation_link_opened_again_says_a_confirmed_signature_counts_and_leads_on(
    client, opening, statement, version, deliver
):
    with deliver():
        client.post(sign_url(statement), form_data(version))
    path = LINK.search(deliver.outbox[0].body).group(1)
    client.post(path)

    again = client.get(path, HTTP_ACCEPT_LANGUAGE="fr")

    html = again.content.decode()
    assert again.status_code == 410
    assert "Si vous avez déjà confirmé votre signature, elle compte" in html
    assert '<a href="/statements/">Déclarations</a>' in html


def test_the_receipt_names_the_persons_name_as_a_persons_in_russian(
    client, opening, statement, version, deliver
):
    with deliver():
        client.post(sign_url(statement), form_data(version))
    with deliver():
        confirmation = client.post(LINK.search(deliver.outbox[0].body).group(1))

    receipt = client.get(confirmation.url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    assert "<dt>Имя</dt>" in receipt
    assert "Название" not in receipt


def test_the_help_of_a_signing_field_is_the_one_its_input_names_for_screen_readers(
    client, opening, statement
):
    html = client.get(page(statement)).content.decode()

    described = re.search(r'<input type="email"[^>]*aria-describedby="([^"]+)"', html).group(1)
    assert f'<small id="{described}">' in html


def test_each_person_is_written_with_the_fields_shown_and_escaped(
    client, opening, statement, version, secretariat
):
    set_opening(
        statement, language="en", listing=Listing.LISTED, by=secretariat,
        affiliation=FieldUse.SHOWN, country=FieldUse.SHOWN, city=FieldUse.SHOWN,
    )  # fmt: skip
    signed = sign_as_person(
        statement,
        language="en",
        version_hash=version.content_hash,
        name="Ana <b>Lopez</b>",
        email="ana@example.org",
        affiliation="Lyon & Co",
        country="CI",
        city="Abidjan",
    )
    confirm_signature(signed.signature)
    confirmed(statement, version, 1)  # no affiliation, city nor country
    item = (
        '<li><span class="person-name">Ana &lt;b&gt;Lopez&lt;/b&gt;</span>, '
        '<span class="person-affiliation">Lyon &amp; Co</span>, Abidjan (Côte d’Ivoire)</li>'
    )
    people = reverse("cosigners:people", args=[statement.document_id, "en"])
    for html in (client.get(page(statement)).content.decode(), client.get(people).content.decode()):
        assert item in html
        assert '<li><span class="person-name">Person 000</span></li>' in html


def test_the_list_not_open_in_a_language_says_so_and_links_where_it_is(
    client, opening, statement, version
):
    """Not the generic 404's "may not be published": the statement is; its list of individuals
    is not open in German, and the page links the statement and the English list."""
    response = client.get(reverse("cosigners:people", args=[statement.document_id, "de"]))
    text = response.content.decode()
    assert response.status_code == 404
    assert (
        f"The list of individuals who signed statement {statement.document_id} is not open in "
        "German"
    ) in text
    assert "may not be published" not in text
    assert f'href="{reverse("publishing:statement", args=[statement.document_id])}"' in text
    english = reverse("cosigners:people", args=[statement.document_id, "en"])
    assert f'<a href="{english}" hreflang="en">English</a>' in text
