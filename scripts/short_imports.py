#!/usr/bin/env python3
"""Short names for the wasm's imports from its wasm-bindgen JavaScript.

wasm-bindgen names every function the wasm imports from its JS glue after the Rust item and a
hash (`__wbg_setinnerhtml_7c2b…`, 170 of them). Each name is written twice, in the wasm's import
section and as a key of the glue's imports object, and the hashes do not compress. This renames
them consistently in both files to `a`, `b`, … `Z`, `aa`, … and the module
(`./headroom-web_bg.js`) to `w`. Nothing else changes: the wasm's code refers to its imports by
index, and the glue looks them up only through that object. What it saves on the first load
is measured by scripts/room.py and recorded in docs/PERFORMANCE.md ("Room ledger").

Every name must occur exactly once in the JS, as a key; anything else (a new wasm-bindgen that
writes its glue differently) stops the build with a message instead of shipping a broken page.

Usage as a script: short_imports.py APP_BG.wasm APP.js (rewrites both in place), or
short_imports.py --self-test.
"""
import re
import string
import sys

LETTERS = string.ascii_lowercase + string.ascii_uppercase


def short_name(n):
    """The n-th short name: a … Z, then aa, ab, …"""
    out = ""
    while True:
        out = LETTERS[n % len(LETTERS)] + out
        n = n // len(LETTERS) - 1
        if n < 0:
            return out


def _leb(data, i):
    value, shift = 0, 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def _uleb(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _name(data, i):
    length, i = _leb(data, i)
    return data[i:i + length].decode("utf-8"), i + length


def _skip_limits(data, i):
    flags = data[i]
    i += 1
    _, i = _leb(data, i)
    if flags & 1:
        _, i = _leb(data, i)
    return i


def _skip_desc(data, i):
    """The end of one import's description (function, table, memory, global or tag)."""
    kind = data[i]
    i += 1
    if kind == 0:  # function: its type index
        _, i = _leb(data, i)
    elif kind == 1:  # table: element type, limits
        i = _skip_limits(data, i + 1)
    elif kind == 2:  # memory: limits
        i = _skip_limits(data, i)
    elif kind == 3:  # global: value type, mutability
        i += 2
    elif kind == 4:  # tag: attribute, type index
        _, i = _leb(data, i + 1)
    else:
        raise ValueError(f"unknown import kind {kind}")
    return i


def shorten(wasm, js):
    """The wasm and its JS with short import names: (wasm bytes, js text, count renamed)."""
    if wasm[:8] != b"\0asm\x01\0\0\0":
        raise ValueError("not a WebAssembly module")
    out = bytearray(wasm[:8])
    mapping = {}
    module = None
    i = 8
    while i < len(wasm):
        section = wasm[i]
        size, body = _leb(wasm, i + 1)
        end = body + size
        if section != 2:
            out += wasm[i:end]
            i = end
            continue
        count, j = _leb(wasm, body)
        imports = bytearray(_uleb(count))
        for _ in range(count):
            mod, j = _name(wasm, j)
            field, j = _name(wasm, j)
            start = j
            j = _skip_desc(wasm, j)
            if mod.endswith("_bg.js"):
                if module not in (None, mod):
                    raise ValueError(f"two glue modules: {module} and {mod}")
                module = mod
                mod, field = "w", mapping.setdefault(field, short_name(len(mapping)))
            imports += _uleb(len(mod.encode())) + mod.encode()
            imports += _uleb(len(field.encode())) + field.encode() + wasm[start:j]
        if j != end:
            raise ValueError("the import section did not parse to its end")
        out += bytes([2]) + _uleb(len(imports)) + imports
        i = end
    if module is None:
        raise ValueError("no imports from a wasm-bindgen glue module (*_bg.js)")
    for old, new in mapping.items():
        js, n = re.subn(r"(?<![\w$])" + re.escape(old) + r"(?=\s*:)", new, js)
        if n != 1 or re.search(r"(?<![\w$])" + re.escape(old) + r"(?![\w$])", js):
            raise ValueError(f"{old} is not exactly one key of the JS imports object")
    js, n = re.subn(r"([{,]\s*)([\"'])" + re.escape(module) + r"\2(\s*:)", r"\1w\3", js)
    if n != 1 or module in js:
        raise ValueError(f"the module {module} is not exactly one key of the JS imports object")
    return bytes(out), js, len(mapping)


def self_test():
    """A module with two glue imports, one import from elsewhere, a memory import, and a JS
    imports object as wasm-bindgen writes it: renamed in both; a JS that names an import twice
    is refused. `tests/native/bundle.rs` runs it."""
    def entry(mod, field, desc):
        return _uleb(len(mod)) + mod.encode() + _uleb(len(field)) + field.encode() + desc

    glue = "./app_bg.js"
    imports = (_uleb(4)
               + entry(glue, "__wbg_log_0123456789abcdef", b"\x00\x00")
               + entry("env", "other", b"\x00\x00")
               + entry(glue, "__wbindgen_init_externref_table", b"\x00\x00")
               + entry("env", "memory", b"\x02\x01\x01\x02"))
    types = _uleb(1) + b"\x60\x00\x00"
    code = _uleb(0)
    wasm = (b"\0asm\x01\0\0\0" + b"\x01" + _uleb(len(types)) + types
            + b"\x02" + _uleb(len(imports)) + imports + b"\x0a" + _uleb(len(code)) + code)
    js = ('function L(){return{__proto__:null,"./app_bg.js":{__proto__:null,'
          '__wbg_log_0123456789abcdef:function(r){console.log(r)},'
          '__wbindgen_init_externref_table:function(){}}}}')
    new_wasm, new_js, n = shorten(wasm, js)
    assert n == 2, n
    assert new_js == ('function L(){return{__proto__:null,w:{__proto__:null,'
                      'a:function(r){console.log(r)},b:function(){}}}}'), new_js
    assert new_wasm.count(b"\x01w\x01a\x00\x00") == 1, new_wasm
    assert new_wasm.count(b"\x01w\x01b\x00\x00") == 1, new_wasm
    assert b"\x03env\x05other" in new_wasm and b"\x03env\x06memory\x02\x01\x01\x02" in new_wasm
    assert b"__wbg" not in new_wasm and len(new_wasm) == len(wasm) - (26 - 1 + 31 - 1 + 2 * 10)
    assert [short_name(k) for k in (0, 25, 26, 51, 52, 53)] == ["a", "z", "A", "Z", "aa", "ab"]
    try:
        shorten(wasm, js + ";f.__wbg_log_0123456789abcdef")
    except ValueError as e:
        assert "__wbg_log_0123456789abcdef" in str(e), e
    else:
        raise AssertionError("a second use of an import's name was not refused")
    print("short_imports.py: self-test passed")


def main(argv):
    if argv[1:] == ["--self-test"]:
        self_test()
        return
    if len(argv) != 3:
        sys.exit("usage: short_imports.py APP_BG.wasm APP.js")
    with open(argv[1], "rb") as f:
        wasm = f.read()
    with open(argv[2], encoding="utf-8") as f:
        js = f.read()
    wasm, js, n = shorten(wasm, js)
    with open(argv[1], "wb") as f:
        f.write(wasm)
    with open(argv[2], "w", encoding="utf-8") as f:
        f.write(js)
    print(f"short_imports.py: {n} imports renamed")


if __name__ == "__main__":
    main(sys.argv)
