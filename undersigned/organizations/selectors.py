"""Reads of the register."""

from collections.abc import Iterable

from undersigned.core.events import EventKind
from undersigned.core.models import AuditEvent
from undersigned.organizations.models import Organization


def organizations_by_ref(refs: Iterable[int | None]) -> dict[int, Organization]:
    """The organizations the audit trail's events name, by key: those of the register, and those
    merged into another since, as they were when merged (the merge's event keeps their fields;
    unsaved rows), so that a history names each as it was named, never with an empty name."""
    wanted = {ref for ref in refs if ref}
    found = Organization.objects.in_bulk(wanted)
    gone = wanted - found.keys()
    if gone:
        columns = {field.name for field in Organization._meta.concrete_fields} - {"id"}
        for event in AuditEvent.objects.filter(
            kind=EventKind.ORGANIZATION_MERGED, data__merged__in=sorted(gone)
        ).order_by("seq"):
            ref = event.data["merged"]
            fields = event.data.get("fields", {})
            found[ref] = Organization(pk=ref, **{k: v for k, v in fields.items() if k in columns})
    return found
