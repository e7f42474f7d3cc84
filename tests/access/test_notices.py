"""A person's notices: new ones are counted in the header and marked on the home page; opening
one from there, or marking all read, makes them read. Nobody reaches anyone else's."""

import re

import pytest
from django.urls import reverse

from tests.factories import OrganizationFactory, make_delegate, make_secretariat
from undersigned.accounts.models import Notice
from undersigned.accounts.services import notify

pytestmark = pytest.mark.django_db


def tell(user, key: str, path: str = "/statements/") -> Notice:
    (notice,) = notify(
        [user],
        key=key,
        template="consultation_opened",
        context={"document_id": "", "title": f"Text {key}", "version": "01", "deadline": ""},
        path=path,
    )
    return notice


def header_badge(page: str) -> str | None:
    header = page.split('<header class="site"', 1)[1].split("</header>", 1)[0]
    found = re.search(r'<span class="new-badge">([^<]*)</span>', header)
    return found.group(1) if found else None


@pytest.fixture
def delegate():
    return make_delegate(OrganizationFactory(is_member=True))


def test_new_notices_are_counted_in_the_header_and_marked_at_home(client, delegate):
    client.force_login(delegate)
    assert header_badge(client.get("/statements/").content.decode()) is None
    tell(delegate, "a")
    tell(delegate, "b")

    page = client.get("/account/").content.decode()

    assert header_badge(page) == "2 new"
    assert page.count('class="unread"') == 2
    assert "Mark all as read" in page


def test_opening_a_notice_reads_it_and_leads_to_its_page(client, delegate):
    first, second = tell(delegate, "a", "/statements/"), tell(delegate, "b")
    client.force_login(delegate)

    response = client.get(reverse("accounts:notice", args=[first.pk]))

    assert (response.status_code, response["Location"]) == (302, "/statements/")
    first.refresh_from_db(), second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None
    assert header_badge(client.get("/account/").content.decode()) == "1 new"


def test_marking_all_read_clears_the_count(client, delegate):
    tell(delegate, "a"), tell(delegate, "b")
    client.force_login(delegate)
    assert client.get(reverse("accounts:notices_read")).status_code == 405

    response = client.post(reverse("accounts:notices_read"), follow=True)

    page = response.content.decode()
    assert "All your notices are marked as read." in page
    assert header_badge(page) is None and 'class="unread"' not in page
    assert not Notice.objects.filter(read_at__isnull=True).exists()


def test_nobody_opens_or_reads_anyone_elses_notice(client, delegate):
    theirs = tell(delegate, "a")
    other = make_delegate(OrganizationFactory(is_member=True))
    client.force_login(other)

    assert client.get(reverse("accounts:notice", args=[theirs.pk])).status_code == 404
    client.post(reverse("accounts:notices_read"))

    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_reader_who_is_not_signed_in_is_sent_to_sign_in(client, delegate):
    notice = tell(delegate, "a")
    response = client.get(reverse("accounts:notice", args=[notice.pk]))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_the_secretariat_sees_its_count_on_every_page_it_signs_in_to(client):
    secretariat = make_secretariat()
    tell(secretariat, "s")
    client.force_login(secretariat)
    assert header_badge(client.get("/drafting/").content.decode()) == "1 new"
