import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")
django_application = get_wsgi_application()

from undersigned.core.pagecache import PageCache  # noqa: E402 - needs the settings above

# Public pages for anonymous readers come from the page cache, in front of Django.
application = PageCache(django_application)
