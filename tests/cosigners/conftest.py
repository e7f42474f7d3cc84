import pytest
from django.utils import translation

from tests.factories import VersionFactory, make_secretariat
from undersigned.cosigners.models import FieldUse, Listing
from undersigned.cosigners.services import set_opening


@pytest.fixture(autouse=True)
def _in_english():
    """Messages are compared in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _light_proof_of_work(settings):
    """A proof of work the tests solve in a moment (the answers are made by proof.solve)."""
    settings.COSIGNERS_PROOF_OF_WORK = 50


@pytest.fixture
def secretariat(db):
    return make_secretariat()


@pytest.fixture
def version(db):
    """The English text of a published statement that takes further signatories."""
    version = VersionFactory(statement__number=7, statement__further_signatories_possible=True)
    return version


@pytest.fixture
def statement(version):
    return version.statement


@pytest.fixture
def opening(statement, secretariat):
    return set_opening(
        statement,
        language="en",
        listing=Listing.LISTED,
        by=secretariat,
        affiliation=FieldUse.SHOWN,
        country=FieldUse.SHOWN,
        city=FieldUse.ASKED,
    )
