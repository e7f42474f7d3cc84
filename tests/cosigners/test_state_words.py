"""A person's signature and a statement can both be withdrawn; in languages whose words have
a gender ("подпись" is feminine, "заявление" neuter) the two states are different words."""

from django.utils import translation

from undersigned.cosigners.models import SignerState
from undersigned.statements.models import State


def test_a_withdrawn_signature_and_a_withdrawn_statement_agree_with_their_own_nouns():
    with translation.override("ru"):
        assert (str(SignerState.WITHDRAWN.label), str(State.WITHDRAWN.label)) == (
            "отозвана",
            "отозвано",
        )
    with translation.override("fr"):
        assert str(SignerState.WITHDRAWN.label) == "retirée"
    with translation.override("en"):
        assert str(SignerState.WITHDRAWN.label) == "withdrawn"
