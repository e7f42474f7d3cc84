"""Forms of drafting: they parse and check input; services decide and write."""

from datetime import date, datetime, timedelta

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from undersigned.organizations.models import Organization
from undersigned.organizations.ordering import OrganizationChoiceField
from undersigned.signatures.models import Method
from undersigned.statements.models import Kind, Statement

# The kinds start with a capital in a list to choose from, as the languages do; the model's
# labels stay lower-case, for the sentences that name a kind.
KIND_CHOICES = [(value, capfirst(label)) for value, label in Kind.choices]

BODY_HELP = _(
    "Markdown. A blank line starts a new paragraph; paragraphs are numbered in the preview. "
    "Closing slogans are the last paragraphs whose every line ends in “!”."
)


class Form(forms.Form):
    """A drafting form: its required fields are marked (the label's class; the input's
    `required` attribute tells assistive technology)."""

    required_css_class = "required"


def deadline_after_today(value: datetime | None) -> datetime | None:
    """A signing deadline lies after today: a past one would close signing at once."""
    if value is not None and timezone.localdate(value) <= timezone.localdate():
        raise forms.ValidationError(_("The signing deadline must be after today."))
    return value


def deadline_field() -> forms.DateTimeField:
    return forms.DateTimeField(
        label=_("Signing deadline"),
        required=False,
        help_text=_("Optional. After it, no organization can sign."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class TextFields(Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    short_title = forms.CharField(
        label=_("Short title"), max_length=120, help_text=_("For file names and page footers.")
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=200_000,
        strip=False,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 24, "class": "markdown", "spellcheck": "true"}),
    )


class EditorForm(TextFields):
    base_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)
    base_version = forms.IntegerField(widget=forms.HiddenInput)
    major = forms.BooleanField(
        label=_("A change of substance: a new major version (signatures must be reconfirmed)"),
        required=False,
    )
    note = forms.CharField(
        label=_("Change note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What changed and why; shown in the history."),
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].replace("\r\n", "\n")
        if not body.strip():
            raise forms.ValidationError(_("The text is empty."))
        return body


class NewStatementForm(TextFields):
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES, initial=Kind.STATEMENT)
    language = forms.ChoiceField(label=_("Language of the original"), choices=[])
    signing_deadline = deadline_field()
    further_signatories_possible = forms.BooleanField(
        label=_("Further signatories possible after publication"), required=False, initial=True
    )
    field_order = ["kind", "language", "title", "short_title", "body"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["language"].initial = settings.LANGUAGE_CODE.split("-")[0]

    def clean_signing_deadline(self) -> datetime | None:
        return deadline_after_today(self.cleaned_data["signing_deadline"])


class SettingsForm(Form):
    """What may change about a statement besides its text; each change is recorded."""

    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES)
    short_title = forms.CharField(
        label=_("Short title"), max_length=120, help_text=_("For file names and page footers.")
    )
    signing_deadline = deadline_field()
    further_signatories_possible = forms.BooleanField(
        label=_("Further signatories possible after publication"), required=False
    )

    @staticmethod
    def initial_for(statement: Statement) -> dict:
        version = statement.current_version()
        deadline = statement.signing_deadline
        return {
            "kind": statement.kind,
            "short_title": version.short_title if version else "",
            "signing_deadline": timezone.localtime(deadline) if deadline else None,
            "further_signatories_possible": statement.further_signatories_possible,
        }

    def clean_signing_deadline(self) -> datetime | None:
        value = self.cleaned_data["signing_deadline"]
        before = self.initial.get("signing_deadline")
        # An unchanged deadline (the form shows minutes) may have passed already; only a new
        # one must lie ahead.
        if value is not None and before is not None and abs(value - before) < timedelta(minutes=1):
            return before
        return deadline_after_today(value)


class PreviewForm(forms.Form):
    body = forms.CharField(max_length=200_000, strip=False, required=False)


class OnBehalfForm(Form):
    organization = OrganizationChoiceField(
        queryset=Organization.objects.none(), label=_("On behalf of"), empty_label=None
    )

    def __init__(self, *args, organizations: list[Organization], paragraphs: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            pk__in=[o.pk for o in organizations]
        )
        self.paragraph_count = paragraphs
        for name in ("paragraph", "first_paragraph", "last_paragraph"):
            if name in self.fields:
                self.fields[name].widget.attrs["max"] = paragraphs
                self.fields[name].validators.append(MaxValueValidator(paragraphs))


class CommentForm(OnBehalfForm):
    paragraph = forms.IntegerField(label=_("Paragraph"), min_value=1)
    text = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    field_order = ["organization", "paragraph", "text"]


class AmendmentForm(OnBehalfForm):
    first_paragraph = forms.IntegerField(label=_("From paragraph"), min_value=1)
    last_paragraph = forms.IntegerField(
        label=_("To paragraph"),
        min_value=1,
        required=False,
        help_text=_("Leave empty to amend one paragraph."),
    )
    replacement = forms.CharField(
        label=_("New text"),
        max_length=50_000,
        required=False,
        strip=False,
        help_text=_(
            "Replaces the chosen paragraphs; blank lines separate paragraphs. "
            "Leave empty to strike them."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    field_order = ["organization", "first_paragraph", "last_paragraph", "replacement", "reason"]

    def clean(self) -> dict:
        data = super().clean()
        first, last = data.get("first_paragraph"), data.get("last_paragraph")
        if first is not None:
            data["last_paragraph"] = last = last or first
            if last < first:
                self.add_error("last_paragraph", _("The last paragraph comes after the first."))
        return data


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MergeForm(forms.Form):
    amendments = forms.TypedMultipleChoiceField(coerce=int, choices=[], label=_("Amendments"))
    note = forms.CharField(label=_("Change note"), max_length=2000, required=False)

    def __init__(self, *args, numbers: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amendments"].choices = [(n, f"#{n}") for n in numbers]


# The secretariat's statement page: invitations, recorded signatures, carry-over, pinning.


class InviteForm(Form):
    email = forms.EmailField(label=_("E-mail of the delegate"))
    organization = OrganizationChoiceField(
        queryset=Organization.objects.all(), label=_("Organization")
    )
    language = forms.ChoiceField(label=_("Language of the message"), choices=[])
    despite_signature = forms.BooleanField(
        label=_("Invite even if the organization has already signed"), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES


class RecordSignatureForm(Form):
    organization = OrganizationChoiceField(
        queryset=Organization.objects.all(), label=_("Organization")
    )
    method = forms.ChoiceField(
        label=_("How it arrived"),
        choices=[(Method.RECORDED, _("by e-mail, letter or at a meeting"))],
    )
    decided_on = forms.DateField(
        label=_("Date the organization decided"), widget=forms.DateInput(attrs={"type": "date"})
    )

    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_(
            "Where the decision is documented, e.g. the e-mail of 12 May from the international "
            "department."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The browser's date picker stops at today too; the server decides.
        self.fields["decided_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_decided_on(self) -> date:
        value = self.cleaned_data["decided_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date of the decision cannot be in the future."))
        return value


class CarryOverForm(forms.Form):
    signature = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=2000)


class PinForm(forms.Form):
    signature = forms.IntegerField(widget=forms.HiddenInput)
    position = forms.IntegerField(label=_("Position"), min_value=1, required=False)
