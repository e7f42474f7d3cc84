"""The translation pages: who reaches them, and the journey through them as forms are sent."""

import pytest
from django.urls import reverse

from tests.drafting.test_translation import FRENCH
from undersigned.core.models import AuditEvent
from undersigned.drafting.models import TranslationDraft, Translator
from undersigned.drafting.translation import name_translator, start_translation
from undersigned.statements.models import State, Version
from undersigned.statements.services import set_statement_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(draft, secretariat, delegate):
    name_translator(draft, user=delegate, language="fr", by=secretariat)
    return delegate


@pytest.fixture
def french_draft(draft, secretariat):
    return start_translation(draft, language="fr", source=draft.current_version(), by=secretariat)


def hub(statement) -> str:
    return reverse("drafting:translations", args=[statement.pk])


def editor(statement, language="fr") -> str:
    return reverse("drafting:translate", args=[statement.pk, language])


def filled(**extra) -> dict:
    data = {"title": "Sur la solidarité", "short_title": "Solidarité", **extra}
    data.update({f"p-{n}": text for n, text in enumerate(FRENCH, start=1)})
    return data


# Who reaches what


def test_a_reader_who_is_not_signed_in_is_sent_to_sign_in(client, draft, french_draft):
    for url in (hub(draft), editor(draft)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/sign-in/")


def test_a_delegate_not_named_translator_is_refused_everywhere(
    client, draft, delegate, french_draft
):
    client.force_login(delegate)

    assert client.get(hub(draft)).status_code == 403
    assert client.get(editor(draft)).status_code == 403
    assert client.post(editor(draft), filled()).status_code == 403
    start = reverse("drafting:translation_start", args=[draft.pk])
    assert (
        client.post(start, {"language": "fr", "source": french_draft.source.pk}).status_code == 403
    )
    assert TranslationDraft.objects.get().paragraphs == ["", "", "", "", ""]


def test_a_delegate_of_an_organization_outside_the_coalition_is_refused(
    client, draft, outsider, french_draft
):
    client.force_login(outsider)

    assert client.get(hub(draft)).status_code == 403
    assert client.get(editor(draft)).status_code == 403


def test_a_translator_reaches_the_editor_of_their_language_only(
    client, draft, translator, french_draft, secretariat
):
    start_translation(draft, language="de", source=draft.current_version(), by=secretariat)
    client.force_login(translator)

    assert client.get(hub(draft)).status_code == 200
    assert client.get(editor(draft, "fr")).status_code == 200
    assert client.get(editor(draft, "de")).status_code == 403


def test_a_translator_cannot_name_or_unname_translators(client, draft, translator, delegate):
    client.force_login(translator)
    role = Translator.objects.get()

    name = reverse("drafting:translator_name", args=[draft.pk])
    unname = reverse("drafting:translator_unname", args=[draft.pk, role.pk])
    assert client.post(name, {"user": delegate.pk, "language": "de"}).status_code == 403
    assert client.post(unname).status_code == 403
    assert list(Translator.objects.active()) == [role]


def test_the_secretariat_reaches_every_translation_page(client, draft, secretariat, french_draft):
    client.force_login(secretariat)

    assert client.get(hub(draft)).status_code == 200
    assert client.get(editor(draft)).status_code == 200


def test_the_editor_of_a_language_without_a_draft_leads_to_the_translations(
    client, draft, secretariat
):
    client.force_login(secretariat)

    response = client.get(editor(draft, "de"))

    assert (response.status_code, response["Location"]) == (302, hub(draft))


# The pages at work


def test_the_statement_page_offers_the_translations_to_the_secretariat(client, draft, secretariat):
    client.force_login(secretariat)

    page = client.get(reverse("drafting:statement", args=[draft.pk])).content.decode()

    assert 'id="translations-heading"' in page
    assert "Start a translation" in page
    assert "Name a translator" in page
    assert '<option value="fr">French — Français</option>' in page


def test_the_statement_page_shows_a_delegate_no_translations_they_do_not_make(
    client, in_consultation, delegate
):
    client.force_login(delegate)

    page = client.get(reverse("drafting:statement", args=[in_consultation.pk])).content.decode()

    assert 'id="translations-heading"' not in page


def test_the_secretariat_names_a_translator_through_the_form(client, draft, secretariat, delegate):
    client.force_login(secretariat)

    response = client.post(
        reverse("drafting:translator_name", args=[draft.pk]),
        {"user": delegate.pk, "language": "fr"},
        follow=True,
    )

    assert response.redirect_chain == [(hub(draft), 302)]
    assert "is named translator into French" in response.content.decode()
    assert Translator.objects.active().get().user == delegate


def test_a_language_inside_a_sentence_is_written_as_the_readers_language_writes_it(
    client, draft, secretariat, delegate
):
    """French writes language names in lower case: "en espagnol", never "en Espagnol"."""
    client.force_login(secretariat)

    response = client.post(
        reverse("drafting:translator_name", args=[draft.pk]),
        {"user": delegate.pk, "language": "es"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert "est nommé·e pour traduire en espagnol" in response.content.decode()
    start_translation(draft, language="es", source=draft.current_version(), by=secretariat)
    editing = client.get(editor(draft, "es"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Titre en espagnol" in editing
    assert ">Espagnol<" in editing  # alone, as a column's heading, it starts a line


def test_a_typed_language_code_that_is_no_choice_is_refused_with_the_form_again(
    client, draft, secretariat, delegate
):
    client.force_login(secretariat)

    response = client.post(
        reverse("drafting:translator_name", args=[draft.pk]),
        {"user": delegate.pk, "language": "french"},
    )

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert Translator.objects.count() == 0


def test_a_translator_starts_saves_and_publishes_through_the_pages(client, draft, translator):
    client.force_login(translator)
    source = draft.current_version()

    started = client.post(
        reverse("drafting:translation_start", args=[draft.pk]),
        {"language": "fr", "source": source.pk},
    )
    assert (started.status_code, started["Location"]) == (302, editor(draft))
    page = client.get(editor(draft)).content.decode()
    assert 'name="p-5"' in page and 'name="p-6"' not in page
    saved = client.post(editor(draft), filled(action="save"))
    assert (saved.status_code, saved["Location"]) == (302, editor(draft))
    assert TranslationDraft.objects.get().paragraphs == FRENCH
    published = client.post(editor(draft), filled(action="publish"), follow=True)

    assert published.redirect_chain == [(hub(draft), 302)]
    assert "published as version 05.01" in published.content.decode()
    version = Version.objects.get(language="fr")
    assert (version.label, version.source, version.author) == ("05.01", source, translator)


def test_publishing_an_incomplete_translation_keeps_what_was_typed(client, draft, translator):
    client.force_login(translator)
    client.post(
        reverse("drafting:translation_start", args=[draft.pk]),
        {"language": "fr", "source": draft.current_version().pk},
    )
    data = filled(action="publish")
    data["p-4"] = ""

    response = client.post(editor(draft), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "still empty: 4." in page
    assert FRENCH[1] in page
    assert TranslationDraft.objects.get().paragraphs[1] == FRENCH[1]
    assert not Version.objects.filter(language="fr").exists()


def test_the_editor_offers_the_update_to_a_newer_original_and_marks_what_changed(
    client, draft, secretariat, french_draft
):
    from tests.drafting.test_translation import new_original

    newer = new_original(draft, secretariat)
    client.force_login(secretariat)
    assert "Update to 06.01" in client.get(editor(draft)).content.decode()

    response = client.post(editor(draft), {"action": "update"}, follow=True)

    page = response.content.decode()
    assert TranslationDraft.objects.get().source == newer
    assert "2 paragraphs to look at again are marked" in page
    assert page.count('class="translate-row changed"') == 2
    assert '<ins><span class="visually-hidden">inserted: </span> of August</ins>' in page


def test_a_published_translation_is_on_the_public_page_and_in_its_downloads_at_once(
    client, draft, secretariat, translator
):
    set_statement_state(draft, to=State.OPEN, by=secretariat)
    set_statement_state(draft, to=State.PUBLISHED, by=secretariat)
    public = reverse("publishing:statement", args=[draft.document_id])
    french_page = reverse("publishing:statement_language", args=[draft.document_id, "fr"])
    assert f'href="{french_page}"' not in client.get(public).content.decode()
    client.force_login(translator)
    client.post(
        reverse("drafting:translation_start", args=[draft.pk]),
        {"language": "fr", "source": draft.current_version().pk},
    )
    client.post(editor(draft), filled(action="publish"))
    client.logout()

    page = client.get(public).content.decode()
    french = client.get(french_page)
    text = client.get(
        reverse("publishing:statement_download", args=[draft.document_id, "fr", "txt"])
    ).content.decode()

    assert f'href="{french_page}"' in page
    assert "<h1" in french.content.decode() and "Sur la solidarité" in french.content.decode()
    assert FRENCH[0] in text
    assert AuditEvent.objects.filter(kind="translation.published").count() == 1


def test_the_cached_public_page_offers_a_translation_as_soon_as_it_is_published(
    example, secretariat, django_capture_on_commit_callbacks
):
    """Through the page cache in front of Django, as readers get the page."""
    from django.core.handlers.wsgi import WSGIHandler

    from tests.core.test_pagecache import call
    from undersigned.core.pagecache import PageCache
    from undersigned.drafting.translation import editor_rows, publish_translation, save_translation

    app = PageCache(WSGIHandler(), generation_seconds=3600)
    page = f"/statements/{example.document_id}/"
    french = f"{page}fr/"
    assert f'href="{french}"'.encode() not in call(app, page)[2]
    with django_capture_on_commit_callbacks(execute=True):
        started = start_translation(
            example, language="fr", source=example.current_version(), by=secretariat
        )
        texts = [f"Paragraphe {row.number}." for row in editor_rows(started)]
        save_translation(
            started, title="Déclaration", short_title="Biélorussie", texts=texts, by=secretariat
        )
        publish_translation(started, by=secretariat)

    assert f'href="{french}"'.encode() in call(app, page)[2]
    status, _headers, body = call(app, french)
    assert status == "200 OK"
    assert "Déclaration".encode() in body


@pytest.mark.parametrize("kind", ["pdf", "docx", "odt", "txt", "md", "json"])
def test_every_download_of_a_published_translation_is_offered_and_built(
    client, example, secretariat, kind
):
    from undersigned.drafting.translation import editor_rows, publish_translation, save_translation

    started = start_translation(
        example, language="fr", source=example.current_version(), by=secretariat
    )
    texts = [f"Paragraphe {row.number}." for row in editor_rows(started)]
    save_translation(
        started, title="Déclaration", short_title="Biélorussie", texts=texts, by=secretariat
    )
    publish_translation(started, by=secretariat)
    url = reverse("publishing:statement_download", args=[example.document_id, "fr", kind])

    page = client.get(reverse("publishing:statement_language", args=[example.document_id, "fr"]))
    response = client.get(url)

    assert f'href="{url}"' in page.content.decode()
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f"attachment; filename*=utf-8''ICOR00359%20Bi%C3%A9lorussie_ver%2005.01_FR.{kind}"
    )


def test_a_save_over_someone_elses_newer_save_is_stopped_and_keeps_the_text(
    client, draft, secretariat, translator, french_draft
):
    from undersigned.drafting.translation import save_translation, stamp

    opened = stamp(french_draft)
    save_translation(
        french_draft, title="Leur titre", short_title="", texts=["Leur paragraphe."], by=translator
    )
    client.force_login(secretariat)
    events = AuditEvent.objects.count()

    response = client.post(
        editor(draft), filled(action="save", base=opened, source=french_draft.source_id)
    )

    page = response.content.decode()
    assert response.status_code == 409
    assert "saved this draft after you opened it" in page
    assert FRENCH[1] in page  # the text sent, in its box
    assert "Leur paragraphe." in page  # theirs, to compare
    assert TranslationDraft.objects.get().paragraphs[0] == "Leur paragraphe."
    assert AuditEvent.objects.count() == events
    again = client.post(
        editor(draft), filled(action="save", base=stamp(TranslationDraft.objects.get()))
    )
    assert again.status_code == 302
    assert TranslationDraft.objects.get().paragraphs == FRENCH


def test_a_form_opened_before_an_update_to_a_newer_original_is_not_saved_out_of_line(
    client, draft, secretariat, french_draft
):
    from tests.drafting.test_translation import new_original
    from undersigned.drafting.translation import stamp, update_translation

    opened, old_source = stamp(french_draft), french_draft.source_id
    update_translation(french_draft, source=new_original(draft, secretariat), by=secretariat)
    client.force_login(secretariat)

    response = client.post(editor(draft), filled(action="save", base=opened, source=old_source))

    page = response.content.decode()
    assert response.status_code == 409
    assert "Your text as you sent it" in page
    assert FRENCH[3] in page
    assert TranslationDraft.objects.get().paragraphs == ["", "", "", "", ""]


def test_the_secretariat_ends_a_translators_role_and_the_editor_closes_to_them(
    client, draft, secretariat, translator, french_draft
):
    role = Translator.objects.get()
    client.force_login(secretariat)

    response = client.post(reverse("drafting:translator_unname", args=[draft.pk, role.pk]))

    assert (response.status_code, response["Location"]) == (302, hub(draft))
    assert not Translator.objects.active().exists()
    assert AuditEvent.objects.order_by("seq").last().kind == "translator.unnamed"
    client.force_login(translator)
    assert client.get(editor(draft)).status_code == 403


def test_a_translator_discards_a_draft_and_the_published_translation_stays(
    client, draft, translator
):
    client.force_login(translator)
    client.post(
        reverse("drafting:translation_start", args=[draft.pk]),
        {"language": "fr", "source": draft.current_version().pk},
    )

    response = client.post(editor(draft), {"action": "discard"})

    assert (response.status_code, response["Location"]) == (302, hub(draft))
    assert not TranslationDraft.objects.exists()
    assert AuditEvent.objects.order_by("seq").last().kind == "translation.discarded"


def test_the_update_offered_for_an_outdated_translation_starts_from_the_newer_original(
    client, draft, secretariat
):
    from tests.drafting.test_translation import new_original, published_french

    published_french(draft, secretariat)
    newer = new_original(draft, secretariat)
    client.force_login(secretariat)
    page = client.get(hub(draft)).content.decode()
    assert "Update to 06.01" in page

    response = client.post(
        reverse("drafting:translation_start", args=[draft.pk]),
        {"language": "fr", "source": newer.pk},
        follow=True,
    )

    assert response.redirect_chain == [(editor(draft), 302)]
    assert TranslationDraft.objects.get().source == newer
    assert response.content.decode().count('class="translate-row changed"') == 2


def test_a_statement_with_a_translation_draft_can_still_be_deleted(draft, french_draft):
    draft.delete()

    assert not TranslationDraft.objects.exists()


def test_the_translations_page_asks_the_same_number_of_queries_for_one_language_or_three(
    client, draft, secretariat
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from undersigned.drafting.translation import publish_translation, save_translation

    def translate(language: str) -> None:
        started = start_translation(
            draft, language=language, source=draft.current_version(), by=secretariat
        )
        save_translation(started, title="T", short_title="S", texts=FRENCH, by=secretariat)
        publish_translation(started, by=secretariat)

    def queries() -> int:
        client.get(hub(draft))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(hub(draft)).status_code == 200
        return len(captured)

    client.force_login(secretariat)
    translate("fr")
    one = queries()
    translate("de")
    translate("es")

    assert queries() == one


def test_after_publishing_a_translation_the_translations_page_leads_to_it_on_the_public_site(
    client, draft, secretariat, translator
):
    set_statement_state(draft, to=State.OPEN, by=secretariat)
    set_statement_state(draft, to=State.PUBLISHED, by=secretariat)
    client.force_login(translator)
    client.post(
        reverse("drafting:translation_start", args=[draft.pk]),
        {"language": "fr", "source": draft.current_version().pk},
    )

    published = client.post(editor(draft), filled(action="publish"), follow=True)

    french_page = reverse("publishing:statement_language", args=[draft.document_id, "fr"])
    assert f'href="{french_page}"' in published.content.decode()
    assert client.get(french_page).status_code == 200


def test_a_translation_of_a_statement_not_yet_public_links_to_no_public_page(
    client, draft, secretariat, french_draft
):
    client.force_login(secretariat)
    client.post(editor(draft), filled(action="publish"))

    page = client.get(hub(draft)).content.decode()

    assert "/statements/" not in page.split('id="translations"')[1].split("</table>")[0]


def test_a_translator_named_for_one_language_finds_it_chosen_in_the_start_form(
    client, draft, translator
):
    client.force_login(translator)

    page = client.get(hub(draft)).content.decode()

    form = page.split('id="start-heading"')[1].split("</form>")[0]
    assert 'value="fr" selected' in form
    assert "Choose a language" not in form


def test_a_draft_just_started_says_who_started_it_and_is_not_said_saved(
    client, draft, translator, french_draft
):
    client.force_login(translator)
    page = client.get(editor(draft)).content.decode()
    assert "not saved yet" in page and "Last saved by" not in page

    client.post(editor(draft), filled(action="save"))
    page = client.get(editor(draft)).content.decode()
    assert "Last saved by" in page and "not saved yet" not in page
