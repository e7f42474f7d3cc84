"""Import quality and speed over the corpus; prints numbers, asserts nothing.

Run from the repository root: .venv/bin/python benchmarks/import_bench.py
Needs no database: the parsers are pure.
"""

import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from undersigned.importing.parsers import parse_file  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "import"
SEED = ROOT / "tests" / "fixtures" / "seed" / "ICOR00359.txt"
FIELDS = ("abbreviation", "name", "translation", "country", "affiliation")


def key(entry: dict) -> tuple[str, str]:
    """Entries match by (name, abbreviation), whitespace normalized, wherever they stand."""
    return (" ".join(entry["name"].split()), " ".join((entry["abbreviation"] or "").split()))


def timed(path: Path) -> tuple[dict, float]:
    start = time.perf_counter()
    result = parse_file(path, source=path.name).to_dict()
    return result, time.perf_counter() - start


def corpus() -> list[tuple[Path, dict]]:
    pairs = []
    for expected in sorted(CORPUS.glob("*.expected.json")):
        stem = expected.name.removesuffix(".expected.json")
        (source,) = [p for p in CORPUS.iterdir() if p.stem == stem and p.suffix != ".json"]
        pairs.append((source, json.loads(expected.read_text("utf-8"))))
    return pairs


def statements_pdf(pages: int, directory: Path) -> Path:
    """A long PDF typeset by Typst: statements with numbered lists and a running footer."""
    import typst

    paragraph = (
        "The undersigned organizations condemn the repression of the strike and call for "
        "international solidarity with the workers and their unions in every country. "
    ) * 4
    source = [
        '#set page(paper: "a4", footer: context [Bench statement #here().page() / '
        "#counter(page).final().first()])",
        "#set par(justify: true)",
    ]
    for number in range(pages):
        source.append(f"= Statement {number + 1}\n\n{paragraph}\n\n{paragraph}\n")
        source.append("\n".join(f"+ Organization {n} of the Workers" for n in range(1, 12)))
        source.append("#pagebreak()")
    path = directory / "statements.pdf"
    path.write_bytes(typst.compile("\n".join(source).encode("utf-8")))
    return path


def main() -> None:
    true_positives = expected_total = found_total = 0
    field_right: Counter[str] = Counter()
    field_total: Counter[str] = Counter()
    print(f"{'document':28} {'seconds':>8}  entries expected/found")
    for source, expected in corpus():
        result, seconds = timed(source)
        wanted = {key(entry): entry for entry in expected["signatories"]}
        found = {key(entry): entry for entry in result["signatories"]}
        matched = wanted.keys() & found.keys()
        true_positives += len(matched)
        expected_total += len(wanted)
        found_total += len(found)
        for name in matched:
            for field in FIELDS:
                field_total[field] += 1
                field_right[field] += wanted[name][field] == found[name][field]
        for field in ("title", "kind", "document_id", "version", "language", "date", "as_of"):
            field_total[field] += 1
            field_right[field] += expected[field] == result[field]
        field_total["body"] += 1
        field_right["body"] += expected["body"] == result["body"]
        print(f"{source.name:28} {seconds:8.3f}  {len(wanted)}/{len(found)}")
    precision = true_positives / found_total if found_total else 1.0
    recall = true_positives / expected_total if expected_total else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"\nentries: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print("field accuracy:")
    for field in field_total:
        print(f"  {field:20} {field_right[field] / field_total[field]:.3f}  ({field_total[field]})")

    result, seconds = timed(SEED)
    print(f"\nexample ICOR00359: {seconds:.3f} s, {len(result['signatories'])} entries")
    with tempfile.TemporaryDirectory() as directory:
        start = time.perf_counter()
        path = statements_pdf(300, Path(directory))
        made = time.perf_counter() - start
        result, seconds = timed(path)
        print(f"synthetic 300-page PDF: typeset in {made:.1f} s, parsed in {seconds:.1f} s")


if __name__ == "__main__":
    main()
