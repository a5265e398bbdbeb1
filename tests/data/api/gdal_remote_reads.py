#!/usr/bin/python3
"""GDAL's side of the remote-read comparison: reads WebMercatorQuad tiles of COGs served over HTTP through /vsicurl/,
as gdalwarp does, and prints the wall time of the case in milliseconds.

    gdal_remote_reads.py CASE MINX MINY MAXX MAXY URL [URL ...]      (tile bounds in EPSG:3857)

tile    the URLs warped into one 256x256 tile (one file, or a mosaic of several: gdalwarp opens and reads them one
        after another)
assets  each URL warped into its own tile, one after another (the bands of a multi-asset STAC item)
second  the first URL opened and warped, then a request for BASE/mark (BASE: the URL's folder), then the tile one
        column east warped from the same open dataset (what a tile costs once the header is cached)
The GDAL configuration comes from the environment (e.g. GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR)."""
import sys
import time
import urllib.error
import urllib.request

from osgeo import gdal

gdal.UseExceptions()
case, bounds, urls = sys.argv[1], [float(v) for v in sys.argv[2:6]], sys.argv[6:]


def warp(sources, box):
    gdal.Warp("", sources, format="MEM", dstSRS="EPSG:3857", outputBounds=box, width=256, height=256, resampleAlg="near")


# PROJ's database and the warper's first use, outside the measured time as the server's JIT is
warm = gdal.GetDriverByName("MEM").Create("", 1, 1)
warm.SetGeoTransform((500000, 10, 0, 5000000, 0, -10))
warm.SetProjection("EPSG:32631")
warp([warm], [333000, 5640000, 334000, 5641000])

start = time.perf_counter()
if case == "tile":
    warp(["/vsicurl/" + u for u in urls], bounds)
elif case == "assets":
    for u in urls:
        warp(["/vsicurl/" + u], bounds)
elif case == "second":
    dataset = gdal.Open("/vsicurl/" + urls[0])
    warp([dataset], bounds)
    start = time.perf_counter()
    try:
        urllib.request.urlopen(urls[0].rsplit("/", 1)[0] + "/mark").close()
    except urllib.error.HTTPError:
        pass
    width = bounds[2] - bounds[0]
    warp([dataset], [bounds[0] + width, bounds[1], bounds[2] + width, bounds[3]])
else:
    sys.exit(f"unknown case {case}")
print(f"{(time.perf_counter() - start) * 1000:.1f}")
