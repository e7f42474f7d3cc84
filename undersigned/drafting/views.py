"""Drafting pages: thin adapters that check permission, parse a form, call one service or
selector, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import BooleanField
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from undersigned.accounts.permissions import (
    get_organization_for_delegate,
    is_secretariat,
    require_secretariat,
)
from undersigned.core.diff import diff_bodies, unified_diff
from undersigned.core.text import markdown_to_html, paragraphs
from undersigned.drafting import lifecycle, selectors, services
from undersigned.drafting.forms import (
    AmendmentForm,
    CommentForm,
    DecisionForm,
    EditorForm,
    MergeForm,
    NewStatementForm,
    PreviewForm,
    SettingsForm,
)
from undersigned.drafting.models import Amendment, AmendmentStatus
from undersigned.signatures.models import valid_for_major
from undersigned.statements.models import State, Statement, Version
from undersigned.statements.services import (
    TransitionRefused,
    change_statement_settings,
    create_statement,
    delete_draft,
    set_statement_state,
)


def numbered_html(body: str) -> list[tuple[int, str]]:
    return [(n, markdown_to_html(text)) for n, text in enumerate(paragraphs(body), start=1)]


# The secretariat's workspace


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    require_secretariat(request)
    return render(request, "drafting/dashboard.html", {"dashboard": selectors.dashboard()})


@login_required
@require_http_methods(["GET", "POST"])
def new_statement(request: HttpRequest) -> HttpResponse:
    require_secretariat(request)
    if request.method == "POST" and request.POST.get("action") == "preview":
        # Preview needs nothing but the text; the rest is checked when the draft is saved.
        preview = numbered_html(_previewed_body(request))
        form = NewStatementForm(initial=_posted(request, NewStatementForm))
        return render(request, "drafting/new.html", {"form": form, "preview": preview})
    form = NewStatementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        statement = create_statement(
            kind=data["kind"],
            language=data["language"],
            title=data["title"],
            short_title=data["short_title"],
            body=data["body"],
            author=request.user,
            further_signatories_possible=data["further_signatories_possible"],
            signing_deadline=data["signing_deadline"],
        )
        messages.success(request, _("The draft is saved as version 01.00."))
        return redirect("drafting:statement", statement.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "drafting/new.html", {"form": form, "preview": None}, status=status)


def _previewed_body(request: HttpRequest) -> str:
    form = PreviewForm(request.POST)
    return form.cleaned_data["body"] if form.is_valid() else ""


def _posted(request: HttpRequest, form_class: type) -> dict:
    """What the person typed, as a form's initial values: shown again without errors."""
    posted = {name: request.POST.get(name) for name in form_class.base_fields}
    for name, field in form_class.base_fields.items():
        if isinstance(field, BooleanField):
            posted[name] = name in request.POST
    return {name: value for name, value in posted.items() if value is not None}


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, statement_id: int) -> HttpResponse:
    require_secretariat(request)
    statement = get_object_or_404(Statement.objects.prefetch_related("versions"), pk=statement_id)
    current = statement.current_version()
    if current is None:
        raise Http404("No text")
    context = {"statement": statement, "current": current, "preview": None, "conflict": None}
    status = 200
    if request.method == "GET":
        form = EditorForm(
            initial={
                "title": current.title,
                "short_title": current.short_title,
                "body": current.body,
                "base_hash": current.content_hash,
                "base_version": current.pk,
            }
        )
        context["preview"] = numbered_html(current.body)
    else:
        form = EditorForm(request.POST)
        if request.POST.get("action") == "preview":
            # Preview needs nothing but the text; the change note is asked for on saving.
            context["preview"] = numbered_html(_previewed_body(request))
            form = EditorForm(initial=_posted(request, EditorForm))
        elif not form.is_valid():
            status = 400
        else:
            data = form.cleaned_data
            try:
                version = services.save_draft(
                    statement,
                    base_hash=data["base_hash"],
                    title=data["title"],
                    short_title=data["short_title"],
                    body=data["body"],
                    major=data["major"],
                    note=data["note"],
                    by=request.user,
                )
            except services.EditConflict as conflict:
                messages.error(request, str(conflict))
                context["conflict"] = _conflict(statement, data, conflict.current)
                # Saving again now is a deliberate choice, made after seeing the difference.
                form = EditorForm(
                    {
                        **request.POST.dict(),
                        "base_hash": conflict.current.content_hash,
                        "base_version": conflict.current.pk,
                    }
                )
                status = 409
            except services.DraftingRefused as refused:
                messages.error(request, str(refused))
                status = 409
            else:
                asked = (
                    version is not None
                    and version.major > current.major
                    and statement.signatures.active()
                    .exclude(valid_for_major(version.major))
                    .exists()
                )
                if asked:
                    # Say what a major version sets off, so nobody wonders why delegates write.
                    messages.success(
                        request,
                        _(
                            "Saved as version %(label)s, a change of substance: the "
                            "organizations that signed an earlier version are asked by e-mail "
                            "to sign it again."
                        )
                        % {"label": version.label},
                    )
                elif version is not None:
                    messages.success(
                        request, _("Saved as version %(label)s.") % {"label": version.label}
                    )
                elif data["short_title"] != current.short_title:
                    messages.info(
                        request,
                        _(
                            "The short title is changed. The text is that of version "
                            "%(label)s, so no new version is made."
                        )
                        % {"label": current.label},
                    )
                else:
                    messages.info(
                        request,
                        _(
                            "Nothing changed: the text is that of version %(label)s, so no new "
                            "version is made."
                        )
                        % {"label": current.label},
                    )
                return redirect("drafting:edit", statement.pk)
    context["form"] = form
    return render(request, "drafting/edit.html", context, status=status)


def _conflict(statement: Statement, data: dict, current: Version) -> dict:
    base = Version.objects.filter(statement=statement, pk=data["base_version"]).first()
    return {
        "base": base,
        "current": current,
        "meanwhile": diff_bodies(base.body, current.body) if base else None,
        "yours": diff_bodies(current.body, data["body"]),
    }


@login_required
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    """The numbered, rendered paragraphs of a text being typed (fetched by drafting/editor.js)."""
    require_secretariat(request)
    form = PreviewForm(request.POST)
    body = form.cleaned_data["body"] if form.is_valid() else ""
    return render(request, "drafting/_preview.html", {"preview": numbered_html(body)})


# The consultation


def _organizations(request: HttpRequest) -> list:
    return selectors.member_organizations_of(request.user)


def _render_statement(
    request: HttpRequest,
    statement: Statement,
    *,
    comment_form: CommentForm | None = None,
    amendment_form: AmendmentForm | None = None,
    settings_form: SettingsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    current = statement.current_version()
    if current is None:
        raise Http404("No text")
    organizations = _organizations(request)
    count = len(paragraphs(current.body))
    amendments = selectors.amendments_of(statement)
    open_amendments = [a for a in amendments if a.status == AmendmentStatus.PROPOSED]
    context = {
        "statement": statement,
        "current": current,
        "paragraphs": [
            (p, markdown_to_html(p.text)) for p in selectors.consultation(statement, current)
        ],
        "amendments": amendments,
        "open_amendments": open_amendments,
        "decided": [a for a in amendments if a.status != AmendmentStatus.PROPOSED],
        "in_consultation": statement.state == State.CONSULTATION,
        "organizations": organizations,
        "is_secretariat": is_secretariat(request.user),
        "comment_form": comment_form
        or CommentForm(organizations=organizations, paragraphs=count, prefix="comment"),
        "amendment_form": amendment_form
        or AmendmentForm(organizations=organizations, paragraphs=count, prefix="amendment"),
        "merge_form": MergeForm(numbers=[a.number for a in open_amendments]),
        "versions": sorted(statement.versions.all(), key=lambda v: (v.language, v.major, v.minor)),
        **lifecycle.context(statement),
        "settings_form": settings_form
        or SettingsForm(prefix="settings", initial=SettingsForm.initial_for(statement)),
    }
    # The one form that came back with errors, for the summary at the top of the page.
    context["error_form"] = next(
        (f for f in (comment_form, amendment_form, settings_form) if f is not None and f.errors),
        None,
    )
    return render(request, "drafting/statement.html", context, status=status)


# The statement's life: its state, its settings, deleting a draft


@login_required
@require_http_methods(["GET", "POST"])
def set_state(request: HttpRequest, statement_id: int) -> HttpResponse:
    """Move a statement to another state. The natural next step goes at once; the others
    (going back, closing, withdrawing) first show what they mean and ask to confirm (GET, or a
    POST without `confirm`). A step taken from the "State and signatures" page (`from=state`)
    comes back to it, so the secretariat stays where it was working."""
    require_secretariat(request)
    statement = get_object_or_404(Statement.objects.prefetch_related("versions"), pk=statement_id)
    target = request.POST.get("to") or request.GET.get("to", "")
    from_state = (request.POST.get("from") or request.GET.get("from")) == "state"
    back = redirect("secretariat:statement" if from_state else "drafting:statement", statement.pk)
    step = lifecycle.step_to(statement, target)
    if step is None:
        state = lifecycle.title(statement)
        messages.error(
            request,
            _("A statement in the state “%(state)s” cannot go there.") % {"state": state},
        )
        return back
    confirmed = request.method == "POST" and (
        not step.needs_confirmation or request.POST.get("confirm") == "yes"
    )
    if not confirmed:
        context = {
            "statement": statement,
            "current": statement.current_version(),
            "step": step,
            "from_state": from_state,
        }
        context.update(lifecycle.context(statement))
        return render(request, "drafting/state_confirm.html", context)
    try:
        set_statement_state(statement, to=step.to, by=request.user)
    except TransitionRefused as refused:
        messages.error(request, str(refused))
        return back
    messages.success(request, str(lifecycle.NOW[step.to]))
    return back


@login_required
@require_POST
def change_settings(request: HttpRequest, statement_id: int) -> HttpResponse:
    require_secretariat(request)
    statement = get_object_or_404(Statement.objects.prefetch_related("versions"), pk=statement_id)
    form = SettingsForm(
        request.POST, prefix="settings", initial=SettingsForm.initial_for(statement)
    )
    if not form.is_valid():
        return _render_statement(request, statement, settings_form=form, status=400)
    data = form.cleaned_data
    changed = change_statement_settings(
        statement,
        by=request.user,
        kind=data["kind"],
        signing_deadline=data["signing_deadline"],
        clear_deadline=data["signing_deadline"] is None,
        further_signatories_possible=data["further_signatories_possible"],
        short_title=data["short_title"],
    )
    if changed:
        messages.success(request, _("The changes are saved and recorded in the history."))
    else:
        messages.info(request, _("Nothing changed."))
    return redirect("drafting:statement", statement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, statement_id: int) -> HttpResponse:
    """Delete a draft that never had a number, after a confirmation page."""
    require_secretariat(request)
    statement = get_object_or_404(Statement.objects.prefetch_related("versions"), pk=statement_id)
    if not lifecycle.is_deletable(statement):
        messages.error(
            request,
            _("Only a draft that never had a number is deleted; withdraw this one instead."),
        )
        return redirect("drafting:statement", statement.pk)
    current = statement.current_version()
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        delete_draft(statement, by=request.user)
        messages.success(
            request,
            _("The draft “%(title)s” is deleted.") % {"title": current.title if current else ""},
        )
        return redirect("drafting:dashboard")
    return render(
        request, "drafting/delete_confirm.html", {"statement": statement, "current": current}
    )


@login_required
@require_GET
def statement_page(request: HttpRequest, statement_id: int) -> HttpResponse:
    statement = selectors.get_statement_for_participant(request, statement_id)
    return _render_statement(request, statement)


def _forms_args(request: HttpRequest, statement: Statement) -> dict:
    current = statement.current_version()
    return {
        "organizations": _organizations(request),
        "paragraphs": len(paragraphs(current.body)) if current else 0,
    }


@login_required
@require_POST
def comment(request: HttpRequest, statement_id: int) -> HttpResponse:
    statement = selectors.get_statement_for_participant(request, statement_id)
    form = CommentForm(request.POST, prefix="comment", **_forms_args(request, statement))
    if not form.is_valid():
        return _render_statement(request, statement, comment_form=form, status=400)
    data = form.cleaned_data
    organization = get_organization_for_delegate(request, data["organization"].pk)
    try:
        services.add_comment(
            statement,
            organization=organization,
            paragraph=data["paragraph"],
            text=data["text"],
            by=request.user,
        )
    except services.DraftingRefused as refused:
        messages.error(request, str(refused))
        return _render_statement(request, statement, comment_form=form, status=409)
    messages.success(request, _("Your comment is recorded."))
    return redirect("drafting:statement", statement.pk)


@login_required
@require_POST
def propose(request: HttpRequest, statement_id: int) -> HttpResponse:
    statement = selectors.get_statement_for_participant(request, statement_id)
    form = AmendmentForm(request.POST, prefix="amendment", **_forms_args(request, statement))
    if not form.is_valid():
        return _render_statement(request, statement, amendment_form=form, status=400)
    data = form.cleaned_data
    organization = get_organization_for_delegate(request, data["organization"].pk)
    try:
        amendment = services.propose_amendment(
            statement,
            organization=organization,
            first_paragraph=data["first_paragraph"],
            last_paragraph=data["last_paragraph"],
            replacement=data["replacement"],
            reason=data["reason"],
            by=request.user,
        )
    except services.DraftingRefused as refused:
        messages.error(request, str(refused))
        return _render_statement(request, statement, amendment_form=form, status=409)
    messages.success(request, _("Amendment #%(n)d is proposed.") % {"n": amendment.number})
    return redirect("drafting:statement", statement.pk)


@login_required
@require_POST
def decide(request: HttpRequest, statement_id: int, number: int) -> HttpResponse:
    require_secretariat(request)
    amendment = get_object_or_404(
        Amendment.objects.select_related("statement", "organization"),
        statement_id=statement_id,
        number=number,
    )
    form = DecisionForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    try:
        if request.POST.get("action") == "accept":
            version = services.accept_amendment(amendment, by=request.user, note=reason)
            messages.success(
                request,
                _("Amendment #%(n)d accepted: version %(label)s.")
                % {"n": number, "label": version.label},
            )
        elif request.POST.get("action") == "decline":
            services.decline_amendment(amendment, by=request.user, reason=reason)
            messages.success(request, _("Amendment #%(n)d declined.") % {"n": number})
        else:
            return HttpResponse(_("Accept or decline."), status=400, content_type="text/plain")
    except services.DraftingRefused as refused:
        messages.error(request, str(refused))
        return _render_statement(request, amendment.statement, status=409)
    return redirect("drafting:statement", statement_id)


@login_required
@require_POST
def merge(request: HttpRequest, statement_id: int) -> HttpResponse:
    require_secretariat(request)
    statement = get_object_or_404(Statement.objects.prefetch_related("versions"), pk=statement_id)
    open_numbers = list(
        Amendment.objects.filter(statement=statement, status=AmendmentStatus.PROPOSED).values_list(
            "number", flat=True
        )
    )
    form = MergeForm(request.POST, numbers=open_numbers)
    if not form.is_valid():
        messages.error(request, _("Choose the amendments to accept together."))
        return _render_statement(request, statement, status=400)
    chosen = Amendment.objects.filter(
        statement=statement, number__in=form.cleaned_data["amendments"]
    )
    try:
        version = services.accept_amendments(
            statement, amendments=chosen, by=request.user, note=form.cleaned_data["note"]
        )
    except services.DraftingRefused as refused:
        messages.error(request, str(refused))
        return _render_statement(request, statement, status=409)
    messages.success(
        request, _("Amendments accepted together: version %(label)s.") % {"label": version.label}
    )
    return redirect("drafting:statement", statement.pk)


# Diffs and history


def _pair(request: HttpRequest, statement: Statement) -> tuple[Version, Version]:
    """The two versions to compare (?a=…&b=… by id); by default the one before the current
    original version, and the current one."""
    versions = {v.pk: v for v in statement.versions.all()}
    originals = sorted(
        (v for v in versions.values() if v.language == statement.original_language),
        key=lambda v: (v.major, v.minor),
    )
    if not originals:
        raise Http404("No text")
    try:
        a = versions[int(request.GET["a"])] if request.GET.get("a") else None
        b = versions[int(request.GET["b"])] if request.GET.get("b") else None
    except (KeyError, ValueError):
        raise Http404("No such version") from None
    b = b or originals[-1]
    a = a or (originals[-2] if len(originals) > 1 else originals[-1])
    return a, b


@login_required
@require_GET
def diff(request: HttpRequest, statement_id: int) -> HttpResponse:
    statement = selectors.get_statement_for_participant(request, statement_id)
    a, b = _pair(request, statement)
    context = {
        "statement": statement,
        "a": a,
        "b": b,
        "diff": diff_bodies(a.body, b.body),
        "title_changed": a.title != b.title,
        "versions": sorted(statement.versions.all(), key=lambda v: (v.language, v.major, v.minor)),
    }
    return render(request, "drafting/diff.html", context)


def _diff_name(statement: Statement, version: Version) -> str:
    return f"{statement.document_id or statement.pk}_ver {version.label}_{version.language.upper()}"


@login_required
@require_GET
def diff_text(request: HttpRequest, statement_id: int) -> HttpResponse:
    statement = selectors.get_statement_for_participant(request, statement_id)
    a, b = _pair(request, statement)
    text = unified_diff(
        a.body, b.body, old_name=_diff_name(statement, a), new_name=_diff_name(statement, b)
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    filename = f"{statement.document_id or statement.pk}_{a.label}-{b.label}.diff"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def history(request: HttpRequest, statement_id: int) -> HttpResponse:
    statement = selectors.get_statement_for_participant(request, statement_id)
    amendments = selectors.amendments_of(statement)
    context = {
        "statement": statement,
        "current": statement.current_version(),
        "versions": selectors.versions_of(statement),
        "decided": [a for a in amendments if a.decided_at is not None],
        "events": selectors.history(statement),
    }
    return render(request, "drafting/history.html", context)
