"""What an import keeps: the file a statement's signatures were imported from, as evidence."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedFile(models.Model):
    """An uploaded source document, kept unchanged under MEDIA_ROOT; the evidence of the
    signatures imported from it, which name it and its hash."""

    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    original_name = models.CharField(_("original name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    statement = models.ForeignKey(
        "statements.Statement",
        on_delete=models.SET_NULL,
        null=True,
        related_name="imported_files",
        help_text=_("The statement created from this file."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.sha256[:12]})"
