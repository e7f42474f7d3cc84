"""The pages of individual co-signers: signing on a statement's public page, confirming by the
e-mailed link, the receipt (see, withdraw, delete one's data), the public list of names, and
the secretariat's opening of a statement and export."""

import json
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from undersigned.accounts.permissions import require_secretariat
from undersigned.core.languages import language_name
from undersigned.core.models import Coalition
from undersigned.core.ratelimit import allow, client_address
from undersigned.core.templatetags.placed import place
from undersigned.cosigners import proof, receipts, selectors, services
from undersigned.cosigners.addresses import canonical_email, domain_limit_key, email_domain
from undersigned.cosigners.export import to_csv
from undersigned.cosigners.forms import OpeningForm, PeopleListForm, SignAsPersonForm
from undersigned.cosigners.models import IndividualSignature, Listing, Order, SignerState
from undersigned.cosigners.privacy import keyed_hash, network_hash
from undersigned.statements.models import Statement
from undersigned.statements.selectors import get_public_statement

WINDOW = timedelta(minutes=10)
TOO_MANY = gettext_lazy("Too many signatures from here just now. Please try again later.")
NO_PROOF = gettext_lazy(
    "The check that keeps robots out did not finish. Please press the button again."
)
SECRET_URL_REFERRER_POLICY = "same-origin"  # noqa: S105 - a header value, not a secret


def _public_opening(document_id: str, language: str):
    statement = get_public_statement(document_id)
    opening = selectors.opening_for(statement, language)
    if opening is None or not opening.is_open:
        raise Http404("Not open to individuals in this language")
    return statement, opening


def _secret_page(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = SECRET_URL_REFERRER_POLICY
    response["Cache-Control"] = "no-store"
    return response


def _within_limits(request: HttpRequest, email: str) -> bool:
    """Per IP network and per e-mail domain (per address at the providers that police their
    own accounts), counted by keyed hash: no address is stored."""
    domain = domain_limit_key(
        email_domain(email),
        keyed_hash("email", canonical_email(email)),
        policed=settings.COSIGNERS_POLICED_PROVIDERS,
    )
    limits = [
        (f"cosign:net:{network_hash(client_address(request))}", settings.COSIGNERS_PER_NETWORK),
        (f"cosign:domain:{domain}", settings.COSIGNERS_PER_DOMAIN),
    ]
    return all(not n or allow(key, limit=n, window=WINDOW) for key, n in limits)


def _proof_spent(answer: str) -> bool:
    """A genuine, unexpired answer to a challenge, spent now: each answers one signature."""
    challenge = proof.verified(answer)
    window = timedelta(seconds=proof.VALID_SECONDS)
    return challenge is not None and allow(
        f"proof:{challenge}", limit=1, window=window, serialized=True
    )


@require_safe
def challenge(request: HttpRequest) -> HttpResponse:
    """A new proof-of-work challenge for the signing form (fetched by its script)."""
    if settings.COSIGNERS_PROOF_OF_WORK <= 0:
        raise Http404("No proof of work is asked")
    response = JsonResponse(proof.new_challenge(settings.COSIGNERS_PROOF_OF_WORK))
    response["Cache-Control"] = "no-store"
    return response


# The form sits on the statement's public page, which the page cache shares among all readers
# (core/pagecache.py): a CSRF token would make every page a reader's own. Signing needs no
# session and grants nothing until the mailbox's owner confirms, so the token protects
# nothing here; a browser's word that the form came from another site is still refused.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def sign(request: HttpRequest, document_id: str, language: str) -> HttpResponse:
    if request.method == "GET":
        return _blank_form(request, document_id, language)
    # Signing changes nothing of the coalition's settings: read them once, as a GET does.
    with Coalition.read_once():
        return _sign(request, document_id, language)


def _blank_form(request: HttpRequest, document_id: str, language: str) -> HttpResponse:
    """The form alone, empty, for the text as it stands. A form sent back with errors is the
    page of this address, so the interface's language links (which lead back to the page's
    address) come here: the reader stays on the form, in the language chosen. What was typed
    is not carried over: a link carries no e-mail address."""
    statement, opening = _public_opening(document_id, language)
    version = statement.current_version(language)
    if version is None or not statement.accepts_signatures():
        return redirect("publishing:statement_language", statement.document_id, language)
    form = SignAsPersonForm(opening=opening, initial={"version_hash": version.content_hash})
    return render(request, "cosigners/sign.html", _sign_context(statement, opening, form, language))


def _sign_context(statement, opening, form: SignAsPersonForm, language: str) -> dict:
    return {
        "statement": statement,
        "opening": opening,
        "form": form,
        "language": language,
        "proof": settings.COSIGNERS_PROOF_OF_WORK > 0,
    }


def _sign(request: HttpRequest, document_id: str, language: str) -> HttpResponse:
    statement, opening = _public_opening(document_id, language)
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return HttpResponse(_("Sign on the statement's own page."), status=403)
    form = SignAsPersonForm(request.POST, opening=opening)
    asks_proof = settings.COSIGNERS_PROOF_OF_WORK > 0
    context = _sign_context(statement, opening, form, language)
    if form.is_robot:  # the honeypot: answered as a person would be, and nothing done
        return redirect("cosigners:sent", document_id=statement.document_id, language=language)
    if not form.is_valid():
        return render(request, "cosigners/sign.html", context, status=400)
    data = form.cleaned_data
    # The proof spent, the limits' hits and the signature with its e-mail's task: one
    # transaction, so one commit (a commit that wrote waits for the disk). A refused signature
    # (sign_as_person's own savepoint) still spends its proof and counts against the limits.
    refused = None
    with transaction.atomic():
        if asks_proof and not _proof_spent(data["proof"]):
            refused, status = NO_PROOF, 400
        elif not _within_limits(request, data["email"]):
            refused, status = TOO_MANY, 429
        else:
            try:
                services.sign_as_person(
                    statement,
                    language=language,
                    version_hash=data["version_hash"],
                    name=data["name"],
                    email=data["email"],
                    client_address=client_address(request),
                    mail_language=request.LANGUAGE_CODE,
                    opening=opening,
                    **{name: data.get(name, "") for name in ("affiliation", "country", "city")},
                )
            except services.CosigningRefused as error:
                refused, status = str(error), 400
    if refused is not None:
        form.add_error(None, refused)
        return render(request, "cosigners/sign.html", context, status=status)
    return redirect("cosigners:sent", document_id=statement.document_id, language=language)


@require_safe
def sent(request: HttpRequest, document_id: str, language: str) -> HttpResponse:
    statement, _opening = _public_opening(document_id, language)
    return render(request, "cosigners/sent.html", {"statement": statement, "language": language})


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only the POST confirms, so mail scanners that fetch links confirm
    nothing."""
    signature = selectors.signature_to_confirm(token)
    if signature is None and selectors.signature_held_before_confirming(token):
        return _secret_page(render(request, "cosigners/held.html", status=409))
    if signature is None:
        context = {"confirm_days": settings.COSIGNERS_CONFIRM_DAYS}
        return _secret_page(render(request, "cosigners/link_invalid.html", context, status=410))
    if request.method == "POST":
        try:
            with Coalition.read_once():  # confirming changes nothing of its settings
                _signature, receipt = services.confirm_signature(signature)
        except services.CosigningRefused as refused:  # closed, or confirmed by another click
            context = {"signature": signature, "refused": str(refused)}
            return _secret_page(render(request, "cosigners/confirm.html", context, status=409))
        messages.success(request, _("Thank you: your signature is confirmed."))
        return redirect("cosigners:receipt", token=receipt)
    return _secret_page(render(request, "cosigners/confirm.html", {"signature": signature}))


@require_http_methods(["GET", "POST"])
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    """What a signer gave and signed, and the buttons to withdraw or delete it."""
    signature = selectors.signature_of_receipt(token)
    if signature is None:
        return _secret_page(render(request, "cosigners/link_invalid.html", status=410))
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "withdraw":
                services.withdraw_own_signature(signature)
                messages.success(request, _("Your signature is withdrawn."))
                return redirect("cosigners:receipt", token=token)
            if action == "erase":
                context = {"signature": signature, "token": token}
                if request.POST.get("confirm") != "yes":
                    # It cannot be undone and ends this link: asked once more, as a step.
                    return _secret_page(render(request, "cosigners/erase_confirm.html", context))
                services.erase_own_data(signature)
                context = {"statement": signature.statement, "language": signature.language}
                return _secret_page(render(request, "cosigners/erased.html", context))
            messages.error(request, _("Unknown action."))
            status = 400
        except services.CosigningRefused as refused:
            messages.error(request, str(refused))
            status = 409
        signature = selectors.signature_of_receipt(token) or signature
    standing = signature.state == SignerState.CONFIRMED
    context = {
        "signature": signature,
        "opening": selectors.opening_for(signature.statement, signature.language),
        # The proof is shown while the signature stands; receipt.json keeps it afterwards.
        "proof": standing and _receipt_of(request, signature),
        "token": token,
        "file_name": receipt_file_name(signature),
    }
    return _secret_page(render(request, "cosigners/receipt.html", context, status=status))


def receipt_file_name(signature: IndividualSignature) -> str:
    """The name receipt.json downloads under: one per signature, so that a person who signed
    several statements keeps every receipt; the receipt page names it in its command."""
    return f"receipt-{signature.statement.document_id}-{signature.pk}.json"


def _receipt_of(request: HttpRequest, signature: IndividualSignature) -> dict | None:
    site = request.build_absolute_uri("/").rstrip("/")
    log_url = request.build_absolute_uri(
        reverse("cosigners:log", args=[signature.statement.document_id])
    )
    return receipts.receipt(signature, site=site, log_url=log_url)


@require_safe
def receipt_json(request: HttpRequest, token: str) -> HttpResponse:
    """The receipt with its proof, to keep and to check with `undersigned verify-receipt`."""
    signature = selectors.signature_of_receipt(token)
    if signature is None:
        return _secret_page(render(request, "cosigners/link_invalid.html", status=410))
    held = _receipt_of(request, signature)
    if held is None:
        text = _("The proof of your signature comes within seconds. Please try again shortly.")
        response = HttpResponse(text, status=404, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "2"
        return _secret_page(response)
    body = json.dumps(held, ensure_ascii=False, indent=2, sort_keys=True)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{receipt_file_name(signature)}"'
    return _secret_page(response)


@require_safe
def log(request: HttpRequest, document_id: str) -> HttpResponse:
    """The statement's public log of sealed batches from leaf `from` on (docs/audit.md)."""
    statement = get_public_statement(document_id)
    try:
        start = max(0, int(request.GET.get("from", "0")))
    except ValueError:
        return HttpResponse(_("from must be a whole number."), status=400)
    return JsonResponse(receipts.log(statement, start=start), json_dumps_params={"indent": 1})


@require_safe
def people(
    request: HttpRequest, document_id: str, language: str, page: str | None = None
) -> HttpResponse:
    """The whole list of confirmed names in the coalition's order, searchable and in pages
    (`people/<n>/`, addresses a static copy can hold; `?page=` too), with the numbers by
    country where countries are shown."""
    statement = get_public_statement(document_id)
    opening = selectors.opening_for(statement, language)
    if opening is None or opening.listing != Listing.LISTED:
        return _people_not_listed(request, statement, language)
    query = request.GET.get("q", "")[:100]
    order = selectors.people_list(statement).order
    reader = get_language() or settings.LANGUAGE_CODE
    # Read once, for the table and for the pages by country.
    numbers = (
        selectors.country_numbers(statement, language=reader)
        if not query and (selectors.shows_countries(opening) or order == Order.COUNTRY)
        else None
    )
    # the numbers by country add up to the count: one read of the index, not two
    count = (
        sum(number.count for number in numbers)
        if numbers is not None
        else selectors.confirmed_count(statement)
    )
    shown = selectors.listed_people(
        statement,
        opening,
        query=query,
        page=page or request.GET.get("page"),
        count=count,
        order=order,
        language=reader,
        numbers=numbers,
    )
    context = {
        "statement": statement,
        "opening": opening,
        "language": language,
        "query": query,
        "page": shown,
        "count": count,
        "order": order,
        "numbers": numbers if selectors.shows_countries(opening) else None,
    }
    return render(request, "cosigners/people.html", context)


def _people_not_listed(request: HttpRequest, statement: Statement, language: str) -> HttpResponse:
    """A 404 that says what is true: the statement is published, its list of individuals is
    not open in this language; the statement's page and the languages whose list is open are
    linked (a reader who typed the address, or followed an old link, learns where it is)."""
    asked = language_name(language, capitalized=False)
    context = {
        "statement": statement,
        # A code no language has ("zz") is not named back as if it were one.
        "asked": "" if asked == language else asked,
        "has_text": statement.current_version(language) is not None,
        "original": statement.current_version(statement.original_language),
        "language": language,
        "languages": [
            (opening.language, language_name(opening.language))
            for opening in sorted(
                selectors.openings_by_language(statement).values(), key=lambda o: o.language
            )
            if opening.listing == Listing.LISTED
        ],
    }
    return render(request, "cosigners/people_not_listed.html", context, status=404)


# The settings' messages are shown in their section of the secretariat's statement page.
HERE = place("individuals")


def _back_to_the_section(request: HttpRequest, statement: Statement) -> HttpResponse:
    """Back to the individuals' section of the statement's page, where its message is shown:
    the forms are at the foot of a long page, and its top would hide what was saved."""
    return redirect(reverse("secretariat:statement", args=[statement.pk]) + "#individuals")


@require_POST
def set_opening(request: HttpRequest, statement_id: int) -> HttpResponse:
    require_secretariat(request)
    statement = get_object_or_404(Statement, pk=statement_id)
    language = request.POST.get("language", "")
    form = OpeningForm(request.POST, prefix=language)
    if not form.is_valid():
        messages.error(request, _("Choose a value for each setting."), extra_tags=HERE)
        return _back_to_the_section(request, statement)
    try:
        services.set_opening(statement, language=language, by=request.user, **form.cleaned_data)
    except services.CosigningRefused as refused:
        messages.error(request, str(refused), extra_tags=HERE)
    else:
        messages.success(request, _("Individuals: settings saved."), extra_tags=HERE)
    return _back_to_the_section(request, statement)


@require_POST
def set_people_list(request: HttpRequest, statement_id: int) -> HttpResponse:
    require_secretariat(request)
    statement = get_object_or_404(Statement, pk=statement_id)
    form = PeopleListForm(request.POST, prefix="list")
    if not form.is_valid():
        messages.error(
            request,
            _("Choose an order, and a number of names that is 0 or more."),
            extra_tags=HERE,
        )
        return _back_to_the_section(request, statement)
    try:
        services.set_people_list(statement, by=request.user, **form.cleaned_data)
    except services.CosigningRefused as refused:
        messages.error(request, str(refused), extra_tags=HERE)
    else:
        messages.success(request, _("List of individuals: settings saved."), extra_tags=HERE)
    return _back_to_the_section(request, statement)


@require_safe
def export(request: HttpRequest, statement_id: int) -> HttpResponse:
    require_secretariat(request)
    statement = get_object_or_404(Statement, pk=statement_id)
    rows = services.export_individuals(statement, by=request.user)
    body = to_csv(selectors.EXPORT_COLUMNS, rows)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"{statement.document_id or statement.pk}-individuals.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
