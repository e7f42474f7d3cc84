"""Reads: the public list of signatories, in the coalition's order."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import CharField, Count, F, Prefetch, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from undersigned.accounts.permissions import represented_organizations
from undersigned.core.collation import sort_key
from undersigned.core.countries import continent_of, country_name, names_country
from undersigned.core.models import Coalition
from undersigned.core.rawsql import fetch_all
from undersigned.organizations.models import Organization, OrganizationTranslation
from undersigned.organizations.ordering import collated
from undersigned.signatures.entries import Entry
from undersigned.signatures.models import Signature, standing, valid_for_major
from undersigned.statements.models import PUBLIC_STATES, State, Statement, Version, current_major


def public_statements() -> QuerySet[Statement]:
    """Published (and closed) statements, newest first, with their signatory count."""
    listed = standing("signatures__") & valid_for_major(F("current_major"), "signatures__")
    return (
        Statement.objects.filter(state__in=PUBLIC_STATES, number__isnull=False)
        .annotate(current_major=current_major())
        .annotate(signatory_count=Count("signatures", filter=listed))
        .prefetch_related(Prefetch("versions", queryset=Version.objects.order_by("major", "minor")))
        .order_by("-published_at", "-number")
    )


def public_signatures(statement: Statement) -> QuerySet[Signature]:
    """Active signatures valid for the statement's current major version: given to it (minor
    versions are editorial, so their signatures carry over) or carried over to it by the
    secretariat."""
    current = statement.current_version()
    qs = Signature.objects.active().filter(statement=statement)
    if current is not None:
        qs = qs.valid_for(current.major)
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
    signatures = public_signatures(statement).order_by()
    # Times come as ISO text, parsed by one C call per row: the drivers' own conversions go
    # through Python per value (Django's SQLite converter; on PostgreSQL, Django's time zone
    # loader wraps psycopg's Python one), which costs more than the rest of the list.
    if connection.vendor == "sqlite":  # UTC, stored without its zone
        as_text = Concat("signed_at", Value("+00:00"), output_field=CharField())
    elif connection.vendor == "postgresql":  # with its zone ("+00": Django's sessions are UTC)
        as_text = Cast("signed_at", output_field=CharField())
    else:
        query = signatures.values_list(*ROW_FIELDS).query
        return list(map(Row._make, fetch_all(*query.sql_with_params())))
    fields = ("pk", "signed_text", *ROW_FIELDS[2:])
    query = signatures.annotate(signed_text=as_text).values_list(*fields).query
    fetched = fetch_all(*query.sql_with_params())
    return [Row(v[0], datetime.fromisoformat(v[1]), *v[2:]) for v in fetched]


def _order_keys(rows: list[Row], coalition: Coalition) -> dict[int, tuple]:
    """The sort key of every row, by signature id: continent in the coalition's order, the
    country's name in its ordering language (or the organization's sort label) by collation,
    then first signed first. The collation key is computed once per country and label: a
    thousand signatories come from a few dozen countries."""
    places: dict[tuple[str, str], tuple[int, tuple]] = {}
    keys = {}
    for row in rows:
        place = places.get((row.country, row.sort_label))
        if place is None:
            label = row.sort_label or country_name(
                row.country, coalition.ordering_locale, coalition.country_names
            )
            continent = continent_of(row.country, coalition.continent_overrides)
            place = (coalition.continent_rank(continent), sort_key(label))
            places[row.country, row.sort_label] = place
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


def translated_name(row: Row, language: str, names: dict[str, str]) -> str:
    """The organization's name as a text in `language` gives it beside its own: the
    translation in that language where known, else English; none where the own name is
    already in that language. `names` are the organization's translations by language."""
    if not names:
        return ""
    own = row.name_language.split("-")[0] if row.name_language else ""
    base = language.split("-")[0]
    if own == base:
        return ""
    translation = (
        names.get(language) or names.get(base) or (names.get("en", "") if own != "en" else "")
    )
    return "" if translation == row.name else translation


def signatory_entries(statement: Statement, *, language: str | None = None) -> list[Entry]:
    """The public list, numbered, in the coalition's order. Each entry says its country only
    where the names do not say it already."""
    coalition = Coalition.load()
    language = language or statement.original_language
    base = language.split("-")[0]
    rows = public_rows(statement)
    translations = name_translations(statement)
    keys = _order_keys(rows, coalition)
    ordered = apply_pins(sorted(rows, key=lambda row: keys[row.signature_id]))
    places = {  # country: (continent, name in the text's language)
        country: (
            continent_of(country, coalition.continent_overrides),
            country_name(country, base, coalition.country_names),
        )
        for country in {row.country for row in rows}
    }
    none: dict[str, str] = {}
    entries = []
    for position, row in enumerate(ordered, start=1):
        translation = translated_name(row, language, translations.get(row.organization_id, none))
        continent, country_label = places[row.country]
        if names_country((row.name, translation), row.country):
            country_label = ""
        elif row.territory_label:
            country_label = row.territory_label
        entries.append(
            Entry(
                position,
                row.abbreviation,
                row.name,
                row.name_language,
                translation,
                row.country,
                country_label,
                continent,
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


@dataclass(frozen=True)
class SigningTask:
    """A statement that waits for an organization: to sign, or to sign again after a major
    version (`signature` is then the one given to the earlier version)."""

    statement: Statement
    organization: Organization
    signature: Signature | None

    @property
    def reconfirm(self) -> bool:
        return self.signature is not None


@dataclass
class DelegateWork:
    """What waits for a person who acts for organizations: consultations to comment on (as a
    delegate of a member organization), statements to sign or reconfirm, and per organization
    the statements it signed or may sign."""

    consultations: list[Statement] = field(default_factory=list)
    tasks: list[SigningTask] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)


def work_for_delegate(user: AbstractBaseUser) -> DelegateWork:
    """The delegate's home: see DelegateWork. Statements open for signing come first by
    deadline (the nearest first), then by number."""
    organizations = collated(represented_organizations(user))
    work = DelegateWork()
    if not organizations:
        return work
    versions = Prefetch("versions", queryset=Version.objects.order_by("major", "minor"))
    if any(organization.is_member for organization in organizations):
        work.consultations = list(
            Statement.objects.filter(state=State.CONSULTATION)
            .prefetch_related(versions)
            .order_by("-updated_at", "-pk")
        )
    statements = list(
        Statement.objects.filter(state__in=[State.OPEN, State.PUBLISHED, State.CLOSED])
        .exclude(number__isnull=True)
        .prefetch_related(versions)
        .order_by("-number")
    )
    signed = {
        (s.statement_id, s.organization_id): s
        for s in Signature.objects.active()
        .filter(organization__in=organizations)
        .select_related("version")
    }
    for organization in organizations:
        items = []
        for statement in statements:
            signature = signed.get((statement.pk, organization.pk))
            accepts = statement.accepts_signatures()
            if signature is None and not accepts:
                continue
            current = statement.current_version()
            valid = signature is not None and (
                current is None or signature.is_valid_for(current.major)
            )
            items.append(
                {"statement": statement, "signature": signature, "accepts": accepts, "valid": valid}
            )
            if accepts and not valid:
                work.tasks.append(SigningTask(statement, organization, signature))
        work.rows.append({"organization": organization, "items": items})
    far = datetime.max.replace(tzinfo=timezone.get_current_timezone())
    work.tasks.sort(
        key=lambda t: (
            t.statement.signing_deadline or far,
            -t.statement.number,
            t.organization.abbreviation,
        )
    )
    return work


def statements_for_delegate(user: AbstractBaseUser) -> list[dict]:
    """For each organization the person represents, in the coalition's collation: the
    statements open to signing and whether the organization signed them."""
    return work_for_delegate(user).rows
