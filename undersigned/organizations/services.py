"""Writes to the register: adding an organization and changing it, each with its audit event.

Merging two organizations moves rows of the layers above (signatures, delegations, comments),
so it lives with the register's pages in `drafting/register.py`, the lowest layer that sees
them all.
"""

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from undersigned.core.audit import record_event
from undersigned.core.events import EventKind
from undersigned.organizations.models import Organization, OrganizationTranslation

# The fields of an organization the secretariat writes, in the order forms show them.
FIELDS = (
    "abbreviation",
    "name",
    "name_language",
    "country",
    "is_member",
    "territory_label",
    "sort_label",
    "website",
)


def _normalized(field: str, value: Any) -> Any:
    if field == "is_member":
        return bool(value)
    value = (value or "").strip()
    return value.upper() if field == "country" else value


def _set_translations(
    organization: Organization, translations: Mapping[str, str]
) -> dict[str, list[str]]:
    """Make the organization's translated names these (language → name; an empty name removes
    the language). Returns what changed, language → [before, after]."""
    current = {t.language: t for t in organization.translations.all()}
    changed: dict[str, list[str]] = {}
    for language, name in translations.items():
        language, name = language.strip(), name.strip()
        row = current.get(language)
        if row is None and name:
            OrganizationTranslation.objects.create(
                organization=organization, language=language, name=name
            )
            changed[language] = ["", name]
        elif row is not None and not name:
            row.delete()
            changed[language] = [row.name, ""]
        elif row is not None and row.name != name:
            changed[language] = [row.name, name]
            row.name = name
            row.full_clean()
            row.save(update_fields=["name"])
    return changed


@transaction.atomic
def create_organization(
    *,
    by: AbstractBaseUser | None,
    name: str,
    country: str,
    abbreviation: str = "",
    name_language: str = "",
    is_member: bool = True,
    territory_label: str = "",
    sort_label: str = "",
    website: str = "",
    translations: Mapping[str, str] | None = None,
) -> Organization:
    """Add an organization to the register.

    Raises Django's `ValidationError` (by field) when a value breaks the model's rules, and
    writes nothing then. Side effect: an `organization.created` event with every field.
    """
    values = {
        "abbreviation": abbreviation,
        "name": name,
        "name_language": name_language,
        "country": country,
        "is_member": is_member,
        "territory_label": territory_label,
        "sort_label": sort_label,
        "website": website,
    }
    organization = Organization(**{f: _normalized(f, v) for f, v in values.items()})
    organization.full_clean()
    organization.save()
    names = _set_translations(organization, translations or {})
    record_event(
        EventKind.ORGANIZATION_CREATED,
        actor=by,
        organization=organization,
        data={
            "fields": {f: getattr(organization, f) for f in FIELDS},
            "translations": {language: pair[1] for language, pair in names.items()},
        },
    )
    return organization


@transaction.atomic
def change_organization(
    organization: Organization,
    *,
    by: AbstractBaseUser | None,
    translations: Mapping[str, str] | None = None,
    **changes: Any,
) -> Organization:
    """Change fields of an organization (keyword arguments named as in `FIELDS`) and its
    translated names (language → name; an empty name removes that language).

    Raises `ValidationError` on a value the model refuses (nothing written) and `TypeError`
    on a field it does not know. Side effect: one `organization.changed` event with each
    changed field's value before and after; nothing changed, nothing recorded.
    """
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    changed: dict[str, list[Any]] = {}
    for field, value in changes.items():
        value = _normalized(field, value)
        before = getattr(organization, field)
        if value != before:
            changed[field] = [before, value]
            setattr(organization, field, value)
    if changed:
        organization.full_clean()
        organization.save(update_fields=list(changed))
    names = _set_translations(organization, translations or {})
    if changed or names:
        record_event(
            EventKind.ORGANIZATION_CHANGED,
            actor=by,
            organization=organization,
            data={"changed": changed, "translations": names},
        )
    return organization
