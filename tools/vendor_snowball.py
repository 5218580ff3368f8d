"""Writes static/stem-tr.js and static/stem-en.js, the browser's copies of the Snowball
stemmers the build uses (the Python package snowballstemmer, same version).

The search matches a query's stem against the stems the build put in the index, so both
sides must run one algorithm: these files are the JavaScript that Snowball generates from
the same .sbl sources as the Python package.  Snowball emits ES modules that import a base
class by relative path; the site fingerprints asset names, so each language's stemmer and
the base class are joined into one classic script that sets `window.portalStemmer`, and
minified with terser.  Snowball's BSD licence heads each file (static/ publishes only
scripts, styles and data, so the licence travels inside the script).

    snowball/ (the Snowball source at tag v3.1.1):  make snowball && make js
    python tools/vendor_snowball.py SNOWBALL_JS_DIR --terser node_modules/.bin/terser

tests/test_search_stems.py proves the result gives the Python stems on words of the content.
"""
from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

SNOWBALL_VERSION = "3.1.1"  # keep equal to snowballstemmer in requirements.txt
OUT = Path(__file__).resolve().parent.parent / "static"  # every file there is published as an asset
LANGUAGES = {"tr": "turkish", "en": "english"}


def bundle(js_dir: Path, lang: str) -> str:
    base = (js_dir / "base-stemmer.js").read_text(encoding="utf-8")
    own = (js_dir / f"{LANGUAGES[lang]}-stemmer.js").read_text(encoding="utf-8")
    if f"Snowball {SNOWBALL_VERSION}" not in own:
        raise SystemExit(f"{LANGUAGES[lang]}-stemmer.js is not from Snowball {SNOWBALL_VERSION}")
    base = base.replace("export default class BaseStemmer", "class BaseStemmer", 1)
    own = re.sub(r"^import B from '\./base-stemmer\.js'\n", "const B = BaseStemmer;\n", own, count=1, flags=re.M)
    own = own.replace("export default class extends B", "class Stemmer extends B", 1)
    if "export" in base + own or "import " in own:
        raise SystemExit("unexpected module syntax left in the Snowball output")
    return (f"(function () {{\n\"use strict\";\n{base}\n{own}\n"
            f"const stemmer = new Stemmer();\n"
            f"window.portalStemmer = {{ lang: \"{lang}\", stem: function (word) {{ return stemmer.stemWord(word); }} }};\n"
            f"}})();\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("js_dir", type=Path, help="the javascript output folder of a Snowball build")
    parser.add_argument("--terser", required=True, help="the terser command (npm package terser)")
    args = parser.parse_args()
    licence = (args.js_dir.parent / "COPYING").read_text(encoding="utf-8").strip()
    for lang in LANGUAGES:
        source = bundle(args.js_dir, lang)
        minified = subprocess.run([args.terser, "--compress", "--mangle", "--ecma", "2022"], input=source,
                                  capture_output=True, text=True, check=True).stdout
        header = (f"/* Snowball {SNOWBALL_VERSION} {LANGUAGES[lang]} stemmer, generated from {LANGUAGES[lang]}.sbl "
                  f"(https://snowballstem.org/), written by tools/vendor_snowball.py.\n\n{licence}\n*/\n")
        (OUT / f"stem-{lang}.js").write_text(header + minified.strip() + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
