#!/usr/bin/python3
"""Runs a page in headless Chromium and prints what the page reports.

usage: run_in_chromium.py <dir with the .js/.wasm> <name.js> [program arguments...]
         runs a non-modularized Emscripten program (kernels.js) through index.html
       run_in_chromium.py <dir with the .js/.wasm> --page <page.html>
         runs one of the pages next to this script (e.g. probe.html, which loads probe.mjs)

Serves this directory's pages and <dir> from 127.0.0.1 (a random free port), starts Debian's Chromium headless with
the flags from docs/toolchain.md (no background networking: the network here is closed), waits for the page to
POST {status, lines}, prints it and stops the Chromium it started. Exit status 0 when the page reports success.
"""
import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                  '--disable-background-networking', '--disable-component-update', '--disable-sync']


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    build_dir = os.path.abspath(sys.argv[1])
    if sys.argv[2] == '--page':
        page = sys.argv[3]
    else:
        page = 'index.html?js=%s&args=%s' % (urllib.parse.quote(sys.argv[2]), urllib.parse.quote(' '.join(sys.argv[3:])))
    result = {}
    done = threading.Event()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            name = urllib.parse.urlparse(path).path.lstrip('/') or 'index.html'
            mine = os.path.join(HERE, name)
            return mine if os.path.isfile(mine) else os.path.join(build_dir, name)

        def do_POST(self):
            body = self.rfile.read(int(self.headers['Content-Length']))
            self.send_response(204)
            self.end_headers()
            if not done.is_set():
                result.update(json.loads(body))
                done.set()

        def log_message(self, *a):
            pass

    http.server.SimpleHTTPRequestHandler.extensions_map.update({'.wasm': 'application/wasm', '.mjs': 'text/javascript'})
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = 'http://127.0.0.1:%d/%s' % (server.server_address[1], page)
    profile = tempfile.mkdtemp(prefix='chromium-profile-')
    chromium = subprocess.Popen(['/usr/bin/chromium', *CHROMIUM_FLAGS, '--user-data-dir=' + profile,
                                 '--remote-debugging-port=0', url],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        finished = done.wait(timeout=float(os.environ.get('TIMEOUT', '1800')))
    finally:
        os.killpg(chromium.pid, signal.SIGTERM)  # the Chromium we started and its children, nothing else
        chromium.wait()
        server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
    if not finished:
        sys.exit('timed out waiting for the page')
    print('# ' + result.get('userAgent', ''))
    for line in result.get('lines', []):
        print(line)
    status = result.get('status', '')
    print('# status: ' + status)
    sys.exit(0 if status in ('done', 'exit 0', 'ok') else 1)


if __name__ == '__main__':
    main()
