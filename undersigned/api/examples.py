"""Example answers shown in the OpenAPI document and on the API page: real answers of the API
for the example statement ICOR00359, shortened where a text ends in "…" and in the statement's
list of signatories, with the server written as EXAMPLE_SERVER. tests/api/test_docs.py checks
them against the API; `UPDATE_API_EXAMPLES=1 pytest tests/api/test_docs.py` rewrites them."""

EXAMPLE_SERVER = "https://undersigned.example"

EXAMPLES: dict[str, object] = {
    "statements": {
        "count": 1,
        "page": 1,
        "page_size": 10,
        "pages": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "document_id": "ICOR00359",
                "kind": "statement",
                "state": "published",
                "title": "ICOR Statement on the Events in Belarus",
                "language": "en",
                "published_at": "2020-08-13T12:18:00+00:00",
                "signatory_count": 32,
                "links": {
                    "self": "https://undersigned.example/api/v1/statements/ICOR00359/",
                    "html": "https://undersigned.example/statements/ICOR00359/",
                    "versions": "https://undersigned.example/api/v1/statements/ICOR00359/versions/",
                    "translations": "https://undersigned.example/api/v1/statements/ICOR00359/translations/",
                    "signatories": "https://undersigned.example/api/v1/statements/ICOR00359/signatories/",
                    "signatories_feed": "https://undersigned.example/feeds/statements/ICOR00359/signatories/",
                },
            }
        ],
    },
    "statement": {
        "document_id": "ICOR00359",
        "kind": "statement",
        "state": "published",
        "language": "en",
        "version": "05.01",
        "content_hash": "8617ae94dd8467e1e7ae6000ae12882ae2bf13d6fa48ad9149b61630ae5201d6",
        "title": "ICOR Statement on the Events in Belarus",
        "short_title": "ICOR resolution on Belarus",
        "body": "Lukashenko’s bourgeois-reactionary, authoritarian ruling regime in "
        "Belarus also using open terror is characterized by detachment and "
        "alienation from the masses …",
        "published_at": "2020-08-13T12:18:00+00:00",
        "signing_deadline": None,
        "further_signatories_possible": True,
        "open_for_signatures": True,
        "as_of": "2020-09-21",
        "signatories_heading": "Signatories (as of 21 September 2020, further "
        "signatories possible):",
        "signatory_count": 32,
        "signatories": [
            {
                "position": 1,
                "abbreviation": "PCPCI",
                "name": "Parti Communiste Proletarien de Côte d'Ivoire",
                "name_language": "fr",
                "translation": "Proletarian Communist Party of Ivory Coast",
                "country": "CI",
                "country_shown": None,
                "continent": "africa",
                "signed_at": "2020-09-11T18:39:00+00:00",
                "organization_id": 1,
            },
            {
                "position": 2,
                "abbreviation": "ORC",
                "name": "Organisation Révolutionnaire du Congo",
                "name_language": "fr",
                "translation": "Revolutionary Organization of Congo",
                "country": "CD",
                "country_shown": "Democratic Republic of the Congo",
                "continent": "africa",
                "signed_at": "2020-08-20T13:17:00+00:00",
                "organization_id": 1,
            },
        ],
        "versions": [
            {
                "label": "05.00",
                "language": "en",
                "title": "ICOR Statement on the Events in Belarus",
                "short_title": "ICOR resolution on Belarus",
                "content_hash": "2881127fee636233c80065bf33efb2e59610e56af5e9fc7ab9fc457a578ade51",
                "source_label": None,
                "source_language": None,
                "created_at": "2026-11-28T04:34:28.855291+00:00",
                "current": False,
            },
            {
                "label": "05.01",
                "language": "en",
                "title": "ICOR Statement on the Events in Belarus",
                "short_title": "ICOR resolution on Belarus",
                "content_hash": "8617ae94dd8467e1e7ae6000ae12882ae2bf13d6fa48ad9149b61630ae5201d6",
                "source_label": None,
                "source_language": None,
                "created_at": "2026-11-28T04:34:28.862254+00:00",
                "current": True,
            },
        ],
        "translations": [
            {
                "label": "05.01",
                "language": "de",
                "title": "ICOR-Erklärung zu den Ereignissen in Belarus",
                "short_title": "ICOR-Resolution zu Belarus",
                "content_hash": "c9d80110a2c660275ddc13cb41dc2545bfd8734983d733e46b038d1bf0676633",
                "source_label": "05.01",
                "source_language": "en",
                "created_at": "2026-11-28T04:34:28.873285+00:00",
                "current": True,
            }
        ],
        "links": {
            "self": "https://undersigned.example/api/v1/statements/ICOR00359/",
            "html": "https://undersigned.example/statements/ICOR00359/",
            "versions": "https://undersigned.example/api/v1/statements/ICOR00359/versions/",
            "translations": "https://undersigned.example/api/v1/statements/ICOR00359/translations/",
            "signatories": "https://undersigned.example/api/v1/statements/ICOR00359/signatories/",
            "signatories_feed": "https://undersigned.example/feeds/statements/ICOR00359/signatories/",
        },
    },
    "versions": {
        "document_id": "ICOR00359",
        "count": 2,
        "results": [
            {
                "label": "05.00",
                "language": "en",
                "title": "ICOR Statement on the Events in Belarus",
                "short_title": "ICOR resolution on Belarus",
                "content_hash": "2881127fee636233c80065bf33efb2e59610e56af5e9fc7ab9fc457a578ade51",
                "source_label": None,
                "source_language": None,
                "created_at": "2026-11-28T04:34:28.855291+00:00",
                "current": False,
                "body": "Lukashenko’s bourgeois-reactionary, authoritarian ruling "
                "regime in Belarus also using open terror is characterized "
                "by detachment and alienation from the masses …",
            },
            {
                "label": "05.01",
                "language": "en",
                "title": "ICOR Statement on the Events in Belarus",
                "short_title": "ICOR resolution on Belarus",
                "content_hash": "8617ae94dd8467e1e7ae6000ae12882ae2bf13d6fa48ad9149b61630ae5201d6",
                "source_label": None,
                "source_language": None,
                "created_at": "2026-11-28T04:34:28.862254+00:00",
                "current": True,
                "body": "Lukashenko’s bourgeois-reactionary, authoritarian ruling "
                "regime in Belarus also using open terror is characterized "
                "by detachment and alienation from the masses …",
            },
        ],
    },
    "translations": {
        "document_id": "ICOR00359",
        "count": 1,
        "results": [
            {
                "label": "05.01",
                "language": "de",
                "title": "ICOR-Erklärung zu den Ereignissen in Belarus",
                "short_title": "ICOR-Resolution zu Belarus",
                "content_hash": "c9d80110a2c660275ddc13cb41dc2545bfd8734983d733e46b038d1bf0676633",
                "source_label": "05.01",
                "source_language": "en",
                "created_at": "2026-11-28T04:34:28.873285+00:00",
                "current": True,
                "body": "Das bürgerlich-reaktionäre, autoritäre "
                "Herrschaftsregime Lukaschenkos in Belarus, das auch "
                "zu offenem Terror greift, ist durch Loslösung und "
                "Entfremdung von den …",
            }
        ],
    },
    "signatories": {
        "document_id": "ICOR00359",
        "version": "05.01",
        "language": "en",
        "as_of": "2020-09-21",
        "total": 32,
        "count": 1,
        "results": [
            {
                "position": 16,
                "abbreviation": "MLPD",
                "name": "Marxistisch-Leninistische Partei Deutschlands",
                "name_language": "de",
                "translation": "Marxist-Leninist Party of Germany",
                "country": "DE",
                "country_shown": None,
                "continent": "europe",
                "signed_at": "2020-08-14T10:12:00+00:00",
                "organization_id": 1,
            }
        ],
    },
    "organizations": {
        "count": 1,
        "page": 1,
        "page_size": 20,
        "pages": 1,
        "next": None,
        "previous": None,
        "results": [
            {
                "id": 1,
                "abbreviation": "MLPD",
                "name": "Marxistisch-Leninistische Partei Deutschlands",
                "name_language": "de",
                "translations": {"en": "Marxist-Leninist Party of Germany"},
                "country": "DE",
                "continent": "europe",
                "website": None,
            }
        ],
    },
}
