import pytest

from undersigned.core.models import AuditEvent
from undersigned.statements.models import Statement

pytestmark = pytest.mark.django_db


def editor_data(version, **changes):
    data = {
        "title": version.title,
        "short_title": version.short_title,
        "body": version.body,
        "base_hash": version.content_hash,
        "base_version": version.pk,
        "note": "A change",
        "action": "save",
    }
    data.update(changes)
    return data


def test_the_editor_shows_the_text_with_paragraph_numbers(client, draft, secretariat):
    client.force_login(secretariat)

    response = client.get(f"/drafting/statements/{draft.pk}/edit/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<li value="3"><span class="pno" aria-hidden="true">3</span>' in page
    assert draft.current_version().content_hash in page


def test_saving_makes_a_minor_version_by_default(client, draft, secretariat):
    client.force_login(secretariat)
    current = draft.current_version()
    body = current.body.replace("sets the scene", "opens the statement")

    response = client.post(
        f"/drafting/statements/{draft.pk}/edit/", editor_data(current, body=body, note="Wording")
    )

    assert response.status_code == 302
    version = draft.current_version()
    assert (version.label, version.note, version.author) == ("05.02", "Wording", secretariat)
    assert version.body.startswith("The first paragraph opens the statement.")
    assert AuditEvent.objects.filter(kind="version.created", data__label="05.02").exists()


def test_a_change_of_substance_makes_a_major_version(client, draft, secretariat):
    client.force_login(secretariat)
    current = draft.current_version()

    client.post(
        f"/drafting/statements/{draft.pk}/edit/",
        editor_data(current, body=current.body + "\n\nA new demand!", major="on"),
    )

    assert draft.current_version().label == "06.01"


def test_the_preview_button_renders_the_typed_text_without_saving(client, draft, secretariat):
    client.force_login(secretariat)
    current = draft.current_version()

    response = client.post(
        f"/drafting/statements/{draft.pk}/edit/",
        editor_data(current, body="First *typed*.\n\nSecond.", action="preview"),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert '<div class="ptext"><p>First <em>typed</em>.</p></div>' in page
    assert '<li value="2">' in page
    assert draft.versions.count() == 1


def test_the_live_preview_returns_numbered_paragraphs(client, secretariat):
    client.force_login(secretariat)

    response = client.post("/drafting/preview/", {"body": "One.\n\nTwo <script>x</script>."})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<li value="2">' in html
    assert "<script>" not in html


def test_a_concurrent_edit_is_detected_and_nothing_is_lost(client, draft, secretariat):
    from tests.factories import make_secretariat

    other = make_secretariat(username="other")
    opened = draft.current_version()
    client.force_login(other)
    client.post(
        f"/drafting/statements/{draft.pk}/edit/",
        editor_data(opened, body=opened.body.replace("describes", "tells of"), note="Theirs"),
    )
    client.force_login(secretariat)
    mine = opened.body.replace("solidarity", "international solidarity")

    response = client.post(
        f"/drafting/statements/{draft.pk}/edit/", editor_data(opened, body=mine, note="Mine")
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Version 05.02 was saved by someone else since you opened the editor." in page
    assert "international solidarity" in page  # the person's text is still in the form
    assert (
        '<del><span class="visually-hidden">deleted: </span>describes</del>'
        '<ins><span class="visually-hidden">inserted: </span>tells of</ins>'
    ) in page  # what changed meanwhile
    assert draft.versions.count() == 2
    # Saving again, after seeing the difference, is a deliberate choice and goes through.
    current = draft.current_version()
    response = client.post(
        f"/drafting/statements/{draft.pk}/edit/",
        editor_data(current, body=mine, note="Mine, after all"),
    )
    assert response.status_code == 302
    assert draft.current_version().label == "05.03"


def test_an_empty_text_is_refused(client, draft, secretariat):
    client.force_login(secretariat)

    response = client.post(
        f"/drafting/statements/{draft.pk}/edit/", editor_data(draft.current_version(), body="  ")
    )

    assert response.status_code == 400
    assert draft.versions.count() == 1


def test_the_secretariat_creates_a_new_statement(client, secretariat):
    client.force_login(secretariat)

    response = client.post(
        "/drafting/statements/new/",
        {
            "kind": "resolution",
            "language": "en",
            "title": "On peace",
            "short_title": "Peace",
            "body": "We want peace.\n\nPeace now!",
            "further_signatories_possible": "on",
            "action": "save",
        },
    )

    statement = Statement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/drafting/statements/{statement.pk}/"
    assert (statement.kind, statement.state) == ("resolution", "draft")
    version = statement.current_version()
    assert (version.label, version.title, version.author) == ("01.00", "On peace", secretariat)


# The editor behaves: required fields marked, Preview needs only text, no empty versions.


def test_required_fields_are_marked_for_eyes_and_for_assistive_technology(
    client, draft, secretariat
):
    client.force_login(secretariat)

    page = client.get(f"/drafting/statements/{draft.pk}/edit/").content.decode()

    assert '<label for="id_note" class="required">Change note:</label>' in page
    assert '<label for="id_title" class="required">Title:</label>' in page
    assert '<textarea name="note" cols="40" rows="2" maxlength="2000" required' in page
    assert '<label for="id_major">' in page  # optional: no mark
    assert "Fields marked * are required to save; Preview needs only the text." in page


def test_preview_needs_nothing_but_the_text(client, draft, secretariat):
    client.force_login(secretariat)
    current = draft.current_version()

    response = client.post(
        f"/drafting/statements/{draft.pk}/edit/",
        {"action": "preview", "body": "Only this.\n\nAnd this.", "base_hash": current.content_hash},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' not in page
    assert "errorlist" not in page
    assert '<li value="2"><span class="pno" aria-hidden="true">2</span>' in page
    assert draft.versions.count() == 1


def test_the_preview_button_skips_the_browsers_checks(client, draft, secretariat):
    client.force_login(secretariat)

    page = client.get(f"/drafting/statements/{draft.pk}/edit/").content.decode()

    assert 'value="preview" class="secondary" formnovalidate>' in page


def test_saving_without_a_change_note_asks_for_it_at_the_top(client, draft, secretariat):
    client.force_login(secretariat)
    current = draft.current_version()

    response = client.post(
        f"/drafting/statements/{draft.pk}/edit/",
        editor_data(current, body=current.body + "\n\nMore.", note=""),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert '<div class="error-summary" role="alert" tabindex="-1" autofocus' in page
    assert '<a href="#id_note">Change note: This field is required.</a>' in page
    assert draft.versions.count() == 1


def test_an_unchanged_save_makes_no_version_and_says_so(client, draft, secretariat):
    client.force_login(secretariat)
    current = draft.current_version()
    events = AuditEvent.objects.count()

    response = client.post(
        f"/drafting/statements/{draft.pk}/edit/", editor_data(current), follow=True
    )

    assert draft.versions.count() == 1
    assert AuditEvent.objects.count() == events
    assert (
        "Nothing changed: the text is that of version 05.01, so no new version is made."
        in response.content.decode()
    )


def test_a_changed_short_title_alone_is_recorded_without_a_new_version(client, draft, secretariat):
    client.force_login(secretariat)
    current = draft.current_version()

    response = client.post(
        f"/drafting/statements/{draft.pk}/edit/",
        editor_data(current, short_title="Solidarity, briefly"),
        follow=True,
    )

    assert draft.versions.count() == 1
    assert draft.current_version().short_title == "Solidarity, briefly"
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.kind, event.data["changes"]) == (
        "statement.changed", {"short_title": ["Solidarity", "Solidarity, briefly"]},
    )  # fmt: skip
    assert "The short title is changed." in response.content.decode()


def test_a_new_statements_deadline_must_lie_after_today(client, secretariat):
    client.force_login(secretariat)

    response = client.post(
        "/drafting/statements/new/",
        {"kind": "statement", "language": "en", "title": "T", "short_title": "T",
         "body": "Text.", "signing_deadline": "2020-01-01T12:00", "action": "save"},
    )  # fmt: skip

    assert response.status_code == 400
    assert (
        '<a href="#id_signing_deadline">Signing deadline: The signing deadline must be after '
        "today.</a>" in response.content.decode()
    )
    assert not Statement.objects.exists()


def test_a_new_statement_previews_with_only_its_text(client, secretariat):
    client.force_login(secretariat)

    response = client.post("/drafting/statements/new/", {"action": "preview", "body": "One."})

    assert response.status_code == 200
    assert "errorlist" not in response.content.decode()
    assert not Statement.objects.exists()
