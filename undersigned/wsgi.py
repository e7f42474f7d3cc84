import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")
django_application = get_wsgi_application()

from undersigned.core.counters import CountRequests  # noqa: E402 - needs the settings above
from undersigned.core.pagecache import PageCache  # noqa: E402
from undersigned.cosigners.door import LeanDoor  # noqa: E402

# Public pages for anonymous readers come from the page cache, in front of Django, and the
# ordinary signing and confirming POSTs are answered by the lean door (cosigners/door.py),
# which hands every other case to Django; every answer is counted for /metrics.
application = CountRequests(LeanDoor(PageCache(django_application)))
