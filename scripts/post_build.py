#!/usr/bin/env python3
"""Trunk post-build hook: finishes the page's and the worker's files in Trunk's staging folder.

Trunk writes two wasm/JS pairs: the page's (`headroom-web-<hash>_bg.wasm` and its JS, loaded by
index.html) and the worker's (`headroom-worker_bg.wasm`, `headroom-worker.js` and the loader
`headroom-worker_loader.js`, which Trunk does not hash: a worker's file names are known only at
run time). This hook, for any number of pairs:

1. Release builds: minifies every JS file with esbuild (npm, installed by scripts/setup; Trunk's
   own JS minifier cannot parse wasm-bindgen's output) and gives each pair's wasm imports short
   names in both files (scripts/short_imports.py).
2. Hashes the worker's files as Trunk hashes the page's (`headroom-worker-<hash>…`: the wasm
   first, then the JS that names it, then the loader that imports the JS) and writes the
   loader's URL into index.html as `<meta name="headroom-worker" content="…">`, where the page
   finds it.
3. Recomputes the `integrity` hashes index.html gives the page's files.
4. Puts a Content-Security-Policy meta tag into index.html: only the app's own files, what
   WebAssembly needs ('wasm-unsafe-eval'), Trunk's inline start-up script by its SHA-256 hash,
   and workers from the app's own origin (`worker-src 'self'`).
5. Release builds: a precompressed copy of every asset (`.gz`, gzip -9; `.br` too where the
   `brotli` command is installed), so a static host sends them compressed (README, "Deploying").

Usage: as Trunk's hook (TRUNK_STAGING_DIR, TRUNK_PROFILE), or `post_build.py --self-test`.
"""
import base64
import glob
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import short_imports  # noqa: E402

WORKER = "headroom-worker"


class BuildError(Exception):
    """Something in the staged files is not as this hook expects: the build stops."""


def b64(digest):
    return base64.b64encode(digest).decode()


def read(path, mode="r"):
    with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
        return f.read()


def write(path, data):
    with open(path, "wb" if isinstance(data, bytes) else "w",
              **({} if isinstance(data, bytes) else {"encoding": "utf-8"})) as f:
        f.write(data)


def pairs(stage):
    """Every wasm with its wasm-bindgen JS: [(wasm path, js path)]."""
    out = []
    for wasm in sorted(glob.glob(os.path.join(stage, "*_bg.wasm"))):
        js = wasm[: -len("_bg.wasm")] + ".js"
        if not os.path.isfile(js):
            raise BuildError(f"no JavaScript beside {os.path.basename(wasm)}")
        out.append((wasm, js))
    if not out:
        raise BuildError("no wasm file in the build")
    return out


def minify(stage):
    """Every JS file minified in place with esbuild."""
    esbuild = shutil.which("esbuild")
    if esbuild is None:
        raise BuildError("esbuild is missing: run scripts/setup (it installs it from npm)")
    for js in sorted(glob.glob(os.path.join(stage, "*.js"))):
        subprocess.run(
            [esbuild, js, "--minify", "--format=esm", "--log-level=warning",
             "--allow-overwrite", "--outfile=" + js],
            check=True,
        )


def shorten_imports(wasm_path, js_path):
    """short_imports.py on one pair, in place."""
    try:
        wasm, glue, _ = short_imports.shorten(read(wasm_path, "rb"), read(js_path))
    except ValueError as e:
        raise BuildError(f"short import names of {os.path.basename(wasm_path)}: {e}")
    write(wasm_path, wasm)
    write(js_path, glue)


def content_hash(data):
    """A file's hash as its name carries it: 16 hex digits of SHA-256."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def replace_once(text, old, new, where):
    if text.count(old) != 1:
        raise BuildError(f"{where} names {old!r} {text.count(old)} times, not once")
    return text.replace(old, new)


def hash_worker(stage):
    """Renames the worker's wasm, JS and loader after their contents (each file's new name in
    the file that refers to it) and returns the loader's new name; None without a worker."""
    wasm = os.path.join(stage, WORKER + "_bg.wasm")
    js = os.path.join(stage, WORKER + ".js")
    loader = os.path.join(stage, WORKER + "_loader.js")
    if not os.path.isfile(wasm):
        return None
    for f in (js, loader):
        if not os.path.isfile(f):
            raise BuildError(f"the worker has no {os.path.basename(f)}")
    wasm_bytes = read(wasm, "rb")
    wasm_name = f"{WORKER}-{content_hash(wasm_bytes)}_bg.wasm"
    glue = replace_once(read(js), WORKER + "_bg.wasm", wasm_name, os.path.basename(js))
    js_name = f"{WORKER}-{content_hash(glue)}.js"
    shim = read(loader)
    shim = replace_once(shim, "./" + WORKER + ".js", "./" + js_name, os.path.basename(loader))
    loader_name = f"{WORKER}-{content_hash(shim)}_loader.js"
    for old in (wasm, js, loader):
        os.remove(old)
    write(os.path.join(stage, wasm_name), wasm_bytes)
    write(os.path.join(stage, js_name), glue)
    write(os.path.join(stage, loader_name), shim)
    return loader_name


def set_integrity(html, asset):
    """index.html with the new sha384 of `asset` in the link that preloads it (quoted, or
    unquoted when minified)."""
    sri = "sha384-" + b64(hashlib.sha384(read(asset, "rb")).digest())
    name = re.escape("/" + os.path.basename(asset))
    html, n = re.subn(
        r'(<link[^>]*href="?[^" >]*' + name + r'"?[^>]*integrity=)"?sha384-[A-Za-z0-9+/=]+"?',
        lambda m: m.group(1) + '"' + sri + '"',
        html,
    )
    if n == 0 and "integrity=" in html and os.path.basename(asset) in html:
        raise BuildError(f"no integrity hash for {asset} to update in index.html")
    return html


def after_charset(html, tag):
    """index.html with `tag` right after the charset tag (as written, or as Trunk's minifier
    writes it: `<meta charset=utf-8>`)."""
    out = re.sub(r'(<meta charset="?utf-8"?\s*/?>)', lambda m: m.group(1) + "\n  " + tag, html,
                 count=1, flags=re.I)
    if tag not in out:
        raise BuildError("no <meta charset> to put a tag after")
    return out


def policy(html):
    """The page's Content-Security-Policy: every inline script (one without src) allowed by
    its exact text's hash."""
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    hashes = " ".join("'sha256-" + b64(hashlib.sha256(body.encode("utf-8")).digest()) + "'"
                      for body in inline)
    return "; ".join([
        "default-src 'none'",
        f"script-src 'self' 'wasm-unsafe-eval' {hashes}".strip(),
        "worker-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def compress(stage):
    """gzip -9 (and brotli where installed) copies of every asset. gzip's header carries no
    file name or time (mtime=0), so the same bundle always compresses to the same bytes."""
    brotli = shutil.which("brotli")
    for asset in glob.glob(os.path.join(stage, "**", "*"), recursive=True):
        if not asset.endswith((".wasm", ".js", ".css", ".html", ".svg")) or not os.path.isfile(asset):
            continue
        write(asset + ".gz", gzip.compress(read(asset, "rb"), compresslevel=9, mtime=0))
        if brotli is not None:
            subprocess.run([brotli, "--best", "--force", "--output=" + asset + ".br", asset],
                           check=True)


def finish(stage, release, short=True):
    """Everything above, on the staging folder `stage`."""
    path = os.path.join(stage, "index.html")
    html = read(path)
    found = pairs(stage)
    if release:
        minify(stage)
        if short:
            for wasm, js in found:
                shorten_imports(wasm, js)
    loader = hash_worker(stage)
    for wasm, js in found:
        if not os.path.basename(wasm).startswith(WORKER):
            html = set_integrity(html, js)
            html = set_integrity(html, wasm)
    html = re.sub(r'<meta name="?headroom-worker"?[^>]*>\n?\s*', "", html)
    if loader is not None:
        html = after_charset(html, f'<meta name="headroom-worker" content="/{loader}" />')
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*/>\n?\s*', "", html)
    html = after_charset(html, f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}" />')
    write(path, html)
    if release:
        compress(stage)


def self_test():
    """Two pairs in a folder, as Trunk stages them: the page's keeps its name and gets its
    integrity hashes, the worker's three files get hashed names that refer to each other, and
    index.html names the loader; a worker glue that does not name its wasm stops the build."""
    import tempfile

    def pair(base):
        """A wasm importing one function from its glue, and the glue, as wasm-bindgen writes
        them."""
        glue, field = f"./{base}_bg.js", f"__wbg_f_{len(base)}"
        entry = (short_imports._uleb(len(glue)) + glue.encode()
                 + short_imports._uleb(len(field)) + field.encode() + b"\x00\x00")
        imports = short_imports._uleb(1) + entry
        types = short_imports._uleb(1) + b"\x60\x00\x00"
        wasm = (b"\0asm\x01\0\0\0" + b"\x01" + short_imports._uleb(len(types)) + types
                + b"\x02" + short_imports._uleb(len(imports)) + imports)
        js = (f'function L(){{return{{__proto__:null,"{glue}":{{__proto__:null,'
              f'{field}:function(){{}}}}}}}};new URL(\'{base}_bg.wasm\',import.meta.url);')
        write(os.path.join(stage, base + "_bg.wasm"), wasm)
        write(os.path.join(stage, base + ".js"), js)

    with tempfile.TemporaryDirectory() as stage:
        page = "headroom-web-0123456789abcdef"
        pair(page)
        pair(WORKER)
        write(os.path.join(stage, WORKER + "_loader.js"),
              "import init from './headroom-worker.js';await init();")
        write(os.path.join(stage, "index.html"),
              '<html><head><meta charset="utf-8" />'
              f'<link rel="modulepreload" href="/{page}.js" integrity="sha384-AAAA" />'
              f'<link rel="preload" href="/{page}_bg.wasm" integrity="sha384-AAAA" />'
              "<script type=module>import init from './x.js';</script></head></html>")
        for wasm, js in pairs(stage):
            shorten_imports(wasm, js)
        finish(stage, release=False)
        names = sorted(os.listdir(stage))
        assert page + "_bg.wasm" in names and page + ".js" in names, names
        worker = [n for n in names if n.startswith(WORKER)]
        assert len(worker) == 3 and all(re.match(WORKER + r"-[0-9a-f]{16}(_bg\.wasm|\.js|_loader\.js)$", n)
                                         for n in worker), worker
        loader = next(n for n in worker if n.endswith("_loader.js"))
        js = next(n for n in worker if n.endswith(".js") and n != loader)
        wasm = next(n for n in worker if n.endswith(".wasm"))
        assert f"./{js}'" in read(os.path.join(stage, loader))
        assert f"'{wasm}'" in read(os.path.join(stage, js))
        assert "w:{__proto__:null,a:function" in read(os.path.join(stage, js)), "short names"
        assert "w:{__proto__:null,a:function" in read(os.path.join(stage, page + ".js"))
        html = read(os.path.join(stage, "index.html"))
        assert f'<meta name="headroom-worker" content="/{loader}" />' in html, html
        assert "worker-src 'self'" in html and "sha384-AAAA" not in html, html
        # Hashing again changes nothing: the names follow the contents.
        write(os.path.join(stage, WORKER + "_bg.wasm"), b"\x00asm\x01\x00\x00\x00")
        write(os.path.join(stage, WORKER + ".js"), "no wasm named here")
        write(os.path.join(stage, WORKER + "_loader.js"), "import init from './headroom-worker.js';")
        try:
            hash_worker(stage)
        except BuildError as e:
            assert "headroom-worker_bg.wasm" in str(e), e
        else:
            raise AssertionError("a glue that does not name its wasm was accepted")
    print("post_build.py: self-test passed")


def main(argv):
    if argv[1:] == ["--self-test"]:
        self_test()
        return
    stage = os.environ.get("TRUNK_STAGING_DIR", argv[1] if len(argv) > 1 else "dist")
    release = os.environ.get("TRUNK_PROFILE") == "release"
    # HEADROOM_NO_SHORT_IMPORTS=1 builds without short import names, to measure what they save.
    short = os.environ.get("HEADROOM_NO_SHORT_IMPORTS") != "1"
    try:
        finish(stage, release, short)
    except BuildError as e:
        sys.exit(f"post_build.py: {e}")


if __name__ == "__main__":
    main(sys.argv)
