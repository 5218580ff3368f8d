"""Mozilla's HTTP Observatory on the host's headers (netlify.toml), scanned on this machine over
HTTPS; writes its grade and score for each kind of response to bench/observatory.md.

    .venv/bin/python bench/observatory.py              # builds the site first
    .venv/bin/python bench/observatory.py --site /tmp/site

See bench/README.md (observatory) for how the scan reaches a local server.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

from common import ROOT, WORK, Context, build_site, node_package, table  # noqa: E402

VERSION = "1.4.8"
OUT = WORK / "observatory"
# what the host answers differently (netlify.toml): every page, a page that loads scripts, an embed
ADDRESSES = {"the language chooser": "", "an activity's page (loads scripts)": "tr/2024/faaliyetler/1-5-2/",
             "an activity's embed (framable)": "embed/tr/2024/faaliyetler/1-5-2/"}


def certificate() -> tuple[Path, Path]:
    """A certificate for localhost, made for this run, and its key."""
    OUT.mkdir(parents=True, exist_ok=True)
    cert, key = OUT / "localhost.pem", OUT / "localhost-key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def scan(package: Path, site: Path, address: str, cert: Path, key: Path) -> dict:
    """The scanner's command line on `address` of the site, served at the root of an HTTPS
    server on localhost with the headers the host sends for that address."""
    from portal.headers import headers_for
    from tests.local_web import static_server

    prefix = "/" + address.rstrip("/") if address else ""
    with static_server(site / address, headers_for=lambda path: headers_for(prefix + path), tls=(cert, key)) as url:
        host = url.removeprefix("https://")
        result = subprocess.run(["node", str(package / "src" / "scan.js"), host], capture_output=True, text=True,
                                env={**os.environ, "NODE_EXTRA_CA_CERTS": str(cert)}, timeout=120)
    report = json.loads(result.stdout or "{}")
    if result.returncode or "scan" not in report:
        raise RuntimeError(f"the scan of /{address} failed: {result.stdout[-1000:]} {result.stderr[-1000:]}")
    return report


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="a built site (default: build the project's content)")
    args = ap.parse_args(argv)
    package = node_package("@mdn/mdn-http-observatory", VERSION)
    preload = package / "conf" / "hsts-preload.json"
    if not preload.exists():  # its install script downloads the browsers' list; localhost is on none
        preload.write_text("{}\n", encoding="utf-8")
    if args.site is None:
        args.site = OUT / "site"
        build_site(Context(), ROOT / "content", args.site)
    cert, key = certificate()
    started = datetime.now(timezone.utc)
    out = ["# HTTP Observatory", "", f"Mozilla's HTTP Observatory {VERSION} (npm package @mdn/mdn-http-observatory, "
           "its command line), scanning the built site served over HTTPS on this machine with the headers of "
           f"netlify.toml (bench/README.md, observatory); {started:%Y-%m-%d %H:%M UTC}.", ""]
    summary, details, grades = [], [], []
    for what, address in ADDRESSES.items():
        report = scan(package, args.site, address, cert, key)
        result = report["scan"]
        grades.append(result["grade"])
        summary.append([what, f"`/{address}`", result["grade"], result["score"],
                        f"{result['testsPassed']} of {result['testsQuantity']}"])
        details += ["", f"### {what}: `/{address}`", "",
                    table(["test", "result", "score modifier", "passed"],
                          [[name, test["result"], f"{test['scoreModifier']:+d}", "yes" if test["pass"] else "**no**"]
                           for name, test in report["tests"].items()])]
        print(f"/{address}: {result['grade']} ({result['score']})", flush=True)
    out += [table(["response", "address", "grade", "score", "tests passed"], summary), "", "## Tests", *details]
    (BENCH / "observatory.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    print("wrote bench/observatory.md")
    return 0 if all(grade == "A+" for grade in grades) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
