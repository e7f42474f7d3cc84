"""The form a person signs with, and the secretariat's form opening a statement to people."""

from functools import lru_cache

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from undersigned.core.collation import sort_key
from undersigned.core.countries import country_codes, country_name
from undersigned.cosigners.models import FieldUse, Listing, Opening, Order


def country_choices() -> list[tuple[str, str]]:
    """Every country, named in the reader's language, in collation order."""
    return list(_country_choices(get_language() or "en"))


@lru_cache(maxsize=64)
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    # CLDR's names, sorted by the collation key of each (pyuca): the same for every form.
    names = [(code, country_name(code, language)) for code in country_codes()]
    return (("", "—"), *sorted(names, key=lambda item: sort_key(item[1])))


class CountrySelect(forms.Select):
    """Django's select, its HTML kept per process for an empty choice: the statement's public
    page holds the signing form, and its ~250 options through the form templates were half of
    the page's render (about 20 ms of CPU), paid again at each new content generation while a
    surge of signatures changes the count (docs/benchmarks.md, "The surge")."""

    KEPT = 64
    _kept: dict[tuple, str] = {}

    def render(self, name: str, value: object, attrs: dict | None = None, renderer=None) -> str:
        if value not in (None, ""):
            return super().render(name, value, attrs, renderer)
        key = (name, tuple(sorted({**self.attrs, **(attrs or {})}.items())))
        key += (tuple(self.choices), renderer, self.is_required)
        html = self._kept.get(key)
        if html is None:
            html = super().render(name, value, attrs, renderer)
            if len(self._kept) >= self.KEPT:
                self._kept.clear()
            self._kept[key] = html
        return html


class SignAsPersonForm(forms.Form):
    """Name, e-mail, and the fields the opening asks. `website` is a honeypot: hidden from
    people (and from screen readers), filled in by robots that fill in every field."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("Never shown. We write to it once, to confirm your signature."),
    )
    affiliation = forms.CharField(label=_("Affiliation or role"), max_length=200, required=False)
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=country_choices, widget=CountrySelect
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    version_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)
    # The browser's answer to the proof of work (proof.py), rendered empty by the template.
    proof = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def __init__(self, *args, opening: Opening, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("affiliation", "country", "city"):
            if name not in opening.asked():
                del self.fields[name]
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


class OpeningForm(forms.Form):
    listing = forms.ChoiceField(label=_("Individuals"), choices=Listing.choices)
    affiliation = forms.ChoiceField(label=_("Affiliation or role"), choices=FieldUse.choices)
    country = forms.ChoiceField(label=_("Country"), choices=FieldUse.choices)
    city = forms.ChoiceField(label=_("City"), choices=FieldUse.choices)


class PeopleListForm(forms.Form):
    order = forms.ChoiceField(label=_("Order of the list"), choices=Order.choices)
    in_documents = forms.IntegerField(
        label=_("Names printed in the downloads"),
        help_text=_(
            "The first names in the list's order, then the count of the others. Empty: every name."
        ),
        required=False,
        min_value=0,
        max_value=10_000_000,
    )
