"""Lists of organizations in the coalition's collation, case-insensitive: "attac" sorts with
"ATTAC" and "Österreich…" with "O", wherever organizations are listed (the delegate's home,
the workspace, the secretariat's statement page, the choices of every form)."""

from collections.abc import Iterable

from django import forms
from django.forms.models import ModelChoiceIterator

from undersigned.core.collation import sort_key
from undersigned.organizations.models import Organization


def name_key(organization: Organization) -> tuple:
    """By abbreviation (how the coalition calls its members), else by name; case folded."""
    label = organization.abbreviation or organization.name
    return (sort_key(label.casefold()), sort_key(organization.name.casefold()), organization.pk)


def collated(organizations: Iterable[Organization]) -> list[Organization]:
    return sorted(organizations, key=name_key)


class CollatedIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for organization in collated(self.queryset):
            yield self.choice(organization)

    def __len__(self) -> int:
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


class OrganizationChoiceField(forms.ModelChoiceField):
    """A choice of organization, listed in the coalition's collation."""

    iterator = CollatedIterator
