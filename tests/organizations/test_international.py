"""An international organization works in no one country: the register keeps its country
empty, and every write of it leaves its event like any other."""

import re

import pytest
from django.contrib.auth import get_user_model

from tests.factories import make_secretariat
from undersigned.core.events import EventKind
from undersigned.core.models import AuditEvent
from undersigned.organizations.models import Organization
from undersigned.organizations.services import change_organization, create_organization

pytestmark = pytest.mark.django_db


def test_an_organization_of_no_one_country_is_added_and_its_event_says_so():
    organization = create_organization(
        by=make_secretariat(), name="Third World Network", country=" "
    )

    assert (organization.country, organization.is_international) == ("", True)
    event = AuditEvent.objects.get()
    assert (event.kind, event.data["fields"]["country"]) == (EventKind.ORGANIZATION_CREATED, "")


def test_an_organization_given_a_wrong_country_is_made_international():
    by = make_secretariat()
    organization = create_organization(by=by, name="Third World Network", country="MY")

    change_organization(organization, by=by, country="")

    organization.refresh_from_db()
    assert organization.country == ""
    assert AuditEvent.objects.order_by("seq").last().data == {
        "changed": {"country": ["MY", ""]},
        "translations": {},
    }


def test_the_admin_adds_an_international_organization_through_the_service(client):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))

    client.post(
        "/admin/organizations/organization/add/",
        {"name": "Third World Network", "country": "", "translations-TOTAL_FORMS": "0",
         "translations-INITIAL_FORMS": "0"},
    )  # fmt: skip
    listed = client.get("/admin/organizations/organization/", {"country": "none"})

    assert Organization.objects.get().country == ""
    assert list(AuditEvent.objects.order_by("seq").values_list("kind", flat=True)) == [
        EventKind.ORGANIZATION_CREATED,
        EventKind.ADMIN_ADDED,
    ]
    assert "Third World Network" in listed.content.decode()


def test_the_admins_list_says_international_where_the_country_is_empty(client):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))
    Organization.objects.create(abbreviation="TWN", name="Third World Network", country="")
    Organization.objects.create(abbreviation="MLPD", name="MLPD", country="DE")

    page = client.get("/admin/organizations/organization/").content.decode()

    assert re.findall(r'<td class="field-country_shown">([^<]*)</td>', page) == [
        "DE",
        "international",
    ]
