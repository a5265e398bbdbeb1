#!/usr/bin/python3
"""Writes rio_tiler_colormaps.bin.gz: the colormaps rio-tiler ships that are not matplotlib's.

Run with Debian's interpreter: /usr/bin/python3 plugins/Colormaps/Data/generate_rio_tiler_colormaps.py

Source: rio-tiler's own text tables, rio_tiler/cmap/{cfastie,rplumbo,schwarzwald}.txt in cogeotiff/rio-tiler before
they were converted to .npy (rio-tiler PR #115), copied unchanged into rio-tiler/ beside this script. rio-tiler's
reader skipped '#' lines and then the first entry (`[...][1:]`), which leaves 256 RGB entries; its later RGBA tables
give them alpha 255. No `_r` versions: rio-tiler ships none for these three.

Same layout as colormaps.bin.gz (gzip-compressed): per colormap, one byte name length, the ASCII name, 1024 bytes RGBA.
"""
import gzip
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "rio-tiler")


def table(path):
    with open(path) as text:
        rows = [line.split() for line in text.read().splitlines() if line.strip() and not line.startswith("#")][1:]
    if len(rows) != 256 or any(len(row) != 3 for row in rows):
        raise SystemExit(f"{path}: expected 256 'R G B' entries after the skipped first one")
    return bytes(v for row in rows for v in (*map(int, row), 255))


def main():
    names = sorted(f[:-4] for f in os.listdir(SOURCE) if f.endswith(".txt"))
    payload = bytearray()
    for name in names:
        payload += bytes([len(name)]) + name.encode("ascii") + table(os.path.join(SOURCE, name + ".txt"))
    with gzip.GzipFile(os.path.join(HERE, "rio_tiler_colormaps.bin.gz"), "wb", mtime=0) as out:
        out.write(bytes(payload))
    print(f"{len(names)} colormaps: {', '.join(names)}")


if __name__ == "__main__":
    main()
