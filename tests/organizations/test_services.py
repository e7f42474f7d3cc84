"""Writes to the register: each leaves its audit event; a refused value writes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from tests.factories import OrganizationFactory, TranslationFactory, make_secretariat
from undersigned.core.events import EventKind
from undersigned.core.models import AuditEvent
from undersigned.organizations.models import Organization
from undersigned.organizations.services import change_organization, create_organization

pytestmark = pytest.mark.django_db


def test_adding_an_organization_records_every_field_and_its_translated_names():
    by = make_secretariat()

    organization = create_organization(
        by=by,
        abbreviation=" PCPCI ",
        name="Parti Communiste Prolétarien de Côte d'Ivoire",
        name_language="fr",
        country="ci",
        translations={"en": "Proletarian Communist Party of Ivory Coast"},
    )

    event = AuditEvent.objects.get()
    assert (event.kind, event.organization_ref, event.actor_ref) == (
        EventKind.ORGANIZATION_CREATED,
        organization.pk,
        by.pk,
    )
    assert event.data == {
        "fields": {
            "abbreviation": "PCPCI",
            "name": "Parti Communiste Prolétarien de Côte d'Ivoire",
            "name_language": "fr",
            "country": "CI",
            "is_member": True,
            "territory_label": "",
            "sort_label": "",
            "website": "",
        },
        "translations": {"en": "Proletarian Communist Party of Ivory Coast"},
    }
    assert list(organization.translations.values_list("language", "name")) == [
        ("en", "Proletarian Communist Party of Ivory Coast")
    ]


def test_an_organization_in_no_country_is_refused_and_nothing_is_written():
    with pytest.raises(ValidationError) as refused:
        create_organization(by=make_secretariat(), name="Nowhere Party", country="XX")

    assert list(refused.value.message_dict) == ["country"]
    assert (Organization.objects.count(), AuditEvent.objects.count()) == (0, 0)


def test_a_change_records_each_changed_field_before_and_after():
    organization = OrganizationFactory(abbreviation="MLPD", country="DE", is_member=True)
    TranslationFactory(organization=organization, language="en", name="Old name")

    change_organization(
        organization,
        by=make_secretariat(),
        abbreviation="MLPD",
        is_member=False,
        sort_label="Deutschland",
        translations={"en": "Marxist-Leninist Party of Germany", "fr": ""},
    )

    event = AuditEvent.objects.get()
    assert event.kind == EventKind.ORGANIZATION_CHANGED
    assert event.data == {
        "changed": {"is_member": [True, False], "sort_label": ["", "Deutschland"]},
        "translations": {"en": ["Old name", "Marxist-Leninist Party of Germany"]},
    }
    organization.refresh_from_db()
    assert (organization.is_member, organization.sort_label) == (False, "Deutschland")


def test_a_change_that_changes_nothing_records_nothing():
    organization = OrganizationFactory(abbreviation="MLPD")

    change_organization(organization, by=None, abbreviation="MLPD", translations={"en": ""})

    assert AuditEvent.objects.count() == 0


def test_a_refused_change_leaves_the_organization_as_it_was():
    organization = OrganizationFactory(abbreviation="MLPD", website="")

    with pytest.raises(ValidationError):
        change_organization(organization, by=None, abbreviation="M", website="not a site")

    organization.refresh_from_db()
    assert (organization.abbreviation, organization.website) == ("MLPD", "")
    assert AuditEvent.objects.count() == 0


def test_the_admin_adds_and_changes_an_organization_through_the_services(client):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))
    form = {"abbreviation": "PCPCI", "name": "Parti Communiste", "country": "CI",
            "is_member": "on", "translations-TOTAL_FORMS": "0",
            "translations-INITIAL_FORMS": "0"}  # fmt: skip

    client.post("/admin/organizations/organization/add/", form)
    organization = Organization.objects.get()
    client.post(
        f"/admin/organizations/organization/{organization.pk}/change/",
        {**form, "sort_label": "Ivory Coast"},
    )

    assert list(AuditEvent.objects.order_by("seq").values_list("kind", flat=True)) == [
        EventKind.ORGANIZATION_CREATED,
        EventKind.ADMIN_ADDED,
        EventKind.ORGANIZATION_CHANGED,
        EventKind.ADMIN_CHANGED,
    ]
