#!/usr/bin/python3
"""Writes colormaps.bin.gz: every matplotlib colormap (and its _r reversal) as a 256-entry RGBA table.

Run with Debian's interpreter after `apt-get install -y python3-matplotlib`:
    /usr/bin/python3 plugins/Colormaps/Data/generate_colormaps.py

Names are lower-cased and values computed like rio-tiler's cmap_data: colormap(linspace(0, 1, 256)) * 255,
truncated to uint8. Layout (gzip-compressed): per colormap, one byte name length, the ASCII name, 1024 bytes RGBA.

`flag` and `flag_r` are taken from rio-tiler's own tables instead (rio-tiler/{flag,flag_r}.txt: its
rio_tiler/cmap_data/flag.npy and flag_r.npy written as "R G B A" rows): matplotlib's flag is a sine of the position,
and the matplotlib that made rio-tiler's .npy put one entry (flag[85], flag_r[170] green) at 255 where 3.6 gives 254.
Every other map equals rio-tiler's .npy entry for entry.
"""
import gzip
import os

import matplotlib
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


RIO_TILER_TABLES = ("flag", "flag_r")


def rio_tiler_table(name):
    table = np.loadtxt(os.path.join(HERE, "rio-tiler", f"{name}.txt"), dtype="uint8")
    if table.shape != (256, 4):
        raise SystemExit(f"rio-tiler/{name}.txt has shape {table.shape}, not 256 rows of RGBA")
    return table


def tables():
    x = np.linspace(0, 1, 256)
    result = {}
    for name in matplotlib.colormaps:
        key = name.lower()
        if key in result:
            raise SystemExit(f"two colormaps are named {key} once lower-cased")
        result[key] = rio_tiler_table(key) if key in RIO_TILER_TABLES else (matplotlib.colormaps[name](x) * 255).astype("uint8")
    return result


def main():
    payload = bytearray()
    maps = tables()
    for name in sorted(maps):
        encoded = name.encode("ascii")
        payload += bytes([len(encoded)]) + encoded + maps[name].tobytes()
    with gzip.GzipFile(os.path.join(HERE, "colormaps.bin.gz"), "wb", mtime=0) as out:
        out.write(bytes(payload))
    print(f"{len(maps)} colormaps from matplotlib {matplotlib.__version__}")


if __name__ == "__main__":
    main()
