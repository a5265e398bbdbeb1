"""Makes small GeoTIFFs georeferenced only by ground control points (ModelTiepoint with several tie points, no
ModelPixelScale) and gdalwarp's output for each onto a WebMercator grid (run through make-gcps.sh).

  files/NAME.tif          the source: 4 GCPs of a rotated grid (gdalwarp fits order 1), or 9 GCPs of a bent one
                          (order 2), some with nodata
  warped/NAME.KERNEL.tif  gdalwarp -r KERNEL -dstalpha (default polynomial order) onto the grid in cases.json
  cases.json              per source: the grid, the kernels, the order gdalwarp uses, and GDAL's GCP count
"""
import json
import math
import os
import subprocess

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
HERE = os.path.dirname(os.path.abspath(__file__))
FILES, WARPED = os.path.join(HERE, "files"), os.path.join(HERE, "warped")
SIZE, EPSG = 80, 32631


def pattern(seed):
    y, x = np.mgrid[0:SIZE, 0:SIZE].astype(np.float64)
    v = (x * 3 + y * 5 + seed * 17) % 240 + 5 + 20 * np.sin(x / 9.0 + seed) * np.cos(y / 7.0)
    return np.clip(np.round(v), 1, 250)


def rotated(px, py):
    """A 30 m grid turned by 12° around its corner."""
    a = math.radians(12)
    return 445000 + 30 * (px * math.cos(a) + py * math.sin(a)), 5416000 + 30 * (px * math.sin(a) - py * math.cos(a))


def bent(px, py):
    """A grid whose rows bow and whose pixels widen to the east (a quadratic model fits it exactly)."""
    return 445000 + 30 * px + 0.12 * px * px, 5416000 - 30 * py + 0.004 * (px - SIZE / 2) ** 2 * 30


def make(name, model, points, nodata=None):
    path = os.path.join(FILES, name + ".tif")
    mem = gdal.GetDriverByName("MEM").Create("", SIZE, SIZE, 1, gdal.GDT_Byte)
    values = pattern(len(points))
    if nodata is not None:
        y, x = np.mgrid[0:SIZE, 0:SIZE]
        values[(x - 30) ** 2 + (y - 45) ** 2 < 150] = nodata
        mem.GetRasterBand(1).SetNoDataValue(nodata)
    mem.GetRasterBand(1).WriteArray(values)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    gcps = [gdal.GCP(*model(px, py), 0, px, py) for px, py in points]
    mem.SetGCPs(gcps, srs.ExportToWkt())
    gdal.GetDriverByName("GTiff").CreateCopy(path, mem, options=["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32", "COMPRESS=DEFLATE"])
    return path


def grid_of(path):
    """A 96×96 WebMercator grid over the extent gdalwarp suggests for the source, plus 10 %."""
    out = gdal.Warp("", path, format="MEM", dstSRS="EPSG:3857")
    gt, w, h = out.GetGeoTransform(), out.RasterXSize, out.RasterYSize
    west, north, east, south = gt[0], gt[3], gt[0] + w * gt[1], gt[3] + h * gt[5]
    m = 0.1 * max(east - west, north - south)
    return [west - m, south - m, east + m, north + m], 96


def main():
    os.makedirs(FILES, exist_ok=True)
    os.makedirs(WARPED, exist_ok=True)
    corners = [(0, 0), (SIZE, 0), (0, SIZE), (SIZE, SIZE)]
    nine = [(x, y) for y in (0, SIZE / 2, SIZE) for x in (0, SIZE / 2, SIZE)]
    made = {
        "gcp_order1": (make("gcp_order1", rotated, corners), 1),
        "gcp_order1_nodata": (make("gcp_order1_nodata", rotated, corners + [(SIZE / 2, SIZE / 3)], nodata=0), 1),
        "gcp_order2": (make("gcp_order2", bent, nine), 2),
    }
    cases = {}
    for name, (path, order) in made.items():
        bounds, size = grid_of(path)
        kernels = ["near", "bilinear"]
        for k in kernels:
            subprocess.run(["gdalwarp", "-q", "-overwrite", "-t_srs", "EPSG:3857", "-te", *map(repr, bounds), "-ts", str(size), str(size),
                            "-r", k, "-dstalpha", "-co", "COMPRESS=DEFLATE", path, os.path.join(WARPED, f"{name}.{k}.tif")], check=True)
        cases[name] = {"bounds": bounds, "size": size, "kernels": kernels, "order": order, "gcps": gdal.Open(path).GetGCPCount()}
    with open(os.path.join(HERE, "cases.json"), "w") as f:
        json.dump(cases, f, indent=1)


if __name__ == "__main__":
    main()
