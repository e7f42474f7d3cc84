"""The parts of other apps' pages that are about individuals: on a statement's public page,
the count, the first names and the form; on the secretariat's statement page, the settings."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from undersigned.core.countries import country_name
from undersigned.core.languages import language_name
from undersigned.cosigners import selectors
from undersigned.cosigners.forms import OpeningForm, PeopleListForm, SignAsPersonForm
from undersigned.cosigners.models import Listing, Opening

register = template.Library()


@register.inclusion_tag("cosigners/_public.html")
def individuals(statement, document) -> dict:
    opening = selectors.opening_for(statement, document.language)
    count = selectors.confirmed_count(statement)
    context = {"statement": statement, "document": document, "opening": opening, "count": count}
    if opening is None or not opening.is_open:
        return context
    if opening.listing == Listing.LISTED and count:
        context["page"] = selectors.listed_people(
            statement,
            opening,
            count=count,
            order=selectors.people_list(statement).order,
            language=get_language() or settings.LANGUAGE_CODE,
        )
    if statement.accepts_signatures():
        context["form"] = SignAsPersonForm(
            opening=opening, initial={"version_hash": document.content_hash}
        )
        context["proof"] = settings.COSIGNERS_PROOF_OF_WORK > 0
    return context


@register.inclusion_tag("cosigners/_secretariat.html", takes_context=True)
def individuals_settings(context, statement) -> dict:
    openings = selectors.openings_by_language(statement)
    languages = sorted({version.language for version in statement.versions.all()})
    rows = []
    for language in languages:
        opening = openings.get(language) or Opening(
            statement=statement, language=language, listing=Listing.OFF
        )
        initial = {
            "listing": opening.listing,
            "affiliation": opening.affiliation,
            "country": opening.country,
            "city": opening.city,
        }
        rows.append((language, OpeningForm(initial=initial, prefix=language)))
    listed = selectors.people_list(statement)
    list_form = PeopleListForm(
        initial={"order": listed.order, "in_documents": listed.in_documents}, prefix="list"
    )
    return {
        "statement": statement,
        "rows": rows,
        "list_form": list_form,
        "count": selectors.confirmed_count(statement),
        "csrf_token": context.get("csrf_token"),
        "messages": context.get("messages"),  # those of this section are shown in it
    }


@register.filter
def language_label(code: str) -> str:
    """A language code as the language's name in the reader's language (CLDR), mid-sentence."""
    return language_name(code, capitalized=False)


@register.filter
def country_label(code: str) -> str:
    """An ISO country code as the country's name in the reader's language (CLDR)."""
    if not code:
        return ""
    return country_name(code, get_language() or settings.LANGUAGE_CODE)


@register.simple_tag
def people_items(people: list[selectors.Person]) -> SafeString:
    """The list's `<li>` items, one per person: the name, then the affiliation, city and
    country the opening shows. Written here rather than by including a template per person:
    a hundred includes were a third of the list page's time at 100,000 names."""
    language = get_language() or settings.LANGUAGE_CODE
    items = []
    for person in people:
        item = f'<li><span class="person-name">{escape(person.name)}</span>'
        if person.affiliation:
            item += f', <span class="person-affiliation">{escape(person.affiliation)}</span>'
        if person.city:
            item += f", {escape(person.city)}"
        if person.country:
            item += f" ({escape(country_name(person.country, language))})"
        items.append(item + "</li>")
    return mark_safe("\n  ".join(items))  # noqa: S308 - every value escaped above


@register.simple_tag
def people_page_url(document_id: str, language: str, number: int, query: str = "") -> str:
    """A page of the list: by path (`people/2/`, a static copy holds it), or of a search."""
    if query:
        url = reverse("cosigners:people", args=[document_id, language])
        return f"{url}?{urlencode({'q': query, 'page': number})}"
    if number == 1:
        return reverse("cosigners:people", args=[document_id, language])
    return reverse("cosigners:people_page", args=[document_id, language, number])
