import pytest
from django.core.exceptions import ValidationError

from tests.factories import OrganizationFactory, StatementFactory, VersionFactory
from undersigned.core.models import Coalition
from undersigned.signatures.services import record_signature
from undersigned.statements.models import NumberLocked, Statement, VersionLocked, parse_label
from undersigned.statements.services import (
    NumberTaken,
    add_version,
    assign_number,
    create_statement,
    register_number,
)

pytestmark = pytest.mark.django_db


def new_statement() -> Statement:
    return create_statement(language="en", title="On peace", short_title="Peace", body="Peace.")


def test_numbers_are_assigned_in_sequence_with_the_coalition_prefix():
    coalition = Coalition.load()
    coalition.prefix = "ICOR"
    coalition.save()
    first, second = new_statement(), new_statement()
    assert assign_number(first) == "ICOR00001"
    assert assign_number(second) == "ICOR00002"


def test_a_number_is_assigned_once():
    statement = new_statement()
    assign_number(statement)
    with pytest.raises(NumberLocked):
        assign_number(statement)
    statement.refresh_from_db()
    statement.number = 99
    with pytest.raises(NumberLocked):
        statement.save()
    assert Statement.objects.get(pk=statement.pk).number == 1


def test_a_number_is_never_reused_even_after_its_statement_is_deleted():
    statement = new_statement()
    assign_number(statement)
    statement.delete()
    later = new_statement()
    assign_number(later)
    assert later.number == 2


def test_a_registered_number_is_skipped_by_the_counter_and_cannot_be_taken_twice():
    old = new_statement()
    register_number(old, number=359)
    assert Coalition.load().next_number == 360
    with pytest.raises(NumberTaken):
        register_number(new_statement(), number=359)
    assert assign_number(new_statement()).endswith("00360")


def test_a_signed_version_can_no_longer_change():
    version = VersionFactory()
    record_signature(version.statement, organization=OrganizationFactory(), version=version)
    version.body = "A different text."
    with pytest.raises(VersionLocked):
        version.save()
    with pytest.raises(ValidationError):
        version.full_clean()
    version.refresh_from_db()
    assert version.body != "A different text."


def test_an_unsigned_version_may_still_be_corrected():
    version = VersionFactory()
    version.body = "Corrected."
    version.save()
    version.refresh_from_db()
    assert version.body == "Corrected."
    assert version.content_hash == version.compute_hash()


def test_a_change_to_signed_text_is_a_new_version_with_a_higher_label():
    version = VersionFactory(major=5, minor=1)
    record_signature(version.statement, organization=OrganizationFactory(), version=version)
    minor = add_version(version.statement, title=version.title, short_title="x", body="Edited.")
    major = add_version(
        version.statement, title=version.title, short_title="x", body="New.", major=True
    )
    assert (minor.label, major.label) == ("05.02", "06.01")


def test_version_labels_increase():
    version = VersionFactory(major=5, minor=1)
    with pytest.raises(ValidationError, match=r"does not come after 05\.01"):
        VersionFactory(statement=version.statement, major=5, minor=1)
    with pytest.raises(ValidationError, match=r"does not come after 05\.01"):
        VersionFactory(statement=version.statement, major=4, minor=9)
    assert VersionFactory(statement=version.statement, major=5, minor=2).label == "05.02"


def test_labels_are_parsed_strictly():
    assert parse_label("05.01") == (5, 1)
    with pytest.raises(ValidationError):
        parse_label("5")


def test_a_translation_takes_the_label_of_its_source():
    version = VersionFactory(major=5, minor=1)
    german = add_version(
        version.statement, language="de", title="Erklärung", short_title="Erklärung", body="Text."
    )
    assert (german.label, german.source) == ("05.01", version)


def test_the_content_hash_covers_title_body_and_language():
    version = VersionFactory()
    other = VersionFactory(statement=StatementFactory(), body=version.body, title=version.title)
    assert version.content_hash == other.content_hash
    changed = VersionFactory(statement=StatementFactory(), body=version.body + ".")
    assert changed.content_hash != version.content_hash
