"""The delegate's signing page: read the exact version, sign or withdraw for the organization."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from undersigned.accounts.permissions import get_organization_for_delegate
from undersigned.core.diff import diff_bodies
from undersigned.core.text import markdown_to_html, paragraphs
from undersigned.signatures.forms import SignForm
from undersigned.signatures.models import Signature
from undersigned.signatures.services import (
    SigningRefused,
    active_signature,
    sign_statement,
    withdraw_signature,
)
from undersigned.statements.models import Statement


@login_required
@require_http_methods(["GET", "POST"])
def sign(request: HttpRequest, statement_id: int, organization_id: int) -> HttpResponse:
    organization = get_organization_for_delegate(request, organization_id)
    statement = get_object_or_404(Statement.objects.prefetch_related("versions"), pk=statement_id)
    if statement.number is None or statement.state in ("draft", "consultation", "withdrawn"):
        # Drafts are not signed (consultation has its own pages); never guessable here.
        raise Http404("No such statement")
    version = statement.current_version()
    existing = active_signature(statement, organization)
    form = SignForm(request.POST or None, initial={"version_hash": version.content_hash})
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "withdraw" and not request.POST.get("confirm_withdrawal"):
            messages.error(request, _("Tick the box to confirm the withdrawal."))
            status = 400
        elif request.POST.get("action") == "withdraw":
            try:
                withdraw_signature(statement, organization=organization, by=request.user)
            except SigningRefused as error:
                messages.error(request, str(error))
                status = 409
            else:
                messages.success(
                    request,
                    _("The signature of %(org)s was withdrawn.") % {"org": organization.label},
                )
                return redirect("signatures:sign", statement.pk, organization.pk)
        elif form.is_valid():
            try:
                sign_statement(
                    statement,
                    organization=organization,
                    by=request.user,
                    version_hash=form.cleaned_data["version_hash"],
                )
            except SigningRefused as error:
                messages.error(request, str(error))
                status = 409
            else:
                messages.success(
                    request,
                    _("%(org)s has signed %(id)s.")
                    % {"org": organization.label, "id": statement.document_id},
                )
                return redirect("signatures:sign", statement.pk, organization.pk)
        else:
            status = 400
        existing = active_signature(statement, organization)
    context = {
        **_changes_since(statement, existing),
        "statement": statement,
        "organization": organization,
        "version": version,
        "body_html": markdown_to_html("\n\n".join(paragraphs(version.body))),
        "signature": existing,
        "form": form,
        "accepts": statement.accepts_signatures(),
    }
    return render(request, "signatures/sign.html", context, status=status)


def _changes_since(statement: Statement, signature: Signature | None) -> dict:
    """What changed since the earlier major version a standing signature was given to: the
    paragraphs changed and the change notes of the versions after it, so that a delegate asked
    to sign again sees what is new without reading the whole text for it."""
    current = statement.current_version()
    if signature is None or signature.version.major >= current.major:
        return {}
    signed = signature.version
    later = [
        version
        for version in statement.versions.all()
        if version.language == current.language
        and (signed.major, signed.minor) < (version.major, version.minor)
        and version.note
    ]
    return {
        "signed_version": signed,
        "changes": diff_bodies(signed.body, current.body),
        "title_changed": signed.title != current.title,
        "notes": sorted(later, key=lambda version: (version.major, version.minor)),
    }
