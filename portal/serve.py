"""Preview server: build, then serve the output folder on this machine only."""
from __future__ import annotations

import functools
import http.server


def serve(args, run_build) -> int:
    if run_build(args) != 0:
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(args.out))
    with http.server.ThreadingHTTPServer((args.host, args.port), handler) as server:
        print(f"serving {args.out} at http://{args.host}:{args.port}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("stopped")
    return 0
