"""Translating a statement in the application: who may translate it into which language, the
drafts written paragraph by paragraph beside the original, and publishing them as versions.

A translation is a `Version` in another language whose `source` is the original version it
translates; its label follows that source (`statements.services.add_version`). Until it is
published it is a `TranslationDraft`, seen only by the secretariat and the translators named
for its language. Each action runs in one transaction and records its audit event inside it.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from babel.localedata import locale_identifiers
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from undersigned.accounts.models import Delegation
from undersigned.accounts.permissions import is_secretariat
from undersigned.accounts.services import notify
from undersigned.core.audit import record_event
from undersigned.core.collation import sort_key
from undersigned.core.diff import Segment, diff_bodies, diff_words
from undersigned.core.events import EventKind
from undersigned.core.languages import language_name
from undersigned.core.models import Coalition
from undersigned.core.text import join_paragraphs, markdown_to_html, paragraphs
from undersigned.drafting.models import TranslationDraft, Translator
from undersigned.drafting.services import DraftingRefused
from undersigned.statements.models import State, Statement, Version
from undersigned.statements.services import add_version

User = AbstractBaseUser | AnonymousUser


class DraftExists(DraftingRefused):
    """A translation into that language is already being written: continue it."""

    def __init__(self, message: str, *, draft: TranslationDraft) -> None:
        super().__init__(message)
        self.draft = draft


class TranslationConflict(DraftingRefused):
    """Someone saved the draft after the editor was opened: saving would overwrite their work."""

    def __init__(self, message: str, *, draft: TranslationDraft) -> None:
        super().__init__(message)
        self.draft = draft


def stamp(draft: TranslationDraft) -> str:
    """What the editor sends back to say which save of the draft it was opened on."""
    return draft.updated_at.isoformat()


# Languages


@lru_cache(maxsize=1)
def _cldr_languages() -> frozenset[str]:
    """Every language CLDR has data for, by its plain code ("de", "yue"), without regions."""
    return frozenset(code for code in locale_identifiers() if "_" not in code and code != "root")


def is_language(code: str) -> bool:
    return code in _cldr_languages()


def coalition_languages() -> list[str]:
    """The languages the coalition works in: its interface languages, its own settings', and
    every language a text of it has been written in."""
    coalition = Coalition.load()
    codes = {code for code, _name in settings.LANGUAGES}
    codes |= {coalition.default_language, coalition.ordering_locale}
    codes |= set(Version.objects.order_by().values_list("language", flat=True).distinct())
    return sorted(code for code in codes if is_language(code))


@dataclass(frozen=True)
class LanguageChoices:
    """Language choices for a form, the coalition's first, then every other CLDR language."""

    coalition: list[tuple[str, str]]
    others: list[tuple[str, str]]

    @property
    def codes(self) -> set[str]:
        return {code for code, _name in self.coalition + self.others}

    def as_choices(self) -> list[tuple[str, list[tuple[str, str]]]]:
        groups = [(_("Languages of the coalition"), self.coalition)]
        if self.others:
            groups.append((_("Other languages"), self.others))
        return groups


def language_choices(statement: Statement, *, allowed: set[str] | None = None) -> LanguageChoices:
    """The languages `statement` may be translated into (not its original), limited to
    `allowed` (a translator's languages; None for the secretariat), named in the reader's
    language (the coalition's also in their own) and ordered by the Unicode collation of those
    names. Languages the reader's CLDR data has no name for are left out of the others."""

    def named(codes: set[str], *, own: bool) -> list[tuple[str, str]]:
        pairs = [(code, language_name(code, own=own)) for code in codes]
        return sorted(pairs, key=lambda pair: sort_key(pair[1]))

    wanted = set(_cldr_languages()) if allowed is None else set(allowed)
    wanted.discard(statement.original_language)
    ours = set(coalition_languages()) & wanted
    others = [pair for pair in named(wanted - ours, own=False) if pair[1].lower() != pair[0]]
    return LanguageChoices(coalition=named(ours, own=True), others=others)


# Who may translate: the secretariat, and the people it names for a language of a statement.


def translator_languages(user: User, statement: Statement) -> set[str] | None:
    """The languages `user` may translate `statement` into: None means any (the secretariat),
    an empty set none."""
    if is_secretariat(user):
        return None
    if not user or not user.is_authenticated or not user.is_active:
        return set()
    return set(
        Translator.objects.active()
        .filter(statement=statement, user=user)
        .values_list("language", flat=True)
    )


def may_translate(user: User, statement: Statement, language: str) -> bool:
    languages = translator_languages(user, statement)
    return languages is None or language in languages


def get_statement_for_translator(request: HttpRequest, statement_id: int) -> Statement:
    """The statement, for the secretariat or a person named to translate it into some
    language; 404 if there is no such statement, 403 for anyone else."""
    statement = get_object_or_404(Statement.objects.prefetch_related("versions"), pk=statement_id)
    if translator_languages(request.user, statement) == set():
        raise PermissionDenied(_("Only the secretariat and the statement's translators."))
    return statement


def require_translator(request: HttpRequest, statement: Statement, language: str) -> None:
    """403 unless the signed-in person may translate `statement` into `language`."""
    if not may_translate(request.user, statement, language):
        raise PermissionDenied(
            _("Only the secretariat and the translators named for this language.")
        )


def _require_translator(by: AbstractBaseUser, statement: Statement, language: str) -> None:
    if not may_translate(by, statement, language):
        raise DraftingRefused(
            _("You are not named to translate this statement into %(language)s.")
            % {"language": language_name(language, capitalized=False)}
        )


def _require_secretariat(by: AbstractBaseUser) -> None:
    if not is_secretariat(by):
        raise DraftingRefused(_("Only the secretariat names translators."))


def delegates() -> QuerySet:
    """The people who may be named translators: anyone who represents an organization."""
    user_ids = Delegation.objects.active().values("user_id")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("email")


def _language(user: AbstractBaseUser) -> str:
    profile = getattr(user, "profile", None)
    return profile.language if profile else "en"


def _title(statement: Statement) -> str:
    version = statement.current_version()
    return version.title if version else str(statement.pk)


@transaction.atomic
def name_translator(
    statement: Statement, *, user: AbstractBaseUser, language: str, by: AbstractBaseUser
) -> Translator:
    """The secretariat names a delegate to translate `statement` into `language`.

    Side effects: the role, an audit event `translator.named`, and an e-mail to the person
    (in their language) with the link to the statement's translations.
    """
    _require_secretariat(by)
    if not is_language(language) or language == statement.original_language:
        raise DraftingRefused(_("Choose a language other than the statement's original."))
    if not delegates().filter(pk=user.pk).exists():
        raise DraftingRefused(_("Only a delegate of an organization can be named translator."))
    already = DraftingRefused(
        _("%(person)s already translates this statement into %(language)s.")
        % {
            "person": user.email or user.get_username(),
            "language": language_name(language, capitalized=False),
        }
    )
    if (
        Translator.objects.active()
        .filter(statement=statement, language=language, user=user)
        .exists()
    ):
        raise already
    try:
        with transaction.atomic():  # two namings at once: the partial unique index keeps one
            translator = Translator.objects.create(
                statement=statement, language=language, user=user, named_by=by
            )
    except IntegrityError:
        raise already from None
    record_event(
        EventKind.TRANSLATOR_NAMED,
        actor=by,
        statement=statement,
        data={"translator": translator.pk, "user": user.pk, "language": language},
    )
    # A notice, so the translator finds the way in on their home page, not only in the e-mail.
    notify(
        [user],
        key=f"translator:{translator.pk}",
        template="translator_named",
        context={
            "title": _title(statement),
            "document_id": statement.document_id,
            "language": language_name(language, in_language=_language(user), capitalized=False),
        },
        path=reverse("drafting:translations", args=[statement.pk]),
    )
    return translator


@transaction.atomic
def unname_translator(translator: Translator, *, by: AbstractBaseUser) -> Translator:
    """The secretariat ends a translator's role; their drafts stay for whoever continues.

    Side effects: an audit event `translator.unnamed`."""
    _require_secretariat(by)
    translator = Translator.objects.select_for_update().get(pk=translator.pk)
    if translator.unnamed_at is not None:
        raise DraftingRefused(_("This person is no longer named translator."))
    translator.unnamed_at = timezone.now()
    translator.unnamed_by = by
    translator.save(update_fields=["unnamed_at", "unnamed_by"])
    record_event(
        EventKind.TRANSLATOR_UNNAMED,
        actor=by,
        statement=translator.statement,
        data={
            "translator": translator.pk,
            "user": translator.user_id,
            "language": translator.language,
        },
    )
    return translator


# Paragraphs beside their original


def realign(
    old_body: str, new_body: str, texts: list[str], previous: list[str | None]
) -> tuple[list[str], list[str | None]]:
    """Carry a translation made beside `old_body` over to `new_body`, paragraph by paragraph:
    a paragraph of the new original keeps the translation of the old paragraph it matches
    (`core.diff.diff_bodies`: the same or a similar one); a changed or new paragraph is marked
    with the original text the translation was made from ("" when there was none). Pure."""
    old_count = len(paragraphs(old_body))
    texts = _fit(texts, old_count)
    previous = (list(previous) + [None] * old_count)[:old_count]
    new_texts: list[str] = []
    new_previous: list[str | None] = []
    old_paragraphs = paragraphs(old_body)
    for change in diff_bodies(old_body, new_body).paragraphs:
        if change.new_number is None:
            continue  # a paragraph gone from the original takes its translation with it
        if change.old_number is None:
            new_texts.append("")
            new_previous.append("")
            continue
        index = change.old_number - 1
        new_texts.append(texts[index])
        if change.status == "equal":
            new_previous.append(previous[index])
        else:
            earlier = previous[index]
            new_previous.append(earlier if earlier is not None else old_paragraphs[index])
    return new_texts, new_previous


def _fit(texts: list[str], count: int) -> list[str]:
    """A translation cut into `count` paragraphs: missing ones empty, extra ones kept in the
    last, so no text is lost."""
    texts = list(texts)
    if len(texts) > count > 0:
        texts = [*texts[: count - 1], "\n\n".join(texts[count - 1 :])]
    return (texts + [""] * count)[:count]


@dataclass(frozen=True)
class EditorRow:
    number: int
    original: str  # Markdown of the original paragraph
    original_html: str
    text: str  # the translation so far
    previous: str | None  # the original as the translation was made from it (None: unchanged)
    changes: list[Segment] = field(default_factory=list)  # previous → original, word by word

    @property
    def changed(self) -> bool:
        return self.previous is not None


def editor_rows(draft: TranslationDraft, texts: list[str] | None = None) -> list[EditorRow]:
    """The editor's rows: each paragraph of the source beside its translation, with what
    changed in the original since the translation was made (`texts` replaces the stored
    translation, to show a form again as it was sent)."""
    originals = paragraphs(draft.source.body)
    texts = _fit(draft.paragraphs if texts is None else texts, len(originals))
    previous = (list(draft.previous) + [None] * len(originals))[: len(originals)]
    return [
        EditorRow(
            number=number,
            original=original,
            original_html=markdown_to_html(original),
            text=text,
            previous=old,
            changes=diff_words(old, original) if old else [],
        )
        for number, (original, text, old) in enumerate(
            zip(originals, texts, previous, strict=True), start=1
        )
    ]


# Drafts


def comes_after(version: Version, other: Version) -> bool:
    return (version.major, version.minor) > (other.major, other.minor)


def _locked(statement: Statement) -> Statement:
    return Statement.objects.select_for_update().get(pk=statement.pk)


def _check_source(statement: Statement, source: Version, language: str) -> Version | None:
    """Refuse a source that is not an original version of the statement, or older than the one
    the published translation already follows; returns that published translation."""
    if source.statement_id != statement.pk or source.language != statement.original_language:
        raise DraftingRefused(_("A translation is made from a version of the original."))
    published = statement.current_version(language)
    if published and published.source and comes_after(published.source, source):
        raise DraftingRefused(
            _(
                "The %(language)s translation already follows version %(label)s of the "
                "original; translate that version or a newer one."
            )
            % {
                "language": language_name(language, capitalized=False),
                "label": published.source.label,
            }
        )
    return published


@transaction.atomic
def start_translation(
    statement: Statement, *, language: str, source: Version, by: AbstractBaseUser
) -> TranslationDraft:
    """Start translating `source` (a version of the original) into `language`.

    If the statement has a translation in that language, the draft continues it: each
    paragraph keeps its translation, and the paragraphs of `source` that changed since the
    version it was made from are marked. Raises DraftExists when a draft in that language is
    already being written. Side effects: the draft and an audit event `translation.started`.
    """
    statement = _locked(statement)
    if not is_language(language) or language == statement.original_language:
        raise DraftingRefused(_("Choose a language other than the statement's original."))
    _require_translator(by, statement, language)
    if statement.state == State.WITHDRAWN:
        raise DraftingRefused(_("A withdrawn statement is not translated."))
    existing = TranslationDraft.objects.filter(statement=statement, language=language).first()
    if existing is not None:
        raise DraftExists(
            _("A %(language)s translation is already being written; continue it here.")
            % {"language": language_name(language, capitalized=False)},
            draft=existing,
        )
    published = _check_source(statement, source, language)
    count = len(paragraphs(source.body))
    texts: list[str] = [""] * count
    previous: list[str | None] = [None] * count
    title = short_title = ""
    if published is not None:
        made_from = published.source or source
        texts, previous = realign(
            made_from.body, source.body, paragraphs(published.body), [None] * count
        )
        title, short_title = published.title, published.short_title
    started = timezone.now()
    draft = TranslationDraft.objects.create(
        statement=statement,
        language=language,
        source=source,
        basis=published,
        title=title,
        short_title=short_title,
        paragraphs=texts,
        previous=previous,
        started_by=by,
        updated_by=by,
        created_at=started,
        updated_at=started,  # the same instant: not saved since (`TranslationDraft.saved`)
    )
    record_event(
        EventKind.TRANSLATION_STARTED,
        actor=by,
        statement=statement,
        data={
            "language": language,
            "source": source.label,
            "continues": published.label if published else None,
        },
    )
    return draft


@transaction.atomic
def save_translation(
    draft: TranslationDraft,
    *,
    title: str,
    short_title: str,
    texts: list[str],
    done: set[int] = frozenset(),  # type: ignore[assignment]
    base: str | None = None,
    by: AbstractBaseUser,
) -> TranslationDraft:
    """Keep the draft as written: titles and one text per paragraph of the source (1-based
    numbers in `done` are changed paragraphs the translator has brought up to date).

    `base` is the `stamp` of the draft the editor was opened on: if someone saved or updated
    the draft since, nothing is written and TranslationConflict carries the draft as it is now.
    Side effects: an audit event `translation.saved`."""
    draft = TranslationDraft.objects.select_for_update().get(pk=draft.pk)
    _require_translator(by, draft.statement, draft.language)
    if base is not None and base != stamp(draft):
        who = draft.updated_by.get_full_name() or draft.updated_by.email if draft.updated_by else ""
        raise TranslationConflict(
            _(
                "%(who)s saved this draft after you opened it. Nothing of yours is lost: your "
                "text is below. Compare it with theirs, then save again to keep yours."
            )
            % {"who": who or _("Someone")},
            draft=draft,
        )
    count = len(paragraphs(draft.source.body))
    draft.title, draft.short_title = title.strip(), short_title.strip()
    draft.paragraphs = _fit([text.replace("\r\n", "\n").strip() for text in texts], count)
    previous = (list(draft.previous) + [None] * count)[:count]
    draft.previous = [None if n in done else old for n, old in enumerate(previous, start=1)]
    draft.updated_by, draft.updated_at = by, timezone.now()
    draft.save()
    record_event(
        EventKind.TRANSLATION_SAVED,
        actor=by,
        statement=draft.statement,
        data={
            "language": draft.language,
            "source": draft.source.label,
            "translated": sum(1 for text in draft.paragraphs if text),
            "paragraphs": count,
        },
    )
    return draft


@transaction.atomic
def update_translation(
    draft: TranslationDraft, *, source: Version, by: AbstractBaseUser
) -> TranslationDraft:
    """Move the draft to a newer version of the original: every paragraph keeps its
    translation where the original still matches, and the changed and new ones are marked.

    Side effects: an audit event `translation.updated`."""
    draft = TranslationDraft.objects.select_for_update().get(pk=draft.pk)
    _require_translator(by, draft.statement, draft.language)
    if source.statement_id != draft.statement_id or source.language != (
        draft.statement.original_language
    ):
        raise DraftingRefused(_("A translation is made from a version of the original."))
    if not comes_after(source, draft.source):
        raise DraftingRefused(
            _("The draft already translates version %(label)s.") % {"label": draft.source.label}
        )
    before = draft.source
    draft.paragraphs, draft.previous = realign(
        before.body, source.body, draft.paragraphs, draft.previous
    )
    draft.source = source
    draft.updated_by, draft.updated_at = by, timezone.now()
    draft.save()
    record_event(
        EventKind.TRANSLATION_UPDATED,
        actor=by,
        statement=draft.statement,
        data={
            "language": draft.language,
            "from": before.label,
            "to": source.label,
            "changed": draft.changed_count,
        },
    )
    return draft


def _check_complete(draft: TranslationDraft) -> None:
    missing = [_("title")] if not draft.title else []
    if not draft.short_title:
        missing.append(_("short title"))
    missing += [str(n) for n, text in enumerate(draft.paragraphs, start=1) if not text.strip()]
    if missing:
        raise DraftingRefused(
            _("Translate everything before publishing; still empty: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    split = [
        str(n) for n, text in enumerate(draft.paragraphs, start=1) if len(paragraphs(text)) > 1
    ]
    if split:
        raise DraftingRefused(
            _(
                "A paragraph of the translation stays one paragraph: remove the empty lines "
                "in paragraph %(numbers)s."
            )
            % {"numbers": ", ".join(split)}
        )


@transaction.atomic
def publish_translation(
    draft: TranslationDraft, *, by: AbstractBaseUser, note: str = ""
) -> Version:
    """Publish the draft as a version in its language, numbered after its source (05.01
    translated is 05.01 in German; a second translation of the same source 05.02). The
    public page and every download offer it as soon as the statement is public.

    Side effects: the version (`add_version`, with its `version.created` event), an audit
    event `translation.published`, and the draft is gone.
    """
    statement = _locked(draft.statement)
    draft = TranslationDraft.objects.select_for_update().get(pk=draft.pk)
    _require_translator(by, statement, draft.language)
    _check_complete(draft)
    published = _check_source(statement, draft.source, draft.language)
    body = join_paragraphs(draft.paragraphs)
    if (
        published is not None
        and published.source_id == draft.source_id
        and (published.title, published.short_title, published.body.strip())
        == (draft.title, draft.short_title, body)
    ):
        raise DraftingRefused(
            _("The translation is the same as version %(label)s: nothing to publish.")
            % {"label": published.label}
        )
    version = add_version(
        statement,
        title=draft.title,
        short_title=draft.short_title,
        body=body,
        language=draft.language,
        source=draft.source,
        author=by,
        # No note of our own: it would be kept in the translator's interface language and shown
        # to every reader of the translation, whose page already says what it translates.
        note=note,
    )
    record_event(
        EventKind.TRANSLATION_PUBLISHED,
        actor=by,
        statement=statement,
        data={"language": draft.language, "label": version.label, "source": draft.source.label},
    )
    draft.delete()
    return version


@transaction.atomic
def discard_translation(draft: TranslationDraft, *, by: AbstractBaseUser) -> None:
    """Drop a draft; the published translation, if any, stays.

    Side effects: an audit event `translation.discarded`."""
    draft = TranslationDraft.objects.select_for_update().get(pk=draft.pk)
    _require_translator(by, draft.statement, draft.language)
    record_event(
        EventKind.TRANSLATION_DISCARDED,
        actor=by,
        statement=draft.statement,
        data={"language": draft.language, "source": draft.source.label},
    )
    draft.delete()


# The overview on the statement's pages


@dataclass
class LanguageRow:
    code: str
    name: str
    published: Version | None
    draft: TranslationDraft | None
    translators: list[Translator]
    may_edit: bool
    newer_original: Version | None = None  # the current original, if the text lags behind it
    made_from: Version | None = None  # the original version the published translation follows


@dataclass
class Overview:
    statement: Statement
    current: Version | None
    rows: list[LanguageRow]
    originals: list[Version]  # newest first: what a translation may be made from
    choices: LanguageChoices
    is_secretariat: bool

    @property
    def may_start(self) -> bool:
        return bool(self.current and (self.choices.coalition or self.choices.others))


def translation_overview(statement: Statement, *, user: User) -> Overview:
    """What the statement's page shows of its translations to `user`: each language with its
    published translation (and whether the original has moved on), its draft and its
    translators, and the choices for starting a translation."""
    allowed = translator_languages(user, statement)
    current = statement.current_version()
    versions = list(statement.versions.all())
    by_pk = {version.pk: version for version in versions}
    originals = sorted(
        (v for v in versions if v.language == statement.original_language),
        key=lambda v: (v.major, v.minor),
        reverse=True,
    )
    drafts = {
        d.language: d
        for d in TranslationDraft.objects.filter(statement=statement).select_related(
            "source", "updated_by"
        )
    }
    translators: dict[str, list[Translator]] = {}
    for translator in (
        Translator.objects.active().filter(statement=statement).select_related("user")
    ):
        translators.setdefault(translator.language, []).append(translator)
    codes = {v.language for v in versions} | set(drafts) | set(translators)
    codes.discard(statement.original_language)
    if allowed is not None:
        codes &= allowed | {v.language for v in versions}
    rows = []
    for code in codes:
        published = statement.current_version(code)
        draft = drafts.get(code)
        # What the language's text follows: the draft's source while one is written.
        made_from = by_pk.get(published.source_id) if published else None
        follows = draft.source if draft else made_from
        newer = current if follows and current and comes_after(current, follows) else None
        rows.append(
            LanguageRow(
                code=code,
                name=language_name(code, own=True),
                published=published,
                draft=draft,
                translators=translators.get(code, []),
                may_edit=allowed is None or code in allowed,
                newer_original=newer,
                made_from=made_from,
            )
        )
    rows.sort(key=lambda row: sort_key(row.name))
    return Overview(
        statement=statement,
        current=current,
        rows=rows,
        originals=originals,
        choices=language_choices(statement, allowed=allowed),
        is_secretariat=allowed is None,
    )
