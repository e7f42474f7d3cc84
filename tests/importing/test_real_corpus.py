"""The real corpus (tests/fixtures/import/real/): documents written by others, each with a
truth file written by hand and its source named. Its measures are printed by `make
bench-import`; here, that the corpus is what docs/import.md says it is, that every file
reads, and a floor under the entries' F1 so that a change that breaks the world fails."""

import json
import sys
from pathlib import Path

import pytest

from undersigned.importing.parsers import parse_file

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "fixtures" / "import" / "real"
TRUTHS = sorted(REAL.glob("*.truth.json"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from import_bench import Score, documents, score  # noqa: E402

pytestmark = pytest.mark.database_free

NON_LATIN = {"ru", "uk", "el", "ar", "he", "zh", "ja", "ko", "bg", "sr"}


def truth(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def test_the_corpus_has_forty_documents_in_five_languages_and_1500_entries():
    data = [truth(path) for path in TRUTHS]
    languages = {item["language"] for item in data}
    assert len(data) >= 40
    assert sum(len(item["signatories"]) for item in data) >= 1500
    assert len(languages) >= 5
    assert "de" in languages and languages & NON_LATIN


@pytest.mark.parametrize("path", TRUTHS, ids=lambda path: path.name.split(".")[0])
def test_a_truth_file_names_its_source_and_numbers_its_entries(path):
    item = truth(path)
    assert item["schema"] == "undersigned.import-truth/1"
    assert item["source"]["repository"] and item["source"]["path"]
    assert [entry["position"] for entry in item["signatories"]] == list(
        range(1, len(item["signatories"]) + 1)
    )
    assert item["has_list"] == bool(item["signatories"])
    # a round of held-out documents is measured apart: it must say it is held out
    if "held_out_round" in item:
        assert item["held_out"] is True and isinstance(item["held_out_round"], int)
    for entry in item["signatories"]:
        assert entry["kind"] in ("organization", "person")
        assert entry["name"].strip() == entry["name"] and entry["name"]
        assert entry["country"] is None or len(entry["country"]) == 2
    stem = path.name.removesuffix(".truth.json")
    assert [p for p in REAL.glob(f"{stem}.*") if not p.name.endswith(".json")]
    # a file whose format lost what the document's other files carry says so, and why
    for name, differs in item.get("files", {}).items():
        assert name.startswith(f"{stem}.") and (REAL / name).is_file()
        assert differs["why"] and set(differs) - {"why"} <= {"title", "date"}


def test_every_document_of_the_real_corpus_reads_and_the_entries_f1_stays_above_its_floor():
    total = Score()
    for path, item, _ in documents(real=True):
        result = parse_file(path, source=path.name).to_dict()
        total.add(score(item, result))
    # measured 0.973 when raised to 0.96 (0.925 at first, 0.95 at 0.967), then 0.956 once the
    # eighth held-out round joined untuned, 0.974 with it tuned on when raised back to 0.96;
    # 0.941 once the tenth and eleventh rounds joined untuned, 0.975 with them tuned on when
    # raised to 0.965; 0.962 once the twelfth round joined untuned, 0.974 with it tuned on
    # (kept at 0.965); 0.967 with the eighteenth round in it, tuned on; 0.974 once the
    # twentieth round joined untuned, 0.977 with it tuned on when raised to 0.97;
    # docs/import.md has the history
    assert total.f1 >= 0.97, f"entries F1 {total.f1:.3f} over {total.documents} files"
