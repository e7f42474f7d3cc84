"""Forms of the web import: the upload, the statement's header and one form per entry."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from undersigned.importing.review import NEW, ORGANIZATION, PERSON
from undersigned.importing.services import no_date_to_publish
from undersigned.organizations.models import validate_country
from undersigned.statements.models import Kind, parse_label

MAX_FILES = 20
ENTRY_KINDS = [(ORGANIZATION, _("organization")), (PERSON, _("person"))]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        if self.required and not [f for f in files if f]:
            # A multiple input sends an empty list, which FileField alone lets through.
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Statement files"),
        error_messages={"required": _("Choose at least one file to import.")},
        help_text=_(
            "PDF, Word (DOCX or DOC), ODT, HTML, Markdown, text, or undersigned's JSON; "
            "up to 20 MB each."
        ),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise ValidationError(_("At most %(n)d files at once.") % {"n": MAX_FILES})
        return files


def _validate_label(value: str) -> None:
    parse_label(value)


def _validate_language(value: str) -> None:
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
        raise ValidationError(_("A language tag such as en, fr or ru-Latn."))


class HeaderForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    short_title = forms.CharField(
        label=_("Short title"), max_length=120, help_text=_("For file names and page footers.")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    document_id = forms.CharField(
        label=_("Document number"),
        max_length=40,
        required=False,
        help_text=_("Registered if free; leave empty to number the statement when it opens."),
    )
    version = forms.CharField(label=_("Version"), max_length=7, validators=[_validate_label])
    language = forms.CharField(label=_("Language"), max_length=20, validators=[_validate_language])
    document_date = forms.DateField(
        label=_("Date of the document"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "The day it was signed or published, as the file gives it; never the import's."
        ),
    )
    as_of = forms.DateField(
        label=_("Signatories as of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    open_for_signatures = forms.BooleanField(
        label=_("Further signatories possible"), required=False
    )
    published_before = forms.BooleanField(
        label=_("Published before: publish it at once"),
        required=False,
        initial=False,
        help_text=_(
            "For a statement of the archive: it appears on the public site as it was, numbered, "
            "with its signatories, without consultation or signing; nobody is told."
        ),
    )
    default_country = forms.CharField(
        label=_("Country of the organizations that name none"),
        max_length=2,
        required=False,
        help_text=_("Given on confirming to every organization whose country the list omits."),
        widget=forms.TextInput(attrs={"list": "countries", "size": 3, "autocomplete": "off"}),
    )
    default_international = forms.BooleanField(
        label=_("Organizations that name no country are international"),
        required=False,
        initial=False,
        help_text=_(
            "For a network's list: each new organization whose country the list omits is "
            "registered as working in no one country, and listed with none."
        ),
    )
    new_members = forms.BooleanField(
        label=_("New organizations join the coalition as members"),
        required=False,
        initial=False,
        help_text=_(
            "Leave unticked for signers from outside the coalition. People never become members."
        ),
    )

    def clean_default_country(self) -> str:
        return _clean_country(self.cleaned_data["default_country"])

    def clean(self) -> dict:
        data = super().clean()
        if data.get("published_before") and not (data.get("document_date") or data.get("as_of")):
            # published on the day of its import would be a date nobody gave it
            self.add_error("document_date", no_date_to_publish())
        if data.get("default_country") and data.get("default_international"):
            self.add_error(
                "default_international",
                _(
                    "Either a country for the organizations that name none, or international: "
                    "not both."
                ),
            )
        return data


def _clean_country(value: str) -> str:
    country = value.strip().upper()
    if country:
        validate_country(country)
    return country


class EntryForm(forms.Form):
    include = forms.BooleanField(label=_("Import"), required=False, initial=True)
    position = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    # changed by the entry's own button (a round trip shows the kind's fields)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=ENTRY_KINDS, initial=ORGANIZATION, widget=forms.HiddenInput
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Dr., Prof., MEP …")}),
    )
    abbreviation = forms.CharField(label=_("Abbreviation"), max_length=60, required=False)
    name = forms.CharField(label=_("Name"), max_length=400)
    translation = forms.CharField(label=_("Translation"), max_length=400, required=False)
    role = forms.CharField(label=_("Role"), max_length=400, required=False)
    affiliation = forms.CharField(label=_("Affiliation"), max_length=400, required=False)
    country = forms.CharField(
        label=_("Country"),
        max_length=2,
        required=False,
        widget=forms.TextInput(attrs={"list": "countries", "size": 3, "autocomplete": "off"}),
    )
    international = forms.BooleanField(label=_("International: no country"), required=False)
    organization = forms.ChoiceField(label=_("Organization"), required=False)

    def __init__(
        self,
        *args,
        candidates: list[tuple[int, str]] = (),
        default_country: str = "",
        default_international: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.default_country = default_country
        self.default_international = default_international
        self.fields["organization"].choices = [
            ("", _("— choose —")),
            (NEW, _("new organization")),
            *((str(pk), label) for pk, label in candidates),
        ]

    def clean_country(self) -> str:
        return _clean_country(self.cleaned_data["country"])

    def clean(self):
        data = super().clean()
        if data.get("kind") == PERSON:
            # A person joins the statement's individual signatories, not the register: no
            # organization to choose, and the country only if the document gives one.
            data["organization"] = ""
            return data
        if data.get("include") and not data.get("organization"):
            self.add_error("organization", _("Choose the organization, or “new organization”."))
        # Many organizations have no abbreviation, and a list of one country seldom prints it:
        # only the country is needed, from the entry or from the review's default; or the
        # review's word that those naming none are international.
        new = data.get("include") and data.get("organization") == NEW
        if data.get("country") and data.get("international"):
            self.add_error(
                "international",
                _("An international organization has no country: choose one or the other."),
            )
        named = data.get("country") or data.get("international")
        if new and not (named or self.default_country or self.default_international):
            self.add_error(
                "country",
                _(
                    "A new organization needs its country: type it here, or give above the "
                    "country of the organizations that name none, or say they are international."
                ),
            )
        return data


class BaseEntryFormSet(forms.BaseFormSet):
    def __init__(
        self,
        *args,
        candidates: list[list[tuple[int, str]]],
        default_country: str = "",
        default_international: bool = False,
        **kwargs,
    ) -> None:
        self.candidates = candidates
        self.default_country = default_country
        self.default_international = default_international
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["candidates"] = self.candidates[index] if index < len(self.candidates) else []
        kwargs["default_country"] = self.default_country
        kwargs["default_international"] = self.default_international
        return kwargs

    def clean(self):
        if any(self.errors):
            return
        chosen: dict[str, int] = {}
        for form in self.forms:
            data = form.cleaned_data
            choice = data.get("organization")
            if not data.get("include") or choice in (None, "", NEW):
                continue
            if choice in chosen:
                form.add_error(
                    "organization",
                    _("Also chosen for entry %(n)d: each organization signs once.")
                    % {"n": chosen[choice]},
                )
            chosen[choice] = data["position"]


EntryFormSet = forms.formset_factory(
    EntryForm, formset=BaseEntryFormSet, extra=0, max_num=2000, absolute_max=2000
)
