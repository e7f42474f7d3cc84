"""The secretariat's web import: upload, review, confirm, cancel; who may, and that nothing
is written before confirmation."""

import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.conftest import SEED
from tests.factories import OrganizationFactory, make_delegate, make_secretariat
from undersigned.core.events import EventKind
from undersigned.core.models import AuditEvent
from undersigned.core.tasks import run_pending
from undersigned.importing import services
from undersigned.importing.models import ImportedFile
from undersigned.importing.views import _entries_initial, _header_initial
from undersigned.organizations.models import Organization
from undersigned.signatures.models import Signature
from undersigned.statements.models import Statement

pytestmark = pytest.mark.django_db

UPLOAD = reverse("importing:upload")
DOCUMENT = (
    b"ICOR Resolution on the Strike\n\n"
    b"The undersigned organizations support the strike.\n\n"
    b"Long live solidarity!\n\n"
    b"Signatories (as of 3 May 2021, further signatories possible):\n"
    b"1. RM   Rode Morgen (Red Dawn), Netherlands\n"
    b"2. POR   Partido Obrero Revolucionario (Revolutionary Workers Party), Bolivia\n"
)


@pytest.fixture
def secretariat(client):
    user = make_secretariat()
    client.force_login(user)
    return user


@pytest.fixture
def red_dawn(db):
    return OrganizationFactory(abbreviation="RM", name="Rode Morgen", country="NL")


def upload(client, data=DOCUMENT, name="strike.txt", *, read=True):
    """Post the file; then, unless told not to, let the worker read what was queued."""
    response = client.post(UPLOAD, {"files": SimpleUploadedFile(name, data)})
    if read:
        run_pending()
    return response


def staged(user) -> services.PendingImport:
    (pending,) = services.pending_imports(by=user)
    return pending


def review_data(pending, **header) -> dict:
    data = {f"header-{k}": v for k, v in _header_initial(pending.result).items() if v}
    data.update({f"header-{k}": v for k, v in header.items()})
    entries = _entries_initial(pending)
    data["revision"] = pending.revision
    data["entry-TOTAL_FORMS"] = len(entries)
    data["entry-INITIAL_FORMS"] = len(entries)
    for index, entry in enumerate(entries):
        for key, value in entry.items():
            if value not in (False, None):
                data[f"entry-{index}-{key}"] = "on" if value is True else value
    return data


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(UPLOAD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


def test_a_delegate_is_refused(client, red_dawn):
    client.force_login(make_delegate(red_dawn))
    assert client.get(UPLOAD).status_code == 403
    assert upload(client).status_code == 403


def test_an_upload_is_reviewed_before_anything_is_written(client, secretariat, red_dawn):
    counts = (Statement.objects.count(), Organization.objects.count(), Signature.objects.count())

    response = upload(client)

    pending = staged(secretariat)
    assert response.status_code == 302
    assert response["Location"] == reverse("importing:review", args=[pending.id])
    assert counts == (
        Statement.objects.count(),
        Organization.objects.count(),
        Signature.objects.count(),
    )
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"ICOR Resolution on the Strike" in page.content
    assert [m["status"] for m in pending.matches] == ["matched", "new"]
    assert pending.matches[0]["organization"] == red_dawn.pk


def test_confirming_creates_the_draft_organizations_signatures_and_evidence(
    client, secretariat, red_dawn, settings
):
    upload(client)
    pending = staged(secretariat)
    data = review_data(pending, document_id="DOC00412", language="en")
    data["entry-1-name"] = "Partido Obrero Revolucionario de Bolivia"

    response = client.post(reverse("importing:review", args=[pending.id]), data)

    statement = Statement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("secretariat:statement", args=[statement.pk])
    assert (statement.state, statement.document_id, statement.kind) == (
        "draft",
        "DOC00412",
        "resolution",
    )
    assert statement.current_version().title == "ICOR Resolution on the Strike"
    new = Organization.objects.get(abbreviation="POR")
    assert (new.name, new.country) == ("Partido Obrero Revolucionario de Bolivia", "BO")
    assert [(t.language, t.name) for t in new.translations.all()] == [
        ("en", "Revolutionary Workers Party")
    ]
    signatures = list(statement.signatures.order_by("signed_at"))
    assert [s.organization for s in signatures] == [red_dawn, new]
    assert {s.method for s in signatures} == {"imported"}
    sha = hashlib.sha256(DOCUMENT).hexdigest()
    assert signatures[0].evidence == f"Imported from strike.txt (SHA-256 {sha}), entry 1"
    assert signatures[0].signed_at.date().isoformat() == "2021-05-03"
    imported = ImportedFile.objects.get()
    assert (imported.statement, imported.sha256, imported.original_name) == (
        statement,
        sha,
        "strike.txt",
    )
    assert (imported.uploaded_by, imported.file.read()) == (secretariat, DOCUMENT)
    assert services.pending_imports(by=secretariat) == []


def test_a_number_already_in_use_is_refused_and_nothing_is_written(client, example, settings):
    user = make_secretariat()
    client.force_login(user)
    upload(client, SEED.read_bytes(), "ICOR00359.txt")
    pending = staged(user)
    before = (Statement.objects.count(), Organization.objects.count(), Signature.objects.count())

    response = client.post(reverse("importing:review", args=[pending.id]), review_data(pending))

    assert response.status_code == 400
    assert "ICOR00359 is already in use" in response.content.decode()
    after = (Statement.objects.count(), Organization.objects.count(), Signature.objects.count())
    assert after == before
    assert not ImportedFile.objects.exists()
    assert not any((settings.MEDIA_ROOT / "imports").rglob("*.txt"))
    assert services.pending_imports(by=user) == [pending]


def test_an_ambiguous_entry_must_be_decided(client, secretariat):
    OrganizationFactory(abbreviation="CPS", name="Communist Party of Sweden", country="SE")
    OrganizationFactory(abbreviation="CPiS", name="Communist Party in Sweden", country="SE")
    upload(client, b"Title\n\nText.\n\nSignatories:\n1. Communist Party Sweden, Sweden\n")
    pending = staged(secretariat)
    data = review_data(pending, language="en")

    response = client.post(reverse("importing:review", args=[pending.id]), data)

    assert pending.matches[0]["status"] == "ambiguous"
    assert response.status_code == 400
    assert "Choose the organization" in response.content.decode()
    assert not Statement.objects.exists()


def test_cancelling_leaves_no_trace(client, secretariat, settings):
    upload(client)
    pending = staged(secretariat)

    response = client.post(reverse("importing:cancel", args=[pending.id]))

    assert response.status_code == 302
    assert not pending.directory.exists()
    assert client.get(reverse("importing:review", args=[pending.id])).status_code == 404
    assert not Statement.objects.exists()


def test_another_person_cannot_see_an_upload(client, secretariat):
    upload(client)
    pending = staged(secretariat)
    other = Client()
    other.force_login(make_secretariat())
    assert other.get(reverse("importing:review", args=[pending.id])).status_code == 404


def test_a_file_that_is_no_statement_is_refused_on_its_page_with_422(client, secretariat):
    response = upload(client, b"\x00\x01\x02" * 1000, "noise.txt")
    assert response.status_code == 302

    page = client.get(response["Location"])

    assert page.status_code == 422
    assert "noise.txt could not be read: binary data" in page.content.decode()
    assert "Nothing was imported" in page.content.decode()
    assert services.pending_imports(by=secretariat) == []
    assert not Statement.objects.exists()


def test_the_upload_is_read_by_the_worker_not_the_request(client, secretariat):
    response = upload(client, read=False)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Queued: the file will be read in a moment." in page.content.decode()
    assert "importing/progress.js" in page.content.decode()
    asked = client.get(response["Location"], HTTP_ACCEPT="application/json")
    assert asked.json() == {
        "state": "queued",
        "label": "Queued: the file will be read in a moment.",
    }
    assert services.pending_imports(by=secretariat) == []
    assert b"strike.txt</a> \xe2\x80\x94 queued" in client.get(UPLOAD).content

    assert run_pending() == 1

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "ICOR Resolution on the Strike" in page.content.decode()
    assert "progress.js" not in page.content.decode()
    assert client.get(response["Location"], HTTP_ACCEPT="application/json").json() == {
        "state": "done"
    }


def test_a_file_over_its_time_budget_is_stopped_with_a_clear_error(client, secretariat, settings):
    settings.IMPORT_SECONDS = 1
    slow = "\n".join(f"{n}. Partido {n}" + " continued" * 400 for n in range(1, 4000)).encode()
    response = upload(client, b"Title\n\nText.\n\nSignatories:\n" + slow, "slow.txt")

    page = client.get(response["Location"])

    assert page.status_code == 422
    text = page.content.decode()
    assert "Reading slow.txt took longer than 1 seconds, the limit for one file" in text
    assert services.pending_imports(by=secretariat) == []


def test_an_upload_being_read_can_be_cancelled_and_the_task_finds_nothing(client, secretariat):
    response = upload(client, read=False)
    upload_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    client.post(reverse("importing:cancel", args=[upload_id]))
    assert run_pending() == 1
    assert client.get(response["Location"]).status_code == 404
    assert services.pending_imports(by=secretariat) == []


def test_a_file_over_20_mb_is_refused_with_413(client, secretariat):
    response = upload(client, b"a" * (20 * 2**20 + 1), "huge.txt")
    assert response.status_code == 413
    assert "huge.txt is larger than 20 MB" in response.content.decode()


def test_several_files_wait_for_review_one_by_one(client, secretariat):
    files = [SimpleUploadedFile(f"s{n}.txt", DOCUMENT) for n in (1, 2)]
    response = client.post(UPLOAD, {"files": files})
    assert response.status_code == 302
    assert run_pending() == 2
    assert len(services.pending_imports(by=secretariat)) == 2
    assert b"s2.txt" in client.get(UPLOAD).content


def test_a_form_without_its_csrf_token_is_refused(secretariat):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat)
    response = client.post(UPLOAD, {"files": SimpleUploadedFile("s.txt", DOCUMENT)})
    assert response.status_code == 403


def test_the_review_says_when_the_statement_is_already_in_the_register(client, example):
    from pathlib import Path

    from tests.factories import make_secretariat

    client.force_login(make_secretariat())
    seed = Path(__file__).parent.parent / "fixtures" / "seed" / "ICOR00359.txt"
    with seed.open("rb") as upload:
        response = client.post("/secretariat/import/", {"files": upload})
    run_pending()
    page = client.get(response["Location"]).content.decode()
    assert "ICOR00359 already exists" in page


NO_COUNTRIES = (
    b"Joint letter on the archives\n\n"
    b"We ask for open archives.\n\n"
    b"Signatories:\n"
    b"1. Access Info\n"
    b"2. Asociaci\xc3\xb3n de Usuarios de la Comunicaci\xc3\xb3n (AUC)\n"
)


def test_new_organizations_need_no_abbreviation_and_take_the_default_country(client, secretariat):
    """A list of one country seldom prints it, and many organizations have no abbreviation:
    the review asks for neither on each entry when the default country is given."""
    upload(client, NO_COUNTRIES, name="archives.txt")
    pending = staged(secretariat)
    assert [e.country for e in pending.review_entries()] == ["", ""]
    data = review_data(pending, language="es", default_country="es")

    response = client.post(reverse("importing:review", args=[pending.id]), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    created = {o.name: (o.abbreviation, o.country) for o in Organization.objects.all()}
    assert created == {
        "Access Info": ("", "ES"),
        "Asociación de Usuarios de la Comunicación": ("AUC", "ES"),
    }


def test_without_a_country_a_new_organization_is_refused_and_nothing_is_written(
    client, secretariat
):
    upload(client, NO_COUNTRIES, name="archives.txt")
    pending = staged(secretariat)
    data = review_data(pending, language="es")
    data["entry-1-country"] = "ES"  # the second names its country; the first does not

    response = client.post(reverse("importing:review", args=[pending.id]), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "A new organization needs its country" in page
    # once in the summary at the top, once at the field
    assert page.count("A new organization needs its country") == 2
    assert "needs an abbreviation" not in page
    assert (Organization.objects.count(), Statement.objects.count()) == (0, 0)


def review_of_no_countries(client, secretariat, **header):
    """The list that names no country, uploaded; its review's form as sent, with `header`."""
    upload(client, NO_COUNTRIES, name="archives.txt")
    pending = staged(secretariat)
    return pending, review_data(pending, language="es", **header)


def confirmed_countries(client, pending, data) -> dict[str, str]:
    response = client.post(reverse("importing:review", args=[pending.id]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return {o.name: o.country for o in Organization.objects.all()}


def refused(client, pending, data) -> str:
    response = client.post(reverse("importing:review", args=[pending.id]), data)
    assert response.status_code == 400
    assert (Organization.objects.count(), Statement.objects.count()) == (0, 0)
    return response.content.decode()


def test_a_networks_organizations_that_name_no_country_are_registered_as_international(
    client, secretariat
):
    """A letter of international networks names no country: the review says so once, and
    the new organizations are registered with none rather than with a wrong one."""
    pending, data = review_of_no_countries(client, secretariat, default_international="on")
    data["entry-1-country"] = "ES"  # the one that names its country keeps it

    created = confirmed_countries(client, pending, data)

    assert created == {"Access Info": "", "Asociación de Usuarios de la Comunicación": "ES"}
    event = AuditEvent.objects.get(kind=EventKind.IMPORT_CONFIRMED)
    assert (event.data["default_country"], event.data["default_international"]) == ("", True)


def test_a_header_refused_for_its_date_keeps_its_international_for_the_entries(client, secretariat):
    """Published before without a date, and international ticked: the page asks for the date
    only, not for a country for each new organization as if nothing had been ticked."""
    pending, data = review_of_no_countries(
        client, secretariat, default_international="on", published_before="on"
    )
    data.pop("header-document_date", None)
    data.pop("header-as_of", None)

    page = refused(client, pending, data)

    assert "needs the day it was published" in page
    assert "A new organization needs its country" not in page


def test_an_international_organization_offered_for_an_entry_is_said_international(
    client, secretariat
):
    """Offered in the entry's choice of organizations, it was labelled "(–)"."""
    OrganizationFactory(abbreviation="AI", name="Access Info Europe", country="")
    pending, _data = review_of_no_countries(client, secretariat)

    page = client.get(reverse("importing:review", args=[pending.id])).content.decode()

    assert re.search(r">AI – Access Info Europe \(international\) · [\d.]+</option>", page)
    assert "(–)" not in page


def test_one_entry_is_marked_international_beside_a_default_country(client, secretariat):
    """A national list with one network in it: the default country for the others."""
    pending, data = review_of_no_countries(client, secretariat, default_country="ES")
    data["entry-0-international"] = "on"
    data["action"] = "save:0"
    client.post(reverse("importing:review", args=[pending.id]), data)  # kept with the edits
    pending = staged(secretariat)
    assert [e.international for e in pending.review_entries()] == [True, False]

    created = confirmed_countries(
        client, pending, review_data(pending, language="es", default_country="ES")
    )

    assert created == {"Access Info": "", "Asociación de Usuarios de la Comunicación": "ES"}


def test_an_entry_with_a_country_cannot_be_international_too(client, secretariat):
    pending, data = review_of_no_countries(client, secretariat, default_country="ES")
    data["entry-0-country"] = "BE"
    data["entry-0-international"] = "on"

    assert "An international organization has no country" in refused(client, pending, data)


def test_a_default_country_and_international_together_are_refused(client, secretariat):
    pending, data = review_of_no_countries(
        client, secretariat, default_country="ES", default_international="on"
    )

    assert "not both" in refused(client, pending, data)


def test_international_is_kept_with_the_edits_and_shown(client, secretariat):
    pending, data = review_of_no_countries(client, secretariat, default_international="on")
    data["action"] = "save:0"
    client.post(reverse("importing:review", args=[pending.id]), data)

    page = client.get(reverse("importing:review", args=[pending.id])).content.decode()

    assert page.count("none named: international") == 2
    assert ' warn"' not in page


def test_an_unknown_default_country_is_refused(client, secretariat):
    upload(client, NO_COUNTRIES, name="archives.txt")
    pending = staged(secretariat)
    data = review_data(pending, language="es", default_country="XX")

    response = client.post(reverse("importing:review", args=[pending.id]), data)

    assert response.status_code == 400
    assert (Organization.objects.count(), Statement.objects.count()) == (0, 0)


def test_the_default_country_is_kept_with_the_edits_and_shown(client, secretariat):
    upload(client, NO_COUNTRIES, name="archives.txt")
    pending = staged(secretariat)
    data = review_data(pending, language="es", default_country="ES")
    data["action"] = "save:0"
    client.post(reverse("importing:review", args=[pending.id]), data)

    page = client.get(reverse("importing:review", args=[pending.id])).content.decode()

    assert 'name="header-default_country"' in page and 'value="ES"' in page
    assert page.count("none named: ES") == 2
    assert ' warn"' not in page  # no entry is marked as lacking its country any more


def test_a_statement_of_the_archive_is_published_at_once_as_of_its_date_and_nobody_is_told(
    client, secretariat, red_dawn, deliver
):
    from undersigned.core.models import AuditEvent

    upload(client)
    pending = staged(secretariat)
    data = review_data(pending, language="en", published_before="on")
    data["entry-1-country"] = "BO"

    with deliver():
        response = client.post(reverse("importing:review", args=[pending.id]), data)
        run_pending()

    statement = Statement.objects.get()
    assert response.status_code == 302
    assert statement.state == "published"
    assert statement.number is not None
    assert statement.published_at.date().isoformat() == "2021-05-03"  # the list's "as of"
    assert deliver.outbox == []
    event = AuditEvent.objects.filter(kind="statement.state").get()
    assert (event.data["from"], event.data["to"], event.data["published_before"]) == (
        "draft",
        "published",
        True,
    )
    page = client.get(response["Location"], follow=True).content.decode()
    assert "Imported and published with 2 signatures." in page
    assert client.get(f"/statements/{statement.document_id}/").status_code == 200


UNDATED = DOCUMENT.replace(b" (as of 3 May 2021, further signatories possible)", b"")


def test_a_file_that_names_no_date_leaves_the_date_empty_and_marked_doubtful(client, secretariat):
    upload(client, UNDATED, name="letter.txt")
    pending = staged(secretariat)

    page = client.get(reverse("importing:review", args=[pending.id])).content.decode()

    assert _header_initial(pending.result)["document_date"] is None
    assert 'id="no-date"' in page
    assert re.search(r'class="field field-document_date doubt"', page)
    assert 'name="header-document_date" ' in page
    assert not re.search(r'name="header-document_date"[^>]*value=', page)


def test_a_statement_published_before_is_never_dated_the_day_of_its_import(
    client, secretariat, red_dawn
):
    upload(client, UNDATED, name="letter.txt")
    pending = staged(secretariat)
    data = review_data(pending, language="en", published_before="on")
    data["entry-1-country"] = "BO"

    response = client.post(reverse("importing:review", args=[pending.id]), data)

    assert response.status_code == 400
    assert "needs the day it was published" in response.content.decode()
    assert not Statement.objects.exists() and not Signature.objects.exists()


def test_the_date_given_on_review_dates_the_publication_and_the_signatures(
    client, secretariat, red_dawn
):
    upload(client, UNDATED, name="letter.txt")
    pending = staged(secretariat)
    data = review_data(pending, language="en", published_before="on", document_date="2019-03-08")
    data["entry-1-country"] = "BO"

    response = client.post(reverse("importing:review", args=[pending.id]), data)

    statement = Statement.objects.get()
    assert response.status_code == 302
    assert statement.published_at.date().isoformat() == "2019-03-08"
    assert {s.signed_at.date().isoformat() for s in Signature.objects.all()} == {"2019-03-08"}


def test_the_date_the_file_gives_is_offered_and_dates_what_is_imported(
    client, secretariat, red_dawn
):
    letter = UNDATED.replace(
        b"Long live solidarity!", b"Long live solidarity!\n\nBerlin, 8 March 2019"
    )
    upload(client, letter, name="letter.txt")
    pending = staged(secretariat)
    assert _header_initial(pending.result)["document_date"] == "2019-03-08"
    data = review_data(pending, language="en")
    data["entry-1-country"] = "BO"

    client.post(reverse("importing:review", args=[pending.id]), data)

    assert {s.signed_at.date().isoformat() for s in Signature.objects.all()} == {"2019-03-08"}


def test_confirming_without_a_date_is_refused_by_the_service_too(client, secretariat, red_dawn):
    upload(client, UNDATED, name="letter.txt")
    pending = staged(secretariat)
    header = services.Header(
        title="Letter", short_title="Letter", kind="open_letter", language="en",
        published_before=True,
    )  # fmt: skip

    with pytest.raises(services.ImportRefused, match="needs the day it was published"):
        services.confirm_import(pending, header=header, entries=[], by=secretariat)
    assert not Statement.objects.exists()


def long_list(client, secretariat, lines: str) -> tuple[services.PendingImport, dict]:
    """The list staged, and its review form as a browser sends it: every field of the form,
    empty or not, some eleven an entry."""
    upload(client, DOCUMENT.split(b"1. RM")[0] + lines.encode(), name="long.txt")
    pending = staged(secretariat)
    data = review_data(pending)
    for index, entry in enumerate(_entries_initial(pending)):
        for key, value in entry.items():
            data.setdefault(f"entry-{index}-{key}", "" if value in (None, False) else value)
    return pending, data


def test_a_list_of_hundreds_of_entries_can_be_revised_as_a_browser_sends_it(client, secretariat):
    lines = "".join(f"{n}. Workers Group {n} (Group {n}), Netherlands\n" for n in range(1, 301))
    pending, data = long_list(client, secretariat, lines)
    data["action"] = "merge:0"

    response = client.post(reverse("importing:review", args=[pending.id]), data)

    assert response.status_code == 302
    assert len(staged(secretariat).review_entries()) == 299


def test_confirming_a_long_list_with_one_entry_in_error_far_down_says_which_at_the_top(
    client, secretariat
):
    lines = "".join(
        f"{n}. Workers Group {n} (Group {n})" + ("" if n == 87 else ", Netherlands") + "\n"
        for n in range(1, 90)
    )
    pending, data = long_list(client, secretariat, lines)
    data["entry-2-name"] = "Workers Group Three"  # an edit made before confirming
    data["action"] = "confirm"

    response = client.post(reverse("importing:review", args=[pending.id]), data)

    assert response.status_code == 400
    page = response.content.decode()
    summary = page.split('<div class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert page.index('class="error-summary"') < page.index('id="review-form"')
    assert re.findall(r'<li><a href="#([^"]+)">([^<]+)</a></li>', summary) == [
        (
            "id_entry-86-country",
            "Entry 87 (Workers Group 87), Country: A new organization needs its country: "
            "type it here, or give above the country of the organizations that name none, or "
            "say they are international.",
        )
    ]
    assert 'id="id_entry-86-country"' in page
    assert 'value="Workers Group Three"' in page
    assert Statement.objects.count() == 0
