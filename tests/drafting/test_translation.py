"""Translating in the application: naming translators, drafts written beside the original,
updating to a newer original, and publishing numbered after the source."""

import pytest

from tests.drafting.conftest import BODY
from undersigned.core.audit import unexplained_rows, verify_chain
from undersigned.core.models import AuditEvent
from undersigned.core.text import paragraphs
from undersigned.drafting.models import TranslationDraft, Translator
from undersigned.drafting.services import DraftingRefused, save_draft
from undersigned.drafting.translation import (
    DraftExists,
    editor_rows,
    language_choices,
    may_translate,
    name_translator,
    publish_translation,
    realign,
    save_translation,
    start_translation,
    unname_translator,
    update_translation,
)
from undersigned.statements.models import State, Version
from undersigned.statements.services import set_statement_state

pytestmark = pytest.mark.django_db

FRENCH = [
    "Le premier paragraphe plante le décor.",
    "Le deuxième paragraphe décrit les événements.",
    "Le peuple vaincra s'il s'organise.",
    "Nous appelons à la solidarité avec les travailleurs.",
    "Prolétaires de tous les pays, unissez-vous !",
]


def kinds() -> list[str]:
    return list(AuditEvent.objects.order_by("seq").values_list("kind", flat=True))


def translate_all(draft, *, by, texts=FRENCH):
    return save_translation(
        draft, title="Sur la solidarité", short_title="Solidarité", texts=texts, by=by
    )


# Naming translators


def test_the_secretariat_names_a_delegate_translator_and_the_delegate_is_told(
    draft, secretariat, delegate, deliver
):
    with deliver():
        translator = name_translator(draft, user=delegate, language="fr", by=secretariat)

    assert (translator.user, translator.language, translator.named_by) == (
        delegate,
        "fr",
        secretariat,
    )
    assert kinds()[-1] == "translator.named"
    assert may_translate(delegate, draft, "fr") is True
    assert may_translate(delegate, draft, "de") is False
    (message,) = deliver.outbox
    assert message.to == ["delegate@mlpd.example"]
    assert message.subject == "You are named translator into French"
    assert f"/drafting/statements/{draft.pk}/translations/" in message.body


def test_a_delegate_cannot_name_translators(draft, delegate):
    with pytest.raises(DraftingRefused, match="Only the secretariat names translators"):
        name_translator(draft, user=delegate, language="fr", by=delegate)

    assert Translator.objects.count() == 0


def test_only_a_delegate_can_be_named_translator(draft, secretariat):
    with pytest.raises(DraftingRefused, match="Only a delegate"):
        name_translator(draft, user=secretariat, language="fr", by=secretariat)


def test_the_original_language_or_an_unknown_code_is_no_language_to_translate_into(
    draft, secretariat, delegate
):
    for code in ("en", "xx", "français"):
        with pytest.raises(DraftingRefused, match="other than the statement's original"):
            name_translator(draft, user=delegate, language=code, by=secretariat)


def test_an_unnamed_translator_may_no_longer_translate(draft, secretariat, delegate):
    translator = name_translator(draft, user=delegate, language="fr", by=secretariat)

    unname_translator(translator, by=secretariat)

    assert may_translate(delegate, draft, "fr") is False
    assert kinds()[-2:] == ["translator.named", "translator.unnamed"]
    with pytest.raises(DraftingRefused):
        start_translation(draft, language="fr", source=draft.current_version(), by=delegate)


def test_the_language_choices_put_the_coalitions_languages_first_in_the_order_of_their_names(
    draft,
):
    choices = language_choices(draft)

    assert [code for code, _name in choices.coalition] == ["fr", "de", "ru", "es", "tr"]
    assert ("fr", "French — Français") in choices.coalition
    assert ("it", "Italian") in choices.others
    assert "en" not in choices.codes  # the original
    assert language_choices(draft, allowed={"fr"}).codes == {"fr"}


# Drafts beside the original


def test_a_translator_starts_saves_and_publishes_a_translation_numbered_after_its_source(
    draft, secretariat, delegate
):
    name_translator(draft, user=delegate, language="fr", by=secretariat)
    source = draft.current_version()

    started = start_translation(draft, language="fr", source=source, by=delegate)
    assert started.paragraphs == ["", "", "", "", ""]
    saved = translate_all(started, by=delegate)
    version = publish_translation(saved, by=delegate)

    assert (version.label, version.language, version.source, version.author) == (
        "05.01",
        "fr",
        source,
        delegate,
    )
    assert version.title == "Sur la solidarité"
    assert paragraphs(version.body) == FRENCH
    assert TranslationDraft.objects.count() == 0
    assert kinds()[-5:] == [
        "translator.named",
        "translation.started",
        "translation.saved",
        "version.created",
        "translation.published",
    ]
    assert verify_chain() is None
    assert unexplained_rows() == []


def test_saving_keeps_the_draft_and_publishes_nothing(draft, secretariat):
    started = start_translation(
        draft, language="de", source=draft.current_version(), by=secretariat
    )

    save_translation(
        started,
        title="Zur Solidarität",
        short_title="",
        texts=["Der erste Absatz."],
        by=secretariat,
    )

    kept = TranslationDraft.objects.get()
    assert (kept.title, kept.paragraphs) == (
        "Zur Solidarität",
        ["Der erste Absatz.", "", "", "", ""],
    )
    assert not Version.objects.filter(language="de").exists()


def test_an_incomplete_translation_is_not_published_and_the_draft_stays(draft, secretariat):
    started = start_translation(
        draft, language="fr", source=draft.current_version(), by=secretariat
    )
    translate_all(started, by=secretariat, texts=FRENCH[:3])

    with pytest.raises(DraftingRefused, match="still empty: 4, 5"):
        publish_translation(started, by=secretariat)

    assert TranslationDraft.objects.count() == 1
    assert not Version.objects.filter(language="fr").exists()


def test_a_paragraph_split_in_two_is_refused_at_publishing(draft, secretariat):
    started = start_translation(
        draft, language="fr", source=draft.current_version(), by=secretariat
    )
    texts = [*FRENCH[:2], "Le peuple vaincra.\n\nS'il s'organise.", *FRENCH[3:]]
    translate_all(started, by=secretariat, texts=texts)

    with pytest.raises(DraftingRefused, match="empty lines in paragraph 3"):
        publish_translation(started, by=secretariat)


def test_a_second_draft_in_the_same_language_is_the_first_one(draft, secretariat):
    first = start_translation(draft, language="fr", source=draft.current_version(), by=secretariat)

    with pytest.raises(DraftExists) as exists:
        start_translation(draft, language="fr", source=draft.current_version(), by=secretariat)

    assert exists.value.draft == first


def test_a_translation_is_made_from_a_version_of_the_original(draft, secretariat):
    started = start_translation(
        draft, language="fr", source=draft.current_version(), by=secretariat
    )
    publish_translation(translate_all(started, by=secretariat), by=secretariat)
    french = draft.current_version("fr")

    with pytest.raises(DraftingRefused, match="a version of the original"):
        start_translation(draft, language="de", source=french, by=secretariat)


def test_a_translator_for_french_cannot_translate_into_german(draft, secretariat, delegate):
    name_translator(draft, user=delegate, language="fr", by=secretariat)

    with pytest.raises(DraftingRefused, match="not named to translate this statement into German"):
        start_translation(draft, language="de", source=draft.current_version(), by=delegate)


def test_a_translator_of_another_statement_cannot_save_this_ones_draft(
    draft, secretariat, delegate
):
    started = start_translation(
        draft, language="fr", source=draft.current_version(), by=secretariat
    )

    with pytest.raises(DraftingRefused):
        translate_all(started, by=delegate)
    assert TranslationDraft.objects.get().paragraphs == ["", "", "", "", ""]


# A newer original


def new_original(draft, secretariat) -> Version:
    """06.01: paragraph 2 changed, a paragraph inserted after 3, the old 4 gone."""
    body = paragraphs(BODY)
    body[1] = "The second paragraph describes the events of August."
    body[3:4] = ["A new paragraph names the strikes."]
    return save_draft(
        draft,
        base_hash=draft.current_version().content_hash,
        title="On solidarity",
        short_title="Solidarity",
        body="\n\n".join(body),
        major=True,
        by=secretariat,
    )


def published_french(draft, secretariat) -> Version:
    started = start_translation(
        draft, language="fr", source=draft.current_version(), by=secretariat
    )
    return publish_translation(translate_all(started, by=secretariat), by=secretariat)


def test_updating_a_translation_keeps_unchanged_paragraphs_and_marks_the_changed_ones(
    draft, secretariat
):
    published_french(draft, secretariat)
    newer = new_original(draft, secretariat)

    started = start_translation(draft, language="fr", source=newer, by=secretariat)

    assert started.paragraphs == [FRENCH[0], FRENCH[1], FRENCH[2], FRENCH[3], FRENCH[4]]
    assert started.previous == [
        None,
        "The second paragraph describes the events.",
        None,
        "We call for solidarity with the workers.",
        None,
    ]
    rows = editor_rows(started)
    assert [row.changed for row in rows] == [False, True, False, True, False]
    assert [(s.kind, s.text) for s in rows[1].changes] == [
        ("equal", "The second paragraph describes the events"),
        ("insert", " of August"),
        ("equal", "."),
    ]


def test_a_paragraph_new_in_the_original_starts_empty_and_marked():
    old = "One.\n\nTwo.\n\nThree."
    new = "One.\n\nTwo.\n\nSomething else entirely, added here.\n\nThree."

    texts, previous = realign(old, new, ["Un.", "Deux.", "Trois."], [None, None, None])

    assert texts == ["Un.", "Deux.", "", "Trois."]
    assert previous == [None, None, "", None]


def test_a_draft_is_updated_to_the_newer_original_and_publishes_as_its_label(draft, secretariat):
    started = start_translation(
        draft, language="fr", source=draft.current_version(), by=secretariat
    )
    translate_all(started, by=secretariat)
    newer = new_original(draft, secretariat)

    updated = update_translation(started, source=newer, by=secretariat)
    assert updated.changed_count == 2
    texts = [*FRENCH[:1], "Le deuxième paragraphe décrit les événements d'août.", *FRENCH[2:]]
    saved = save_translation(
        updated,
        title="Sur la solidarité",
        short_title="Solidarité",
        texts=texts,
        done={2},
        by=secretariat,
    )
    assert saved.previous == [None, None, None, "We call for solidarity with the workers.", None]
    version = publish_translation(saved, by=secretariat)

    assert (version.label, version.source) == ("06.01", newer)
    assert kinds()[-3:] == ["translation.saved", "version.created", "translation.published"]


def test_an_older_source_than_the_published_translation_follows_is_refused(draft, secretariat):
    older = draft.current_version()
    newer = new_original(draft, secretariat)
    started = start_translation(draft, language="fr", source=newer, by=secretariat)
    texts = [*FRENCH[:3], "Un nouveau paragraphe nomme les grèves.", FRENCH[4]]
    publish_translation(translate_all(started, by=secretariat, texts=texts), by=secretariat)

    with pytest.raises(DraftingRefused, match=r"already follows version 06\.01"):
        start_translation(draft, language="fr", source=older, by=secretariat)


def test_publishing_the_same_translation_again_is_refused(draft, secretariat):
    published_french(draft, secretariat)
    again = start_translation(draft, language="fr", source=draft.current_version(), by=secretariat)

    with pytest.raises(DraftingRefused, match=r"the same as version 05\.01"):
        publish_translation(again, by=secretariat)


def test_listing_every_language_does_not_load_every_languages_own_data(draft):
    """Naming 300 languages each in itself would load each one's CLDR data (150 MB and three
    seconds, measured); the others are named in the reader's language only."""
    from babel import localedata

    before = set(localedata._cache)

    language_choices(draft)

    assert len(set(localedata._cache) - before) <= 10


def test_naming_the_same_translator_twice_is_refused(draft, secretariat, delegate):
    name_translator(draft, user=delegate, language="fr", by=secretariat)

    with pytest.raises(DraftingRefused, match="already translates this statement into French"):
        name_translator(draft, user=delegate, language="fr", by=secretariat)

    assert Translator.objects.count() == 1


def test_a_translation_published_without_a_note_shows_readers_no_line_in_another_language(
    client, draft, secretariat
):
    set_statement_state(draft, to=State.OPEN, by=secretariat)
    set_statement_state(draft, to=State.PUBLISHED, by=secretariat)
    started = start_translation(
        draft, language="fr", source=draft.current_version(), by=secretariat
    )

    version = publish_translation(translate_all(started, by=secretariat), by=secretariat)

    assert version.note == ""
    page = client.get(
        f"/statements/{draft.document_id}/fr/", HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Sur la solidarité" in page
    assert "Translation of version" not in page
