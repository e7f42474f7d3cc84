"""The secretariat's page of a statement: its state, invitations, recorded signatures, carrying
signatures over and pinning entries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from undersigned.accounts import services
from undersigned.accounts.models import Invitation
from undersigned.accounts.permissions import require_secretariat
from undersigned.drafting import lifecycle
from undersigned.drafting.forms import CarryOverForm, InviteForm, PinForm, RecordSignatureForm
from undersigned.organizations.ordering import name_key
from undersigned.signatures.models import Method, Signature
from undersigned.signatures.services import (
    SignedAlready,
    SigningRefused,
    carry_over,
    invite_to_sign,
    pin_position,
    record_signature,
)
from undersigned.statements.models import State, Statement
from undersigned.statements.services import TransitionRefused, set_statement_state


@login_required
@require_http_methods(["GET", "POST"])
def manage_statement(request: HttpRequest, statement_id: int) -> HttpResponse:
    require_secretariat(request)
    statement = get_object_or_404(Statement.objects.prefetch_related("versions"), pk=statement_id)
    invite_form = InviteForm(prefix="invite")
    record_form = RecordSignatureForm(prefix="record")
    carry_form = CarryOverForm(prefix="carry")
    status = 200
    action = request.POST.get("action")
    if request.method == "POST":
        try:
            if action == "transition":
                target = request.POST.get("to", "")
                if target not in State.values:
                    raise TransitionRefused(_("Unknown state."))
                if target == State.WITHDRAWN and not request.POST.get("confirm"):
                    raise TransitionRefused(_("Tick the box to confirm the withdrawal."))
                set_statement_state(
                    statement, to=target, by=request.user, note=request.POST.get("note", "")
                )
                messages.success(request, str(lifecycle.NOW[target]))
                return redirect("secretariat:statement", statement.pk)
            if action == "invite":
                invite_form = InviteForm(request.POST, prefix="invite")
                if invite_form.is_valid():
                    data = invite_form.cleaned_data
                    try:
                        invite_to_sign(
                            statement,
                            email=data["email"],
                            organization=data["organization"],
                            language=data["language"],
                            by=request.user,
                            despite_signature=data["despite_signature"],
                        )
                    except SignedAlready as warning:
                        # Nothing is sent; the form stays filled in, with the box to tick.
                        invite_form.add_error("despite_signature", str(warning))
                        status = 409
                    else:
                        messages.success(
                            request, _("Invitation sent to %(email)s.") % {"email": data["email"]}
                        )
                        return redirect("secretariat:statement", statement.pk)
                else:
                    status = 400
            elif action == "record":
                record_form = RecordSignatureForm(request.POST, prefix="record")
                if record_form.is_valid():
                    data = record_form.cleaned_data
                    record_signature(
                        statement,
                        organization=data["organization"],
                        method=Method.RECORDED,
                        evidence=data["evidence"],
                        decided_on=data["decided_on"],
                        by=request.user,
                    )
                    messages.success(
                        request,
                        _("Signature of %(org)s recorded.") % {"org": data["organization"].label},
                    )
                    return redirect("secretariat:statement", statement.pk)
                status = 400
            elif action == "carry":
                carry_form = CarryOverForm(request.POST, prefix="carry")
                if carry_form.is_valid():
                    signature = get_object_or_404(
                        Signature, pk=carry_form.cleaned_data["signature"], statement=statement
                    )
                    carry_over(signature, by=request.user, reason=carry_form.cleaned_data["reason"])
                    messages.success(request, _("Signature carried over."))
                    return redirect("secretariat:statement", statement.pk)
                status = 400
            elif action in ("pin", "unpin"):
                pin_form = PinForm(request.POST, prefix="pin")
                if pin_form.is_valid():
                    signature = get_object_or_404(
                        Signature, pk=pin_form.cleaned_data["signature"], statement=statement
                    )
                    position = pin_form.cleaned_data["position"] if action == "pin" else None
                    if action == "pin" and position is None:
                        raise SigningRefused(_("Give the position to pin the entry at."))
                    pin_position(signature, position=position, by=request.user)
                    if position is None:
                        messages.success(request, _("The entry follows the ordering rules again."))
                    else:
                        messages.success(
                            request,
                            _("%(org)s is pinned at position %(n)s.")
                            % {"org": signature.organization.label, "n": position},
                        )
                    return redirect("secretariat:statement", statement.pk)
                status = 400
            elif action == "revoke_invitation":
                invitation = get_object_or_404(Invitation, pk=request.POST.get("invitation"))
                services.revoke_invitation(invitation, by=request.user)
                messages.success(request, _("Invitation revoked."))
                return redirect("secretariat:statement", statement.pk)
            else:
                status = 400
        except (TransitionRefused, SigningRefused, services.AccountError) as error:
            messages.error(request, str(error))
            status = 409
    current = statement.current_version()
    signatures = sorted(
        Signature.objects.filter(statement=statement).select_related("organization", "version"),
        key=lambda s: (name_key(s.organization), s.signed_at),
    )
    for signature in signatures:
        signature.valid = current is None or signature.is_valid_for(current.major)
    context = {
        "statement": statement,
        "current": current,
        **lifecycle.context(statement),
        "signatures": signatures,
        "invitations": Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("organization")
        .order_by("-created_at")[:20],
        "invite_form": invite_form,
        "record_form": record_form,
        "carry_form": carry_form,
        "error_form": next((f for f in (invite_form, record_form, carry_form) if f.errors), None),
    }
    return render(request, "drafting/manage_statement.html", context, status=status)
