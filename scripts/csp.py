#!/usr/bin/env python3
"""Trunk post-build hook: puts a Content-Security-Policy meta tag into the built index.html.

The policy allows only the app's own files and what WebAssembly needs ('wasm-unsafe-eval');
Trunk starts the wasm from an inline module script, which is allowed by its SHA-256 hash,
computed here from the built file. The meta tag goes first in <head>, before that script.
"""
import base64
import hashlib
import os
import re
import sys

path = os.path.join(os.environ.get("TRUNK_STAGING_DIR", sys.argv[1] if len(sys.argv) > 1 else "dist"), "index.html")
with open(path, encoding="utf-8") as f:
    html = f.read()

# Every inline script (one without src): its exact text is what the browser hashes.
inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
hashes = " ".join(
    "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
    for body in inline
)
policy = "; ".join([
    "default-src 'none'",
    f"script-src 'self' 'wasm-unsafe-eval' {hashes}".strip(),
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
])
meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}" />'
html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*/>\n?', "", html)
html = html.replace('<meta charset="utf-8" />', '<meta charset="utf-8" />\n  ' + meta, 1)
if meta not in html:
    sys.exit("csp.py: no <meta charset> to put the policy after")
with open(path, "w", encoding="utf-8") as f:
    f.write(html)
