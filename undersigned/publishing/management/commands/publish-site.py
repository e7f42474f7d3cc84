"""`undersigned publish-site OUTDIR [--base-url URL]`: the public side as static files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from undersigned.publishing.static_site import SiteError, publish_site


class Command(BaseCommand):
    help = (
        "Write every published statement in every language, the list, the feeds and the "
        "downloads as static files with relative links, for any static host."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("outdir", help="a new or empty directory, or one written before")
        parser.add_argument(
            "--base-url",
            help="where the copy will be published, for canonical links and the feeds' "
            "absolute links (default: SITE_URL)",
        )

        parser.add_argument(
            "--interface-language",
            help="language of the pages' navigation and headings (default: LANGUAGE_CODE)",
        )

    def handle(self, *args, **options) -> None:
        outdir = Path(options["outdir"])
        try:
            summary = publish_site(
                outdir,
                base_url=options["base_url"],
                interface_language=options["interface_language"],
            )
        except SiteError as error:
            raise CommandError(str(error), returncode=2) from None
        except OSError as error:
            raise CommandError(f"Cannot write {outdir}: {error}") from None
        self.stdout.write(
            f"Wrote {summary.pages} pages, {summary.files} files, {summary.bytes:,} bytes "
            f"to {outdir}."
        )
