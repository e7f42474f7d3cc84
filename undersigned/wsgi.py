import os
import sys

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")
django_application = get_wsgi_application()

from undersigned.core.counters import CountRequests  # noqa: E402 - needs the settings above
from undersigned.core.pagecache import PageCache  # noqa: E402
from undersigned.cosigners.door import LeanDoor  # noqa: E402

# Threads answering cached pages must not wait long for Python's lock behind signing threads
# (docs/benchmarks.md, "The surge"); 0 keeps Python's own interval.
if settings.SERVER_SWITCH_INTERVAL_MS > 0:
    sys.setswitchinterval(settings.SERVER_SWITCH_INTERVAL_MS / 1000)

# Public pages for anonymous readers come from the page cache, in front of Django, and the
# ordinary signing and confirming POSTs are answered by the lean door (cosigners/door.py),
# which hands every other case to Django; every answer is counted for /metrics.
application = CountRequests(LeanDoor(PageCache(django_application)))
