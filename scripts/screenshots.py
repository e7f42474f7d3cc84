"""The README's screenshots: the secretariat's workspace, a consultation and the translation
editor, 1280 px wide, taken in Chromium from the demo.

    .venv/bin/python scripts/screenshots.py
        starts a fresh demo of its own (a temporary data directory, a free port), signs in as
        its admin, writes docs/screenshots/*.png and stops the demo.
    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8000/ --password PASSWORD
        uses a demo already running (`make demo` prints the admin's password).

Needs Debian's Chromium at /usr/bin/chromium, as the browser tests do.
"""

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1280, "height": 860}
# The translation editor's URL name and the values its parameters take in the demo.
TRANSLATION_EDITOR = "drafting:translate"
TRANSLATION_LANGUAGE = "fr"
# Typed into the editor for the picture, never saved: the title and the first paragraph.
FRENCH = {
    "Title in French": "Déclaration de l’ICOR sur les événements en Biélorussie",
    "Short title in French": "Résolution de l’ICOR sur la Biélorussie",
    "Paragraph 1 in French": (
        "Le régime autoritaire et bourgeois-réactionnaire de Loukachenko en Biélorussie, qui "
        "recourt aussi à la terreur ouverte, se caractérise par son détachement et son "
        "éloignement des masses du peuple biélorusse, et perd à juste titre et massivement sa "
        "popularité. De nombreux citoyens estiment qu’il a violé les procédures démocratiques "
        "et commis une fraude électorale massive lors de l’élection présidentielle du 9 août. "
        "Cela a provoqué les protestations des partisans de l’opposition, qui revendiquent la "
        "victoire de leur candidate Tsikhanovskaïa. Tsikhanovskaïa est promue par des forces "
        "bourgeoises. Le régime a répondu par une violence policière débridée, qui a suscité "
        "un mécontentement général. Les cas de représailles brutales contre les manifestants "
        "doivent faire l’objet d’enquêtes et les responsables doivent rendre des comptes."
    ),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own demo, on loopback
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The demo did not answer at {url} within {seconds:.0f} s")


def start_demo(data_dir: Path) -> tuple[subprocess.Popen, str, str]:
    """A demo in `data_dir` on a free loopback port: (process, URL, admin's password)."""
    addr = f"127.0.0.1:{free_port()}"
    env = {**os.environ, "UNDERSIGNED_DATA_DIR": str(data_dir)}
    demo = subprocess.Popen(  # noqa: S603 - our own command, arguments we made
        [str(ROOT / ".venv" / "bin" / "undersigned"), "demo", "--addr", addr],
        env=env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,  # the server's workers and the task worker stop with it
    )
    url = f"http://{addr}/"
    wait_until_up(url)
    return demo, url, (data_dir / "demo-admin-password").read_text().strip()


def stop(demo: subprocess.Popen) -> None:
    os.killpg(demo.pid, signal.SIGTERM)
    demo.wait(timeout=30)


def setup_django() -> None:
    """Django in this process, on the demo's data directory (UNDERSIGNED_DATA_DIR)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "undersigned.settings")
    django.setup()


def open_a_consultation() -> None:
    """In a demo of our own with no statement in consultation, replay the example's: its first
    draft (05.00) as a new statement in consultation, with the member organizations' comments
    and amendments of data/icor_consultation.json proposed again, still open. Through the
    services, as the secretariat and the delegates would."""
    setup_django()
    from django.contrib.auth import get_user_model

    from undersigned.accounts.services import grant_delegation
    from undersigned.demo.example import read_example
    from undersigned.drafting.example import read_consultation
    from undersigned.drafting.services import add_comment, propose_amendment
    from undersigned.organizations.models import Organization
    from undersigned.statements.models import State, Statement
    from undersigned.statements.services import create_statement, set_statement_state

    if Statement.objects.filter(state=State.CONSULTATION).exists():
        return
    users = get_user_model().objects
    secretariat = users.get(username="admin")
    (example,) = read_example()["statements"]
    history = read_consultation()["statements"][str(example["number"])]
    first = example["versions"][0]
    statement = create_statement(
        language=first["language"],
        title=first["title"],
        short_title=first["short_title"],
        body=first["body"],
        label=first["label"],
        author=secretariat,
    )
    set_statement_state(statement, to=State.CONSULTATION, by=secretariat)

    def delegate_of(abbreviation: str):
        organization = Organization.objects.get(abbreviation=abbreviation)
        user, created = users.get_or_create(username=f"delegate-{abbreviation.lower()}")
        if created:
            grant_delegation(user, organization=organization, by=secretariat)
        return organization, user

    for comment in history["comments"]:
        organization, user = delegate_of(comment["organization"])
        add_comment(
            statement,
            organization=organization,
            paragraph=int(comment["paragraph"]),
            text=comment["text"],
            by=user,
        )
    for amendment in history["amendments"]:
        organization, user = delegate_of(amendment["organization"])
        propose_amendment(
            statement,
            organization=organization,
            first_paragraph=int(amendment["first_paragraph"]),
            last_paragraph=int(amendment["last_paragraph"]),
            replacement=amendment["replacement"],
            reason=amendment["reason"],
            by=user,
        )


def translation_paths() -> tuple[str, str] | None:
    """The drafting page of the demo's published statement and its translation editor, or None
    while the editor's URL does not exist. (Before the browser starts: Django's ORM refuses to
    run inside its event loop.)"""
    from django.urls import NoReverseMatch, reverse

    setup_django()
    from undersigned.statements.models import State, Statement

    statement_id = Statement.objects.filter(state=State.PUBLISHED).order_by("pk").first().pk
    try:
        editor = reverse(
            TRANSLATION_EDITOR,
            kwargs={"statement_id": statement_id, "language": TRANSLATION_LANGUAGE},
        )
    except NoReverseMatch:
        return None
    return reverse("drafting:statement", args=[statement_id]), editor


def shoot(
    url: str, password: str, *, username: str, translation: tuple[str, str] | None, start: bool
) -> list[Path]:
    """Sign in and take the pictures; `start`: begin the translation if none is being written
    (only in a demo of our own)."""
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_context(viewport=VIEWPORT, locale="en-GB").new_page()
        page.goto(url + "account/sign-in/")
        page.get_by_role("textbox", name="E-mail or user name").fill(username)
        page.get_by_role("textbox", name="Password").fill(password)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_load_state()

        def take(name: str, path: str, fill: dict[str, str] | None = None) -> None:
            page.goto(url + path.lstrip("/"))
            for label, text in (fill or {}).items():
                field = page.get_by_label(label, exact=True)
                if field.count() == 1 and not field.input_value():
                    field.fill(text)
            page.evaluate("document.activeElement.blur()")  # no focus ring in the picture
            target = OUT / f"{name}.png"
            page.screenshot(path=str(target))
            written.append(target)

        take("workspace", "drafting/")
        # The consultation: a statement in consultation if the workspace lists one, else the
        # demo's statement, whose drafting page keeps its consultation's comments and amendments.
        links = page.locator("a[href*='/drafting/statements/']")
        hrefs = [h for h in links.evaluate_all("links => links.map(a => a.href)") if h]
        statements = [h for h in hrefs if re.search(r"/drafting/statements/\d+/$", h)]
        if not statements:
            raise SystemExit("The workspace lists no statement: is the demo's data loaded?")
        rows = page.locator("li, tr").filter(has_text=re.compile("consultation", re.I))
        in_consultation = rows.locator("a[href*='/drafting/statements/']").evaluate_all(
            "links => links.map(a => a.href)"
        )
        chosen = next((h for h in in_consultation if h in statements), statements[0])
        take("consultation", chosen.removeprefix(url.rstrip("/")))

        if translation is None:
            print(f"No URL named {TRANSLATION_EDITOR!r} yet: the translation editor is skipped.")
        else:
            statement_page, editor = translation
            page.goto(url + statement_page.lstrip("/"))
            begin = page.locator(
                "form", has=page.get_by_role("heading", name="Start a translation")
            )
            if start and begin.count():
                begin.get_by_label("Language").select_option(TRANSLATION_LANGUAGE)
                with page.expect_navigation():
                    begin.get_by_role("button", name="Start translating").click()
            take("translation", editor, fill=FRENCH)
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running demo (default: start one)")
    parser.add_argument("--username", default="admin")
    parser.add_argument("--password", help="the admin's password of the running demo")
    options = parser.parse_args()
    if options.url:
        if not options.password:
            parser.error("--url needs --password")
        url = options.url.rstrip("/") + "/"
        written = shoot(
            url,
            options.password,
            username=options.username,
            translation=translation_paths(),
            start=False,
        )
    else:
        with tempfile.TemporaryDirectory(prefix="undersigned-screenshots-") as data_dir:
            os.environ["UNDERSIGNED_DATA_DIR"] = data_dir  # for the URL names, read below
            demo, url, password = start_demo(Path(data_dir))
            try:
                open_a_consultation()
                written = shoot(
                    url, password, username="admin", translation=translation_paths(), start=True
                )
            finally:
                stop(demo)
    for path in written:
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    sys.exit(main())
