"""One answer to "has anything changed?": the newest audit event, behind the page cache, the
pages' ETag and Last-Modified, and the API."""

import pytest
from django.utils.http import http_date

from tests.factories import make_secretariat
from undersigned.core.generation import RELEASE, content_generation
from undersigned.core.models import AuditEvent
from undersigned.organizations.models import Organization
from undersigned.signatures.models import Signature
from undersigned.signatures.services import pin_position

pytestmark = pytest.mark.django_db


def newest() -> AuditEvent:
    return AuditEvent.objects.order_by("-seq").first()


def test_the_generation_is_the_newest_audit_event(example):
    generation = content_generation()
    assert (generation.seq, generation.at) == (newest().seq, newest().at)
    assert generation.fingerprint == f"{RELEASE}/{newest().seq}/0"  # no individual's leaf yet
    assert content_generation(events_only=True).fingerprint == f"{RELEASE}/{newest().seq}"


def test_an_empty_trail_is_generation_zero(db):
    assert (content_generation().seq, content_generation().at) == (0, None)


def test_an_admin_edit_gives_the_public_page_a_new_etag(client, example, django_user_model):
    page = "/statements/ICOR00359/en/"
    first = client.get(page)
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-123456789")
    rm = Organization.objects.get(abbreviation="RM")
    editor = client.__class__()
    editor.force_login(admin)
    form = {"abbreviation": "RM", "name": "Rode Dageraad", "name_language": rm.name_language,
            "country": rm.country, "translations-TOTAL_FORMS": "0",
            "translations-INITIAL_FORMS": "0"}  # fmt: skip

    saved = editor.post(f"/admin/organizations/organization/{rm.pk}/change/", form)
    again = client.get(page, headers={"if-none-match": first["ETag"]})

    assert saved.status_code == 302
    assert newest().kind == "admin.changed"
    assert again.status_code == 200
    assert "Rode Dageraad" in again.content.decode()
    assert again["Last-Modified"] == http_date(newest().at.timestamp())


def test_the_api_says_when_the_newest_event_happened(client, example):
    mlpd = Signature.objects.get(statement=example, organization__abbreviation="MLPD")
    pin_position(mlpd, position=1, by=make_secretariat())

    response = client.get("/api/v1/statements/ICOR00359/signatories/")

    assert response["Last-Modified"] == http_date(newest().at.timestamp())
