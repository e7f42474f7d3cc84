"""Background work of the public side: building the downloads of a statement's language."""

from undersigned.core.tasks import enqueue, is_queued, task
from undersigned.publishing.downloads import (
    RENDERER_VERSION,
    build,
    document_key,
    missing_formats,
)
from undersigned.publishing.selectors import build_document
from undersigned.publishing.values import Document
from undersigned.statements.models import PUBLIC_STATES, Statement


@task
def build_documents(*, statement_id: int, language: str) -> None:
    """Build every format of the statement's text in `language` that is not stored yet."""
    statement = (
        Statement.objects.filter(pk=statement_id, state__in=PUBLIC_STATES)
        .prefetch_related("versions")
        .first()
    )
    version = statement.current_version(language) if statement else None
    if version is None:
        return
    document = build_document(statement, version=version)
    for kind in missing_formats(document):
        build(document, kind)


# Documents this process has seen queued or stored: a page shown again and again then asks
# neither the disk nor the database. Bounded; forgetting only costs one more check.
_settled: set[str] = set()
_SETTLED_MAX = 10_000


def queue_missing_documents(document: Document, *, statement_id: int) -> bool:
    """Queue the builds of the document's formats that are not stored yet (once per content);
    returns whether anything was queued."""
    key = f"publishing.documents:{RENDERER_VERSION}:{document_key(document)}"
    if key in _settled:
        return False
    if len(_settled) >= _SETTLED_MAX:
        _settled.clear()
    if not missing_formats(document):
        _settled.add(key)
        return False
    if is_queued(key):
        _settled.add(key)
        return False  # queued, running, or done and its files since removed (built on request)
    enqueue(build_documents, statement_id=statement_id, language=document.language, dedupe_key=key)
    return True
