"""Translation pages: a statement's translations and translators, and the side-by-side
editor. Thin adapters: each checks permission through `drafting.translation`'s door, parses
a form, calls one service and renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from undersigned.accounts.permissions import require_secretariat
from undersigned.drafting import translation
from undersigned.drafting.models import TranslationDraft, Translator
from undersigned.drafting.services import DraftingRefused
from undersigned.drafting.translation_forms import (
    NameTranslatorForm,
    StartTranslationForm,
    TranslationEditorForm,
    panel_context,
)
from undersigned.statements.models import Statement


def _hub(request: HttpRequest, statement: Statement, *, status: int = 200, **forms) -> HttpResponse:
    context = {"statement": statement, **panel_context(statement, user=request.user, **forms)}
    return render(request, "drafting/translate.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def translations(request: HttpRequest, statement_id: int) -> HttpResponse:
    statement = translation.get_statement_for_translator(request, statement_id)
    return _hub(request, statement)


@login_required
@require_POST
def start(request: HttpRequest, statement_id: int) -> HttpResponse:
    statement = translation.get_statement_for_translator(request, statement_id)
    overview = translation.translation_overview(statement, user=request.user)
    form = StartTranslationForm(
        request.POST, languages=overview.choices, originals=overview.originals
    )
    if not form.is_valid():
        return _hub(request, statement, status=400, start_form=form)
    language = form.cleaned_data["language"]
    translation.require_translator(request, statement, language)
    try:
        draft = translation.start_translation(
            statement, language=language, source=form.cleaned_data["source"], by=request.user
        )
    except translation.DraftExists as exists:
        messages.info(request, str(exists))
        return redirect("drafting:translate", statement.pk, exists.draft.language)
    except DraftingRefused as refused:
        form.add_error(None, str(refused))
        return _hub(request, statement, status=400, start_form=form)
    return redirect("drafting:translate", statement.pk, draft.language)


@login_required
@require_POST
def name(request: HttpRequest, statement_id: int) -> HttpResponse:
    require_secretariat(request)
    statement = get_object_or_404(Statement.objects.prefetch_related("versions"), pk=statement_id)
    form = NameTranslatorForm(request.POST, languages=translation.language_choices(statement))
    if not form.is_valid():
        return _hub(request, statement, status=400, name_form=form)
    try:
        translator = translation.name_translator(
            statement,
            user=form.cleaned_data["user"],
            language=form.cleaned_data["language"],
            by=request.user,
        )
    except DraftingRefused as refused:
        form.add_error(None, str(refused))
        return _hub(request, statement, status=400, name_form=form)
    messages.success(
        request,
        _("%(person)s is named translator into %(language)s and has been told by e-mail.")
        % {
            "person": translator.user.email or translator.user.get_username(),
            "language": translation.language_name(translator.language, capitalized=False),
        },
    )
    return redirect("drafting:translations", statement.pk)


@login_required
@require_POST
def unname(request: HttpRequest, statement_id: int, translator_id: int) -> HttpResponse:
    require_secretariat(request)
    translator = get_object_or_404(
        Translator.objects.active().select_related("user"),
        pk=translator_id,
        statement_id=statement_id,
    )
    translation.unname_translator(translator, by=request.user)
    messages.success(
        request,
        _("%(person)s no longer translates into %(language)s.")
        % {
            "person": translator.user.email or translator.user.get_username(),
            "language": translation.language_name(translator.language, capitalized=False),
        },
    )
    return redirect("drafting:translations", statement_id)


@login_required
@require_http_methods(["GET", "POST"])
def editor(request: HttpRequest, statement_id: int, language: str) -> HttpResponse:
    statement = translation.get_statement_for_translator(request, statement_id)
    translation.require_translator(request, statement, language)
    draft = (
        TranslationDraft.objects.select_related("source", "basis", "updated_by", "started_by")
        .filter(statement=statement, language=language)
        .first()
    )
    if draft is None:
        messages.info(
            request,
            _("No %(language)s translation is being written: start one here.")
            % {"language": translation.language_name(language, capitalized=False)},
        )
        return redirect("drafting:translations", statement.pk)
    count = len(translation.editor_rows(draft))
    form = TranslationEditorForm(request.POST or None, count=count)
    action = request.POST.get("action", "save")
    status = 200
    if request.method == "POST" and action == "update":
        try:
            draft = translation.update_translation(
                draft, source=statement.current_version(), by=request.user
            )
        except DraftingRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _(
                    "The draft now translates version %(label)s; %(count)s paragraphs to "
                    "look at again are marked."
                )
                % {"label": draft.source.label, "count": draft.changed_count},
            )
        return redirect("drafting:translate", statement.pk, language)
    if request.method == "POST" and action == "discard":
        translation.discard_translation(draft, by=request.user)
        messages.success(request, _("The draft is discarded."))
        return redirect("drafting:translations", statement.pk)
    unsaved: list[str] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                draft = translation.save_translation(
                    draft,
                    title=form.cleaned_data["title"],
                    short_title=form.cleaned_data["short_title"],
                    texts=form.texts(),
                    done=set(form.cleaned_data["done"]),
                    base=form.cleaned_data["base"] or None,
                    by=request.user,
                )
            except translation.TranslationConflict as conflict:
                draft = conflict.draft
                form.add_error(None, str(conflict))
                if form.cleaned_data["source"] != draft.source_id:
                    # The draft moved to another original: the text no longer lines up.
                    unsaved = [text for text in form.texts() if text.strip()]
                return _editor(request, statement, draft, form, status=409, unsaved=unsaved)
            if action != "publish":
                messages.success(request, _("The draft is saved."))
                return redirect("drafting:translate", statement.pk, language)
            try:
                version = translation.publish_translation(
                    draft, by=request.user, note=form.cleaned_data["note"]
                )
            except DraftingRefused as refused:
                form.add_error(None, str(refused))
                status = 400
            else:
                messages.success(
                    request,
                    _("The %(language)s translation is published as version %(label)s.")
                    % {
                        "language": translation.language_name(language, capitalized=False),
                        "label": version.label,
                    },
                )
                return redirect("drafting:translations", statement.pk)
        else:
            status = 400
    return _editor(request, statement, draft, form, status=status)


def _editor(
    request: HttpRequest,
    statement: Statement,
    draft: TranslationDraft,
    form: TranslationEditorForm,
    *,
    status: int = 200,
    unsaved: list[str] | None = None,
) -> HttpResponse:
    """The editor, with the text as sent when the form comes back (an error, a conflict)."""
    texts = form.raw_texts() if form.is_bound and not unsaved else None
    theirs = []
    if status == 409 and texts is not None:
        saved = translation.editor_rows(draft)
        theirs = [(row.number, row.text) for row, sent in zip(saved, texts, strict=True)
                  if row.text != sent.strip()]  # fmt: skip
    current = statement.current_version()
    context = {
        "statement": statement,
        "draft": draft,
        "form": form,
        "rows": translation.editor_rows(draft, texts),
        "title": form.data.get("title", draft.title) if form.is_bound else draft.title,
        "short_title": (
            form.data.get("short_title", draft.short_title) if form.is_bound else draft.short_title
        ),
        "note": form.data.get("note", "") if form.is_bound else "",
        "language_name": translation.language_name(draft.language),
        "language_in_sentence": translation.language_name(draft.language, capitalized=False),
        "base": translation.stamp(draft),
        "unsaved": unsaved,
        "theirs": theirs,
        "newer": current if current and translation.comes_after(current, draft.source) else None,
    }
    return render(request, "drafting/translate_edit.html", context, status=status)
