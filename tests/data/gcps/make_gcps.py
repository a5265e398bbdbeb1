"""Makes small GeoTIFFs georeferenced only by ground control points (ModelTiepoint with several tie points, no
ModelPixelScale) and gdalwarp's output for each onto a WebMercator grid (run through make-gcps.sh).

  files/NAME.tif          the source: 4 GCPs of a rotated grid (gdalwarp fits order 1), or 9 GCPs of a bent one
                          (order 2), some with nodata, one PixelIsPoint, one with overviews
  warped/CASE.KERNEL.tif  gdalwarp -r KERNEL -dstalpha (default polynomial order) onto the grid in cases.json
  cases.json              per case: the file, the grid, the kernels, the order gdalwarp uses, GDAL's GCP and
                          overview counts
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


def make(name, model, points, nodata=None, point=False, overviews=False):
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
    if point:
        # PixelIsPoint: GDAL writes each tie point half a pixel up and left, and adds the half back when reading
        mem.SetMetadataItem("AREA_OR_POINT", "Point")
    gdal.GetDriverByName("GTiff").CreateCopy(path, mem, options=["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32", "COMPRESS=DEFLATE"])
    if overviews:
        subprocess.run(["gdaladdo", "-q", "-r", "average", path, "2", "4"], check=True)
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
        "gcp_order2_ovr": (make("gcp_order2_ovr", bent, nine, overviews=True), 2),
        "gcp_point": (make("gcp_point", rotated, corners, point=True), 1),
    }
    cases = {}
    for name, (path, order) in made.items():
        bounds, size = grid_of(path)
        kernels = ["near", "bilinear"]
        ds = gdal.Open(path)
        overviews = ds.GetRasterBand(1).GetOverviewCount()
        gcp_count = ds.GetGCPCount()
        ds = None
        # with overviews, also a grid coarse enough for gdalwarp to warp from overview 1 (÷2), its GCPs rescaled
        for s in [size, 30] if overviews else [size]:
            case = name if s == size else f"{name}@{s}"
            for k in kernels:
                subprocess.run(["gdalwarp", "-q", "-overwrite", "-t_srs", "EPSG:3857", "-te", *map(repr, bounds), "-ts", str(s), str(s),
                                "-r", k, "-dstalpha", "-co", "COMPRESS=DEFLATE", path, os.path.join(WARPED, f"{case}.{k}.tif")], check=True)
            cases[case] = {"file": name, "bounds": bounds, "size": s, "kernels": kernels, "order": order,
                           "gcps": gcp_count, "overviews": overviews}
    with open(os.path.join(HERE, "cases.json"), "w") as f:
        json.dump(cases, f, indent=1)


if __name__ == "__main__":
    main()
