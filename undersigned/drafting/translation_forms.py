"""Forms of the translation pages: starting a translation, naming a translator, and the
side-by-side editor (one field per paragraph of the original)."""

from django import forms
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext_lazy as _

from undersigned.drafting.translation import (
    LanguageChoices,
    delegates,
    language_choices,
    translation_overview,
)
from undersigned.statements.models import Statement, Version

# As long as a version's own fields allow, with room for a long paragraph.
PARAGRAPH_MAX = 20_000


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Version) -> str:
        return f"{obj.label} — {obj.title}"


class DelegateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AbstractBaseUser) -> str:
        name = obj.get_full_name() if hasattr(obj, "get_full_name") else ""
        return f"{name} <{obj.email}>" if name else obj.email or obj.get_username()


class StartTranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    source = VersionChoiceField(
        label=_("Translate from version"),
        queryset=Version.objects.none(),
        empty_label=None,
        help_text=_("The current version of the original, unless you choose an earlier one."),
    )

    def __init__(self, *args, languages: LanguageChoices, originals: list[Version], **kwargs):
        super().__init__(*args, **kwargs)
        choices = languages.as_choices()
        options = [option for _group, group in choices for option in group]
        if len(options) == 1:
            # A translator named for one language has nothing to choose: it is chosen for them.
            self.fields["language"].choices = options
            self.fields["language"].initial = options[0][0]
        else:
            self.fields["language"].choices = [("", _("Choose a language")), *choices]
        self.fields["source"].queryset = Version.objects.filter(
            pk__in=[v.pk for v in originals]
        ).order_by("-major", "-minor")
        if originals:
            self.fields["source"].initial = originals[0].pk


class NameTranslatorForm(forms.Form):
    user = DelegateChoiceField(
        label=_("Delegate"), queryset=delegates(), empty_label=_("Choose a delegate")
    )
    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args, languages: LanguageChoices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = delegates()
        self.fields["language"].choices = [("", _("Choose a language")), *languages.as_choices()]
        # A distinct id from the start form's, both on one page.
        self.auto_id = "name-%s"


class TranslationEditorForm(forms.Form):
    """Title, short title and one text per paragraph of the source (`p-1`, `p-2`, …);
    `done` lists the changed paragraphs the translator has brought up to date."""

    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    short_title = forms.CharField(label=_("Short title"), max_length=120, required=False)
    note = forms.CharField(label=_("Note for the history"), max_length=2000, required=False)
    done = forms.TypedMultipleChoiceField(coerce=int, required=False)
    # Which save of the draft, and which version of the original, the editor was opened on.
    base = forms.CharField(required=False, widget=forms.HiddenInput)
    source = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count
        for number in range(1, count + 1):
            self.fields[f"p-{number}"] = forms.CharField(
                required=False, max_length=PARAGRAPH_MAX, strip=False, widget=forms.Textarea
            )
        self.fields["done"].choices = [(n, n) for n in range(1, count + 1)]

    def texts(self) -> list[str]:
        return [self.cleaned_data.get(f"p-{n}") or "" for n in range(1, self.count + 1)]

    def raw_texts(self) -> list[str]:
        """The texts as sent, to show the form again even when it is not valid."""
        return [str(self.data.get(f"p-{n}", "")) for n in range(1, self.count + 1)]


def panel_context(
    statement: Statement,
    *,
    user: AbstractBaseUser | AnonymousUser,
    start_form: StartTranslationForm | None = None,
    name_form: NameTranslatorForm | None = None,
) -> dict:
    """What the translations panel shows, on the translations page and the statement's page:
    the overview, the form to start a translation, and for the secretariat the one to name a
    translator."""
    overview = translation_overview(statement, user=user)
    if start_form is None:
        start_form = StartTranslationForm(languages=overview.choices, originals=overview.originals)
    if name_form is None and overview.is_secretariat:
        name_form = NameTranslatorForm(languages=language_choices(statement))
    return {"overview": overview, "start_form": start_form, "name_form": name_form}
