import pytest


@pytest.fixture(autouse=True)
def _routes_with_feeds(settings):
    settings.ROOT_URLCONF = "tests.api.urls"
