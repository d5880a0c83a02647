#!/usr/bin/env python3
"""Lines per Swift function (issue 16's size note): a function runs from its `func` line to the
first later line that is a `}` at the `func` line's indentation (the house style's layout).

    python3 scripts/func-sizes.py [--over N] FILE...

Prints `lines file:line name`, longest first (only those over N lines with --over), then the
file sizes."""
import re
import sys

args = sys.argv[1:]
over = 0
if args[:1] == ["--over"]:
    over, args = int(args[1]), args[2:]
funcs, files = [], []
for path in args:
    lines = open(path, encoding="utf-8").read().split("\n")
    files.append((len(lines) - (1 if lines and lines[-1] == "" else 0), path))
    for i, line in enumerate(lines):
        m = re.match(r"^(\s*)(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|static|mutating|override)\s+)*func\s+([A-Za-z_]\w*)", line)
        if not m or line.rstrip().endswith("}") and "{" in line:
            continue
        indent = m.group(1)
        for j in range(i + 1, len(lines)):
            if lines[j] == indent + "}":
                funcs.append((j - i + 1, f"{path}:{i + 1}", m.group(2)))
                break
for n, where, name in sorted(funcs, key=lambda f: (-f[0], f[1])):
    if n > over:
        print(f"{n:5d} {where} {name}")
print("-- files")
for n, path in sorted(files, reverse=True):
    print(f"{n:5d} {path}")
