from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

from undersigned.core.admin_site import AuditedAdmin
from undersigned.core.models import Coalition


@admin.register(Coalition)
class CoalitionAdmin(AuditedAdmin):
    """The coalition's settings are one object: the list goes straight to it."""

    readonly_fields = ["next_number"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "full_name":
            kwargs["widget"] = forms.TextInput(attrs={"class": "vLargeTextField"})
        elif db_field.name in ("continent_order", "continent_overrides", "country_names"):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 80})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    fieldsets = [
        (None, {"fields": ["name", "full_name", "default_language"]}),
        ("Document numbers", {"fields": ["prefix", "number_padding", "next_number"]}),
        (
            "Order of signatories",
            {
                "fields": [
                    "ordering_locale",
                    "continent_order",
                    "continent_overrides",
                    "country_names",
                ]
            },
        ),
        ("Individual co-signers", {"fields": ["refused_email_domains"]}),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Coalition | None = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        coalition = Coalition.load()
        return HttpResponseRedirect(reverse("admin:core_coalition_change", args=[coalition.pk]))
