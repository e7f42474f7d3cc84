"""`undersigned export ICOR00359 --format txt [-o FILE]`."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from undersigned.publishing.document import build_document
from undersigned.publishing.renderers.json import render_json
from undersigned.publishing.renderers.markdown import render_markdown
from undersigned.publishing.renderers.text import render_text
from undersigned.statements.selectors import get_public_statement

RENDERERS = {"txt": render_text, "md": render_markdown, "json": render_json}


class Command(BaseCommand):
    help = "Write a published statement in a format: txt, md or json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("document_id", help="e.g. ICOR00359")
        parser.add_argument("--format", choices=sorted(RENDERERS), default="txt")
        parser.add_argument("--lang", help="language of the text (default: the original)")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, **options) -> None:
        try:
            statement = get_public_statement(options["document_id"])
        except Http404:
            raise CommandError(
                f"No published statement {options['document_id']!r}.", returncode=2
            ) from None
        version = statement.current_version(options["lang"]) if options["lang"] else None
        if options["lang"] and version is None:
            languages = sorted({v.language for v in statement.versions.all()})
            raise CommandError(
                f"{statement.document_id} has no text in {options['lang']!r}; "
                f"it has: {', '.join(languages)}.",
                returncode=2,
            )
        output = RENDERERS[options["format"]](build_document(statement, version=version))
        if options["output"]:
            try:
                Path(options["output"]).write_text(output, encoding="utf-8")
            except OSError as error:
                raise CommandError(f"Cannot write {options['output']}: {error.strerror}") from None
        else:
            sys.stdout.write(output)
