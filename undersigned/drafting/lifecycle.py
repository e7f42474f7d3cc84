"""The statement's life in words: where it stands, and what each next state would mean.

`statements.services.set_statement_state` decides which transitions exist; this module says
them to a person: a sentence for the state a statement is in, and for each next state who is
told, what becomes public and what can no longer change. The drafting page and the
secretariat's statement page show it; the natural next step is the primary action, the rest
go through a confirmation.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from undersigned.statements.models import State, Statement
from undersigned.statements.services import TRANSITIONS, is_deletable

# "The statement is …": the state as a sentence, never as a code.
SENTENCES: dict[str, Promise] = {
    State.DRAFT: _("The statement is a draft: only the secretariat sees it."),
    State.CONSULTATION: _(
        "The statement is in consultation: delegates of member organizations read it, comment "
        "on its paragraphs and propose amendments."
    ),
    State.OPEN: _("The statement is open for signing: member organizations sign it."),
    State.PUBLISHED: _(
        "The statement is published: anyone reads it, with its list of signatories."
    ),
    State.CLOSED: _("The statement is closed: it stays public and takes no more signatures."),
    State.WITHDRAWN: _("The statement is withdrawn: it is not public and takes no signatures."),
}

# What a person reads after the change ("The statement is now open for signing.").
NOW: dict[str, Promise] = {
    State.DRAFT: _("The statement is a draft again."),
    State.CONSULTATION: _("The statement is now in consultation."),
    State.OPEN: _("The statement is now open for signing."),
    State.PUBLISHED: _("The statement is now published."),
    State.CLOSED: _("The statement is now closed."),
    State.WITHDRAWN: _("The statement is now withdrawn."),
}

# A page title's word for the state ("Draft", "Consultation", …).
TITLES: dict[str, Promise] = {
    State.DRAFT: _("Draft"),
    State.CONSULTATION: _("Consultation"),
    State.OPEN: _("Open for signing"),
    State.PUBLISHED: _("Published"),
    State.CLOSED: _("Closed"),
    State.WITHDRAWN: _("Withdrawn"),
}

# The button that moves a statement there.
ACTIONS: dict[str, Promise] = {
    State.DRAFT: _("Take back to draft"),
    State.CONSULTATION: _("Start the consultation"),
    State.OPEN: _("Open for signing"),
    State.PUBLISHED: _("Publish"),
    State.CLOSED: _("Close"),
    State.WITHDRAWN: _("Withdraw for good"),
}

# The way on, when nothing goes wrong: the primary action of each state.
NATURAL: dict[str, str] = {
    State.DRAFT: State.CONSULTATION,
    State.CONSULTATION: State.OPEN,
    State.OPEN: State.PUBLISHED,
    State.CLOSED: State.PUBLISHED,
}

# Steps that end something: they are asked for again on a page of their own.
CONFIRMED = frozenset({State.CLOSED, State.WITHDRAWN, State.DRAFT})


@dataclass(frozen=True)
class Step:
    """One possible next state of a statement, said in words."""

    to: str
    action: str
    consequences: list[str] = field(default_factory=list)
    primary: bool = False
    needs_confirmation: bool = False

    @property
    def title(self) -> str:
        return str(TITLES[self.to])


def sentence(statement: Statement) -> str:
    return str(SENTENCES[statement.state])


def title(statement: Statement) -> str:
    return str(TITLES[statement.state])


def _consequences(statement: Statement, to: str) -> list[str]:
    numbered = statement.number is not None
    if to == State.CONSULTATION:
        return [
            _("Delegates of member organizations are told by e-mail and find it at home."),
            _("They comment on paragraphs and propose amendments; you accept or decline them."),
            _("Nothing becomes public; you can still edit the text."),
        ]
    if to == State.OPEN:
        said = [
            _("Delegates of member organizations are told by e-mail that they can sign it."),
            _("The text is not public yet; signatures are counted under “State and signatures”."),
            _("Comments and amendments are no longer taken."),
        ]
        if not numbered:
            said.insert(0, _("It gets the coalition's next document number, for good."))
        return said
    if to == State.PUBLISHED:
        said = [
            _("The text and its list of signatories appear on the public site, in the feeds, "
              "the API and every download."),
            _("The signatories are told."),
        ]  # fmt: skip
        if not numbered:
            said.insert(0, _("It gets the coalition's next document number, for good."))
        if statement.further_signatories_possible:
            said.append(_("Further organizations can still sign it."))
        else:
            said.append(_("No further organization can sign it."))
        return said
    if to == State.CLOSED:
        return [
            _("No more signatures are taken; the list of signatories is final."),
            _("It stays public as it is."),
            _("You can publish it again later."),
        ]
    if to == State.WITHDRAWN:
        said = [
            _("It leaves the public site and takes no signatures."),
            _("This cannot be undone."),
        ]
        if numbered:
            said.append(_("Its number stays taken and is never given again."))
        return said
    if to == State.DRAFT:
        return [
            _("Delegates no longer see it; their comments and amendments are kept."),
            _("You can start the consultation again later."),
        ]
    return []


def next_steps(statement: Statement) -> list[Step]:
    """The states a statement can move to, the natural one first."""
    natural = NATURAL.get(statement.state)
    # A draft never numbered is deleted rather than withdrawn (see `delete_draft`).
    skip = {State.WITHDRAWN} if is_deletable(statement) else set()
    targets = sorted(
        (t for t in TRANSITIONS.get(statement.state, ()) if t not in skip),
        key=lambda t: (t != natural, list(State.values).index(t)),
    )
    return [
        Step(
            to=target,
            action=str(ACTIONS[target]),
            consequences=[str(c) for c in _consequences(statement, target)],
            primary=target == natural,
            needs_confirmation=target != natural or target in CONFIRMED,
        )
        for target in targets
    ]


def step_to(statement: Statement, to: str) -> Step | None:
    return next((step for step in next_steps(statement) if step.to == to), None)


def context(statement: Statement) -> dict:
    """Where the statement stands and where it can go, for `drafting/_life.html`."""
    steps = next_steps(statement)
    return {
        "state_sentence": sentence(statement),
        "state_title": title(statement),
        "primary_step": next((s for s in steps if s.primary), None),
        "other_steps": [s for s in steps if not s.primary],
        "deletable": is_deletable(statement),
    }
