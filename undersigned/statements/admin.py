from django.contrib import admin
from django.http import HttpRequest

from undersigned.signatures.models import Signature
from undersigned.statements.models import Statement, Version
from undersigned.statements.selectors import annotate_outdated


class VersionInline(admin.StackedInline):
    model = Version
    fk_name = "statement"
    extra = 0
    fields = [
        "major",
        "minor",
        "language",
        "title",
        "short_title",
        "body",
        "source",
        "note",
        "content_hash",
    ]
    readonly_fields = ["content_hash"]
    show_change_link = True


class SignatureInline(admin.TabularInline):
    model = Signature
    extra = 0
    fields = [
        "organization",
        "version",
        "signed_at",
        "method",
        "evidence",
        "withdrawn_at",
        "pinned_position",
        "version_hash",
    ]
    readonly_fields = ["version_hash"]
    autocomplete_fields = ["organization"]

    def get_formset(self, request: HttpRequest, obj: Statement | None = None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            formset.form.base_fields["version"].queryset = Version.objects.filter(statement=obj)
        return formset


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["document_id_display", "title", "kind", "state", "published_at"]
    list_filter = ["state", "kind", "original_language"]
    search_fields = ["number", "versions__title", "versions__short_title"]
    readonly_fields = ["number", "document_id_display"]
    fields = [
        "document_id_display",
        "kind",
        "state",
        "original_language",
        "further_signatories_possible",
        "signing_deadline",
        "published_at",
    ]
    inlines = [VersionInline, SignatureInline]

    @admin.display(description="document", ordering="number")
    def document_id_display(self, obj: Statement) -> str:
        return obj.document_id or "—"

    @admin.display(description="title")
    def title(self, obj: Statement) -> str:
        version = obj.current_version()
        return version.title if version else "—"

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).prefetch_related("versions")


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = ["organization", "statement", "version", "signed_at", "method", "withdrawn_at"]
    list_filter = ["method"]
    search_fields = ["organization__abbreviation", "organization__name"]
    readonly_fields = ["version_hash"]
    autocomplete_fields = ["organization"]


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    list_display = ["statement", "label", "language", "title", "source", "outdated", "content_hash"]
    list_filter = ["language"]
    readonly_fields = ["content_hash"]

    def get_queryset(self, request: HttpRequest):
        return annotate_outdated(super().get_queryset(request)).select_related(
            "source", "statement"
        )

    @admin.display(boolean=True, ordering="outdated", description="outdated translation")
    def outdated(self, obj: Version) -> bool:
        return bool(obj.outdated)
