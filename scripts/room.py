#!/usr/bin/env python3
"""What each wasm-opt pass and the import renaming save on the first load, measured.

Runs wasm-opt on the page's wasm as wasm-bindgen wrote it (target/wasm-bindgen/release/, left
by the last `trunk build --release`) with index.html's flags, then once with each group of
flags left out, and prints the gzip -9 size of each result and what the group saves. Then the
same for scripts/short_imports.py on the full result and its JavaScript. docs/PERFORMANCE.md's
room ledger records the figures; a group that saves under 1 KiB is taken out of index.html.

Usage: scripts/room.py [--bin headroom-web]   (wasm-opt from scripts/setup must be on PATH:
run `. scripts/env.sh` first). Takes a few minutes on 2 cores.

`scripts/room.py --build` instead builds the page's wasm from the working tree (cargo, then
wasm-bindgen, then wasm-opt with index.html's flags, as Trunk does) and prints only its gzip -9
size: how a code change that exists to save bytes is measured against its revert (set
CARGO_TARGET_DIR to measure a change of RUSTFLAGS without rebuilding the main target).
"""
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import short_imports  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def flags(binary):
    html = open(os.path.join(ROOT, "index.html"), encoding="utf-8").read()
    m = re.search(r'data-bin="' + re.escape(binary) + r'"[^>]*data-wasm-opt-params="([^"]*)"', html)
    if not m:
        sys.exit(f"room.py: index.html has no wasm-opt flags for {binary}")
    return m.group(1).split()


# The groups of flags measured apart: a name and the flags it is (in their places in the list).
GROUPS = [
    ("--low-memory-unused", ["--low-memory-unused"]),
    ("--flatten --rereloop -Oz (both rounds)", ["--flatten", "--rereloop"]),
    ("--gufa", ["--gufa"]),
    ("--converge", ["--converge"]),
    ("--strip-producers --strip-target-features", ["--strip-producers", "--strip-target-features"]),
    ("--one-caller-inline-max-function-size=25", ["--one-caller-inline-max-function-size=25"]),
    ("--reorder-functions-by-name", ["--reorder-functions-by-name"]),
]


def gz(data):
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def run(src, params, out):
    subprocess.run(["wasm-opt", "--output=" + out, "-Oz", src, *params], check=True)
    return open(out, "rb").read()


def without(params, group):
    """The flags with the group's flags left out (and an -Oz that only followed them)."""
    out = []
    for p in params:
        if p in group:
            continue
        if p == "-Oz" and out and out[-1] == "-Oz":
            continue
        out.append(p)
    return out


def build(binary):
    """The page's wasm built from the working tree as Trunk builds it; its gzip -9 size."""
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    subprocess.run(["cargo", "build", "--release", "--locked", "--target", "wasm32-unknown-unknown",
                    "--bin", binary], check=True, cwd=ROOT)
    wasm = os.path.join(target, "wasm32-unknown-unknown", "release", binary + ".wasm")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["wasm-bindgen", "--target", "web", "--out-dir", tmp, wasm], check=True)
        out = run(os.path.join(tmp, binary + "_bg.wasm"), flags(binary), os.path.join(tmp, "o.wasm"))
        print(f"{binary}_bg.wasm after wasm-opt: {len(out)} bytes, {gz(out)} bytes gzip -9")


def main(argv):
    binary = argv[argv.index("--bin") + 1] if "--bin" in argv else "headroom-web"
    if shutil.which("wasm-opt") is None:
        sys.exit("room.py: wasm-opt is not on PATH: run `. scripts/env.sh` first")
    if "--build" in argv:
        build(binary)
        return
    src = os.path.join(ROOT, "target", "wasm-bindgen", "release", binary + "_bg.wasm")
    js = open(os.path.join(ROOT, "target", "wasm-bindgen", "release", binary + ".js"),
              encoding="utf-8").read()
    params = flags(binary)
    with tempfile.TemporaryDirectory() as tmp:
        full = run(src, params, os.path.join(tmp, "full.wasm"))
        base = gz(full)
        print(f"{'all flags':<48} {base:>9} bytes gzip")
        for name, group in GROUPS:
            if not any(p in params for p in group):
                continue
            size = gz(run(src, without(params, group), os.path.join(tmp, "x.wasm")))
            print(f"{'without ' + name:<48} {size:>9}  saves {size - base:>6} bytes")
        plain = gz(run(src, [], os.path.join(tmp, "plain.wasm")))
        print(f"{'-Oz alone':<48} {plain:>9}  the flags save {plain - base:>6} bytes")
        short_wasm, short_js, n = short_imports.shorten(full, js)
        saved = gz(full) + gz(js.encode()) - gz(short_wasm) - gz(short_js.encode())
        print(f"{'short import names (' + str(n) + ' imports)':<48} saves {saved:>6} bytes "
              "(wasm and unminified JS)")


if __name__ == "__main__":
    main(sys.argv)
