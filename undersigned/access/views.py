"""Sign-in, the delegate's home and preferences, invitations, requests to become a delegate and
the secretariat's decisions on them."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from undersigned.access.forms import (
    AddressChangeForm,
    DecisionForm,
    DelegateRequestForm,
    LinkRequestForm,
    PasswordSignInForm,
    PreferencesForm,
    QueuedPasswordResetForm,
)
from undersigned.accounts import services
from undersigned.accounts.models import AddressChange, DelegateRequest, Invitation
from undersigned.accounts.permissions import is_secretariat, require_secretariat
from undersigned.accounts.selectors import (
    account_named,
    language_of,
    notice_of,
    open_invitations_for,
    pending_requests,
    recent_notices,
)
from undersigned.core.languages import language_name
from undersigned.core.ratelimit import allow, client_address, forget, forget_last
from undersigned.signatures.selectors import work_for_delegate

WINDOW = timedelta(minutes=15)
# Pages whose URL carries a secret: the URL never goes to another site in a Referer header
# (and these pages load nothing from elsewhere). Not "no-referrer": browsers then send
# "Origin: null" with the form, which CSRF protection rightly refuses.
SECRET_URL_REFERRER_POLICY = "same-origin"  # noqa: S105 - a header value, not a secret
# Lazy: a message made when the module is imported would be in that moment's language.
TOO_MANY = gettext_lazy("Too many attempts. Please wait 15 minutes and try again.")


def _landing(user) -> str:
    """Where a person lands after signing in: the secretariat on its workspace, a delegate
    on the page of what waits for their organizations."""
    return "drafting:dashboard" if is_secretariat(user) else "accounts:home"


def _speaking(response: HttpResponse, language: str) -> HttpResponse:
    """The pages that follow speak `language`: the interface-language cookie, as the
    language links set it (LocaleMiddleware reads it)."""
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE, httponly=True,
        )  # fmt: skip
    return response


def _signed_in(request: HttpRequest, user, destination: str) -> HttpResponse:
    """Sign the person in and take them on, in the language of their preferences (if they
    have any: without, the browser's languages still choose)."""
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    response = redirect(destination)
    if hasattr(user, "profile"):
        _speaking(response, language_of(user))
    return response


def _safe_next(request: HttpRequest, url: str) -> str:
    # The public front page is where everyone starts, not a place to go back to: signing in
    # from it leads to the person's own landing page.
    if url.split("?")[0] in (reverse("publishing:home"), reverse("publishing:statements")):
        return ""
    if url and url_has_allowed_host_and_scheme(
        url, {request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _within_limits(limits: dict[str, int]) -> bool:
    """Count the attempt against each key; False when one is over its limit for the window
    (the keys after it are then not counted)."""
    return all(allow(key, limit=n, window=WINDOW) for key, n in limits.items())


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    password_form = PasswordSignInForm(prefix="pw")
    link_form = LinkRequestForm(prefix="link")
    next_url = _safe_next(request, request.GET.get("next") or request.POST.get("next", ""))
    status = 200
    if request.method == "POST" and request.POST.get("action") == "password":
        password_form = PasswordSignInForm(request.POST, prefix="pw")
        if password_form.is_valid():
            identifier = password_form.cleaned_data["identifier"].strip().lower()
            client = client_address(request)
            # Failures count per client and address, not per account: whoever guesses from
            # elsewhere does not lock the owner out. The per-client limit holds back one who
            # tries many addresses.
            pair, per_client = f"signin:{client}:{identifier}", f"signin:ip:{client}"
            if not _within_limits({pair: 8, per_client: 30}):
                password_form.add_error(None, TOO_MANY)
                status = 429
            else:
                user = services.check_password_sign_in(
                    identifier, password_form.cleaned_data["password"]
                )
                if user is not None:
                    # Only failures count: a meeting of delegates behind one address signs
                    # in as often as it has people.
                    forget(pair)
                    forget_last(per_client)
                    return _signed_in(request, user, next_url or _landing(user))
                password_form.add_error(
                    None, _("The e-mail or user name and password do not match.")
                )
                status = 400
        else:
            status = 400
    elif request.method == "POST" and request.POST.get("action") == "link":
        link_form = LinkRequestForm(request.POST, prefix="link")
        if link_form.is_valid():
            email = link_form.cleaned_data["email"].strip().lower()
            # Per address, so nobody floods a mailbox; the links already sent keep working
            # for longer than the window, so the owner is never left without one.
            if not allow(f"link:addr:{email}", limit=3, window=WINDOW):
                link_form.add_error(
                    None,
                    _(
                        "Links for this address were asked for too often. Those already sent "
                        "work for %(minutes)s minutes; wait 15 minutes before asking for another."
                    )
                    % {"minutes": services.SIGN_IN_LINK_MINUTES},
                )
                status = 429
            elif not allow(f"link:ip:{client_address(request)}", limit=20, window=WINDOW):
                link_form.add_error(None, TOO_MANY)
                status = 429
            else:
                user = account_named(email)
                if user is not None and user.is_active and user.email:
                    services.send_sign_in_link(user, next_url=next_url)
                # The same answer whether or not the address has an account.
                messages.info(
                    request,
                    _("If an account exists for %(email)s, a sign-in link is on its way.")
                    % {"email": email},
                )
                return redirect("accounts:sign_in")
        else:
            status = 400
    context = {"password_form": password_form, "link_form": link_form, "next": next_url}
    return render(request, "access/sign_in.html", context, status=status)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's page, with limits per address and per client: each POST that names an
    account sends a message, so without them anyone could flood a mailbox."""

    form_class = QueuedPasswordResetForm
    template_name = "access/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: QueuedPasswordResetForm) -> HttpResponse:
        email = form.cleaned_data["email"].strip().lower()
        limits = {f"reset:addr:{email}": 3, f"reset:ip:{client_address(self.request)}": 20}
        if not _within_limits(limits):
            form.add_error(None, TOO_MANY)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
def sign_in_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only the POST spends the link, so mail scanners that fetch links
    do not use it up."""
    link = services.find_sign_in_link(token)
    if link is None:
        response = render(request, "access/link_invalid.html", status=410)
    elif request.method == "POST":
        user = services.use_sign_in_link(link)
        if user is None:
            response = render(request, "access/link_invalid.html", status=410)
        else:
            return _signed_in(request, user, _safe_next(request, link.next_url) or _landing(user))
    else:
        response = render(request, "access/link_confirm.html", {"link": link})
    response["Referrer-Policy"] = SECRET_URL_REFERRER_POLICY
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You are signed out."))
    return redirect("publishing:home")


def _notice_lines(user) -> list[dict]:
    """The person's recent notices, each as its message's subject in the reader's language of
    the moment, with its link."""
    return [
        {
            "text": " ".join(
                render_to_string(
                    f"notifications/{notice.template}.subject.txt", notice.context
                ).split()
            ),
            "path": notice.path,
            "at": notice.created_at,
            "pk": notice.pk,
            "unread": notice.read_at is None,
        }
        for notice in recent_notices(user)
    ]


def _translation_roles(user) -> list[dict]:
    """The translations waiting for the person: those not yet published, and those whose
    original has changed since (with the original's label), the language named in the
    reader's. A translation that follows the current original waits for nothing. Read through
    the relation: the drafting app, a sibling, owns the rule."""
    roles = []
    for role in (
        user.translator_roles.active()
        .select_related("statement")
        .prefetch_related("statement__versions")
    ):
        statement = role.statement
        original, published = statement.current_version(), statement.current_version(role.language)
        if published is not None and original is not None and published.source_id == original.pk:
            continue
        roles.append(
            {
                "statement": statement,
                "language": language_name(role.language, capitalized=False),
                "update_to": original.label if published is not None and original else "",
            }
        )
    return roles


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What waits for the person: invitations, consultations, statements to sign or
    reconfirm, translations, and for the secretariat the delegate requests to decide; their
    organizations; what they were told lately."""
    work = work_for_delegate(request.user)
    secretariat = is_secretariat(request.user)
    context = {
        "work": work,
        "translations": _translation_roles(request.user),
        "rows": work.rows,
        "invitations": open_invitations_for(request.user),
        "notices": _notice_lines(request.user),
        "is_secretariat": secretariat,
        "requests": list(pending_requests()) if secretariat else [],
    }
    return render(request, "access/home.html", context)


@login_required
def open_notice(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Follow a notice's link from the home page: it is read from now on."""
    notice = notice_of(request.user, notice_id)
    if notice is None:
        raise Http404
    services.mark_notices_read(request.user, notice=notice)
    # The path was written by our own code; checked anyway, as any redirect target is.
    if notice.path and url_has_allowed_host_and_scheme(notice.path, allowed_hosts=None):
        return redirect(notice.path)
    return redirect("accounts:home")


@login_required
@require_POST
def read_all_notices(request: HttpRequest) -> HttpResponse:
    count = services.mark_notices_read(request.user)
    if count:
        messages.success(request, _("All your notices are marked as read."))
    return redirect("accounts:home")


@login_required
@require_POST
def accept_invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """Accept, from the home page, an invitation sent to the signed-in person's address (404
    for any other: nobody learns which invitations exist)."""
    found = get_object_or_404(
        Invitation.objects.select_related("organization").filter(
            email__iexact=request.user.email or "-"
        ),
        pk=invitation_id,
    )
    try:
        services.accept_own_invitation(found, user=request.user)
    except services.AccountError as error:
        messages.error(request, str(error))
        return redirect("accounts:home")
    messages.success(request, _("You now represent %(org)s.") % {"org": found.organization.label})
    return redirect(_safe_next(request, found.next_url) or "accounts:home")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    profile = services.profile_of(request.user)
    secretariat = is_secretariat(request.user)
    initial = {
        "language": profile.language,
        "secretariat_notifications": profile.secretariat_notifications,
    }
    form = PreferencesForm(request.POST or None, initial=initial, secretariat=secretariat)
    if request.method == "POST":
        if form.is_valid():
            services.set_preferences(request.user, **form.cleaned_data)
            translation.activate(form.cleaned_data["language"])
            messages.success(request, _("Your preferences are saved."))
            return _speaking(redirect("accounts:home"), form.cleaned_data["language"])
        return render(request, "access/preferences.html", {"form": form}, status=400)
    return render(request, "access/preferences.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    # A person invited, signing in by link, has no password yet: they choose one, no old one.
    form_class = PasswordChangeForm if request.user.has_usable_password() else SetPasswordForm
    form = form_class(request.user, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            services.change_password(request.user, password=form.cleaned_data["new_password1"])
            # The session's hash follows the password, so this session stays signed in.
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Your password is changed."))
            return redirect("accounts:preferences")
        return render(request, "access/password_change.html", {"form": form}, status=400)
    return render(request, "access/password_change.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def change_address(request: HttpRequest) -> HttpResponse:
    """Ask for another e-mail address: a link confirms it (docs/drafting.md, "One's own
    address"). Each attempt counts, a wrong password too: per person, so a stolen session
    cannot try passwords or flood mailboxes, and per client."""
    user = request.user
    form = AddressChangeForm(request.POST or None, has_password=user.has_usable_password())
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        limits = {f"address:user:{user.pk}": 5, f"address:ip:{client_address(request)}": 20}
        if not _within_limits(limits):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            try:
                change = services.ask_to_change_address(
                    user,
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data.get("password", ""),
                )
            except services.AccountError as error:
                form.add_error(error.field, str(error))
            else:
                if change.owner_confirmed_at is None:
                    said = _(
                        "A link is on its way to your current address, %(email)s: open it to "
                        "go on. A last link will then go to the new address."
                    ) % {"email": user.email}
                else:
                    said = _(
                        "A link is on its way to %(email)s: open it to make it your address."
                    ) % {"email": change.new_email}
                messages.info(request, said)
                return redirect("accounts:preferences")
    return render(request, "access/address_change.html", {"form": form}, status=status)


def _address_button_page(
    request: HttpRequest,
    change: AddressChange | None,
    act: Callable[[AddressChange], object],
    template: str,
) -> HttpResponse:
    """A link of one's own address: GET shows a button; only the POST acts (`act`, whose
    answer is the page's `done`), so mail scanners that fetch links neither use it up nor
    change an address. 410 for a link that cannot be used, 409 for one refused meanwhile."""
    context: dict = {"change": change}
    status = 200
    if change is None:
        status = 410
    elif request.method == "POST":
        try:
            context["done"] = act(change)
        except services.AccountError as error:
            context.update(change=None, error=str(error))
            status = 409
    response = render(request, template, context, status=status)
    response["Referrer-Policy"] = SECRET_URL_REFERRER_POLICY
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def address_link(request: HttpRequest, token: str) -> HttpResponse:
    """A link of an address change. It works without a session: the person may open the new
    address's mail on another device."""

    def confirm(change: AddressChange) -> str:
        owner_step = change.owner_confirmed_at is None
        services.confirm_address_change(change)
        return "owner" if owner_step else "address"

    change = services.find_address_change(token)
    return _address_button_page(request, change, confirm, "access/address_link.html")


@require_http_methods(["GET", "POST"])
def address_undo(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the old address's notice: "this was not me". Without a session: its
    holder is signed out of the account, or never was."""
    change = services.find_address_undo(token)
    return _address_button_page(
        request, change, services.undo_address_change, "access/address_undo.html"
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_delegation(request: HttpRequest) -> HttpResponse:
    form = DelegateRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.request_delegation(
                    request.user,
                    organization=form.cleaned_data["organization"],
                    message=form.cleaned_data["message"],
                )
            except services.AccountError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, _("Your request was sent to the secretariat."))
                return redirect("accounts:home")
        else:
            status = 400
    return render(request, "access/request.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = services.find_invitation(token)
    if found is None or not found.is_usable:
        response = render(request, "access/invitation_invalid.html", status=410)
        response["Referrer-Policy"] = SECRET_URL_REFERRER_POLICY
        return response
    # The page speaks the language the secretariat wrote the invitation in, and the pages
    # after it too (the account takes it as its preference: user_for_invitation).
    translation.activate(found.language)
    request.LANGUAGE_CODE = translation.get_language()
    if request.method == "POST":
        user = services.user_for_invitation(found)
        try:
            services.accept_invitation(found, user=user)
        except services.AccountError as error:
            return render(
                request, "access/invitation_invalid.html", {"error": str(error)}, status=410
            )
        messages.success(
            request, _("You now represent %(org)s.") % {"org": found.organization.label}
        )
        return _signed_in(request, user, _safe_next(request, found.next_url) or "accounts:home")
    response = _speaking(
        render(request, "access/invitation.html", {"invitation": found}), found.language
    )
    response["Referrer-Policy"] = SECRET_URL_REFERRER_POLICY
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delegate_requests(request: HttpRequest) -> HttpResponse:
    require_secretariat(request)
    status = 200
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            pending = get_object_or_404(DelegateRequest, pk=form.cleaned_data["request"])
            try:
                services.decide_request(
                    pending,
                    approve=form.cleaned_data["approve"],
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except services.AccountError as error:
                messages.error(request, str(error))
                status = 409
            else:
                messages.success(request, _("Decision recorded."))
                return redirect("secretariat:requests")
        else:
            status = 400
    context = {"pending": pending_requests()}
    return render(request, "access/requests.html", context, status=status)
