"""axe-core in the browser tests: inject it into a page and list what it finds.

axe-core comes from the npm registry (package.json, installed by `make setup` with `npm ci`);
it is never served to readers. docs/testing.md says why it is here and how to run it.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

AXE = Path(__file__).parent.parent.parent / "node_modules" / "axe-core" / "axe.min.js"
# The success criteria of WCAG 2.0, 2.1 and 2.2 at levels A and AA; nothing else (the
# "best-practice" rules are advice, not conformance).
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
RUN = (
    "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
)


def axe_source() -> str:
    """The text of axe.min.js; fails in CI and skips elsewhere when it is not installed."""
    if not AXE.exists():
        message = f"axe-core not found at {AXE}: run `make setup` (it needs npm)"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must install nodejs and npm)")
        pytest.skip(message)
    return AXE.read_text()


def signed_in_context(browser, live_server, person, **options):
    """A browser context signed in as `person` (None: a reader signed out). It may inject
    scripts, which the site's Content-Security-Policy would otherwise refuse."""
    context = browser.new_context(locale="en-GB", bypass_csp=True, **options)
    if person is not None:
        client = Client()
        client.force_login(person)
        name = django_settings.SESSION_COOKIE_NAME
        context.add_cookies(
            [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
        )
    return context


def violations(page, source: str) -> dict[tuple[str, str], str]:
    """What axe finds failing a WCAG A or AA rule on the page as it is now: for each rule and
    element (as "rule (impact)", CSS selector), what is wrong."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=source)
    found = page.evaluate(RUN, WCAG_AA)["violations"]
    return {
        (f"{rule['id']} ({rule['impact']})", " ".join(map(str, node["target"]))): (
            node["failureSummary"].splitlines()[-1].strip()
        )
        for rule in found
        for node in rule["nodes"]
    }


def report(found: dict[tuple[str, str, str], tuple[str, list[int]]]) -> str:
    """One line per rule, element and page, with the widths at which it fails."""
    return "\n".join(
        f"{rule} {target} on {url} at {', '.join(map(str, widths))} px: {summary}"
        for (url, rule, target), (summary, widths) in found.items()
    )
