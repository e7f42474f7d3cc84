"""Reads: the public list of signatories, in the coalition's order."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from undersigned.core.collation import sort_key
from undersigned.core.countries import continent_of, country_name, names_country
from undersigned.core.models import Coalition
from undersigned.signatures.models import Signature
from undersigned.statements.models import Statement


@dataclass(frozen=True)
class Entry:
    """One line of the printed list."""

    position: int
    abbreviation: str
    name: str
    name_language: str
    translation: str
    country: str  # ISO code
    country_label: str  # appended after the names, '' when the names already say it
    continent: str | None
    signed_at: datetime
    organization_id: int


def public_signatures(statement: Statement) -> QuerySet[Signature]:
    """Active signatures valid for the statement's current major version: given to it (minor
    versions are editorial, so their signatures carry over) or carried over to it by the
    secretariat."""
    current = statement.current_version()
    qs = Signature.objects.filter(
        statement=statement, withdrawn_at__isnull=True, replaced_at__isnull=True
    )
    if current is not None:
        qs = qs.filter(Q(version__major=current.major) | Q(carried_over_major=current.major))
    return qs.select_related("organization", "version").prefetch_related(
        "organization__translations"
    )


def order_key(signature: Signature, coalition: Coalition) -> tuple:
    organization = signature.organization
    label = organization.sort_label or country_name(
        organization.country, coalition.ordering_locale, coalition.country_names
    )
    continent = continent_of(organization.country, coalition.continent_overrides)
    return (coalition.continent_rank(continent), sort_key(label), signature.signed_at, signature.pk)


def apply_pins(ordered: list[Signature]) -> list[Signature]:
    """Entries the secretariat pinned go to their number; the rest keep their order around
    them."""
    pinned = sorted((s for s in ordered if s.pinned_position), key=lambda s: s.pinned_position)
    result = [s for s in ordered if not s.pinned_position]
    for signature in pinned:
        result.insert(min(signature.pinned_position, len(result) + 1) - 1, signature)
    return result


def entry_texts(signature: Signature, language: str, coalition: Coalition) -> tuple[str, str, str]:
    """(name, translation, country label) for a text in `language`: the translation in that
    language where known, else English; the country only where the names do not say it."""
    organization = signature.organization
    own_language = (organization.name_language or "").split("-")[0]
    base = language.split("-")[0]
    translation = ""
    if own_language != base:
        translation = organization.translated_name(base) or (
            organization.translated_name("en") if own_language != "en" else ""
        )
    if translation == organization.name:
        translation = ""
    if names_country((organization.name, translation), organization.country):
        label = ""
    else:
        label = organization.territory_label or country_name(
            organization.country, base, coalition.country_names
        )
    return organization.name, translation, label


def signatory_entries(statement: Statement, *, language: str | None = None) -> list[Entry]:
    """The public list, numbered, in the coalition's order."""
    coalition = Coalition.load()
    language = language or statement.original_language
    signatures = list(public_signatures(statement))
    ordered = apply_pins(sorted(signatures, key=lambda s: order_key(s, coalition)))
    entries = []
    for position, signature in enumerate(ordered, start=1):
        name, translation, label = entry_texts(signature, language, coalition)
        organization = signature.organization
        entries.append(
            Entry(
                position=position,
                abbreviation=organization.abbreviation,
                name=name,
                name_language=organization.name_language,
                translation=translation,
                country=organization.country,
                country_label=label,
                continent=continent_of(organization.country, coalition.continent_overrides),
                signed_at=signature.signed_at,
                organization_id=organization.pk,
            )
        )
    return entries


def as_of(entries: list[Entry]) -> date | None:
    """The date of the latest signature, in the installation's time zone."""
    if not entries:
        return None
    return timezone.localtime(max(entry.signed_at for entry in entries)).date()
