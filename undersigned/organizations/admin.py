from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.http import HttpRequest

from undersigned.core.admin_site import AuditedAdmin
from undersigned.core.collation import sort_key
from undersigned.core.countries import CONTINENTS, continent_of, countries_in, country_name
from undersigned.core.models import Coalition
from undersigned.organizations.models import Organization, OrganizationTranslation
from undersigned.organizations.services import FIELDS, change_organization, create_organization


class ContinentFilter(admin.SimpleListFilter):
    title = "continent"
    parameter_name = "continent"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(continent, continent.capitalize()) for continent in CONTINENTS]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if not self.value():
            return queryset
        codes = countries_in(self.value(), Coalition.load().continent_overrides)
        return queryset.filter(country__in=codes)


class CountryFilter(admin.SimpleListFilter):
    """Only the countries that organizations are in, in collation order (not all 250); the
    international organizations, which have none, last."""

    title = "country"
    parameter_name = "country"
    international = "none"  # a query's empty value means no filter, so theirs is a word

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        codes = set(Organization.objects.values_list("country", flat=True).distinct())
        names = {code: country_name(code, "en") for code in codes if code}
        ordered = sorted(names.items(), key=lambda item: sort_key(item[1]))
        return ordered + ([(self.international, "international")] if "" in codes else [])

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if not self.value():
            return queryset
        return queryset.filter(country="" if self.value() == self.international else self.value())


class TranslationInline(admin.StackedInline):  # a table's fields have no labels
    model = OrganizationTranslation
    extra = 1


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ["abbreviation", "name", "country_shown", "continent", "member"]
    # Case-insensitive (the database cannot collate like pyuca; the rest of the site does).
    ordering = [Lower("abbreviation"), Lower("name")]
    list_filter = [ContinentFilter, CountryFilter, "is_member"]
    search_fields = ["abbreviation", "name", "translations__name", "country", "sort_label"]
    inlines = [TranslationInline]
    fieldsets = [
        (None, {"fields": ["abbreviation", "name", "name_language", "country", "is_member"]}),
        ("Listing", {"fields": ["territory_label", "sort_label", "website"]}),
    ]

    @admin.display(description="member", boolean=True, ordering="is_member")
    def member(self, obj: Organization) -> bool:
        return obj.is_member

    # An empty country is a decision, not a gap: said as the register says it, not "-".
    @admin.display(description="country", ordering="country")
    def country_shown(self, obj: Organization) -> str:
        return obj.country or "international"

    @admin.display(description="continent")
    def continent(self, obj: Organization) -> str:
        return (continent_of(obj.country, Coalition.load().continent_overrides) or "—").capitalize()

    def audit_refs(self, obj: models.Model) -> dict[str, Any]:
        return {"organization": obj}

    def save_model(self, request: HttpRequest, obj: Organization, form: Any, change: bool) -> None:
        """Through the register's services, as the site's pages write (one door): the same
        checks and the same `organization.created` / `.changed` event, beside the admin's own
        `admin.added` / `admin.changed`. The names in other languages are the inline's."""
        values = {field: getattr(obj, field) for field in FIELDS}
        if change:
            saved = change_organization(obj, by=request.user, **values)
        else:
            saved = create_organization(by=request.user, **values)
        obj.pk, obj.created_at = saved.pk, saved.created_at
        obj._state.adding = False
