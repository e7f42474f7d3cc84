"""The secretariat's web import: upload, review, confirm or cancel. Each view parses the
request, checks permission, calls one service and renders."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from undersigned.accounts.permissions import require_secretariat
from undersigned.importing import selectors, services, tasks
from undersigned.importing.forms import EntryForm, EntryFormSet, HeaderForm, UploadForm
from undersigned.importing.parsers.metadata import short_title
from undersigned.importing.review import NEW, PERSON, ReviewError
from undersigned.importing.sandbox import Limits
from undersigned.organizations.models import country_choices
from undersigned.statements.models import State


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    require_secretariat(request)
    form = UploadForm()
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            files = form.cleaned_data["files"]
            too_large = [f.name for f in files if f.size > services.MAX_UPLOAD_SIZE]
            if too_large:
                limit = services.MAX_UPLOAD_SIZE // 2**20
                for name in too_large:
                    form.add_error(
                        "files",
                        _("%(name)s is larger than %(limit)d MB.") % {"name": name, "limit": limit},
                    )
                status = 413
            else:
                staged, status = _stage_all(request, form, files)
                if staged and status == 200:
                    if len(staged) == 1:
                        return redirect("importing:review", staged[0].id)
                    messages.success(
                        request,
                        _("%(n)d files received; each can be reviewed once it is read.")
                        % {"n": len(staged)},
                    )
                    return redirect("importing:upload")
        else:
            status = 400
    pending = services.pending_imports(by=request.user)
    earlier = selectors.earlier_imports_of([item.sha256 for item in pending])
    context = {
        "form": form,
        "pending": [(item, earlier.get(item.sha256, [])) for item in pending],
        "reading": services.uploads_in_progress(by=request.user),
    }
    return render(request, "importing/upload.html", context, status=status)


def _stage_all(request: HttpRequest, form: UploadForm, files) -> tuple[list, int]:
    """All files kept and queued for reading by the worker, or none."""
    staged = []
    for uploaded in files:
        try:
            staged.append(
                tasks.queue_upload(uploaded.read(), filename=uploaded.name, by=request.user)
            )
        except services.ImportRefused as error:
            form.add_error("files", f"{uploaded.name}: {error}")
    if form.errors:
        for upload in staged:
            services.discard_upload(upload)
        return [], 400
    return staged, 200


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pending_id: str) -> HttpResponse:
    require_secretariat(request)
    try:
        pending = services.load_pending(pending_id, by=request.user)
    except services.PendingNotFound:
        return _progress(request, pending_id)
    if _asks_progress(request):
        return JsonResponse({"state": "done"})
    action = request.POST.get("action", "confirm") if request.method == "POST" else ""
    if action and action != "confirm":
        return _revise(request, pending, action)
    candidates = services.review_candidates(pending)
    status = 200
    if request.method == "POST":
        header_form = HeaderForm(request.POST, prefix="header")
        # A header refused for one field (a missing date) still gives its valid fields to the
        # entries: otherwise "international", ticked, is read as not ticked and every new
        # organization is asked for a country.
        header_form.is_valid()
        header = header_form.cleaned_data
        default_country = header.get("default_country", "")
        default_international = bool(header.get("default_international"))
        entries = EntryFormSet(
            request.POST,
            prefix="entry",
            candidates=candidates,
            default_country=default_country,
            default_international=default_international,
        )
        if _revision(request) != pending.revision or entries.total_form_count() != len(
            pending.entries
        ):
            messages.warning(request, _OUTDATED())
            return redirect("importing:review", pending.id)
        if header_form.is_valid() and entries.is_valid():
            decisions = _decisions(entries, pending)
            try:
                statement = services.confirm_import(
                    pending,
                    header=services.Header(**header_form.cleaned_data),
                    entries=decisions,
                    by=request.user,
                )
            except services.ImportRefused as error:
                messages.error(request, str(error))
                status = 400
            else:
                done = (
                    _("Imported and published with %(n)d signatures.")
                    if statement.state == State.PUBLISHED
                    else _("Imported as a draft with %(n)d signatures.")
                )
                messages.success(request, done % {"n": len(decisions)})
                return redirect("secretariat:statement", statement.pk)
        else:
            status = 400
    else:
        header_initial = pending.header or _header_initial(pending.result)
        header_form = HeaderForm(prefix="header", initial=header_initial)
        default_country = str(header_initial.get("default_country") or "").upper()
        default_international = bool(header_initial.get("default_international"))
        entries = EntryFormSet(
            prefix="entry",
            candidates=candidates,
            default_country=default_country,
            default_international=default_international,
            initial=_entries_initial(pending),
        )
    rows = [
        {
            "form": form,
            "entry": entry,
            "match": entry.match or {},
            "changes": [_describe(change) for change in entry.changes],
            "index": index,
            "last": index == len(entries.forms) - 1,
        }
        for index, (form, entry) in enumerate(
            zip(entries.forms, pending.review_entries(), strict=False)
        )
    ]
    context = {
        "pending": pending,
        "result": pending.result,
        "existing": services.existing_statement(pending.result.get("document_id")),
        "earlier": selectors.earlier_imports(pending.sha256),
        "header_form": header_form,
        "entries": entries,
        "rows": rows,
        "doubtful": sum(bool(row["entry"].doubts) for row in rows),
        "default_country": default_country,
        "default_international": default_international,
        "people": any(row["entry"].kind == PERSON for row in rows),
        "countries": _countries(),
        "entries_in_error": _entries_in_error(rows),
    }
    return render(request, "importing/review.html", context, status=status)


def _entries_in_error(rows: list[dict]) -> list[dict]:
    """Each entry the confirmation stopped at, for the error summary at the top of the page:
    a list of some hundred entries is long, and the one in error may be far down it."""
    return [
        {
            "caption": _("Entry %(n)s (%(name)s)")
            % {"n": row["entry"].position, "name": row["form"]["name"].value() or "…"},
            "form": row["form"],
            "anchor": f"entry-{row['index'] + 1}",
        }
        for row in rows
        if row["form"].errors
    ]


def _progress(request: HttpRequest, upload_id: str) -> HttpResponse:
    """An upload not read yet: where its reading stands (the page reloads itself until it is
    read), or why it could not be used (422)."""
    try:
        upload = services.upload_in_progress(upload_id, by=request.user)
    except services.PendingNotFound:
        raise Http404("No such upload waits for review") from None
    if request.method == "POST":
        return redirect("importing:review", upload.id)
    label = (
        _("Reading: the file is being read and matched to the register.")
        if upload.state == services.READING
        else _("Queued: the file will be read in a moment.")
    )
    if _asks_progress(request):  # the page's script, every two seconds
        return JsonResponse({"state": upload.state, "label": label})
    context = {
        "upload": upload,
        "label": label,
        "failed": upload.state == services.FAILED,
        "budget": upload.budget,
        "limits": Limits.from_settings(),
    }
    status = 422 if upload.state == services.FAILED else 200
    return render(request, "importing/progress.html", context, status=status)


def _asks_progress(request: HttpRequest) -> bool:
    return request.method == "GET" and request.headers.get("Accept") == "application/json"


def _OUTDATED() -> str:
    return _(
        "This review changed in another window or by a second click; here it is as it stands "
        "now. Your last change was not applied."
    )


_ACTION = re.compile(r"^(save|merge|split|person|organization):(\d{1,5})(?::(\d{1,5}))?$")


def _revise(request: HttpRequest, pending: services.PendingImport, action: str) -> HttpResponse:
    """A change to the list before confirming (merge, split, change of kind, or only the
    edits kept): the edits sent with it are kept, then the page is shown again at the entry."""
    found = _ACTION.match(action)
    if not found:
        return HttpResponseBadRequest("unknown action")
    verb, index, line = found.group(1), int(found.group(2)), found.group(3)
    size = len(pending.entries)
    edits = [
        {
            name: field.widget.value_from_datadict(request.POST, {}, f"entry-{number}-{name}")
            for name, field in EntryForm.base_fields.items()
        }
        for number in range(size)
    ]
    header = {
        name: field.widget.value_from_datadict(request.POST, {}, f"header-{name}")
        for name, field in HeaderForm.base_fields.items()
    }
    change = None if verb == "save" else services.Change(verb, index, int(line) if line else None)
    url = reverse("importing:review", args=[pending.id])
    try:
        services.revise_pending(
            pending,
            revision=_revision(request),
            header=header,
            edits=edits,
            change=change,
            by=request.user,
        )
    except services.ReviewOutdated:
        messages.warning(request, _OUTDATED())
    except ReviewError:
        messages.error(request, _("That change does not fit the list as it stands."))
    except services.ImportRefused as error:
        messages.error(request, str(error))
    else:
        if change is not None:  # the page opens at the entry changed
            url += f"#entry-{index + 1}"
    return redirect(url)


def _revision(request: HttpRequest) -> int | None:
    value = request.POST.get("revision", "")
    return int(value) if value.isdigit() else None


def _describe(change: str) -> str:
    """What the secretariat did to an entry, in words."""
    verb, _sep, rest = change.partition(":")
    if verb == "merged":
        first, _sep, second = rest.partition(":")
        return _("merged from entries %(first)s and %(second)s") % {
            "first": first,
            "second": second,
        }
    if verb == "split":
        return _("split from entry %(n)s") % {"n": rest}
    if rest == PERSON:
        return _("marked as a person")
    return _("marked as an organization")


@login_required
@require_POST
def cancel(request: HttpRequest, pending_id: str) -> HttpResponse:
    require_secretariat(request)
    try:
        pending = services.load_pending(pending_id, by=request.user)
    except services.PendingNotFound:
        try:
            pending = services.upload_in_progress(pending_id, by=request.user)
        except services.PendingNotFound:
            raise Http404("No such upload waits for review") from None
        services.discard_upload(pending)
    else:
        services.discard_pending(pending)
    messages.success(request, _("Import of %(name)s cancelled.") % {"name": pending.original_name})
    return redirect("importing:upload")


def _header_initial(result: dict) -> dict:
    title = result.get("title") or ""
    return {
        "title": title,
        "short_title": short_title(title),
        "kind": result.get("kind") or "statement",
        "document_id": result.get("document_id") or "",
        "version": result.get("version") or "01.00",
        "language": result.get("language") or "",
        "document_date": result.get("date"),
        "as_of": result.get("as_of"),
        "open_for_signatures": bool(result.get("open_for_signatures")),
        "published_before": False,
        "new_members": False,
    }


def _entries_initial(pending: services.PendingImport) -> list[dict]:
    return [
        {
            "include": entry.include,
            "position": entry.position,
            "kind": entry.kind,
            "title": entry.title,
            "abbreviation": entry.abbreviation,
            "name": entry.name,
            "translation": entry.translation,
            "role": entry.role,
            "affiliation": entry.affiliation,
            "country": entry.country,
            "international": entry.international,
            "organization": entry.organization,
        }
        for entry in pending.review_entries()
    ]


def _decisions(entries, pending: services.PendingImport) -> list[services.EntryDecision]:
    decisions = []
    for form, entry in zip(entries.forms, pending.review_entries(), strict=True):
        data = form.cleaned_data
        if not data.get("include"):
            continue
        choice = data["organization"]
        person = data["kind"] == PERSON
        decisions.append(
            services.EntryDecision(
                position=data["position"],
                kind=data["kind"],
                name=data["name"],
                abbreviation="" if person else data["abbreviation"],
                translation="" if person else data["translation"],
                country=data["country"],
                international=not person and data["international"],
                title=data["title"] if person else "",
                role=data["role"] if person else "",
                affiliation=data["affiliation"] if person else "",
                where=entry.where,
                organization=None if person or choice == NEW else int(choice),
            )
        )
    return decisions


def _countries() -> list[tuple[str, str]]:
    return country_choices()
