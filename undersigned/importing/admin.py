from django.contrib import admin

from undersigned.importing.models import ImportedFile


@admin.register(ImportedFile)
class ImportedFileAdmin(admin.ModelAdmin):
    list_display = ["original_name", "statement", "uploaded_by", "created_at"]
    readonly_fields = [
        "file", "sha256", "original_name", "size", "uploaded_by", "statement", "created_at",
    ]  # fmt: skip
    search_fields = ["original_name", "sha256"]

    def has_add_permission(self, request) -> bool:
        return False  # files arrive through the import, which checks and records them
