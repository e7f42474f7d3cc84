from functools import cache

import factory
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from undersigned.organizations.models import Organization, OrganizationTranslation
from undersigned.signatures.models import Signature
from undersigned.statements.models import Statement, Version


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    abbreviation = factory.Sequence(lambda n: f"ORG{n}")
    name = factory.Sequence(lambda n: f"Organisation numéro {n}")
    name_language = "fr"
    country = "FR"


class TranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationTranslation

    organization = factory.SubFactory(OrganizationFactory)
    language = "en"
    name = factory.Sequence(lambda n: f"Organization number {n}")


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    original_language = "en"
    state = "published"
    published_at = factory.LazyFunction(timezone.now)


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Version

    statement = factory.SubFactory(StatementFactory)
    major = 1
    minor = 0
    language = "en"
    title = "On the matter at hand"
    short_title = "Matter at hand"
    body = "We, the undersigned, declare.\n\nLong live solidarity!"


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    version = factory.SubFactory(VersionFactory)
    statement = factory.SelfAttribute("version.statement")
    organization = factory.SubFactory(OrganizationFactory)
    signed_at = factory.LazyFunction(timezone.now)


PASSWORD = "correct horse battery staple"


@cache
def password_hash() -> str:
    from django.contrib.auth.hashers import make_password

    return make_password(PASSWORD)  # hashed once: Argon2 is slow on purpose


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.LazyFunction(password_hash)


def make_secretariat(**kwargs):
    from django.contrib.auth.models import Permission

    user = UserFactory(**kwargs)
    user.user_permissions.add(Permission.objects.get(codename="act_as_secretariat"))
    user.save()
    return user


def make_delegate(organization, **kwargs):
    from undersigned.accounts.services import grant_delegation

    user = UserFactory(**kwargs)
    user.save()
    grant_delegation(user, organization=organization, by=None)
    return user


def queued_task(task_path: str, *, status: str = "READY", run_after=None) -> DBTaskResult:
    """A row of the task queue as the database backend writes it (finished ones with a time)."""
    return DBTaskResult.objects.create(
        task_path=task_path,
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        status=status,
        run_after=run_after,
        finished_at=None if status in ("READY", "RUNNING") else timezone.now(),
    )
