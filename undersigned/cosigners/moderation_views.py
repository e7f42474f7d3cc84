"""The secretariat's moderation pages for individual co-signers: trends, the recent signatures
(holding and releasing them), and invalidating in bulk after a preview. Each page asks the one
door (`require_secretariat`); each change is one service of `moderation.py`."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_safe

from undersigned.accounts.permissions import require_secretariat
from undersigned.cosigners import moderation
from undersigned.cosigners.models import SignerState
from undersigned.cosigners.services import CosigningRefused
from undersigned.statements.models import Statement

LOCAL_MINUTE = "%Y-%m-%dT%H:%M"


class FilterForm(forms.Form):
    """The search over recent signatures: by name, e-mail domain, network, state."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=100, required=False)
    domain = forms.CharField(label=gettext_lazy("E-mail domain"), max_length=253, required=False)
    network = forms.CharField(label=gettext_lazy("Network"), max_length=64, required=False)
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        required=False,
        choices=[("", gettext_lazy("any")), *SignerState.choices],
    )


class CriteriaForm(forms.Form):
    """What a bulk invalidation touches. Without `expected_count` it asks for a preview; with
    it (the preview's own form), it confirms."""

    domain = forms.CharField(
        label=gettext_lazy("E-mail domain"),
        max_length=253,
        required=False,
        help_text=gettext_lazy("Its subdomains too."),
    )
    network = forms.CharField(
        label=gettext_lazy("Network"),
        max_length=64,
        required=False,
        help_text=gettext_lazy("Its label, as the trends show it."),
    )
    since = forms.DateTimeField(
        label=gettext_lazy("Signed from"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE),
    )
    until = forms.DateTimeField(
        label=gettext_lazy("Signed before"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE),
    )
    expected_count = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=500, required=False, widget=forms.TextInput
    )

    def clean_domain(self) -> str:
        value = self.cleaned_data["domain"]
        try:
            return moderation.clean_domain(value) if value.strip() else ""
        except CosigningRefused as refused:
            raise forms.ValidationError(str(refused)) from refused

    def clean_network(self) -> str:
        value = self.cleaned_data["network"]
        try:
            return moderation.clean_label(value) if value.strip() else ""
        except CosigningRefused as refused:
            raise forms.ValidationError(str(refused)) from refused

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until <= since:
            self.add_error("until", _("The end of the time window must come after its start."))
        elif not self.errors and self.criteria.is_empty():
            raise forms.ValidationError(_("Choose a domain, a network or a time window."))
        return data

    @property
    def criteria(self) -> moderation.Criteria:
        data = self.cleaned_data
        return moderation.Criteria(
            domain=data.get("domain") or "",
            network=data.get("network") or "",
            since=data.get("since"),
            until=data.get("until"),
        )


def _statement(request: HttpRequest, statement_id: int) -> Statement:
    require_secretariat(request)
    return get_object_or_404(Statement, pk=statement_id)


@login_required
@require_safe
def trends(request: HttpRequest, statement_id: int) -> HttpResponse:
    statement = _statement(request, statement_id)
    window = request.GET.get("window", "hour")
    context = {
        "statement": statement,
        "trends": moderation.trends(statement, window=window),
        "windows": moderation.WINDOWS,
        "states": SignerState,
    }
    return render(request, "cosigners/moderation_trends.html", context)


def _chosen_ids(request: HttpRequest) -> list[int] | None:
    try:
        return [int(value) for value in request.POST.getlist("signature")]
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def signatures(request: HttpRequest, statement_id: int) -> HttpResponse:
    """The statement's signatures, newest first, searchable; the chosen ones held or released."""
    statement = _statement(request, statement_id)
    status = 200
    if request.method == "POST":
        ids = _chosen_ids(request)
        action = request.POST.get("action")
        reason = request.POST.get("reason", "")[:500]
        change = {"hold": moderation.hold_signatures, "release": moderation.release_signatures}
        try:
            if ids is None or action not in change:
                raise CosigningRefused(_("Choose signatures, then hold or release them."))
            done = change[action](statement, ids, by=request.user, reason=reason)
        except CosigningRefused as refused:
            messages.error(request, str(refused))
            status = 400
        else:
            text = {
                "hold": ngettext("%(count)s signature held.", "%(count)s signatures held.", done),
                "release": ngettext(
                    "%(count)s signature released.", "%(count)s signatures released.", done
                ),
            }[action]
            messages.success(request, text % {"count": done})
            return redirect(request.get_full_path())
    filters = FilterForm(request.GET)
    filters.is_valid()
    given = {name: filters.cleaned_data.get(name, "") for name in filters.fields}
    try:
        page = moderation.recent_signatures(statement, page=request.GET.get("page"), **given)
    except CosigningRefused as refused:
        filters.add_error(None, str(refused))
        page, status = None, 400
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "statement": statement,
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
    }
    return render(request, "cosigners/moderation_signatures.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def invalidate(request: HttpRequest, statement_id: int) -> HttpResponse:
    """GET with criteria: the preview (how many, by state, a sample). POST from the preview:
    invalidate what was previewed, or show the new preview if the number changed."""
    statement = _statement(request, statement_id)
    status = 200
    preview = None
    if request.method == "POST":
        form = CriteriaForm(request.POST)
        if form.is_valid() and form.cleaned_data["expected_count"] is not None:
            try:
                done = moderation.invalidate_in_bulk(
                    statement,
                    form.criteria,
                    expected_count=form.cleaned_data["expected_count"],
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except moderation.CountChanged as changed:
                messages.warning(request, str(changed))
                status = 409
            except CosigningRefused as refused:
                form.add_error(None, str(refused))
                status = 400
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s signature invalidated.",
                        "%(count)s signatures invalidated.",
                        done,
                    )
                    % {"count": done},
                )
                return redirect("cosigners:moderation_trends", statement.pk)
        else:
            if form.is_valid():
                form.add_error(None, _("Preview the invalidation first."))
            status = 400
        if status == 409:
            preview = moderation.preview_invalidation(statement, form.criteria)
    else:
        form = CriteriaForm(request.GET or None)
        if form.is_bound:
            if form.is_valid():
                preview = moderation.preview_invalidation(statement, form.criteria)
            else:
                status = 400
    context = {"statement": statement, "form": form, "preview": preview}
    return render(request, "cosigners/moderation_invalidate.html", context, status=status)
