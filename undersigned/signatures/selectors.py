"""Reads: the public list of signatories, in the coalition's order."""

from datetime import date, datetime
from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.utils import timezone

from undersigned.core.collation import sort_key
from undersigned.core.countries import continent_of, country_name, names_country
from undersigned.core.models import Coalition
from undersigned.core.rawsql import fetch_all, utc_datetime
from undersigned.organizations.models import OrganizationTranslation
from undersigned.signatures.models import Signature
from undersigned.statements.models import Statement


class Entry(NamedTuple):
    """One line of the printed list. A named tuple, not a dataclass: a page builds a thousand,
    and a tuple is built several times faster."""

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


class Row(NamedTuple):
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
    # Unordered: the list is ordered in Python, by rules SQL cannot express.
    query = public_signatures(statement).order_by().values_list(*ROW_FIELDS).query
    fetched = fetch_all(*query.sql_with_params())
    # One backend gives one kind of time (see utc_datetime): the first row tells.
    if fetched and utc_datetime(fetched[0][1]) is not fetched[0][1]:
        return [Row(v[0], utc_datetime(v[1]), *v[2:]) for v in fetched]
    return list(map(Row._make, fetched))


def order_key(row: Row, coalition: Coalition) -> tuple:
    label = row.sort_label or country_name(
        row.country, coalition.ordering_locale, coalition.country_names
    )
    continent = continent_of(row.country, coalition.continent_overrides)
    return (coalition.continent_rank(continent), sort_key(label), row.signed_at, row.signature_id)


def _order_keys(rows: list[Row], coalition: Coalition) -> dict[int, tuple]:
    """`order_key` of every row by signature id, the collation key computed once per country
    and label: a thousand signatories come from a few dozen countries."""
    places: dict[tuple[str, str], tuple] = {}
    keys = {}
    for row in rows:
        place = places.get((row.country, row.sort_label))
        if place is None:
            place = places[row.country, row.sort_label] = order_key(row, coalition)[:2]
        keys[row.signature_id] = (*place, row.signed_at, row.signature_id)
    return keys


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
    keys = _order_keys(rows, coalition)
    ordered = apply_pins(sorted(rows, key=lambda row: keys[row.signature_id]))
    continents = {
        row.country: continent_of(row.country, coalition.continent_overrides) for row in rows
    }
    entries = []
    for position, row in enumerate(ordered, start=1):
        name, translation, label = entry_texts(
            row, language, coalition, translations.get(row.organization_id, {})
        )
        entries.append(
            Entry(
                position,
                row.abbreviation,
                name,
                row.name_language,
                translation,
                row.country,
                label,
                continents[row.country],
                row.signed_at,
                row.organization_id,
            )
        )
    return entries


def as_of(entries: list[Entry]) -> date | None:
    """The date of the latest signature, in the installation's time zone."""
    if not entries:
        return None
    return timezone.localtime(max(entry.signed_at for entry in entries)).date()
