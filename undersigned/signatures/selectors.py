"""Reads: the public list of signatories, in the coalition's order."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from undersigned.core.collation import sort_key
from undersigned.core.countries import continent_of, country_name, names_country
from undersigned.core.models import Coalition
from undersigned.organizations.models import OrganizationTranslation
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
    return qs.select_related("organization")


def name_translations(statement: Statement) -> dict[int, dict[str, str]]:
    """{organization id: {language: name}} of the organizations that signed the statement, in
    one query (a prefetch clones a queryset per organization, which a list of a thousand
    signatories feels)."""
    names: dict[int, dict[str, str]] = {}
    rows = OrganizationTranslation.objects.filter(
        organization__signatures__statement=statement
    ).values_list("organization_id", "language", "name")
    for organization_id, language, name in rows:
        names.setdefault(organization_id, {})[language] = name
    return names


@dataclass(frozen=True)
class Row:
    """What the list needs of one signature and its organization: read as plain values, since
    building a thousand model instances would cost more than the rest of the page."""

    signature_id: int
    signed_at: datetime
    pinned_position: int | None
    organization_id: int
    abbreviation: str
    name: str
    name_language: str
    country: str
    territory_label: str
    sort_label: str


ROW_FIELDS = (
    "pk", "signed_at", "pinned_position", "organization_id", "organization__abbreviation",
    "organization__name", "organization__name_language", "organization__country",
    "organization__territory_label", "organization__sort_label",
)  # fmt: skip


def public_rows(statement: Statement) -> list[Row]:
    """The rows of the public list. The query is Django's; the rows are read straight from
    the cursor, since the ORM's per-value conversion costs three times the query itself."""
    query = public_signatures(statement).values_list(*ROW_FIELDS).query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    return [Row(values[0], _aware(values[1]), *values[2:]) for values in fetched]


def _aware(value: datetime | str) -> datetime:
    """SQLite gives the time as text in UTC; PostgreSQL as an aware datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def order_key(row: Row, coalition: Coalition) -> tuple:
    label = row.sort_label or country_name(
        row.country, coalition.ordering_locale, coalition.country_names
    )
    continent = continent_of(row.country, coalition.continent_overrides)
    return (coalition.continent_rank(continent), sort_key(label), row.signed_at, row.signature_id)


def apply_pins(ordered: list[Row]) -> list[Row]:
    """Entries the secretariat pinned go to their number; the rest keep their order around
    them."""
    pinned = sorted((r for r in ordered if r.pinned_position), key=lambda r: r.pinned_position)
    result = [r for r in ordered if not r.pinned_position]
    for row in pinned:
        result.insert(min(row.pinned_position, len(result) + 1) - 1, row)
    return result


def entry_texts(
    row: Row, language: str, coalition: Coalition, translations: dict[str, str]
) -> tuple[str, str, str]:
    """(name, translation, country label) for a text in `language`: the translation in that
    language where known, else English; the country only where the names do not say it.
    `translations` are the organization's names by language."""
    own_language = (row.name_language or "").split("-")[0]
    base = language.split("-")[0]
    translation = ""
    if own_language != base:
        translation = (
            translations.get(language)
            or translations.get(base)
            or (translations.get("en", "") if own_language != "en" else "")
        )
    if translation == row.name:
        translation = ""
    if names_country((row.name, translation), row.country):
        label = ""
    else:
        label = row.territory_label or country_name(row.country, base, coalition.country_names)
    return row.name, translation, label


def signatory_entries(statement: Statement, *, language: str | None = None) -> list[Entry]:
    """The public list, numbered, in the coalition's order."""
    coalition = Coalition.load()
    language = language or statement.original_language
    rows = public_rows(statement)
    translations = name_translations(statement)
    ordered = apply_pins(sorted(rows, key=lambda r: order_key(r, coalition)))
    entries = []
    for position, row in enumerate(ordered, start=1):
        name, translation, label = entry_texts(
            row, language, coalition, translations.get(row.organization_id, {})
        )
        entries.append(
            Entry(
                position=position,
                abbreviation=row.abbreviation,
                name=name,
                name_language=row.name_language,
                translation=translation,
                country=row.country,
                country_label=label,
                continent=continent_of(row.country, coalition.continent_overrides),
                signed_at=row.signed_at,
                organization_id=row.organization_id,
            )
        )
    return entries


def as_of(entries: list[Entry]) -> date | None:
    """The date of the latest signature, in the installation's time zone."""
    if not entries:
        return None
    return timezone.localtime(max(entry.signed_at for entry in entries)).date()
