"""The public side as static files: every published statement in every language, the list, the
record and diff pages, the downloads, the Atom feeds and the static files the pages use, with
relative links, for any static host or CDN (`undersigned publish-site OUTDIR`).

The pages are rendered by the real views through Django's test `Client`, anonymous, so a file
is exactly what the server would answer. Links are then rewritten in the rendered HTML:

- a link to a page, a download, a feed or a static file becomes a path relative to the page
  (`../../static/undersigned/site.css`, `../en/index.html`); pages are written as
  `<url path>/index.html`, so a link names `index.html` and works without a directory index;
- a download is written under its real file name beside its language's page
  (`statements/ICOR00359/en/ICOR00359 … _EN.pdf`), so its extension gives the Content-Type;
- a feed `/feeds/<path>/` is written as `feeds/<path>.atom`;
- the interface-language chooser is removed (it needs the server's session);
- the list of individuals is written page by page (`people/`, `people/2/`, …, as the site
  pages it: 100 names a page, so 100,000 names are 1,000 small files rather than one page a
  browser chokes on) with the count and the numbers by country;
- a form cannot be sent to a static host: the signing form becomes a link to the statement's
  page on the live site (a form posted from the copy's origin would be refused there as
  cross-site), and the search of names a search on the live site; without `SITE_URL` both
  are removed;
- any other link into the site (sign in) points to the live site when `SITE_URL` is set, else
  the link is dropped and its text kept.

Absolute URLs (canonical, `hreflang` alternates, the feeds' links) are built on `base_url`,
where the static copy is published.
"""

import html
import posixpath
import re
import shutil
import sys
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.test.utils import override_settings
from django.urls import Resolver404, get_script_prefix, resolve, reverse, set_script_prefix
from django.utils.http import parse_header_parameters
from django.utils.translation import gettext as _
from django.utils.translation import override

from undersigned.cosigners.selectors import listed_languages
from undersigned.publishing.downloads import FORMATS, document_file
from undersigned.publishing.selectors import build_document
from undersigned.signatures.selectors import public_statements
from undersigned.statements.selectors import get_public_statement, newest_versions

MARKER = ".undersigned-site"
MARKER_TEXT = "Written by `undersigned publish-site`; it empties this directory on each run.\n"
PUBLIC_NAMESPACES = {"publishing", "feeds"}
PUBLIC_VIEWS = {"cosigners:people", "cosigners:people_page"}

_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL)
_FORM = re.compile(r"<form\b([^>]*)>.*?</form>", re.DOTALL)
_LANGUAGE_CHOOSER = re.compile(
    r'<nav\b[^>]*class="[^"]*\blanguage-chooser\b[^"]*"[^>]*>.*?</nav>\s*', re.DOTALL
)


class SiteError(Exception):
    """The static copy cannot be written: the message says why."""


class OutputNotEmpty(SiteError):
    """The output directory holds files that `publish-site` did not write."""


@dataclass(frozen=True)
class Summary:
    pages: int
    files: int
    bytes: int


@dataclass
class Fetched:
    content: bytes
    content_type: str
    filename: str | None
    url_name: str | None


@dataclass
class _Site:
    fetched: dict[str, Fetched] = field(default_factory=dict)  # URL path → answer
    aliases: dict[str, str] = field(default_factory=dict)  # redirected path → its target
    broken: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)


def publish_site(
    outdir: Path, *, base_url: str | None = None, interface_language: str | None = None
) -> Summary:
    """Render the public side and write it into `outdir`, replacing an earlier copy; the
    pages' own wording (navigation, headings) in `interface_language` (default LANGUAGE_CODE).

    Raises OutputNotEmpty for a directory with other files (or a file at that path); nothing
    is removed or written before every page has been rendered."""
    check_output(outdir)
    files = build_site(
        base_url=base_url or settings.SITE_URL or "http://localhost/",
        interface_language=interface_language or settings.LANGUAGE_CODE,
    )
    return write_site(outdir, files)


def check_output(outdir: Path) -> None:
    if outdir.exists() and not outdir.is_dir():
        raise OutputNotEmpty(f"{outdir} is not a directory.")
    if outdir.is_dir() and any(outdir.iterdir()) and not (outdir / MARKER).is_file():
        raise OutputNotEmpty(
            f"{outdir} is not empty and was not written by publish-site ({MARKER} missing); "
            "give an empty or new directory."
        )


def write_site(outdir: Path, files: dict[str, bytes]) -> Summary:
    check_output(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    for child in outdir.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    # The marker first: a run that fails half-way leaves a directory the next run may empty.
    (outdir / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    for name, data in files.items():
        target = outdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return Summary(
        pages=sum(1 for name in files if name.endswith(".html")),
        files=len(files),
        bytes=sum(len(data) for data in files.values()),
    )


def build_site(*, base_url: str, interface_language: str) -> dict[str, bytes]:
    """Every file of the static copy, by its path relative to the output directory."""
    if interface_language not in dict(settings.LANGUAGES):
        choices = ", ".join(code for code, _name in settings.LANGUAGES)
        raise SiteError(f"No interface language {interface_language!r}; choose one of {choices}.")
    builder = _Builder(base_url, interface_language=interface_language)
    # The language cookie sets the interface language only: the bare statement URL still
    # shows the original text, as it does for a reader who sends no Accept-Language.
    builder.client.cookies[settings.LANGUAGE_COOKIE_NAME] = interface_language
    _build_documents()
    saved_prefix = get_script_prefix()
    try:
        set_script_prefix("/")
        seeds = _seeds()  # URL paths as the views see them (without the site's own path)
        # The test client does not set the script prefix as a WSGI server does: reverse()
        # and {% url %} then give the addresses under the site's path on its host.
        set_script_prefix(builder.prefix + "/")
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, builder.host]):
            builder.crawl(seeds)
    finally:
        set_script_prefix(saved_prefix)
    for warning in builder.site.warnings:
        print(f"publish-site: {warning}", file=sys.stderr)
    with override(interface_language):
        return builder.files()


def _build_documents() -> None:
    """Every download, built into the cache now, so the pages queue no background builds."""
    for listed in public_statements():
        statement = get_public_statement(listed.document_id)
        for language in newest_versions(statement):
            document = build_document(statement, version=statement.current_version(language))
            for kind in FORMATS:
                document_file(document, kind)


def _seeds() -> list[str]:
    seeds = [reverse("publishing:home"), reverse("publishing:statements")]
    seeds.append(reverse("feeds:statements"))
    for listed in public_statements():
        statement = get_public_statement(listed.document_id)
        document_id = statement.document_id
        seeds.append(reverse("publishing:statement", args=[document_id]))
        listed = listed_languages(statement)
        for language in newest_versions(statement):
            seeds.append(reverse("publishing:statement_language", args=[document_id, language]))
            if language in listed:  # the list's pages and the numbers by country
                seeds.append(reverse("cosigners:people", args=[document_id, language]))
        seeds.append(reverse("publishing:statement_record", args=[document_id]))
        seeds.append(reverse("feeds:signatories", args=[document_id]))
    return seeds


class _Builder:
    def __init__(self, base_url: str, *, interface_language: str = "en") -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SiteError(f"The base URL must be an http(s) URL, not {base_url!r}.")
        self.secure = parts.scheme == "https"
        self.host = parts.hostname
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.prefix = parts.path.rstrip("/")  # the site's path on its host, if any
        self.base = self.origin + self.prefix + "/"
        self.live = (getattr(settings, "SITE_URL", "") or "").rstrip("/")
        port = parts.port or (443 if self.secure else 80)
        self.client = Client(HTTP_HOST=parts.netloc, SERVER_NAME=self.host, SERVER_PORT=str(port))
        if self.prefix:
            self.client.defaults["SCRIPT_NAME"] = self.prefix
        static_url = settings.STATIC_URL or "/static/"
        self.static_path = (
            None if urlsplit(static_url).netloc else "/" + static_url.strip("/") + "/"
        )
        self.site = _Site()
        self._outputs: dict[str, str] | None = None

    # Which URL paths the static copy holds.

    def internal_path(self, value: str) -> tuple[str, str, str] | None:
        """(path, query, fragment) of a link into this site (given as "/…"), else None."""
        if value.startswith(self.origin + self.prefix + "/"):
            value = value[len(self.origin) :]
        elif not value.startswith("/") or value.startswith("//"):
            return None
        parts = urlsplit(value)
        path = parts.path
        if self.prefix:
            if not (path == self.prefix or path.startswith(self.prefix + "/")):
                return None
            path = path[len(self.prefix) :] or "/"
        return path, parts.query, parts.fragment

    def is_public(self, path: str) -> bool:
        if self.static_path and path.startswith(self.static_path):
            return True
        try:
            match = resolve(path)
        except Resolver404:
            return False
        return match.namespace in PUBLIC_NAMESPACES or match.view_name in PUBLIC_VIEWS

    # Phase 1: render every page and what it links to.

    def crawl(self, seeds: list[str]) -> None:
        queue = deque(seeds)
        seen = set(seeds)
        while queue:
            path = queue.popleft()
            fetched = self.fetch(path)
            if fetched is None:
                continue
            target = self.site.aliases.get(path)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
            if fetched is not True and fetched.content_type == "text/html":
                for _name, value in _ATTRIBUTE.findall(fetched.content.decode("utf-8")):
                    internal = self.internal_path(html.unescape(value))
                    if internal and self.is_public(internal[0]) and internal[0] not in seen:
                        seen.add(internal[0])
                        queue.append(internal[0])

    def fetch(self, path: str) -> Fetched | bool | None:
        response = self.client.get(path, secure=self.secure)
        # Reading a streamed answer to its end closes it (the test client's wrapper does so
        # without closing the database connection); other answers are closed already.
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code in (301, 302, 307, 308):
            internal = self.internal_path(response["Location"])
            if internal and self.is_public(internal[0]):
                self.site.aliases[path] = internal[0]
                return True
        if response.status_code != 200:
            return self._static_fallback(path) or self._broken(path, response.status_code)
        content_type = response.get("Content-Type", "application/octet-stream")
        _value, params = parse_header_parameters(response.get("Content-Disposition", ""))
        try:
            url_name = resolve(path).url_name
        except Resolver404:
            url_name = None
        fetched = Fetched(
            content=content,
            content_type=content_type.split(";")[0].strip().lower(),
            filename=params.get("filename"),
            url_name=url_name,
        )
        self.site.fetched[path] = fetched
        return fetched

    def _static_fallback(self, path: str) -> Fetched | None:
        """A static file the server did not answer for (not collected): from the finders."""
        if not (self.static_path and path.startswith(self.static_path)):
            return None
        found = finders.find(unquote(path[len(self.static_path) :]))
        if not found:
            return None
        fetched = Fetched(Path(found).read_bytes(), "application/octet-stream", None, None)
        self.site.fetched[path] = fetched
        return fetched

    def _broken(self, path: str, status: int) -> None:
        self.site.broken.add(path)
        self.site.warnings.append(f"{path} answered {status}; links to it are dropped.")

    # Phase 2: where each answer is written, and the pages with their links rewritten.

    def outputs(self) -> dict[str, str]:
        if self._outputs is None:
            outputs = {path: _output_name(path, f) for path, f in self.site.fetched.items()}
            for alias, target in self.site.aliases.items():
                while target in self.site.aliases:
                    target = self.site.aliases[target]
                if target in outputs:
                    outputs[alias] = outputs[target]
            self._outputs = outputs
        return self._outputs

    def files(self) -> dict[str, bytes]:
        files: dict[str, bytes] = {}
        for path, fetched in self.site.fetched.items():
            name = self.outputs()[path]
            if name in files:
                continue
            content = fetched.content
            if fetched.content_type == "text/html":
                content = self.rewrite_page(content.decode("utf-8"), name).encode("utf-8")
            elif fetched.content_type == "application/atom+xml":
                content = self.rewrite_absolute(content.decode("utf-8")).encode("utf-8")
            files[name] = content
        return files

    def rewrite_page(self, text: str, name: str) -> str:
        text = _LANGUAGE_CHOOSER.sub("", text)
        text = _FORM.sub(self._rewrite_form, text)
        text = _ANCHOR.sub(lambda m: self._rewrite_anchor(m), text)
        text = self.rewrite_absolute(text)
        return _ATTRIBUTE.sub(lambda m: self._rewrite_attribute(m, name), text)

    def _rewrite_form(self, match: re.Match) -> str:
        """A static host answers no form. Signing: a link to the statement's page on the live
        site, where the form is posted from its own origin. A search: sent to the live site.
        Without a live site, neither."""
        attributes = match.group(1)
        action = re.search(r'\baction="([^"]*)"', attributes)
        internal = self.internal_path(html.unescape(action.group(1))) if action else None
        if not self.live or internal is None:
            return ""
        path = internal[0]
        if re.search(r'\bmethod="post"', attributes, re.IGNORECASE):
            page = path.removesuffix("sign/") if path.endswith("/sign/") else path
            url = html.escape(self.live + page + "#sign-as-person-heading")
            text = html.escape(_("Add your name on the statement's site"))
            return f'<p class="sign-elsewhere"><a href="{url}">{text}</a></p>'
        live_action = html.escape(self.live + path)
        form = match.group(0)
        return form.replace(action.group(0), f'action="{live_action}"', 1)

    def _rewrite_anchor(self, match: re.Match) -> str:
        """An anchor to a page the copy does not hold: to the live site, else its text only."""
        attributes, inner = match.groups()
        href = re.search(r'\bhref="([^"]*)"', attributes)
        internal = self.internal_path(html.unescape(href.group(1))) if href else None
        if internal is None or internal[0] in self.outputs():
            return match.group(0)
        if self.live and not self.is_public(internal[0]):
            return match.group(0)  # made absolute to the live site by _rewrite_attribute
        return inner

    def _rewrite_attribute(self, match: re.Match, name: str) -> str:
        attribute, value = match.groups()
        internal = self.internal_path(html.unescape(value))
        if internal is None or value.startswith(("http:", "https:")):
            return match.group(0)
        path, query, fragment = internal
        target = self.outputs().get(path)
        if target is None:
            if not self.live or self.is_public(path):
                return ""  # a broken link: no address rather than one that fails
            url = self.live + path + (f"?{query}" if query else "")
            url += f"#{fragment}" if fragment else ""
            return f'{attribute}="{html.escape(url)}"'
        relative = posixpath.relpath(target, posixpath.dirname(name) or ".")
        url = quote(relative, safe="/") + (f"#{quote(fragment, safe='')}" if fragment else "")
        return f'{attribute}="{html.escape(url)}"'

    def rewrite_absolute(self, text: str) -> str:
        """Absolute links to a feed or download (canonical and alternate pages stay as they
        are: a static host serves `<path>/index.html` for them)."""

        def replace(match: re.Match) -> str:
            attribute, value = match.groups()
            internal = self.internal_path(html.unescape(value))
            if internal is None or not value.startswith(self.origin):
                return match.group(0)
            target = self.outputs().get(internal[0])
            if target is None or target == internal[0].lstrip("/") + "index.html":
                return match.group(0)
            return f'{attribute}="{html.escape(self.base + quote(target, safe="/"))}"'

        return _ATTRIBUTE.sub(replace, text)


def _output_name(path: str, fetched: Fetched) -> str:
    """The file a URL path is written to, relative to the output directory."""
    path = unquote(path)
    if fetched.url_name == "statement_download" and fetched.filename:
        # /statements/<id>/<lang>/download/<format>/ → beside the language's page.
        name = path.rstrip("/").rsplit("/", 2)[0] + "/" + fetched.filename
    elif fetched.content_type == "text/html" and path.endswith("/"):
        name = path + "index.html"
    elif fetched.content_type == "application/atom+xml":
        name = path.rstrip("/") + ".atom"
    elif fetched.filename:
        name = path.rstrip("/").rsplit("/", 1)[0] + "/" + fetched.filename
    else:
        name = path
    name = posixpath.normpath(name.lstrip("/"))
    if name.startswith("..") or name in ("", ".") or name.endswith("/"):
        raise SiteError(f"No safe file name for {path!r}: {name!r}.")
    return name
