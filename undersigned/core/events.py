"""The kinds of audit events: one enum, one table of labels.

Every `record_event` names a member; the public record page and the secretariat's history
page show its label in the reader's language. A new kind is added here, with its label,
and nowhere else.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    VERSION_CREATED = "version.created", _("version")
    STATEMENT_STATE = "statement.state", _("state")
    STATEMENT_NUMBERED = "statement.numbered", _("number given")
    STATEMENT_CHANGED = "statement.changed", _("settings changed")
    STATEMENT_DELETED = "statement.deleted", _("draft deleted")
    SIGNATURE_WEB = "signature.web", _("signed on the web")
    SIGNATURE_RECORDED = "signature.recorded", _("signature recorded by the secretariat")
    SIGNATURE_IMPORTED = "signature.imported", _("signature imported")
    SIGNATURE_WITHDRAWN = "signature.withdrawn", _("withdrawn")
    SIGNATURE_CARRIED_OVER = "signature.carried_over", _("carried over to a new version")
    SIGNATURE_PINNED = "signature.pinned", _("position pinned")
    AMENDMENT_PROPOSED = "amendment.proposed", _("amendment proposed")
    AMENDMENT_ACCEPTED = "amendment.accepted", _("amendment accepted")
    AMENDMENT_DECLINED = "amendment.declined", _("amendment declined")
    AMENDMENT_OUTDATED = "amendment.outdated", _("amendments outdated")
    TRANSLATOR_NAMED = "translator.named", _("translator named")
    TRANSLATOR_UNNAMED = "translator.unnamed", _("translator no longer named")
    TRANSLATION_STARTED = "translation.started", _("translation started")
    TRANSLATION_SAVED = "translation.saved", _("translation draft saved")
    TRANSLATION_UPDATED = "translation.updated", _("translation moved to a newer original")
    TRANSLATION_PUBLISHED = "translation.published", _("translation published")
    TRANSLATION_DISCARDED = "translation.discarded", _("translation draft discarded")
    ORGANIZATION_CREATED = "organization.created", _("organization added to the register")
    ORGANIZATION_CHANGED = "organization.changed", _("organization changed")
    ORGANIZATION_MERGED = "organization.merged", _("organizations merged")
    INVITATION_SENT = "invitation.sent", _("invitation sent")
    INVITATION_REVOKED = "invitation.revoked", _("invitation revoked")
    DELEGATE_GRANTED = "delegate.granted", _("delegate appointed")
    DELEGATE_REVOKED = "delegate.revoked", _("delegate revoked")
    DELEGATE_REQUESTED = "delegate.requested", _("asked to become a delegate")
    DELEGATE_REQUEST_APPROVED = "delegate.request_approved", _("delegate request approved")
    DELEGATE_REQUEST_DECLINED = "delegate.request_declined", _("delegate request declined")
    ADDRESS_CHANGED = "account.address_changed", _("a person changed their e-mail address")
    ADDRESS_CHANGE_UNDONE = (
        "account.address_change_undone",
        _("an address change undone from the old address"),
    )
    INDIVIDUALS_OPENING = "individuals.opening", _("opening to individuals changed")
    INDIVIDUALS_LIST = "individuals.list", _("list of individuals changed")
    INDIVIDUALS_BATCH = "individuals.batch", _("individual signatures sealed in a batch")
    # Not recorded any more: a signature's steps are leaves of its statement's log, sealed in
    # batches (cosigners.models.Leaf). Kept so that no stored kind reads as a bare code.
    INDIVIDUAL_SIGNED = "individual.signed", _("individual signature received")
    INDIVIDUAL_CONFIRMED = "individual.confirmed", _("individual signature confirmed")
    INDIVIDUAL_WITHDRAWN = "individual.withdrawn", _("individual signature withdrawn")
    INDIVIDUAL_ERASED = "individual.erased", _("individual signer's data deleted")
    INDIVIDUAL_HELD = "individual.held", _("individual signature held for moderation")
    INDIVIDUAL_RELEASED = "individual.released", _("individual signature released")
    INDIVIDUAL_INVALIDATED = "individual.invalidated", _("individual signature invalidated")
    INDIVIDUALS_INVALIDATED_IN_BULK = (
        "individuals.invalidated_in_bulk",
        _("individual signatures invalidated in bulk"),
    )
    INDIVIDUALS_IMPORTED = "individuals.imported", _("individual signatories imported")
    INDIVIDUALS_EXPORTED = "individuals.exported", _("individual signatories exported")
    INDIVIDUALS_UNCONFIRMED_DROPPED = (
        "individuals.unconfirmed_dropped",
        _("unconfirmed individual signatures deleted"),
    )
    INDIVIDUALS_NETWORKS_FORGOTTEN = (
        "individuals.networks_forgotten",
        _("individuals' network hashes dropped"),
    )
    IMPORT_CONFIRMED = "import.confirmed", _("imported from a file")
    SITE_RESTORED = "site.restored", _("site restored from a backup")
    ADMIN_ADDED = "admin.added", _("added in the admin")
    ADMIN_CHANGED = "admin.changed", _("changed in the admin")
    ADMIN_DELETED = "admin.deleted", _("deleted in the admin")

    @classmethod
    def label_of(cls, kind: str) -> str:
        """The label of a stored kind; a kind this version does not know shows as itself."""
        return str(cls(kind).label) if kind in cls.values else kind


# What the public record page of a statement shows: its versions, states and signatures,
# never who acted in the secretariat.
PUBLIC_KINDS = (
    EventKind.VERSION_CREATED,
    EventKind.STATEMENT_STATE,
    EventKind.SIGNATURE_WEB,
    EventKind.SIGNATURE_RECORDED,
    EventKind.SIGNATURE_IMPORTED,
    EventKind.SIGNATURE_WITHDRAWN,
    EventKind.SIGNATURE_CARRIED_OVER,
)
