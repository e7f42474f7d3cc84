"""Forms of the register's pages: they parse and check input; services decide and write."""

import re

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from undersigned.core.collation import sort_key
from undersigned.core.countries import country_codes, country_name
from undersigned.drafting.forms import Form
from undersigned.drafting.register import INTERNATIONAL
from undersigned.organizations.models import Organization
from undersigned.organizations.ordering import OrganizationChoiceField
from undersigned.organizations.services import FIELDS

TRANSLATION_LINE = re.compile(r"^\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\s*:\s*(.+?)\s*$")


def country_choices(codes: list[str] | None = None) -> list[tuple[str, str]]:
    """Countries named in the reader's language, in collation order; the organizations with
    no country last, where `codes` has `INTERNATIONAL`."""
    language = get_language() or "en"
    codes = codes if codes is not None else list(country_codes())
    named = [
        (code, f"{country_name(code, language)} ({code})")
        for code in codes
        if code != INTERNATIONAL
    ]
    international = [(INTERNATIONAL, _("international"))] if INTERNATIONAL in codes else []
    return sorted(named, key=lambda item: sort_key(item[1])) + international


class OrganizationForm(forms.ModelForm):
    """An organization's fields, and its names in other languages one per line ("en: …")."""

    required_css_class = "required"
    translations = forms.CharField(
        label=_("Names in other languages"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: a language code, a colon, the name. E.g. “en: Party of Labour”."
        ),
    )

    # The country is left empty only by this deliberate choice, never by an oversight.
    international = forms.BooleanField(
        label=_("International: works in no one country"),
        required=False,
        help_text=_("A network or coalition of several countries; it is listed with no country."),
    )

    class Meta:
        model = Organization
        fields = list(FIELDS)

    website = forms.URLField(
        label=capfirst(Organization._meta.get_field("website").verbose_name),
        required=False,
        assume_scheme="https",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]
        # The model's help says "empty for an international organization", but here an empty
        # country is refused: international is the box below, ticked on purpose.
        self.fields["country"].help_text = ""
        self.order_fields([*FIELDS[: FIELDS.index("country") + 1], "international"])
        if self.instance.pk and not self.is_bound:
            self.initial["international"] = self.instance.is_international
            self.initial["translations"] = "\n".join(
                f"{t.language}: {t.name}" for t in self.instance.translations.order_by("language")
            )

    def clean(self) -> dict:
        data = super().clean()
        if "country" not in data:
            return data
        if data["country"] and data.get("international"):
            self.add_error(
                "international",
                _("An international organization has no country: choose one or the other."),
            )
        elif not data["country"] and not data.get("international"):
            self.add_error(
                "country", _("Choose the country, or mark the organization international.")
            )
        return data

    def clean_translations(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for number, line in enumerate(self.cleaned_data["translations"].splitlines(), start=1):
            if not line.strip():
                continue
            found = TRANSLATION_LINE.match(line)
            if found is None:
                raise forms.ValidationError(
                    _("Line %(number)d is not “language: name”."), params={"number": number}
                )
            language, name = found.group(1).lower(), found.group(2)
            if language in names:
                raise forms.ValidationError(
                    _("The language %(language)s is given twice."), params={"language": language}
                )
            if len(name) > 400:
                raise forms.ValidationError(
                    _("The name on line %(number)d is longer than 400 characters."),
                    params={"number": number},
                )
            names[language] = name
        return names

    def service_arguments(self) -> dict:
        """The cleaned values as the services take them; a language no longer listed is
        removed (an empty name)."""
        data = {field: self.cleaned_data[field] for field in FIELDS}
        names = dict(self.cleaned_data["translations"])
        if self.instance.pk:
            for language in self.instance.translations.values_list("language", flat=True):
                names.setdefault(language, "")
        return {**data, "translations": names}


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, abbreviation or country"), required=False, max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False)
    member = forms.ChoiceField(
        label=_("Membership"),
        required=False,
        choices=[("", _("all")), ("yes", _("members")), ("no", _("not members"))],
    )

    def __init__(self, *args, countries: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("all")), *country_choices(countries)]

    def member_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("member") or "")


class AddDelegateForm(Form):
    email = forms.EmailField(
        label=_("E-mail of the delegate"),
        help_text=_(
            "A person with an account becomes a delegate at once; anyone else is sent an "
            "invitation."
        ),
    )
    language = forms.ChoiceField(label=_("Language of the message"), choices=[])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES


class MergeForm(Form):
    into = OrganizationChoiceField(
        queryset=Organization.objects.none(),
        label=_("The organization to keep"),
        help_text=_("This organization's signatures, delegates and names move to it."),
    )

    def __init__(self, *args, merged: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Organization.objects.exclude(pk=merged.pk)
