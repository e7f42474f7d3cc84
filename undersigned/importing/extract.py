"""Format readers: a file's bytes -> `ExtractedText`. The format is told by the content
(magic bytes), not by the extension. Heavy libraries are imported inside the reader that
needs them, so the web process starts fast."""

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections import Counter
from itertools import pairwise
from pathlib import Path

from undersigned.importing.result import ExtractedText

MAX_FILE_SIZE = 100 * 1024 * 1024
MAX_UNPACKED_SIZE = 200 * 1024 * 1024  # all members of a DOCX/ODT together
MAX_RATIO = 200  # compression ratio beyond which a member is a bomb, not a document
FORMATS = ("txt", "md", "html", "pdf", "docx", "odt", "doc")
_EXTENSIONS = {"htm": "html", "markdown": "md", "text": "txt"}


class UnusableInput(Exception):
    """The file cannot be read as a statement; the message says why in one line."""


def read_file(path: Path) -> ExtractedText:
    """Extract the text of a file, checking its size before reading it."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UnusableInput(f"cannot read {path}: {error.strerror}") from error
    if size > MAX_FILE_SIZE:
        raise UnusableInput(f"{path.name} is {size // 2**20} MB; the limit is 100 MB")
    return extract(path.read_bytes(), path.name)


def extract(data: bytes, filename: str) -> ExtractedText:
    """Extract the text of a document given as bytes."""
    if not data.strip():
        raise UnusableInput(f"{filename} is empty")
    found = detect_format(data)
    extension = _EXTENSIONS.get(Path(filename).suffix.lower().lstrip("."))
    extension = extension or Path(filename).suffix.lower().lstrip(".")
    result = _READERS[found](data)
    text_like = {"txt", "md"}
    if extension and extension != found and not {extension, found} <= text_like:
        result.warnings.insert(
            0, f"{filename} is a {found.upper()} document, not {extension.upper()}; read as {found}"
        )
    return result


def detect_format(data: bytes) -> str:
    """The format by content: PDF, ZIP (DOCX or ODT), OLE2 (legacy Word), else text."""
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile as error:
            raise UnusableInput("a damaged ZIP archive, neither DOCX nor ODT") from error
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names:
            return "odt"
        raise UnusableInput("a ZIP archive that is neither a DOCX nor an ODT document")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "doc"
    text = _decode(data)
    if re.search(r"<(?:html|body|p|h1|div|table|ol)\b", text[:5000], re.IGNORECASE):
        return "html"
    if re.search(r"(?m)^#{1,6} \S", text):
        return "md"
    return "txt"


def _decode(data: bytes) -> str:
    """Text in whatever encoding it was saved in; a BOM is no part of the first word."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnusableInput("binary data, not a document this importer reads")
    return str(best)


def _read_text(data: bytes) -> ExtractedText:
    text = _decode(data)
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\n\r\t\f")
    if controls > max(8, len(text) // 100) or "\ufffd" * 4 in text:
        raise UnusableInput("binary data, not a document this importer reads")
    return ExtractedText(text=text, format="md" if re.search(r"(?m)^#{1,6} \S", text) else "txt")


def _read_html(data: bytes) -> ExtractedText:
    import lxml.html

    try:
        root = lxml.html.document_fromstring(_decode(data))
    except Exception as error:  # lxml raises several types for markup it cannot repair
        raise UnusableInput(f"HTML that cannot be read: {error}") from error
    for element in root.xpath("//script|//style|//nav|//head"):
        element.drop_tree()
    blocks: list[str] = []
    _html_blocks(root.find("body") if root.find("body") is not None else root, blocks)
    return ExtractedText(text="\n\n".join(blocks), format="html")


def _html_blocks(element, blocks: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if re.fullmatch(r"h[1-6]", tag):
        blocks.append("#" * int(tag[1]) + " " + _inline_text(element))
    elif tag == "p":
        blocks.append(_inline_text(element))
    elif tag in ("ol", "ul"):
        start = int(element.get("start", "1")) if element.get("start", "1").isdigit() else 1
        items = [child for child in element if child.tag == "li"]
        marks = [f"{start + i}. " if tag == "ol" else "- " for i in range(len(items))]
        blocks.append(
            "\n".join(mark + _inline_text(li) for mark, li in zip(marks, items, strict=True))
        )
    elif tag == "table":
        rows = element.xpath(".//tr")
        cells = ["\t".join(_inline_text(cell) for cell in row.xpath("./th|./td")) for row in rows]
        blocks.append("\n".join(cells))
    else:
        if element.text and element.text.strip() and tag not in ("body", "html"):
            blocks.append(element.text.strip())
        for child in element:
            _html_blocks(child, blocks)
            if child.tail and child.tail.strip():
                blocks.append(child.tail.strip())


def _inline_text(element) -> str:
    for br in element.xpath(".//br"):
        br.tail = "\n" + (br.tail or "")
    return "\n".join(" ".join(line.split()) for line in element.text_content().split("\n")).strip()


def _check_archive(data: bytes) -> zipfile.ZipFile:
    """Refuse a ZIP whose declared sizes or ratios are those of a bomb, before unpacking."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    total = 0
    for member in archive.infolist():
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_UNPACKED_SIZE or (member.file_size > 10 * 2**20 and ratio > MAX_RATIO):
            raise UnusableInput("a ZIP bomb: it would unpack to far more than a document needs")
    return archive


def _read_docx(data: bytes) -> ExtractedText:
    _check_archive(data)
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many types for broken packages
        raise UnusableInput(f"a damaged DOCX document: {error}") from error
    numbering = _DocxNumbering(document)
    blocks: list[str] = []
    previous_item = False
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            table = docx.table.Table(child, document)
            rows = ["\t".join(cell.text.strip() for cell in row.cells) for row in table.rows]
            blocks.append("\n".join(rows))
            previous_item = False
        elif child.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(child, document)
            text = paragraph.text.strip()
            if not text:
                continue
            mark = numbering.mark(paragraph)
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            level = re.match(r"(?:Heading|Überschrift) (\d)", style)
            if style == "Title" or level:
                text = "#" * (int(level.group(1)) if level else 1) + " " + text
            if mark and previous_item:
                blocks[-1] += "\n" + mark + text
            else:
                blocks.append(mark + text)
            previous_item = bool(mark)
    return ExtractedText(text="\n\n".join(blocks), format="docx")


class _DocxNumbering:
    """Word's automatic list numbers, which are not in the paragraph text: read from the
    paragraph's numPr (or its style's) and the numbering part's level definitions."""

    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {}
        for node in root.findall(qn("w:abstractNum")):
            abstract[node.get(qn("w:abstractNumId"))] = node
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            node = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            for level in node.findall(qn("w:lvl")) if node is not None else []:
                key = (num.get(qn("w:numId")), int(level.get(qn("w:ilvl"), "0")))
                self.levels[key] = (
                    self._val(level, "w:numFmt", "decimal"),
                    self._val(level, "w:lvlText", "%1."),
                    int(self._val(level, "w:start", "1")),
                )

    def _val(self, node, tag: str, default: str) -> str:
        child = node.find(self.qn(tag))
        return child.get(self.qn("w:val"), default) if child is not None else default

    def mark(self, paragraph) -> str:
        qn = self.qn
        properties = paragraph._p.pPr
        num_pr = properties.find(qn("w:numPr")) if properties is not None else None
        if num_pr is None and paragraph.style is not None:
            style_pr = paragraph.style.element.pPr
            num_pr = style_pr.find(qn("w:numPr")) if style_pr is not None else None
        if num_pr is None:
            return ""
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        num = num_id.get(qn("w:val")) if num_id is not None else None
        level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
        if num is None or (num, level) not in self.levels:
            return ""
        fmt, text, start = self.levels[(num, level)]
        counters = self.counters.setdefault(num, {})
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]  # a higher level restarts the levels below it
        if fmt == "bullet":
            return "- "
        for index in range(level + 1):
            value = counters.get(index, self.levels.get((num, index), ("", "", 1))[2])
            text = text.replace(f"%{index + 1}", _format_number(value, fmt))
        return text.strip() + " "


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        numerals = (
            (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
        )  # fmt: skip
        roman = ""
        for amount, numeral in numerals:
            while value >= amount:
                roman, value = roman + numeral, value - amount
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


def _read_odt(data: bytes) -> ExtractedText:
    _check_archive(data)
    from odf import opendocument, teletype
    from odf.namespaces import TABLENS, TEXTNS

    try:
        document = opendocument.load(io.BytesIO(data))
    except Exception as error:  # odfpy raises XML and KeyError types for broken files
        raise UnusableInput(f"a damaged ODT document: {error}") from error
    blocks: list[str] = []

    def walk(node, depth: int = 0) -> None:
        for child in node.childNodes:
            qname = getattr(child, "qname", None)
            if qname == (TEXTNS, "h"):
                level = int(child.getAttribute("outlinelevel") or 1)
                blocks.append("#" * level + " " + teletype.extractText(child).strip())
            elif qname == (TEXTNS, "p"):
                if text := teletype.extractText(child).strip():
                    blocks.append(text)
            elif qname == (TEXTNS, "list"):
                numbered = _odt_list_numbered(document, child.getAttribute("stylename"))
                items = [item for item in child.childNodes if item.qname == (TEXTNS, "list-item")]
                lines = []
                for index, item in enumerate(items, start=1):
                    text = " ".join(teletype.extractText(p).strip() for p in item.childNodes)
                    lines.append((f"{index}. " if numbered else "- ") + text.strip())
                blocks.append("\n".join(lines))
            elif qname == (TABLENS, "table"):
                rows = []
                for row in child.getElementsByType(_odt_type("TableRow")):
                    cells = row.getElementsByType(_odt_type("TableCell"))
                    rows.append("\t".join(teletype.extractText(c).strip() for c in cells))
                blocks.append("\n".join(rows))
            elif getattr(child, "childNodes", None):
                walk(child, depth + 1)

    walk(document.text)
    return ExtractedText(text="\n\n".join(blocks), format="odt")


def _odt_type(name: str):
    from odf import table

    return getattr(table, name)


def _odt_list_numbered(document, style_name: str) -> bool:
    from odf.namespaces import TEXTNS

    for styles in (document.automaticstyles, document.styles):
        for style in styles.childNodes:
            if style.qname == (TEXTNS, "list-style") and style.getAttribute("name") == style_name:
                first = next(iter(style.childNodes), None)
                return first is not None and first.qname == (TEXTNS, "list-level-style-number")
    return False


def _read_pdf(data: bytes) -> ExtractedText:
    import pypdfium2 as pdfium
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnusableInput("an encrypted PDF; save it without a password first")
    except (PdfReadError, ValueError, OSError) as error:
        raise UnusableInput(f"a damaged PDF: {error}") from error
    except Exception as error:  # pypdf raises further types for other damage
        if isinstance(error, UnusableInput):
            raise
        raise UnusableInput(f"a damaged or unreadable PDF: {error}") from error
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise UnusableInput(f"a damaged PDF: {error}") from error
    try:
        pages = [_pdf_lines(_pdf_words(document[index])) for index in range(len(document))]
    except pdfium.PdfiumError as error:
        raise UnusableInput(f"a damaged PDF: {error}") from error
    finally:
        document.close()
    if not any(pages):
        raise UnusableInput("a PDF without a text layer (a scan?); run OCR on it first")
    furniture = _running_lines(pages)
    out: list[str] = []
    removed: list[str] = []
    for lines in pages:
        kept = []
        for index, (text, gap) in enumerate(lines):
            at_edge = index < _EDGE or index >= len(lines) - _EDGE
            if at_edge and _digitless(text) in furniture:
                removed.append(text)
            else:
                kept.append((text, gap))
        if out and kept and out[-1] and out[-1][-1] in ".!?:;)":
            out.append("")  # a page ending with a full sentence ends the paragraph too
        for text, gap in kept:
            if gap and out and out[-1]:
                out.append("")
            out.append(text)
    return ExtractedText(text="\n".join(out), format="pdf", furniture=removed)


_EDGE = 2  # lines at a page's top and bottom that may be running headers or footers


def _digitless(text: str) -> str:
    """'… 1 / 3' and '… 2 / 3' are the same running line."""
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _running_lines(pages: list[list[tuple[str, bool]]]) -> set[str]:
    """Headers and footers: lines at a page's top or bottom that repeat on most pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_digitless(text) for text, _ in lines[:_EDGE] + lines[-_EDGE:]})
    needed = max(2, (len(pages) + 1) // 2)
    return {text for text, count in counts.items() if count >= needed}


_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬅ": "st", "ﬆ": "st"}
_HYPHENS = {"\x02": "-"}  # PDFium marks a hyphen at a line end so
_TOLERANCE = 3  # points: chars farther apart than this are two words, tops farther two lines


def _pdf_words(page) -> list[dict]:
    """The page's words with their positions, as pdfplumber's `extract_words` finds them
    (same tolerances, split where the font size changes), read by PDFium: a C library, about
    ten times faster than pdfminer's pure-Python interpreter on long documents.

    Each char is placed by its origin and advance, its top from the baseline as pdfminer does
    (baseline + font descent + size), so line spacing and tab stops measure the same."""
    import ctypes

    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    height = page.get_height()
    box, x, y, descent = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double(), ctypes.c_float()
    chars: list[tuple[str, float, float, float, float]] = []
    font_key = None
    try:
        handle = textpage.raw
        for index in range(raw.FPDFText_CountChars(handle)):
            if raw.FPDFText_IsGenerated(handle, index):
                continue  # a space or line break PDFium inferred; gaps are measured below
            text = chr(raw.FPDFText_GetUnicode(handle, index))
            size = raw.FPDFText_GetFontSize(handle, index)
            raw.FPDFText_GetCharOrigin(handle, index, x, y)
            raw.FPDFText_GetLooseCharBox(handle, index, box)
            text_object = raw.FPDFText_GetTextObject(handle, index)
            key = (ctypes.cast(text_object, ctypes.c_void_p).value, size)
            if key != font_key:
                font_key, descent.value = key, 0.0
                font = raw.FPDFTextObj_GetFont(text_object) if text_object else None
                if font:
                    raw.FPDFFont_GetDescent(font, ctypes.c_float(size), descent)
            top = height - (y.value + descent.value + size)
            text = _HYPHENS.get(text) or _LIGATURES.get(text, text)
            chars.append((text, x.value, max(box.right, x.value), top, size))
    finally:
        textpage.close()
    words: list[dict] = []
    start = 0
    for end in range(1, len(chars) + 1):
        if end == len(chars) or chars[end][4] != chars[start][4]:
            words.extend(_chars_to_words(chars[start:end]))
            start = end
    return words


def _chars_to_words(chars: list[tuple[str, float, float, float, float]]) -> list[dict]:
    """Chars of one font size -> words: clustered into lines by top, sorted left to right, cut
    at blanks and at gaps wider than the tolerance (pdfplumber's rules)."""
    lines: list[list[tuple[str, float, float, float, float]]] = []
    last = None
    for char in sorted(chars, key=lambda c: c[3]):
        if last is None or char[3] > last + _TOLERANCE:
            lines.append([])
        lines[-1].append(char)
        last = char[3]
    words: list[list[tuple[str, float, float, float, float]]] = []
    for line in lines:
        word: list[tuple[str, float, float, float, float]] = []
        for char in sorted(line, key=lambda c: c[1]):
            if char[0].isspace():
                if word:
                    words.append(word)
                word = []
                continue
            if word:
                previous = word[-1]
                if (
                    char[1] < previous[1]
                    or char[1] > previous[2] + _TOLERANCE
                    or abs(char[3] - previous[3]) > _TOLERANCE
                ):
                    words.append(word)
                    word = []
            word.append(char)
        if word:
            words.append(word)
    return [
        {
            "text": "".join(char[0] for char in word),
            "x0": min(char[1] for char in word),
            "x1": max(char[2] for char in word),
            "top": min(char[3] for char in word),
            "size": word[0][4],
        }
        for word in words
    ]


def _pdf_lines(words: list[dict]) -> list[tuple[str, bool]]:
    """The page's lines in reading order, each with whether a paragraph starts there: after
    a gap wider than the usual line spacing, or after a sentence ending short of the right
    margin. A wide gap between words (a tab stop) becomes three spaces."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= word["size"] * 0.4:
            rows[-1].append(word)
        else:
            rows.append([word])
    if not rows:
        return []
    spacing = [b[0]["top"] - a[0]["top"] for a, b in pairwise(rows)]
    usual = sorted(spacing)[len(spacing) // 4] if spacing else 0  # plain line pitch
    right = max(word["x1"] for row in rows for word in row)
    lines: list[tuple[str, bool]] = []
    for index, row in enumerate(rows):
        row.sort(key=lambda w: w["x0"])
        text = row[0]["text"]
        for before, word in pairwise(row):
            wide = word["x0"] - before["x1"] > word["size"] * 0.9
            text += ("   " if wide else " ") + word["text"]
        gap = False
        if index > 0:
            previous = rows[index - 1]
            short = previous[-1]["x1"] < right - 4 * previous[-1]["size"]
            ended = lines[-1][0].endswith((".", "!", "?", ":"))
            gap = spacing[index - 1] > usual * 1.25 or (short and ended)
        lines.append((text, gap))
    return lines


def _read_doc(data: bytes) -> ExtractedText:
    """Legacy Word: converted by LibreOffice where installed, else antiword or catdoc."""
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "input.doc"
        source.write_bytes(data)
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if office:
            command = [office, "--headless", "--convert-to", "docx", "--outdir", directory]
            _run([*command, str(source)])
            converted = Path(directory) / "input.docx"
            if converted.exists():
                result = _read_docx(converted.read_bytes())
                result.format = "doc"
                return result
        for tool in ("antiword", "catdoc"):
            if path := shutil.which(tool):
                output = _run([path, str(source)])
                return ExtractedText(text=output.decode("utf-8", "replace"), format="doc")
    raise UnusableInput(
        "a legacy Word .doc: install LibreOffice (soffice), antiword or catdoc to read it, "
        "or save it as DOCX"
    )


def _run(command: list[str]) -> bytes:
    try:
        done = subprocess.run(command, capture_output=True, timeout=120, check=True)  # noqa: S603
    except (subprocess.SubprocessError, OSError) as error:
        raise UnusableInput(f"{Path(command[0]).name} could not convert the file") from error
    return done.stdout


_READERS = {
    "txt": _read_text,
    "md": _read_text,
    "html": _read_html,
    "pdf": _read_pdf,
    "docx": _read_docx,
    "odt": _read_odt,
    "doc": _read_doc,
}
