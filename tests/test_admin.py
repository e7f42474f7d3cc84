import pytest

from tests.factories import OrganizationFactory, make_delegate

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "root", "root@example.org", "pw-long-enough-123"
    )
    client.force_login(admin)
    return client


def test_organizations_are_searchable_by_names_and_filterable_by_continent(admin_client_, example):
    page = admin_client_.get(
        "/admin/organizations/organization/", {"q": "Deutschlands"}
    ).content.decode()
    assert "MLPD" in page and "PCPCI" not in page
    page = admin_client_.get(
        "/admin/organizations/organization/", {"q": "Ivory Coast"}
    ).content.decode()
    assert "PCPCI" in page
    europe = admin_client_.get(
        "/admin/organizations/organization/", {"continent": "europe"}
    ).content.decode()
    assert "MLKP" in europe and "PCPCI" not in europe  # the coalition counts Türkiye in Europe
    by_country = admin_client_.get(
        "/admin/organizations/organization/", {"country": "NP"}
    ).content.decode()
    assert "PPRF" in by_country and "MLPD" not in by_country


def test_the_statement_page_shows_its_versions_and_links_to_its_signatures(admin_client_, example):
    page = admin_client_.get(f"/admin/statements/statement/{example.pk}/change/").content.decode()
    assert "ICOR00359" in page
    assert "ICOR Statement on the Events in Belarus" in page
    link = f"/admin/signatures/signature/?statement__id__exact={example.pk}"
    assert f'<a href="{link}">32</a>' in page
    signatures = admin_client_.get(link).content.decode()
    assert "32 signatures" in signatures


def test_the_coalition_settings_are_one_object(admin_client_, example):
    response = admin_client_.get("/admin/core/coalition/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/core/coalition/1/change/"
    page = admin_client_.get("/admin/core/coalition/1/change/").content.decode()
    assert "ICOR" in page
    assert admin_client_.get("/admin/core/coalition/add/").status_code == 403


def test_a_signed_version_cannot_be_edited_in_the_admin(admin_client_, example):
    version = example.current_version()
    page = admin_client_.get(f"/admin/statements/version/{version.pk}/change/")
    assert page.status_code == 200
    response = admin_client_.post(
        f"/admin/statements/version/{version.pk}/change/",
        {"statement": example.pk, "major": 5, "minor": 1, "language": "en", "title": "Changed",
         "short_title": version.short_title, "body": version.body},
    )  # fmt: skip
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.title == "ICOR Statement on the Events in Belarus"


def test_delegates_cannot_use_the_admin(client, example):
    client.force_login(make_delegate(OrganizationFactory()))
    assert client.get("/admin/").status_code == 302


def test_outdated_translations_are_marked_in_the_admin(admin_client_, example):
    from undersigned.statements.services import add_version

    page = admin_client_.get("/admin/statements/version/?language=de").content.decode()
    assert 'alt="False"' in page
    add_version(example, title="ICOR Statement", short_title="x", body="New.")
    page = admin_client_.get("/admin/statements/version/?language=de").content.decode()
    assert 'alt="True"' in page


def test_the_admin_names_the_sites_icon_so_browsers_do_not_ask_for_a_missing_one(admin_client_):
    page = admin_client_.get("/admin/").content.decode()

    assert 'rel="icon"' in page and "favicon.svg" in page
