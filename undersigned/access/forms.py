import unicodedata
from collections.abc import Iterator

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from undersigned.accounts import services
from undersigned.accounts.models import Profile
from undersigned.organizations.models import Organization
from undersigned.organizations.ordering import OrganizationChoiceField


class PasswordSignInForm(forms.Form):
    identifier = forms.CharField(label=_("E-mail or user name"), max_length=254)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=200)


class LinkRequestForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))


class DelegateRequestForm(forms.Form):
    organization = OrganizationChoiceField(
        queryset=Organization.objects.all(), label=_("Organization")
    )
    message = forms.CharField(
        label=_("Message to the secretariat"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class DecisionForm(forms.Form):
    request = forms.IntegerField(widget=forms.HiddenInput)
    approve = forms.TypedChoiceField(
        coerce=lambda v: v == "yes", choices=[("yes", "yes"), ("no", "no")]
    )
    reason = forms.CharField(required=False, max_length=2000)


def _folded(text: str) -> str:
    """An address as Django's reset form compares it (NFKC, then case folded), so that the
    database's own case rules, which differ by database and collation, do not decide it."""
    return unicodedata.normalize("NFKC", text).casefold()


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but each message is queued by a service and sent by the worker,
    with a link built from the site's configured address rather than the request's Host."""

    def get_users(self, email: str) -> Iterator[AbstractBaseUser]:
        # Django leaves out accounts whose password is unusable. Here those are people who
        # sign in by link (invited, never chose one) and accounts whose owner undid an address
        # change: the link proves the address as a sign-in link does, so they may choose one.
        field = get_user_model().get_email_field_name()
        found = get_user_model()._default_manager.filter(
            **{f"{field}__iexact": email, "is_active": True}
        )
        wanted = _folded(email)
        return (user for user in found if _folded(getattr(user, field)) == wanted)

    def save(self, **_ignored: object) -> None:
        for user in self.get_users(self.cleaned_data["email"]):
            services.send_password_reset(user)


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the e-mails you receive"), choices=[])
    secretariat_notifications = forms.ChoiceField(
        label=_("When an organization signs"), choices=[], required=False
    )

    def __init__(self, *args, secretariat: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES
        if secretariat:
            self.fields["secretariat_notifications"].choices = Profile.Notify.choices
        else:
            del self.fields["secretariat_notifications"]


class AddressChangeForm(forms.Form):
    """The new address, and the current password of a person who has one (the service checks
    it); a person without one confirms from their current address instead."""

    email = forms.EmailField(label=_("New e-mail address"))
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=200,
    )

    def __init__(self, *args, has_password: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        if not has_password:
            del self.fields["password"]
