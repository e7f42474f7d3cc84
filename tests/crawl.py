"""Every page of the site, found from the URL configuration and filled from the demo's data.

`every_url()` walks the URL patterns; each parameter of a pattern is filled by `Site`, which
holds the demo (the example coalition and statement, loaded as the demo loads them) and what
a person meets besides it: an invitation, a sign-in link, a password reset, a staged import,
an e-mail in the outbox. A new pattern with a parameter nobody fills fails the crawl, so the
crawl keeps covering every page.
"""

import email
import email.policy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import PASSWORD, make_delegate, make_secretariat
from undersigned.accounts.models import Invitation, Notice
from undersigned.accounts.services import (
    ask_to_change_address,
    confirm_address_change,
    invite_delegate,
    send_sign_in_link,
)
from undersigned.core.mail import outbox_dir
from undersigned.cosigners.models import Listing
from undersigned.cosigners.services import (
    confirm_signature,
    seal_pending_batches,
    set_opening,
    sign_as_person,
)
from undersigned.demo.example import load_example
from undersigned.drafting.models import Amendment
from undersigned.importing.services import stage_upload
from undersigned.operations.services import record_heartbeat
from undersigned.publishing.downloads import FORMATS
from undersigned.statements.models import Statement

SEED = Path(__file__).parent / "fixtures" / "seed" / "ICOR00359.txt"
ROLES = ("anonymous", "delegate", "secretariat", "superuser")
# The one page with a header of its own: the API's description is the same bytes for every
# reader (its ETag and public caching rely on it), so its header cannot say who is signed in.
SAME_FOR_EVERYONE = ("/api/v1/",)


def shown_name(person: AbstractBaseUser) -> str:
    """How the header names the person signed in."""
    return person.get_full_name() or person.get_username()


@dataclass
class Site:
    """The demo's data and one person for each role."""

    statement: Statement
    people: dict[str, AbstractBaseUser | None]
    values: dict[str, list[str]] = field(default_factory=dict)
    by_pattern: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def build_site(*, deliver_to_outbox) -> Site:
    """Load the example as the demo does, give it a delegate, a secretariat and a superuser,
    and leave one of each secret a person receives by e-mail. `deliver_to_outbox` is a context
    manager that sends what was queued into the outbox directory."""
    (statement,) = load_example()
    amendment = Amendment.objects.filter(statement=statement).order_by("number").first()
    organization = amendment.organization
    delegate = make_delegate(organization, first_name="Dana", last_name="Delegate")
    secretariat = make_secretariat(first_name="Sam", last_name="Secretariat")
    superuser = get_user_model().objects.create_superuser(
        "admin", "admin@example.org", "a password nobody types", first_name="Ada"
    )
    # The demo runs its worker beside the server, so the site reports itself healthy.
    record_heartbeat(worker="demo", started_at=timezone.now())
    Group.objects.create(name="Translators")
    with deliver_to_outbox():
        invite_delegate(email="new@example.org", organization=organization, by=secretariat)
        send_sign_in_link(delegate)
        # Without a password: the link goes to the current address, and no hash is checked.
        moving = make_delegate(organization, email="moving@example.org", password="!")
        ask_to_change_address(moving, email="moved@example.org")
        # A change done: the old address's notice holds the link that undoes it.
        moved = make_delegate(organization, email="was@example.org")
        confirm_address_change(
            ask_to_change_address(moved, email="is@example.org", password=PASSWORD)
        )
    mails = {path.name: _body(path) for path in sorted(outbox_dir().glob("*.eml"))}
    (message,) = [name for name, body in mails.items() if "/account/invitation/" in body]
    pending = stage_upload(SEED.read_bytes(), filename=SEED.name, by=secretariat)
    # The statement open to individuals in each of its languages, with one signature waiting
    # for its confirmation and one confirmed: the secret links of both pages are real.
    original = statement.current_version()
    for language in sorted({v.language for v in statement.versions.all()}):
        set_opening(statement, language=language, listing=Listing.LISTED, by=secretariat)
    waiting, confirmed = (
        sign_as_person(
            statement,
            language=original.language,
            version_hash=original.content_hash,
            name=name,
            email=email,
        )
        for name, email in (("Ana Lopez", "ana@example.org"), ("Bo Li", "bo@example.org"))
    )
    _signature, receipt = confirm_signature(confirmed.signature)
    seal_pending_batches()  # as the worker does within a second: the receipt has its proof
    versions = statement.versions.filter(language=statement.original_language).order_by(
        "major", "minor"
    )
    labels = [version.label for version in versions]
    site = Site(
        statement=statement,
        people={
            "anonymous": None,
            "delegate": delegate,
            "secretariat": secretariat,
            "superuser": superuser,
        },
    )
    site.values = {
        "statement_id": [str(statement.pk)],
        "organization_id": [str(organization.pk)],
        "number": [str(amendment.number)],
        "document_id": [statement.document_id],
        "old": [labels[0]],
        "new": [labels[-1]],
        "language": sorted({v.language for v in statement.versions.all()}),
        "kind": list(FORMATS),
        "pending_id": [pending.id],
        "name": [message],
        "code": ["en"],
        "uidb64": [urlsafe_base64_encode(force_bytes(delegate.pk))],
        "app_label": ["statements"],
        "url": ["no/such/page/"],
        "rest": ["no/such/thing/"],
        "id": [str(delegate.pk)],
        "translator_id": ["1"],
        "notice_id": [str(n.pk) for n in Notice.objects.order_by("pk")[:1]] or ["1"],
        "content_type_id": [str(ContentType.objects.get_for_model(Statement).pk)],
    }
    site.by_pattern = {
        "accounts:link": {"token": _secrets_in(mails, "/account/link/")},
        "accounts:invitation": {"token": _secrets_in(mails, "/account/invitation/")},
        "accounts:address_link": {
            "token": [t for t in _secrets_in(mails, "/account/address/") if t != "undo"]
        },
        "accounts:address_undo": {"token": _secrets_in(mails, "/account/address/undo/")},
        "accounts:accept_invitation": {
            "invitation_id": [str(i.pk) for i in Invitation.objects.order_by("pk")[:1]]
        },
        "accounts:password_reset_confirm": {
            "token": [default_token_generator.make_token(delegate), "set-password"]
        },
        "admin:view_on_site": {"object_id": [str(statement.pk)]},
        "cosigners:confirm": {"token": [waiting.token]},
        "cosigners:receipt": {"token": [receipt]},
        "cosigners:receipt_json": {"token": [receipt]},
        "cosigners:people_page": {"page": ["1"]},
    }
    return site


def _body(path: Path) -> str:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    return message.get_body(("plain",)).get_content()


def _secrets_in(mails: dict[str, str], path: str) -> list[str]:
    """The secret of a link as its e-mail gives it (the database keeps only a hash)."""
    return [m for body in mails.values() for m in re.findall(re.escape(path) + r"([^/\s]+)/", body)]


def patterns(resolver=None, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    """(name, route) of every URL pattern; unnamed ones by their route."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            yield from patterns(pattern, route, f"{namespace}:{inner}".strip(":"))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}".strip(":") if pattern.name else ""
            yield name, route


PLACEHOLDER = re.compile(r"<(?:\w+:)?(?P<a>\w+)>|\(\?P<(?P<b>\w+)>(?:[^()]|\([^()]*\))*\)")


def every_url(site: Site) -> Iterator[tuple[str, str]]:
    """(pattern, URL) for every pattern and every value of its parameters."""
    for name, route in patterns():
        parameters = [m["a"] or m["b"] for m in PLACEHOLDER.finditer(route)]
        choices = [[{}]]
        for parameter in parameters:
            values = _values(site, name, route, parameter)
            choices.append([{parameter: value} for value in values])
        for combination in _product(choices):
            kwargs = {k: v for part in combination for k, v in part.items()}
            yield name or route, _url(name, route, kwargs)


def _values(site: Site, name: str, route: str, parameter: str) -> list[str]:
    if parameter in site.by_pattern.get(name, {}):
        return site.by_pattern[name][parameter]
    if parameter == "object_id":  # an admin page of one object: the first of its model
        found = re.match(r"admin/(\w+)/(\w+)/", route)
        model = next(
            m
            for m in admin.site._registry
            if (m._meta.app_label, m._meta.model_name) == found.groups()
        )
        first = model.objects.order_by("pk").first()
        return [str(first.pk) if first else "0"]  # none yet: the admin says it does not exist
    if parameter not in site.values:
        raise LookupError(f"The crawl cannot fill {parameter!r} of {name or route}: add a value.")
    return site.values[parameter]


def _product(choices: list[list[dict]]) -> Iterator[list[dict]]:
    if not choices:
        yield []
        return
    first, *rest = choices
    for item in first:
        for tail in _product(rest):
            yield [item, *tail]


def _url(name: str, route: str, kwargs: dict[str, str]) -> str:
    if name:
        return reverse(name, kwargs=kwargs)
    filled = PLACEHOLDER.sub(lambda m: kwargs[m["a"] or m["b"]], route)
    return "/" + filled.replace("^", "").replace("$", "")


def html_pages(site: Site, role: str) -> list[str]:
    """The URLs that answer the role with a page of HTML (not a redirect, a file or JSON)."""
    client = Client()
    if site.people[role] is not None:
        client.force_login(site.people[role])
    pages = []
    for _name, url in every_url(site):
        response = client.get(url)
        html = response.get("Content-Type", "").startswith("text/html")
        if html and not response.streaming and response.content and response.status_code < 300:
            pages.append(url)
    return pages
