#!/usr/bin/env python3
"""Trunk post-build hook: minifies the wasm-bindgen JavaScript (release builds) and puts a
Content-Security-Policy meta tag into the built index.html; release builds also get
precompressed copies of every asset.

1. Release builds: Trunk's own JS minifier cannot parse wasm-bindgen's output (it warns and
   copies the file as is), so esbuild (npm, installed by scripts/setup) minifies it here, and the
   file's `integrity` hash in index.html is recomputed (docs/TOOLCHAIN.md, "Minified output").
   Then the wasm's imports get short names in both files (scripts/short_imports.py), and the
   wasm's hash is recomputed too. Trunk's `minify = "on_release"` (Trunk.toml) already minified
   the CSS and the HTML.
2. The policy allows only the app's own files and what WebAssembly needs ('wasm-unsafe-eval');
   Trunk starts the wasm from an inline module script, which is allowed by its SHA-256 hash,
   computed here from the built file. The meta tag goes right after <meta charset>.
3. Release builds: a precompressed copy of every asset (`.gz`, gzip -9; `.br` too where the
   `brotli` command is installed), so a static host sends them compressed without compressing on
   each request (README, "Deploying"; scripts/serve does the same).
"""
import base64
import gzip
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys

stage = os.environ.get("TRUNK_STAGING_DIR", sys.argv[1] if len(sys.argv) > 1 else "dist")
path = os.path.join(stage, "index.html")
with open(path, encoding="utf-8") as f:
    html = f.read()


def b64(digest):
    return base64.b64encode(digest).decode()


def set_integrity(html, asset):
    """index.html with the new sha384 of `asset` in the link that preloads it (quoted, or
    unquoted when minified)."""
    with open(asset, "rb") as f:
        sri = "sha384-" + b64(hashlib.sha384(f.read()).digest())
    name = re.escape("/" + os.path.basename(asset))
    html, n = re.subn(
        r'(<link[^>]*href="?[^" >]*' + name + r'"?[^>]*integrity=)"?sha384-[A-Za-z0-9+/=]+"?',
        lambda m: m.group(1) + '"' + sri + '"',
        html,
    )
    if n == 0 and "integrity=" in html:
        sys.exit(f"post_build.py: no integrity hash for {asset} to update in index.html")
    return html


if os.environ.get("TRUNK_PROFILE") == "release":
    esbuild = shutil.which("esbuild")
    if esbuild is None:
        sys.exit("post_build.py: esbuild is missing: run scripts/setup (it installs it from npm)")
    scripts = glob.glob(os.path.join(stage, "*.js"))
    for js in scripts:
        subprocess.run(
            [esbuild, js, "--minify", "--format=esm", "--log-level=warning",
             "--allow-overwrite", "--outfile=" + js],
            check=True,
        )
    # 1b. Short import names in the wasm and its JS (scripts/short_imports.py).
    wasms = glob.glob(os.path.join(stage, "*_bg.wasm"))
    if len(wasms) != 1 or len(scripts) != 1:
        sys.exit(f"post_build.py: expected one wasm and one JS file, found {wasms} {scripts}")
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import short_imports

    with open(wasms[0], "rb") as f:
        wasm = f.read()
    with open(scripts[0], encoding="utf-8") as f:
        glue = f.read()
    try:
        wasm, glue, _ = short_imports.shorten(wasm, glue)
    except ValueError as e:
        sys.exit(f"post_build.py: short import names: {e}")
    with open(wasms[0], "wb") as f:
        f.write(wasm)
    with open(scripts[0], "w", encoding="utf-8") as f:
        f.write(glue)
    for asset in scripts + wasms:
        html = set_integrity(html, asset)

# Every inline script (one without src): its exact text is what the browser hashes.
inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
hashes = " ".join("'sha256-" + b64(hashlib.sha256(body.encode("utf-8")).digest()) + "'" for body in inline)
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
# The charset tag as written in index.html or as Trunk's minifier writes it (`<meta charset=utf-8>`).
html = re.sub(r'(<meta charset="?utf-8"?\s*/?>)', lambda m: m.group(1) + "\n  " + meta, html,
              count=1, flags=re.I)
if meta not in html:
    sys.exit("post_build.py: no <meta charset> to put the policy after")
with open(path, "w", encoding="utf-8") as f:
    f.write(html)

# 3. Precompressed copies, written last so that index.html is final. gzip's header carries no
# file name or time (mtime=0), so the same bundle always compresses to the same bytes.
if os.environ.get("TRUNK_PROFILE") == "release":
    brotli = shutil.which("brotli")
    for asset in glob.glob(os.path.join(stage, "**", "*"), recursive=True):
        if not asset.endswith((".wasm", ".js", ".css", ".html", ".svg")) or not os.path.isfile(asset):
            continue
        with open(asset, "rb") as f:
            data = f.read()
        with open(asset + ".gz", "wb") as f:
            f.write(gzip.compress(data, compresslevel=9, mtime=0))
        if brotli is not None:
            subprocess.run([brotli, "--best", "--force", "--output=" + asset + ".br", asset], check=True)
