"""Who may reach what: every member and secretariat URL tried by an anonymous visitor and by
an outsider (a delegate of another organization)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.factories import OrganizationFactory, make_delegate, make_secretariat
from undersigned.signatures.models import Signature
from undersigned.statements.models import State, Statement
from undersigned.statements.services import create_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(example):
    organization = OrganizationFactory(abbreviation="OWN")
    return {
        "statement": example,
        "organization": organization,
        "delegate": make_delegate(organization),
        "outsider": make_delegate(OrganizationFactory(abbreviation="OTHER")),
        "draft": create_statement(
            language="en", title="Secret draft", short_title="d", body="Hidden."
        ),
    }


def member_urls(world) -> list[str]:
    s, o = world["statement"], world["organization"]
    return ["/account/", "/account/request/", f"/account/statements/{s.pk}/sign/{o.pk}/"]


def secretariat_urls(world) -> list[str]:
    return [f"/secretariat/statements/{world['statement'].pk}/", "/secretariat/requests/"]


def test_anonymous_visitors_reach_no_member_or_secretariat_page(client, world):
    for url in member_urls(world) + secretariat_urls(world):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/account/sign-in/?next="), url
    assert client.get("/admin/").status_code == 302


def test_an_outsider_cannot_sign_withdraw_or_read_for_an_organization_they_do_not_represent(
    client, world
):
    client.force_login(world["outsider"])
    url = member_urls(world)[2]
    version = world["statement"].current_version()
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"version_hash": version.content_hash, "confirm": "on"}).status_code == 404
    )
    assert client.post(url, {"action": "withdraw", "confirm_withdrawal": "on"}).status_code == 404
    assert not Signature.objects.filter(organization=world["organization"]).exists()


def test_an_outsider_cannot_withdraw_another_organizations_signature(client, world):
    client.force_login(world["delegate"])
    version = world["statement"].current_version()
    client.post(member_urls(world)[2], {"version_hash": version.content_hash, "confirm": "on"})
    client.force_login(world["outsider"])
    client.post(member_urls(world)[2], {"action": "withdraw", "confirm_withdrawal": "on"})
    assert Signature.objects.get(organization=world["organization"]).withdrawn_at is None


def test_delegates_do_not_see_drafts(client, world):
    client.force_login(world["delegate"])
    draft = world["draft"]
    assert (
        client.get(f"/account/statements/{draft.pk}/sign/{world['organization'].pk}/").status_code
        == 404
    )
    assert "Secret draft" not in client.get("/account/").content.decode()
    assert client.get(f"/secretariat/statements/{draft.pk}/").status_code == 403


def test_delegates_reach_no_secretariat_page(client, world):
    client.force_login(world["delegate"])
    for url in secretariat_urls(world):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"action": "transition", "to": "closed"}).status_code == 403, url
    assert Statement.objects.get(pk=world["statement"].pk).state == State.PUBLISHED
    assert client.get("/admin/").status_code == 302


def test_every_form_refuses_a_post_without_its_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_secretariat())
    urls = (
        member_urls(world) + secretariat_urls(world) + ["/account/sign-in/", "/account/sign-out/"]
    )
    for url in urls:
        assert client.post(url, {"action": "transition", "to": "closed"}).status_code == 403, url
    assert Statement.objects.get(pk=world["statement"].pk).state == State.PUBLISHED


def test_a_strict_content_security_policy_holds_on_every_page(client, world):
    from undersigned.accounts.services import grant_delegation

    secretariat = make_secretariat()
    grant_delegation(secretariat, organization=world["organization"], by=None)
    client.force_login(secretariat)
    pages = ["/", "/statements/", "/statements/ICOR00359/", "/statements/ICOR00359/record/",
             "/account/sign-in/", *member_urls(world), *secretariat_urls(world)]  # fmt: skip
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "unsafe-inline" not in policy, url
        html = response.content.decode()
        assert "<script>" not in html and " style=" not in html and " onclick=" not in html, url


def test_deploy_checks_pass_with_production_settings(tmp_path):
    # Browser tests allow sync ORM calls beside Playwright's loop; production never does.
    unwanted = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unwanted}
    env.update(
        UNDERSIGNED_DATA_DIR=str(tmp_path), UNDERSIGNED_SECURE="1",
        UNDERSIGNED_SECRET_KEY="x" * 20 + "production-secret-with-enough-entropy-3f9a!k",
        UNDERSIGNED_ALLOWED_HOSTS="statements.example.org", UNDERSIGNED_DEBUG="0",
    )  # fmt: skip
    cli = Path(sys.executable).parent / "undersigned"
    run = subprocess.run(
        [cli, "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
