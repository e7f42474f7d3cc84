"""Classes of documents the ninth round of import work reads, one test each, on small texts
written here (not on the corpus, which measures them)."""

from undersigned.importing.parsers import parse_bytes

BODY = (
    "Wir fordern den Bundestag auf, den Gesetzentwurf in dieser Form nicht zu beschließen, "
    "weil er die Meinungsfreiheit und die Pressefreiheit im Netz gefährdet."
)


def test_a_run_of_organizations_is_cut_at_their_legal_forms():
    # a Markdown list whose soft breaks the site joined: the page shows one run of names
    html = (
        f"<html><body><h1>Gemeinsame Erklärung</h1><p>{BODY}</p>"
        "<p>Unterzeichnet haben:\n"
        "Naturfreunde Stiftung\n"
        "Bifo – Bundesverband Freier Onlinemedien e.V.\n"
        "VDL – Verband Digitaler Lernorte e.V.\n"
        "Förderverein Offene Daten (FOD) e. V.\n"
        "Netzwerk Bürgerrechte e. V. (NBR)\n"
        "kipo – Verein für Kinderpolitik e. V.\n"
        "Freie Werkstatt gGmbH\n"
        "Lesekreis Nord e.V.</p></body></html>"
    )
    result = parse_bytes(html.encode(), "erklaerung.html")
    assert [(e.abbreviation, e.name) for e in result.signatories] == [
        (None, "Naturfreunde Stiftung"),
        ("Bifo", "Bundesverband Freier Onlinemedien e.V."),
        ("VDL", "Verband Digitaler Lernorte e.V."),
        ("FOD", "Förderverein Offene Daten e. V."),
        ("NBR", "Netzwerk Bürgerrechte e. V."),
        ("kipo", "Verein für Kinderpolitik e. V."),
        (None, "Freie Werkstatt gGmbH"),
        (None, "Lesekreis Nord e.V."),
    ]


def test_a_run_of_people_is_cut_at_their_titles_and_names():
    html = (
        f"<html><body><h1>Gemeinsame Erklärung</h1><p>{BODY}</p>"
        "<p>Unterzeichnet haben:\n"
        "Dr. Anna Berger, Referentin, Universität zu Kiel\n"
        "Paul Weiss, Rechtsanwalt\n"
        "Prof. Dr. Lena Vogt, Soziologin\n"
        "Prof. Ralf Ostermann, Historiker\n"
        "Jonas Keller, Journalist\n"
        "Dr. Mira Sand, Ärztin</p></body></html>"
    )
    result = parse_bytes(html.encode(), "erklaerung.html")
    assert [(e.title, e.name) for e in result.signatories] == [
        ("Dr.", "Anna Berger"),
        (None, "Paul Weiss"),
        ("Prof. Dr.", "Lena Vogt"),
        ("Prof.", "Ralf Ostermann"),
        (None, "Jonas Keller"),
        ("Dr.", "Mira Sand"),
    ]
    assert {e.kind for e in result.signatories} == {"person"}


def test_local_groups_named_in_one_sentence_are_a_list_of_organizations():
    # the towns of an organization's local groups, written as a sentence over soft breaks
    text = (
        "# Open letter of the local groups\n\n"
        "We call on the council to stop the new motorway and to fund the railway lines it "
        "has promised for ten years, before the next budget is adopted.\n\n"
        "Trains, not lanes!\n\n"
        "The Clean Air Now local groups Leeds, York, Hull, Bradford,\n"
        "Sheffield, Whitby, Scarborough Bay and Ripon.\n"
    )
    result = parse_bytes(text.encode(), "letter.md")
    towns = ["Leeds", "York", "Hull", "Bradford", "Sheffield", "Whitby", "Scarborough Bay", "Ripon"]
    assert [e.name for e in result.signatories] == [f"Clean Air Now {town}" for town in towns]
    assert {e.kind for e in result.signatories} == {"organization"}
