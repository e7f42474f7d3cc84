import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command

from tests.factories import UserFactory, make_secretariat
from undersigned.core.mail import OutboxBackend, outbox_dir
from undersigned.demo.management.commands.demo import is_loopback
from undersigned.organizations.models import Organization
from undersigned.signatures.models import Signature
from undersigned.statements.models import Statement

CLI = Path(sys.executable).parent / "undersigned"


@pytest.mark.django_db
def test_demo_without_serving_loads_the_example_once(capsys):
    call_command("demo", "--no-serve")
    first = capsys.readouterr().out
    call_command("demo", "--no-serve")
    second = capsys.readouterr().out
    assert "Loaded the example statement ICOR00359." in first
    assert "already loaded; nothing duplicated" in second
    assert (Statement.objects.count(), Organization.objects.count(), Signature.objects.count()) == (
        1,
        32,
        32,
    )
    password = first.split("Sign in as: admin / ")[1].split()[0]
    assert f"Sign in as: admin / {password}" in second


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory) -> tuple[dict, subprocess.CompletedProcess]:
    """A data directory the console script set up, as a newcomer does (SQLite)."""
    tmp_path = tmp_path_factory.mktemp("demo")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["UNDERSIGNED_DATA_DIR"] = str(tmp_path / "data")
    run = subprocess.run(
        [CLI, "demo", "--no-serve"], env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    return env, run


def test_the_cli_sets_up_a_fresh_data_directory_and_exports(demo_data):
    """The console script end to end, as a newcomer runs it (SQLite in a new data dir)."""
    env, run = demo_data
    tmp_path = Path(env["UNDERSIGNED_DATA_DIR"]).parent
    assert "http://127.0.0.1:8000/statements/ICOR00359/" in run.stdout
    assert (tmp_path / "data" / "undersigned.sqlite3").exists()
    assert oct((tmp_path / "data" / "secret_key").stat().st_mode & 0o777) == "0o600"
    export = subprocess.run(
        [CLI, "export", "ICOR00359", "--format", "txt"], env=env, capture_output=True, text=True
    )
    assert export.returncode == 0, export.stderr
    assert export.stdout.startswith("ICOR Statement on the Events in Belarus\n")
    bad = subprocess.run(
        [CLI, "demo", "--addr", "nonsense"], env=env, capture_output=True, text=True
    )
    assert bad.returncode != 0
    assert "--addr takes HOST:PORT" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_serve_answers_as_a_production_server_and_stops_on_sigterm(demo_data):
    """`undersigned serve` for real: pages (the second from the page cache), HEAD, 304,
    static files, CSRF, and a clean stop."""
    env, _run = demo_data
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [CLI, "serve", "--addr", f"127.0.0.1:{port}", "--workers", "1", "--no-access-log"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        page = _wait_for(f"{base}/statements/ICOR00359/")
        body = page.read().decode()
        assert "Parti Communiste Proletarien de Côte d&#x27;Ivoire" in body
        with urllib.request.urlopen(f"{base}/statements/ICOR00359/") as again:
            assert again.read().decode() == body
            assert again.headers["ETag"] == page.headers["ETag"]
            assert "default-src 'self'" in again.headers["Content-Security-Policy"]
        head = urllib.request.Request(f"{base}/statements/ICOR00359/", method="HEAD")
        with urllib.request.urlopen(head) as answer:
            assert answer.status == 200 and answer.read() == b""
        conditional = urllib.request.Request(
            f"{base}/statements/ICOR00359/", headers={"If-None-Match": page.headers["ETag"]}
        )
        with pytest.raises(urllib.error.HTTPError) as not_modified:
            urllib.request.urlopen(conditional)
        assert not_modified.value.code == 304
        with urllib.request.urlopen(f"{base}/static/publishing/publishing.css") as css:
            assert css.status == 200 and b"{" in css.read()
        post = urllib.request.Request(f"{base}/account/sign-in/", data=b"email=a@b.c")
        with pytest.raises(urllib.error.HTTPError) as forbidden:
            urllib.request.urlopen(post)
        assert forbidden.value.code == 403  # no CSRF token
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert "Traceback" not in output


def _wait_for(url: str, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return urllib.request.urlopen(url, timeout=5)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_the_demo_refuses_an_address_other_machines_can_reach(demo_data):
    env, _run = demo_data
    refused = subprocess.run(
        [CLI, "demo", "--addr", "0.0.0.0:8000", "--no-serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2
    assert "add --public-demo" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert refused.stdout == ""  # refused before it set anything up


@pytest.mark.django_db
def test_the_demo_serves_other_machines_only_when_told_public_demo(capsys):
    with pytest.raises(CommandError) as refused:
        call_command("demo", "--addr", "192.0.2.10:8000", "--no-serve")
    assert refused.value.returncode == 2
    call_command("demo", "--addr", "0.0.0.0:8000", "--no-serve", "--public-demo")
    assert "undersigned is ready at http://0.0.0.0:8000/" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),  # noqa: S104 - the address refused, not bound
        ("[::]", False),
        ("192.0.2.10", False),
        ("demo.example.org", False),
    ],
)
def test_only_loopback_addresses_count_as_this_machine(host, loopback):
    assert is_loopback(host) is loopback


def test_the_demo_says_its_outbox_is_the_secretariats(demo_data):
    _env, run = demo_data
    assert "/dev/outbox/ (signed in as admin, the secretariat;" in run.stdout


def write_outbox_message() -> str:
    OutboxBackend().send_messages(
        [mail.EmailMessage("Your sign-in link", "Open http://x/account/link/a.b/", to=["b@x.org"])]
    )
    return next(outbox_dir().glob("*.eml")).name


@pytest.mark.django_db
@pytest.mark.parametrize("mode", ["DEMO", "DEBUG"])
def test_only_the_secretariat_reads_the_outbox(client, settings, mode):
    """Its messages hold sign-in links: whoever read them could sign in as anyone."""
    settings.DEBUG = settings.DEMO = False
    setattr(settings, mode, True)
    name = write_outbox_message()
    pages = ["/dev/outbox/", f"/dev/outbox/{name}"]
    assert [client.get(page).status_code for page in pages] == [403, 403]
    client.force_login(UserFactory())
    assert [client.get(page).status_code for page in pages] == [403, 403]
    client.force_login(make_secretariat())
    listed, opened = (client.get(page) for page in pages)
    assert (listed.status_code, opened.status_code) == (200, 200)
    assert "Your sign-in link" in listed.content.decode()
    assert "http://x/account/link/a.b/" in opened.content.decode()
    assert opened["Cache-Control"] == "no-store"
    assert client.get("/dev/outbox/..%2Fsecret_key").status_code == 404


@pytest.mark.django_db
def test_a_production_site_has_no_outbox_page(client, settings):
    settings.DEBUG = settings.DEMO = False
    client.force_login(make_secretariat())
    write_outbox_message()
    assert client.get("/dev/outbox/").status_code == 404


@pytest.mark.django_db
def test_the_demo_prints_an_account_for_each_role_and_the_journeys_to_walk(capsys, client):
    from undersigned.accounts.permissions import is_secretariat, represented_organizations

    call_command("demo", "--no-serve")
    out = capsys.readouterr().out
    accounts = {}
    for line in out.split("  Accounts (")[1].split("  Three journeys")[0].splitlines()[1:]:
        if line.strip():
            email, password, role = line.split(maxsplit=2)
            accounts[email] = (password, role)
    assert list(accounts) == [
        "secretariat@example.org",
        "delegate@mlpd.example.org",
        "delegate@pcpci.example.org",
        "translator@example.org",
    ]
    journeys = out.split("  Three journeys to try:")[1]
    for words in ("1. Secretariat:", "2. Delegate", "3. Translator"):
        assert words in journeys
    for email, (password, _role) in accounts.items():
        response = client.post(
            "/account/sign-in/",
            {"action": "password", "pw-identifier": email, "pw-password": password},
        )
        assert response.status_code == 302, email
        client.logout()
    users = get_user_model().objects
    assert is_secretariat(users.get(email="secretariat@example.org"))
    organizations = {
        email: [o.abbreviation for o in represented_organizations(users.get(email=email))]
        for email in accounts
    }
    assert organizations == {
        "secretariat@example.org": [],
        "delegate@mlpd.example.org": ["MLPD"],
        "delegate@pcpci.example.org": ["PCPCI"],
        "translator@example.org": ["PCR-U"],
    }
    # The translator is named for Spanish, once, and their home leads to the translations.
    translator = users.get(email="translator@example.org")
    roles = list(translator.translator_roles.active().values_list("language", flat=True))
    assert roles == ["es"]
    client.force_login(translator)
    home = client.get("/account/").content.decode()
    statement = translator.translator_roles.get().statement
    assert f"/drafting/statements/{statement.pk}/translations/" in home
    call_command("demo", "--no-serve")
    assert capsys.readouterr().out.split("  Accounts (")[1] == out.split("  Accounts (")[1]
    assert translator.translator_roles.count() == 1


@pytest.mark.django_db
def test_the_translators_home_lists_the_translation_waiting_in_their_language(client):
    call_command("demo", "--no-serve")
    translator = get_user_model().objects.get(email="translator@example.org")
    statement = translator.translator_roles.get().statement
    client.force_login(translator)
    for language, words in (("en", "to translate into Spanish"), ("fr", "à traduire en espagnol")):
        client.cookies["django_language"] = language
        waiting = client.get("/account/").content.decode().split('id="waiting"')[1]
        waiting = waiting.split("</ul>")[0]
        assert f"/drafting/statements/{statement.pk}/translations/" in waiting
        assert words in waiting


@pytest.mark.django_db
def test_the_outbox_page_names_the_folder_its_messages_are_in(client, settings):
    """Not "the data directory" of a host name: the folder a person opens to find the files."""
    settings.DEMO = True
    write_outbox_message()
    client.force_login(make_secretariat())
    page = client.get("/dev/outbox/").content.decode()
    assert f"<code>{outbox_dir()}</code>" in page
    assert "data directory" not in page


@pytest.mark.django_db(transaction=True)
def test_the_demo_run_again_after_a_delegate_changed_address_keeps_their_one_account(capsys):
    """Found again by the id it keeps, not by the address: MLPD keeps one delegate, printed
    with the address it has now."""
    from undersigned.accounts.models import Delegation
    from undersigned.accounts.services import ask_to_change_address, confirm_address_change

    call_command("demo", "--no-serve")
    password = capsys.readouterr().out.split("delegate@mlpd.example.org")[1].split()[0]
    delegate = get_user_model().objects.get(email="delegate@mlpd.example.org")
    change = ask_to_change_address(delegate, email="anna@mlpd.example.org", password=password)
    confirm_address_change(change)

    call_command("demo", "--no-serve")
    out = capsys.readouterr().out

    delegates = Delegation.objects.active().filter(organization__abbreviation="MLPD")
    assert [d.user.email for d in delegates] == ["anna@mlpd.example.org"]
    assert get_user_model().objects.filter(email="delegate@mlpd.example.org").count() == 0
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert (
        f"anna@mlpd.example.org {password} delegate of MLPD (Germany) "
        "(its address was delegate@mlpd.example.org)"
    ) in lines
