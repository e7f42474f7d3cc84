"""People read from an imported document's list become individual co-signers of the statement,
in the same shape as those who sign on its page: confirmed, listed below the organizations,
counted. They gave no address: nothing is sent to them, and they have no receipt link."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from undersigned.accounts.permissions import is_secretariat
from undersigned.core.audit import record_event
from undersigned.core.countries import country_codes
from undersigned.core.events import EventKind
from undersigned.cosigners.models import IndividualSignature, Listing, Opening, SignerState
from undersigned.cosigners.privacy import folded, keyed_hash, name_key
from undersigned.cosigners.services import set_opening
from undersigned.statements.models import Statement


class ImportedPersonRefused(ValueError):
    """A person of the list cannot be kept as given; the message says which and why."""


@dataclass(frozen=True)
class ImportedPerson:
    """One person as the document printed them."""

    position: int  # in the document's list
    name: str  # with the title the document gives: "Dr. Jane Doe"
    affiliation: str = ""  # role and institution: "Professor of Law, University of Ghent"
    country: str = ""  # ISO 3166-1 alpha-2, or ""


def _checked(person: ImportedPerson) -> dict[str, str]:
    name = " ".join(person.name.split())
    affiliation = " ".join(person.affiliation.split())
    country = person.country.strip().upper()
    problem = None
    if not name:
        problem = _("a person needs a name")
    elif len(name) > 200 or len(affiliation) > 200:
        problem = _("a name, role or affiliation is longer than 200 characters")
    elif country and country not in country_codes():
        problem = _("%(code)s is not a country code") % {"code": country}
    if problem:
        raise ImportedPersonRefused(
            _("Entry %(position)d: %(problem)s.")
            % {"position": person.position, "problem": problem}
        )
    return {"name": name, "affiliation": affiliation, "country": country}


@transaction.atomic
def record_imported_people(
    statement: Statement,
    people: list[ImportedPerson],
    *,
    source: str,
    signed_at: datetime,
    by: AbstractBaseUser,
) -> list[IndividualSignature]:
    """Keep `people` (an imported list, in the document's order) as confirmed individual
    co-signers of the statement's current version in its original language. `source` names
    the file (its SHA-256): with the position, it tells one imported person from another, as
    an address does for those who sign on the page. The document's order is kept in their
    times, a second apart from `signed_at`.

    The statement's page in that language is opened to individuals, names listed, if it was
    not: the people are shown where the document showed them. An opening already set is kept.

    Side effects: the signatures; the opening (with its own event); one
    `individuals.imported` audit event with the source, the version and the signatures' ids.
    Raises ImportedPersonRefused, writing nothing, for an entry without a name, with an
    unknown country or with too long a field."""
    if not is_secretariat(by):
        raise ImportedPersonRefused(_("Only the secretariat can do this."))
    if not people:
        return []
    version = statement.current_version()
    checked = [_checked(person) for person in people]
    if not Opening.objects.filter(statement=statement, language=version.language).exists():
        set_opening(statement, language=version.language, listing=Listing.LISTED, by=by)
    made = []
    for index, (person, values) in enumerate(zip(people, checked, strict=True), start=1):
        at = signed_at + timedelta(seconds=index)
        made.append(
            IndividualSignature(
                statement=statement,
                version=version,
                version_hash=version.content_hash,
                language=version.language,
                state=SignerState.CONFIRMED,
                name_key=name_key(values["name"]),
                name_folded=folded(values["name"])[:200],
                # No address: a hash of the file and the position stands in its place, in a
                # space of its own, so it never equals the hash of a real address.
                email_hash=keyed_hash("imported", f"{source}:{person.position}"),
                email_domain="",
                # Never confirmable by a link: a selector nobody was sent, and no verifier.
                confirm_selector=secrets.token_hex(16),
                confirm_hash="",
                created_at=at,
                confirmed_at=at,
                changed_at=at,
                **values,
            )
        )
    made = IndividualSignature.objects.bulk_create(made)
    record_event(
        EventKind.INDIVIDUALS_IMPORTED,
        actor=by,
        statement=statement,
        data={
            "source": source,
            "count": len(made),
            "version": version.label,
            "hash": version.content_hash,
            "signatures": [signature.pk for signature in made],
        },
    )
    return made
