"""Build undersigned/data/countries.json from the Unicode CLDR.

The continent of each country comes from CLDR's territory containment, which is the UN M49
standard; the names come from every modern CLDR locale, including the "variant" and "short"
alternatives ("Ivory Coast", "Czech Republic", "Turkey") that Babel does not ship.

Get the CLDR JSON packages (by name, from the npm registry) and run:

    npm pack cldr-core cldr-localenames-modern
    tar xzf cldr-core-*.tgz && mv package core
    tar xzf cldr-localenames-modern-*.tgz && mv package names
    python scripts/build_country_data.py core names > undersigned/data/countries.json
"""

import json
import sys
from pathlib import Path

CONTINENTS = {"002": "africa", "019": "americas", "142": "asia", "150": "europe", "009": "oceania"}


def leaves(containment: dict, code: str) -> list[str]:
    children = containment.get(code, {}).get("_contains", [])
    found = []
    for child in children:
        if child.isalpha() and len(child) == 2:
            found.append(child)
        else:
            found.extend(leaves(containment, child))
    return found


def main(core: Path, names: Path) -> None:
    supplemental = json.loads((core / "supplemental/territoryContainment.json").read_text())
    containment = {
        key: value
        for key, value in supplemental["supplemental"]["territoryContainment"].items()
        if "-status-" not in key
    }
    continent_of = {}
    for m49, continent in CONTINENTS.items():
        for code in leaves(containment, m49):
            continent_of.setdefault(code, continent)

    all_names: dict[str, set[str]] = {code: set() for code in continent_of}
    cldr_version = json.loads((core / "package.json").read_text())["version"]
    for locale_dir in sorted((names / "main").iterdir()):
        path = locale_dir / "territories.json"
        if not path.exists():
            continue
        data = json.loads(path.read_text())["main"][locale_dir.name]
        territories = data["localeDisplayNames"]["territories"]
        for key, value in territories.items():
            code = key.split("-alt-")[0]
            if code in all_names:
                all_names[code].add(value)

    out = {
        "source": f"Unicode CLDR {cldr_version} (territory containment = UN M49; modern locales)",
        "countries": {
            code: {"continent": continent_of[code], "names": sorted(all_names[code])}
            for code in sorted(continent_of)
        },
    }
    json.dump(out, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
