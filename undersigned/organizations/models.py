"""The register of organizations that sign statements."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from undersigned.core.collation import sort_key
from undersigned.core.countries import country_codes


def validate_country(value: str) -> None:
    if value not in country_codes():
        raise ValidationError(
            _("%(value)s is not an ISO 3166-1 alpha-2 country code."), params={"value": value}
        )


def country_choices() -> list[tuple[str, str]]:
    from babel import Locale

    names = Locale("en").territories
    return sorted(
        ((code, f"{names.get(code, code)} ({code})") for code in country_codes()),
        key=lambda item: sort_key(item[1]),
    )


class Organization(models.Model):
    abbreviation = models.CharField(_("abbreviation"), max_length=60, blank=True, db_index=True)
    name = models.CharField(
        _("name"), max_length=400, help_text=_("In the organization's own language.")
    )
    name_language = models.CharField(
        _("language of the name"),
        max_length=20,
        blank=True,
        help_text=_("BCP 47 tag such as fr, de, ru-Latn; marks the name for screen readers."),
    )
    # Empty for an international organization, one that works in no one country (a network,
    # a regional coalition): it is shown with no country rather than with a wrong one.
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        choices=country_choices,
        validators=[validate_country],
        help_text=_("Empty for an international organization, which works in no one country."),
    )
    territory_label = models.CharField(
        _("territory label"),
        max_length=200,
        blank=True,
        help_text=_(
            "Shown instead of the country's name, e.g. a region the organization works in."
        ),
    )
    sort_label = models.CharField(
        _("sort label"),
        max_length=200,
        blank=True,
        help_text=_("Sorts the organization under this word instead of its country's name."),
    )
    website = models.URLField(_("website"), blank=True)
    is_member = models.BooleanField(_("member of the coalition"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return f"{self.abbreviation} – {self.name}" if self.abbreviation else self.name

    @property
    def is_international(self) -> bool:
        """Whether the organization works in no one country (its country is left empty)."""
        return not self.country

    @property
    def label(self) -> str:
        """The organization's short name in messages and tables: its abbreviation, or its name
        when it has none (many have none, and an import does not make one up)."""
        return self.abbreviation or self.name


class OrganizationTranslation(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=20)
    name = models.CharField(_("name"), max_length=400)

    class Meta:
        verbose_name = _("name translation")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "language"], name="one_translation_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.name}"
