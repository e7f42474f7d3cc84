import re

import pytest
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from tests.accounts.hashers import CountingHasher
from tests.factories import PASSWORD, UserFactory
from undersigned.accounts.models import SignInLink
from undersigned.accounts.services import send_sign_in_link, set_preferences
from undersigned.core.models import RateLimitHit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hasher_first(settings):
    """What is let in, refused and counted is under test here, not how a password is hashed:
    a fast hasher first (the dummy hash of an unknown address is its), Argon2 kept to check
    the factory's hash. A test of the hashing sets its own."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


def link_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/account/link/\S+/)", message.body).group(1)


def test_a_person_signs_in_with_a_password_and_the_session_rotates(client):
    user = UserFactory()
    client.get("/account/sign-in/")
    before = client.session.session_key
    response = client.post(
        "/account/sign-in/",
        {
            "action": "password",
            "pw-identifier": user.email,
            "pw-password": "correct horse battery staple",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session.session_key != before


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client):
    user = UserFactory()
    wrong = client.post(
        "/account/sign-in/",
        {"action": "password", "pw-identifier": user.email, "pw-password": "nope"},
    )
    unknown = client.post(
        "/account/sign-in/",
        {"action": "password", "pw-identifier": "nobody@example.org", "pw-password": "nope"},
    )
    assert wrong.status_code == unknown.status_code == 400
    message = "The e-mail or user name and password do not match."
    assert message in wrong.content.decode() and message in unknown.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_guessing_is_rate_limited_per_client_and_address(client):
    user = UserFactory()
    data = {"action": "password", "pw-identifier": user.email, "pw-password": "guess"}
    statuses = [client.post("/account/sign-in/", data).status_code for _ in range(9)]
    assert statuses == [400] * 8 + [429]
    data["pw-password"] = "correct horse battery staple"
    blocked = client.post("/account/sign-in/", data)
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.content.decode()


def test_a_meeting_behind_one_address_signs_in_as_often_as_it_has_people(settings):
    """Only failures count against the client: thirty-five delegates signing in from one
    address in a quarter of an hour are all let in, while thirty wrong passwords still hold it
    back."""
    from django.test import Client

    # What is counted is under test, not how a password is hashed: a fast hasher, and the
    # people's passwords hashed with it (the factory's cached hash is the slow default's).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    people = UserFactory.create_batch(35, password=make_password(PASSWORD))
    for person in people:
        delegate = Client()
        data = {"action": "password", "pw-identifier": person.email, "pw-password": PASSWORD}
        assert delegate.post("/account/sign-in/", data).status_code == 302
    guesser = Client()
    statuses = [
        guesser.post(
            "/account/sign-in/",
            {"action": "password", "pw-identifier": f"n{n}@example.org", "pw-password": "x"},
        ).status_code
        for n in range(31)
    ]
    assert statuses == [400] * 30 + [429]


def test_a_link_request_answers_the_same_whether_or_not_the_address_has_an_account(client, deliver):
    user = UserFactory()
    with deliver():
        known = client.post(
            "/account/sign-in/", {"action": "link", "link-email": user.email}, follow=True
        )
        unknown = client.post(
            "/account/sign-in/", {"action": "link", "link-email": "nobody@example.org"}, follow=True
        )
    assert known.status_code == unknown.status_code == 200
    text = "a sign-in link is on its way"
    assert text in known.content.decode() and text in unknown.content.decode()
    assert [m.to for m in deliver.outbox] == [[user.email]]


def test_link_requests_are_rate_limited_per_address(client):
    data = {"action": "link", "link-email": "someone@example.org"}
    statuses = [client.post("/account/sign-in/", data).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]


def test_a_sign_in_link_is_spent_by_the_button_not_by_opening_it(client, deliver):
    user = UserFactory()
    with deliver():
        send_sign_in_link(user)
    path = link_path(deliver.outbox[0])
    opened = client.get(path)
    opened_again = client.get(path)
    assert opened.status_code == opened_again.status_code == 200
    assert opened["Referrer-Policy"] == "same-origin"  # the secret URL never leaves the site
    assert "<script" not in opened.content.decode() and "http" not in opened.content.decode()
    assert "_auth_user_id" not in client.session
    signed_in = client.post(path)
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_sign_in_link_works_once(client, deliver):
    user = UserFactory()
    with deliver():
        send_sign_in_link(user)
    path = link_path(deliver.outbox[0])
    client.post(path)
    client.post("/account/sign-out/")
    again = client.post(path)
    assert again.status_code == 410
    assert "_auth_user_id" not in client.session


def test_an_expired_or_forged_link_is_refused(client, deliver):
    user = UserFactory()
    with deliver():
        send_sign_in_link(user)
    path = link_path(deliver.outbox[0])
    selector = path.split("/")[-2].split(".")[0]
    forged = f"/account/link/{selector}.{'A' * 32}/"
    assert client.post(forged).status_code == 410
    SignInLink.objects.update(expires_at=timezone.now())
    assert client.post(path).status_code == 410
    assert "_auth_user_id" not in client.session


def test_only_a_hash_of_the_link_secret_is_stored(deliver):
    user = UserFactory()
    with deliver():
        send_sign_in_link(user)
    secret = link_path(deliver.outbox[0]).split("/")[-2].split(".")[1]
    stored = SignInLink.objects.get()
    assert secret not in (stored.verifier_hash, stored.selector)


def test_password_reset_sends_the_message_from_the_worker(client, deliver):
    user = UserFactory()
    with deliver():
        response = client.post("/account/password-reset/", {"email": user.email})
        assert response.status_code == 302
        assert deliver.outbox == []  # nothing is sent inside the request
    assert len(deliver.outbox) == 1
    assert "/account/password-reset/" in deliver.outbox[0].body


def test_sign_out_is_a_post(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/account/sign-out/").status_code == 405
    client.post("/account/sign-out/")
    assert "_auth_user_id" not in client.session


def test_a_refusal_is_said_once(client):
    user = UserFactory()
    page = client.post(
        "/account/sign-in/",
        {"action": "password", "pw-identifier": user.email, "pw-password": "wrong"},
    ).content.decode()
    # Once in the error summary at the top, once in the form; no second message besides.
    summary = page[
        page.index('class="error-summary"') : page.index(
            "</div>", page.index('class="error-summary"')
        )
    ]
    assert summary.count("The e-mail or user name and password do not match.") == 1
    assert page.count("The e-mail or user name and password do not match.") == 2


def test_guessing_across_many_addresses_is_limited_per_client(client):
    data = {"action": "password", "pw-password": "guess"}
    statuses = [
        client.post("/account/sign-in/", {**data, "pw-identifier": f"x{n}@example.org"}).status_code
        for n in range(31)
    ]
    assert statuses == [400] * 30 + [429]
    # Another client is not held back by the first one's attempts.
    other = client.post(
        "/account/sign-in/", {**data, "pw-identifier": "y@example.org"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 400


def test_behind_a_proxy_the_client_is_the_entry_the_proxy_added(client, settings):
    """Not the proxy's own address (every client would share one limit), and not what the
    client wrote into X-Forwarded-For itself (it could pick a new one for each guess)."""
    settings.BEHIND_PROXY = True
    data = {"action": "password", "pw-password": "guess"}

    def attempt(n: int, forwarded: str) -> int:
        identifier = f"z{n}@example.org"
        return client.post(
            "/account/sign-in/",
            {**data, "pw-identifier": identifier},
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    statuses = [attempt(n, f"198.51.100.{n}, 203.0.113.7") for n in range(31)]
    assert statuses == [400] * 30 + [429]
    assert attempt(99, "203.0.113.8") == 400  # another client behind the same proxy


def test_a_forgotten_password_is_replaced_end_to_end_through_the_emailed_link(client, deliver):
    user = UserFactory()
    assert client.get("/account/password-reset/").status_code == 200
    with deliver():
        response = client.post("/account/password-reset/", {"email": user.email})
    assert response["Location"] == "/account/password-reset/sent/"
    assert client.get(response["Location"]).status_code == 200
    (path,) = re.findall(r"https?://[^/\s]+(/account/password-reset/\S+/)", deliver.outbox[0].body)
    form = client.get(path, follow=True)
    assert form.status_code == 200 and b"new_password1" in form.content
    new = "a long new passphrase, 2026"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert client.get(path).status_code == 200  # the used link now says it cannot be used
    assert b"new_password1" not in client.get(path, follow=True).content


def test_an_account_without_a_usable_password_can_choose_one_by_the_reset_form(client, deliver):
    # Invited people sign in by link and have none; an address change undone by its owner
    # makes the password unusable. Django's form would send them nothing, a dead end.
    user = UserFactory()
    user.set_unusable_password()
    user.save(update_fields=["password"])
    with deliver():
        client.post("/account/password-reset/", {"email": user.email})
    (path,) = re.findall(r"https?://[^/\s]+(/account/password-reset/\S+/)", deliver.outbox[0].body)
    form = client.get(path, follow=True)
    new = "a long new passphrase, 2026"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    user.refresh_from_db()
    assert user.check_password(new)


def test_an_inactive_account_is_sent_no_reset_link(client, deliver):
    user = UserFactory(is_active=False)
    with deliver():
        client.post("/account/password-reset/", {"email": user.email})
    assert deliver.outbox == []


@pytest.mark.parametrize("language", ["fr", "de", "tr"])
def test_the_password_reset_pages_speak_the_readers_language(client, language):
    page = client.get("/account/password-reset/", HTTP_ACCEPT_LANGUAGE=language)
    expected = {"fr": "Mot de passe oublié", "de": "Passwort vergessen", "tr": "Parolamı unuttum"}
    assert expected[language] in page.content.decode()


def sign_in_with_password(client, identifier: str, password: str, ip: str = "127.0.0.1"):
    data = {"action": "password", "pw-identifier": identifier, "pw-password": password}
    return client.post("/account/sign-in/", data, REMOTE_ADDR=ip)


def test_eight_wrong_passwords_from_one_client_do_not_lock_the_owner_out_elsewhere(client):
    user = UserFactory()
    attacker = [sign_in_with_password(client, user.email, "guess", "203.0.113.5") for _ in range(9)]
    assert [r.status_code for r in attacker] == [400] * 8 + [429]
    owner = sign_in_with_password(client, user.email, PASSWORD, "198.51.100.20")
    assert owner.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_owners_emailed_link_works_while_password_guessing_is_held_back(client, deliver):
    """Even from the client that guessed (a shared office address): the link is another way in,
    and a request for one is not counted with the passwords."""
    user = UserFactory()
    for _ in range(9):
        sign_in_with_password(client, user.email, "guess")
    assert sign_in_with_password(client, user.email, PASSWORD).status_code == 429
    with deliver():
        asked = client.post("/account/sign-in/", {"action": "link", "link-email": user.email})
    assert asked.status_code == 302
    signed_in = client.post(link_path(deliver.outbox[0]))
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_successful_sign_in_clears_the_failures_of_that_client_and_address(client):
    user = UserFactory()
    for _ in range(7):
        sign_in_with_password(client, user.email, "guess")
    assert sign_in_with_password(client, user.email, PASSWORD).status_code == 302
    client.post("/account/sign-out/")
    statuses = [sign_in_with_password(client, user.email, "typo").status_code for _ in range(8)]
    assert statuses == [400] * 8


def test_known_and_unknown_accounts_alike_run_the_password_hasher_once(client, settings):
    """An answer takes as long whether or not the account exists: each attempt hashes the
    password once (a dummy hash when there is no usable account), as Django's ModelBackend
    does. Counted, not timed."""
    settings.PASSWORD_HASHERS = ["tests.accounts.hashers.CountingHasher"]
    known = UserFactory(email="known@example.org", password=make_password("right"))
    UserFactory(email="inactive@example.org", is_active=False, password=make_password("right"))
    UserFactory(email="linkonly@example.org", password=make_password(None))
    runs = {}
    for identifier in [
        "known@example.org",
        known.username,
        "nobody@example.org",
        "nobody",
        "inactive@example.org",
        "linkonly@example.org",
    ]:
        CountingHasher.runs.clear()
        response = sign_in_with_password(client, identifier, "wrong")
        assert response.status_code == 400
        runs[identifier] = len(CountingHasher.runs)
    assert set(runs.values()) == {1}, runs


def test_an_inactive_account_cannot_sign_in_with_its_right_password(client):
    user = UserFactory(is_active=False)
    assert sign_in_with_password(client, user.email, PASSWORD).status_code == 400
    assert "_auth_user_id" not in client.session


def test_password_reset_links_start_with_the_site_address_not_the_requests_host(
    client, deliver, settings
):
    settings.SITE_URL = "https://statements.example.org"
    settings.ALLOWED_HOSTS = ["statements.example.org", "evil.example"]
    user = UserFactory()
    with deliver():
        response = client.post(
            "/account/password-reset/", {"email": user.email}, HTTP_HOST="evil.example"
        )
    assert response.status_code == 302
    (message,) = deliver.outbox
    (link,) = re.findall(r"\S+/account/password-reset/\S+/", message.body)
    assert link.startswith("https://statements.example.org/account/password-reset/")
    assert "evil.example" not in message.body


def test_password_reset_messages_are_in_the_persons_language(client, deliver):
    user = UserFactory()
    set_preferences(user, language="fr")
    with deliver():
        client.post("/account/password-reset/", {"email": user.email}, HTTP_ACCEPT_LANGUAGE="en")
    (message,) = deliver.outbox
    assert message.subject == "Réinitialiser votre mot de passe"
    assert "/account/password-reset/" in message.body


def test_password_reset_is_rate_limited_per_address(client, deliver):
    user = UserFactory()
    with deliver():
        statuses = [
            client.post("/account/password-reset/", {"email": user.email}).status_code
            for _ in range(12)
        ]
    assert statuses == [302] * 3 + [429] * 9
    assert len(deliver.outbox) == 3
    refused = client.post("/account/password-reset/", {"email": user.email})
    assert "Too many attempts" in refused.content.decode()


def test_password_reset_is_rate_limited_per_client_across_addresses(client):
    statuses = [
        client.post("/account/password-reset/", {"email": f"r{n}@example.org"}).status_code
        for n in range(21)
    ]
    assert statuses == [302] * 20 + [429]
    other = client.post(
        "/account/password-reset/", {"email": "s@example.org"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302
    assert RateLimitHit.objects.filter(key__startswith="reset:ip:").count() == 21


def test_links_already_sent_sign_the_owner_in_when_more_are_refused(client, deliver):
    """Whoever asks for links to the owner's address until more are refused only fills the
    owner's mailbox with links that work."""
    user = UserFactory()
    data = {"action": "link", "link-email": user.email}
    with deliver():
        for _ in range(3):
            client.post("/account/sign-in/", data, REMOTE_ADDR="203.0.113.5")
    refused = client.post("/account/sign-in/", data, REMOTE_ADDR="198.51.100.20")
    assert refused.status_code == 429
    assert "Those already sent work for 30 minutes" in refused.content.decode()
    assert len(deliver.outbox) == 3
    signed_in = client.post(link_path(deliver.outbox[-1]), REMOTE_ADDR="198.51.100.20")
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_refused_attempt_is_explained_in_the_readers_language(client):
    data = {"action": "password", "pw-identifier": "someone@example.org", "pw-password": "x"}
    for _ in range(8):
        client.post("/account/sign-in/", data)
    refused = client.post("/account/sign-in/", data, HTTP_ACCEPT_LANGUAGE="fr")
    assert refused.status_code == 429
    assert "Trop de tentatives" in refused.content.decode()


def test_attempts_with_a_very_long_address_are_counted_in_the_column(client):
    """A key longer than the column would be refused by PostgreSQL (a 500, and no limit)."""
    long_address = "a" * 240 + "@example.org"
    data = {"action": "password", "pw-identifier": long_address, "pw-password": "guess"}
    statuses = [client.post("/account/sign-in/", data).status_code for _ in range(9)]
    assert statuses == [400] * 8 + [429]
    assert max(len(key) for key in RateLimitHit.objects.values_list("key", flat=True)) <= 200


def test_the_secretariat_lands_on_its_workspace_and_a_delegate_on_their_home(client):
    from django.contrib.auth.models import Permission

    staff = UserFactory(username="secretary")
    staff.user_permissions.add(Permission.objects.get(codename="act_as_secretariat"))
    staff.set_password("a long passphrase, 2026")
    staff.save()
    member = UserFactory(username="member")
    member.set_password("another passphrase, 2026")
    member.save()
    landed = []
    for name, password in (
        ("secretary", "a long passphrase, 2026"),
        ("member", "another passphrase, 2026"),
    ):
        client.logout()
        response = client.post(
            "/account/sign-in/",
            {"action": "password", "pw-identifier": name, "pw-password": password},
        )
        landed.append(response["Location"])
    assert landed == ["/drafting/", "/account/"]


def test_signing_in_from_the_front_page_lands_on_ones_own_page_and_elsewhere_returns(client):
    member = UserFactory(username="member")
    member.set_password("another passphrase, 2026")
    member.save()
    landed = []
    for next_url in ("/", "/statements/", "/statements/ICOR00359/"):
        client.logout()
        response = client.post(
            f"/account/sign-in/?next={next_url}",
            {
                "action": "password",
                "pw-identifier": "member",
                "pw-password": "another passphrase, 2026",
            },
        )
        landed.append(response["Location"])
    assert landed == ["/account/", "/account/", "/statements/ICOR00359/"]


def test_a_person_signed_in_changes_their_password_from_their_preferences(client):
    """A delegate who wants another password finds it under their preferences, changes it
    with the one they have, and stays signed in; the old one no longer lets them in."""
    user = UserFactory()
    client.force_login(user)
    preferences = client.get("/account/preferences/").content.decode()
    assert 'href="/account/password/"' in preferences

    new = {"new_password1": "a new long phrase 42", "new_password2": "a new long phrase 42"}
    wrong = client.post("/account/password/", {"old_password": "not it", **new})
    assert wrong.status_code == 400
    response = client.post("/account/password/", {"old_password": PASSWORD, **new})

    assert response.status_code == 302 and response["Location"] == "/account/preferences/"
    assert client.get("/account/").status_code == 200  # still signed in
    user.refresh_from_db()
    assert user.check_password("a new long phrase 42") and not user.check_password(PASSWORD)


def test_a_person_without_a_password_chooses_one_without_being_asked_for_an_old_one(client):
    """Invited people sign in by link and have no password: the same page lets them choose one."""
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    assert "old_password" not in client.get("/account/password/").content.decode()

    response = client.post(
        "/account/password/",
        {"new_password1": "a new long phrase 42", "new_password2": "a new long phrase 42"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a new long phrase 42")
