"""The register's pages, for the secretariat: the list of organizations, an organization's
page with its delegates and signatures, adding, changing and merging organizations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from undersigned.accounts.models import Delegation, Invitation
from undersigned.accounts.permissions import require_secretariat
from undersigned.accounts.services import AccountError, add_delegate, revoke_delegation
from undersigned.core.countries import country_name
from undersigned.drafting import register
from undersigned.drafting.register_forms import (
    AddDelegateForm,
    MergeForm,
    OrganizationForm,
    RegisterFilterForm,
)
from undersigned.organizations.models import Organization
from undersigned.organizations.services import change_organization, create_organization

PAGE_SIZE = 50


@login_required
@require_GET
def register_list(request: HttpRequest) -> HttpResponse:
    require_secretariat(request)
    filters = RegisterFilterForm(request.GET, countries=register.countries_in_register())
    organizations: list[Organization] = []
    status = 200
    if filters.is_valid():
        organizations = register.matching_organizations(
            filters.cleaned_data["q"],
            country=filters.cleaned_data["country"],
            member=filters.member_value(),
        )
    else:
        status = 400
    page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    language = get_language() or "en"
    return render(
        request,
        "drafting/register/list.html",
        {
            "filters": filters,
            "page": page,
            "rows": [(o, _country_shown(o, language)) for o in page.object_list],
            "query": query.urlencode(),
        },
        status=status,
    )


def _country_shown(organization: Organization, language: str) -> str:
    if organization.is_international:
        return _("international")
    return country_name(organization.country, language)


def _form_errors(form: OrganizationForm, error: ValidationError) -> None:
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


@login_required
@require_http_methods(["GET", "POST"])
def new_organization(request: HttpRequest) -> HttpResponse:
    require_secretariat(request)
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organization = create_organization(by=request.user, **form.service_arguments())
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s is in the register.") % {"name": organization.label}
            )
            return redirect("secretariat:organization", organization.pk)
    status = 400 if form.errors else 200
    return render(request, "drafting/register/form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def edit_organization(request: HttpRequest, organization_id: int) -> HttpResponse:
    require_secretariat(request)
    organization = get_object_or_404(Organization, pk=organization_id)
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        try:
            change_organization(organization, by=request.user, **form.service_arguments())
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("secretariat:organization", organization.pk)
    organization.refresh_from_db()  # the form's checks changed the instance in memory
    status = 400 if form.errors else 200
    return render(
        request,
        "drafting/register/form.html",
        {"form": form, "organization": organization},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def organization_page(request: HttpRequest, organization_id: int) -> HttpResponse:
    require_secretariat(request)
    organization = get_object_or_404(Organization, pk=organization_id)
    delegate_form = AddDelegateForm(prefix="delegate", initial={"language": get_language()})
    status = 200
    action = request.POST.get("action")
    if request.method == "POST" and action == "add_delegate":
        delegate_form = AddDelegateForm(request.POST, prefix="delegate")
        if delegate_form.is_valid():
            data = delegate_form.cleaned_data
            try:
                made = add_delegate(
                    organization, email=data["email"], language=data["language"], by=request.user
                )
            except AccountError as refusal:
                delegate_form.add_error("email", str(refusal))
            else:
                if isinstance(made, Invitation):
                    done = _("Invitation sent to %(email)s.")
                else:
                    done = _("%(email)s is now a delegate.")
                messages.success(request, done % {"email": data["email"]})
                return redirect("secretariat:organization", organization.pk)
        status = 400
    elif request.method == "POST" and action == "end_delegation":
        delegation = (
            Delegation.objects.active()
            .filter(organization=organization, pk=request.POST.get("delegation") or 0)
            .first()
        )
        if delegation is None:
            messages.error(request, _("This delegation has already ended."))
        else:
            revoke_delegation(delegation, by=request.user)
            messages.success(request, _("The delegation has ended."))
        return redirect("secretariat:organization", organization.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "drafting/register/organization.html",
        {
            "organization": organization,
            "country": _country_shown(organization, get_language() or "en"),
            "translations": organization.translations.order_by("language"),
            "delegations": register.delegations_of(organization),
            "invitations": register.open_invitations_of(organization),
            "signatures": register.signatures_of(organization),
            "delegate_form": delegate_form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def merge_organization(request: HttpRequest, organization_id: int) -> HttpResponse:
    """Merge this organization into another: choose the one kept, see what moves, confirm."""
    require_secretariat(request)
    merged = get_object_or_404(Organization, pk=organization_id)
    data = request.POST if request.method == "POST" else request.GET
    form = MergeForm(data if "into" in data else None, merged=merged)
    preview = None
    status = 200
    if form.is_bound and form.is_valid():
        kept = form.cleaned_data["into"]
        if request.method == "POST" and request.POST.get("confirm") == "yes":
            try:
                register.merge_organizations(kept, merged=merged, by=request.user)
            except register.MergeRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(
                    request,
                    _("%(merged)s is merged into %(kept)s.")
                    % {"merged": merged.label, "kept": kept.label},
                )
                return redirect("secretariat:organization", kept.pk)
        preview = register.preview_merge(kept, merged=merged)
        if preview.refusals:
            status = 409
    elif form.is_bound:
        status = 400
    if form.non_field_errors():
        status = 409
    return render(
        request,
        "drafting/register/merge.html",
        {"organization": merged, "form": form, "preview": preview},
        status=status,
    )
