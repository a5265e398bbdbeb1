#!/usr/bin/python3
"""Writes colormaps.bin.gz: every matplotlib colormap (and its _r reversal) as a 256-entry RGBA table.

Run with Debian's interpreter after `apt-get install -y python3-matplotlib`:
    /usr/bin/python3 plugins/Colormaps/Data/generate_colormaps.py

Names are lower-cased and values computed like rio-tiler's cmap_data: colormap(linspace(0, 1, 256)) * 255,
truncated to uint8. Layout (gzip-compressed): per colormap, one byte name length, the ASCII name, 1024 bytes RGBA.
"""
import gzip
import os

import matplotlib
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def tables():
    x = np.linspace(0, 1, 256)
    result = {}
    for name in matplotlib.colormaps:
        key = name.lower()
        if key in result:
            raise SystemExit(f"two colormaps are named {key} once lower-cased")
        result[key] = (matplotlib.colormaps[name](x) * 255).astype("uint8")
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
