"""Background work of the import: reading an upload, in the worker rather than the request
(a file may take the whole of its time and memory budgets)."""

from django.contrib.auth.models import AbstractBaseUser

from undersigned.core.tasks import enqueue, task
from undersigned.importing import services


@task
def read_upload(*, upload_id: str) -> None:
    """Read a stored upload in the sandbox and stage it for review (services.read_upload)."""
    services.read_upload(upload_id)


def queue_upload(data: bytes, *, filename: str, by: AbstractBaseUser) -> services.Upload:
    """Keep an upload and queue its reading; raises `ImportRefused` for one too large.

    Side effects: the upload's files (services.store_upload) and a task; on a failure to
    queue, the files are removed again."""
    upload = services.store_upload(data, filename=filename, by=by)
    try:
        enqueue(read_upload, upload_id=upload.id)
    except BaseException:
        services.discard_upload(upload)
        raise
    return upload
