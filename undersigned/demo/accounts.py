"""The demo's people: one account for each role, so that each journey can be walked without
the admin. Created once; their passwords are kept (readable by the owner only) in the data
directory, so a second run prints them again."""

import json
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

from undersigned.accounts.services import grant_delegation, set_preferences
from undersigned.drafting.models import Translator
from undersigned.drafting.translation import name_translator
from undersigned.organizations.models import Organization
from undersigned.statements.models import Statement


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str  # what the printout says the account is
    organization: str = ""  # abbreviation, for a delegate
    language: str = "en"
    secretariat: bool = False
    translates: str = ""  # the language this delegate is named translator into


ACCOUNTS = [
    DemoAccount("secretariat@example.org", "the secretariat", secretariat=True),
    DemoAccount("delegate@mlpd.example.org", "delegate of MLPD (Germany)", "MLPD"),
    DemoAccount(
        "delegate@pcpci.example.org",
        "delegate of PCPCI (Côte d'Ivoire), who reads French",
        "PCPCI",
        language="fr",
    ),
    # A delegate, since the secretariat names translators among delegates.
    DemoAccount(
        "translator@example.org",
        "delegate of PCR-U (Uruguay), translator of the example into Spanish",
        "PCR-U",
        translates="es",
    ),
]


@dataclass(frozen=True)
class DemoLogin:
    account: DemoAccount
    email: str  # the account's address now: its person may have changed it
    password: str | None  # None when it was changed since


def _passwords_file():
    return settings.DATA_DIR / "demo-accounts.json"


def _read_known(path) -> tuple[dict[str, str], dict[str, int]]:
    """The passwords and the accounts' ids by the demo's address. The first files held the
    passwords alone."""
    data = json.loads(path.read_text()) if path.exists() else {}
    if "passwords" in data:
        return data["passwords"], data.get("ids", {})
    return data, {}


@transaction.atomic
def ensure_demo_accounts() -> list[DemoLogin]:
    """Each demo account with its address and password, created on the first run: the
    secretariat with its permission, delegates with their delegation and language.

    An account is found again by its id kept in the data directory, not by its address: a
    person who tried changing their address keeps their one account (a second run made a
    second delegate of the organization under the old address)."""
    path = _passwords_file()
    known, ids = _read_known(path)
    users = get_user_model().objects
    permission = Permission.objects.get(
        codename="act_as_secretariat", content_type__app_label="core"
    )
    result = []
    people = []
    for account in ACCOUNTS:
        user = users.filter(pk=ids[account.email]).first() if account.email in ids else None
        user = user or users.filter(username=account.email).first()
        if user is None:
            known[account.email] = secrets.token_urlsafe(9)
            user = users.create_user(account.email, account.email, known[account.email])
            if account.secretariat:
                user.user_permissions.add(permission)
            if account.organization:
                organization = Organization.objects.get(abbreviation=account.organization)
                grant_delegation(user, organization=organization, by=None)
            set_preferences(user, language=account.language)
        ids[account.email] = user.pk
        password = known.get(account.email)
        if password is not None and not user.check_password(password):
            password = None
        result.append(DemoLogin(account, user.email, password))
        people.append((account, user))
    _name_translators(people)
    path.touch(mode=0o600)
    path.write_text(json.dumps({"passwords": known, "ids": ids}, indent=1))
    return result


def _name_translators(accounts) -> None:
    """Name the demo's translators for the example statement (the first loaded), through
    the service the secretariat's page uses, once."""
    statement = Statement.objects.order_by("pk").first()
    secretariat = next((user for account, user in accounts if account.secretariat), None)
    if statement is None or secretariat is None:
        return
    for account, user in accounts:
        if (
            account.translates
            and not Translator.objects.active()
            .filter(statement=statement, user=user, language=account.translates)
            .exists()
        ):
            name_translator(statement, user=user, language=account.translates, by=secretariat)
