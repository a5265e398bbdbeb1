#!/usr/bin/python3
"""Writes rio_tiler_colormaps.bin.gz: the colormaps rio-tiler ships that are not matplotlib's.

Run with Debian's interpreter (python3-numpy, python3-matplotlib):
    /usr/bin/python3 plugins/Colormaps/Data/generate_rio_tiler_colormaps.py

rio-tiler's own maps, from rio-tiler/: its text tables rio_tiler/cmap/{cfastie,rplumbo,schwarzwald}.txt in
cogeotiff/rio-tiler before they were converted to .npy (rio-tiler PR #115), copied unchanged. rio-tiler's reader
skipped '#' lines and then the first entry (`[...][1:]`), which leaves 256 RGB entries; its RGBA tables give them
alpha 255. rio-tiler ships no `_r` versions of these three.

cmocean's maps (and `_r`), from cmocean/<name>-rgb.txt, rows of R G B floats 0..1 in cmocean 2.0's order. Sources:
  - algae, curl, delta, dense, diff, ice, matter, oxy, phase, rain, tarn, tempo, thermal, topo: cmocean's own
    cmocean/rgb/<name>-rgb.txt (matplotlib/cmocean), copied unchanged (curl and delta have 512 rows, the rest 256);
  - haline, solar: the cm_data table of cmocean's viscm file cmocean/rgb/<name>.py (8 decimals);
    deep, turbid: the same, rows reversed (cmocean 2.0 turned them to run light to dark);
  - amp, balance, speed: no full-precision text was found; kthyng/cmocean-paraview xml/<name>.xml, which is the
    cmocean map sampled at 256 levels to 6 decimals (so from_list below returns those rows unchanged). Two entries
    are within the 6-decimal rounding of a byte boundary and may be one less in rio-tiler's .npy: amp[33] green
    (0.776471 * 255 = 198.0001) and balance[241] blue (0.133333 * 255 = 33.9999), with amp_r[222], balance_r[14].
Every map was checked against cmocean 2.0's published 256-colour palettes (acrosby/cmocean_ncwms_palettes
cmo_<name>.pal, hex rounded from the same sampling): round(value * 255) agrees for all 21 maps, every entry.
rio-tiler saved `(cmocean.cm.cmap_d[name](linspace(0, 1, 256)) * 255).astype(uint8)` for every cmocean map
not named like a matplotlib one (so not `gray`); cmocean builds each map as
`LinearSegmentedColormap.from_list(name, rgb, N=256)` and `_r` from the reversed rows, which this does the same way
(for the 512-row curl and delta the entries are matplotlib's linear interpolation between rows).

Same layout as colormaps.bin.gz (gzip-compressed): per colormap, one byte name length, the ASCII name, 1024 bytes RGBA.
"""
import gzip
import os

import numpy as np
from matplotlib.colors import LinearSegmentedColormap

HERE = os.path.dirname(os.path.abspath(__file__))


def rio_tiler_table(path):
    with open(path) as text:
        rows = [line.split() for line in text.read().splitlines() if line.strip() and not line.startswith("#")][1:]
    if len(rows) != 256 or any(len(row) != 3 for row in rows):
        raise SystemExit(f"{path}: expected 256 'R G B' entries after the skipped first one")
    return bytes(v for row in rows for v in (*map(int, row), 255))


def cmocean_table(name, rgb):
    if rgb.ndim != 2 or rgb.shape[1] != 3 or rgb.min() < 0 or rgb.max() > 1:
        raise SystemExit(f"{name}: expected rows of three values from 0 to 1")
    colormap = LinearSegmentedColormap.from_list(name, rgb, N=256)
    return (colormap(np.linspace(0, 1, 256)) * 255).astype("uint8").tobytes()


def tables():
    result = {}
    folder = os.path.join(HERE, "rio-tiler")
    for file in sorted(os.listdir(folder)):
        result[file[:-4]] = rio_tiler_table(os.path.join(folder, file))
    folder = os.path.join(HERE, "cmocean")
    for file in sorted(os.listdir(folder)):
        name = file[: -len("-rgb.txt")]
        rgb = np.loadtxt(os.path.join(folder, file))
        result[name] = cmocean_table(name, rgb)
        result[name + "_r"] = cmocean_table(name + "_r", rgb[::-1])
    return result


def main():
    payload = bytearray()
    maps = tables()
    for name in sorted(maps):
        payload += bytes([len(name)]) + name.encode("ascii") + maps[name]
    with gzip.GzipFile(os.path.join(HERE, "rio_tiler_colormaps.bin.gz"), "wb", mtime=0) as out:
        out.write(bytes(payload))
    print(f"{len(maps)} colormaps: {', '.join(sorted(maps))}")


if __name__ == "__main__":
    main()
