"""Zip packages (DOCX, ODT) made reproducible: the same document gives the same bytes, which
the download cache and its tests rely on."""

import io
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime


def restamped(
    data: bytes, stamp: datetime, edit: Callable[[str, bytes], bytes | None] | None = None
) -> bytes:
    """The package with every member dated `stamp` (the libraries date them now) and passed
    through `edit(name, content)`, which may change it or drop it (None). Each member keeps
    its compression: ODF wants its mimetype stored, not deflated."""
    moment = max(stamp, datetime(1980, 1, 1, tzinfo=UTC)).timetuple()[:6]
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w") as target,
    ):
        for member in source.infolist():
            content = source.read(member)
            if edit is not None:
                content = edit(member.filename, content)
                if content is None:
                    continue
            info = zipfile.ZipInfo(member.filename, date_time=moment)
            info.compress_type = member.compress_type
            target.writestr(info, content)
    return output.getvalue()
