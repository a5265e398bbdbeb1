"""Generates the warp golden fixtures (run through make-goldens.sh).

Sources: GeoTIFFs with average overviews made by gdaladdo, exported level by level as raw uint16 arrays so the tests
can serve them from memory without the TIFF reader. Goldens: gdalwarp outputs (value band + alpha) for TileMatrixSet
tiles at several zooms, with GDAL's chosen overview level taken from its debug log.

Array files (*.bin.z): zlib of two byte planes (low bytes, then high bytes) of the row-wise horizontal differences of
the uint16 samples (first column kept as is), followed for goldens by the alpha mask (0/255) as a third plane.
"""
import json
import math
import os
import re
import subprocess
import tempfile
import zlib

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
HERE = os.path.dirname(os.path.abspath(__file__))
TMS_DIRS = [os.path.join(HERE, "..", "..", "..", "config", "tms"), "/work/shared/tms"]


def encode(values, mask=None):
    v = values.astype(np.int32)
    d = np.empty_like(v)
    d[:, 0] = v[:, 0]
    d[:, 1:] = v[:, 1:] - v[:, :-1]
    d = (d & 0xFFFF).astype(np.uint16)
    planes = [(d & 0xFF).astype(np.uint8).tobytes(), (d >> 8).astype(np.uint8).tobytes()]
    if mask is not None:
        planes.append(mask.astype(np.uint8).tobytes())
    return zlib.compress(b"".join(planes), 9)


def field(width, height, seed):
    """Smooth undulation plus sharp-edged 'fields': nearest mismatches and bilinear shifts both show."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    smooth = 1200 + 300 * np.sin(2 * np.pi * x / 211 + seed) * np.cos(2 * np.pi * y / 187) + 1.5 * x - 0.8 * y
    parcels = ((np.floor(x / 37) * 7 + np.floor(y / 29) * 13 + seed) % 11) * 23
    return np.clip(np.round(smooth + parcels), 1, 65535).astype(np.uint16)


def make_source(name, epsg, origin, pixel, size, levels, nodata_hole):
    data = field(size, size, seed=len(name))
    if nodata_hole:
        y, x = np.mgrid[0:size, 0:size]
        data[(x - size * 0.3) ** 2 + (y - size * 0.7) ** 2 < (size * 0.08) ** 2] = 0
        data[: size // 50, :] = 0
    outputs = {}
    for variant, nodata in (("", None), ("_nodata", 0)):
        path = os.path.join(TMP, f"{name}{variant}.tif")
        ds = gdal.GetDriverByName("GTiff").Create(path, size, size, 1, gdal.GDT_UInt16, ["TILED=YES"])
        ds.SetGeoTransform([origin[0], pixel, 0, origin[1], 0, -pixel])
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        ds.SetProjection(srs.ExportToWkt())
        band = ds.GetRasterBand(1)
        if nodata is not None:
            band.SetNoDataValue(nodata)
        band.WriteArray(data)
        ds.BuildOverviews("AVERAGE", levels)
        ds = None
        outputs[f"{name}{variant}"] = (path, epsg, nodata)
    return outputs


WRITTEN = {}


def export_source(key, path, epsg, nodata):
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    gt = ds.GetGeoTransform()
    levels = []
    for i in range(-1, band.GetOverviewCount()):
        b = band if i < 0 else band.GetOverview(i)
        blob = encode(b.ReadAsArray())
        file = WRITTEN.setdefault(blob, f"{key}_L{i + 1}.bin.z")  # identical levels are stored once
        with open(os.path.join(HERE, "sources", file), "wb") as f:
            f.write(blob)
        sx, sy = ds.RasterXSize / b.XSize, ds.RasterYSize / b.YSize
        levels.append({"width": b.XSize, "height": b.YSize, "file": file,
                       "geoTransform": [gt[0], gt[1] * sx, 0, gt[3], 0, gt[5] * sy]})
    return {"crs": f"EPSG:{epsg}", "nodata": nodata, "levels": levels}


def load_tms(tms_id):
    for d in TMS_DIRS:
        p = os.path.join(d, tms_id + ".json")
        if os.path.exists(p):
            with open(p) as f:
                return json.load(f)
    raise FileNotFoundError(tms_id)


def tile_bounds(tms, z, col, row):
    m = next(m for m in tms["tileMatrices"] if m["id"] == str(z))
    o = m["pointOfOrigin"]
    ox, oy = (o[1], o[0]) if tms["orderedAxes"][0].upper() in ("Y", "LAT", "N") else (o[0], o[1])
    span_x, span_y = m["cellSize"] * m["tileWidth"], m["cellSize"] * m["tileHeight"]
    return [ox + col * span_x, oy - (row + 1) * span_y, ox + (col + 1) * span_x, oy - row * span_y], m


def tile_at(tms, z, x, y):
    m = next(m for m in tms["tileMatrices"] if m["id"] == str(z))
    o = m["pointOfOrigin"]
    ox, oy = (o[1], o[0]) if tms["orderedAxes"][0].upper() in ("Y", "LAT", "N") else (o[0], o[1])
    return int((x - ox) / (m["cellSize"] * m["tileWidth"])), int((oy - y) / (m["cellSize"] * m["tileHeight"]))


def to_tms_crs(tms_crs_epsg, src_epsg, x, y):
    s, t = osr.SpatialReference(), osr.SpatialReference()
    s.ImportFromEPSG(src_epsg)
    t.ImportFromEPSG(tms_crs_epsg)
    for r in (s, t):
        r.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    p = osr.CoordinateTransformation(s, t).TransformPoint(x, y)
    return p[0], p[1]


def warp(src_path, t_srs, bounds, kernel, out):
    cmd = ["gdalwarp", "-q", "-overwrite", "--debug", "on", "-t_srs", t_srs, "-te", *map(repr, bounds),
           "-ts", "256", "256", "-r", kernel, "-dstalpha", "-of", "GTiff", src_path, out]
    log = subprocess.run(cmd, check=True, capture_output=True, text=True).stderr
    level = re.search(r"Selecting overview level (\d+)", log)
    ds = gdal.Open(out)
    values, alpha = ds.GetRasterBand(1).ReadAsArray(), ds.GetRasterBand(2).ReadAsArray()
    return values, np.where(alpha > 0, 255, 0), 0 if level is None else int(level.group(1)) + 1


TMS_EPSG = {"WebMercatorQuad": 3857, "WorldCRS84Quad": 4326, "UTM31WGS84Quad": 32631,
            "EuropeanETRS89_LAEAQuad": 3035, "UPSArcticWGS84Quad": 5041}

# (source, tms, zooms at the source centre, zoom for an extra tile at the source's north-west corner)
PLAN = [
    ("utm31", "WebMercatorQuad", [13, 12, 11, 10, 9], 13),
    ("utm31", "WorldCRS84Quad", [12, 11, 10, 9, 8], 12),
    ("utm31", "UTM31WGS84Quad", [14, 13, 12, 11, 10], 13),
    ("utm31", "EuropeanETRS89_LAEAQuad", [10, 9, 8, 7, 6], 10),
    ("polar", "UPSArcticWGS84Quad", [12, 11, 10, 9], 11),
    ("polar", "WebMercatorQuad", [9], None),
]
# Extra kernels for a few tiles: (tms, zoom) → kernels beyond nearest and bilinear.
EXTRA_KERNELS = {("WebMercatorQuad", 12): ["cubic", "average"], ("WebMercatorQuad", 11): ["cubic", "average"],
                 ("EuropeanETRS89_LAEAQuad", 8): ["cubic"]}
NODATA_ZOOMS = {"WebMercatorQuad": [13, 11], "WorldCRS84Quad": [12, 10], "UTM31WGS84Quad": [13, 11],
                "EuropeanETRS89_LAEAQuad": [9, 8], "UPSArcticWGS84Quad": [11, 9]}


def main():
    os.makedirs(os.path.join(HERE, "sources"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "goldens"), exist_ok=True)
    sources = {}
    # utm31: 512x512 at 20 m near Paris (EPSG:32631); polar: 256x256 at 100 m in Greenland (EPSG:3413).
    sources.update(make_source("utm31", 32631, (445000.0, 5416000.0), 20.0, 512, [2, 4, 8], True))
    sources.update(make_source("polar", 3413, (80000.0, -1900000.0), 100.0, 256, [2, 4], True))
    manifest = {"sources": {k: export_source(k, *v) for k, v in sources.items()}, "cases": []}
    for src, tms_id, zooms, corner_zoom in PLAN:
        tms = load_tms(tms_id)
        path, epsg, _ = sources[src]
        ds = gdal.Open(path)
        gt = ds.GetGeoTransform()
        centre = to_tms_crs(TMS_EPSG[tms_id], epsg, gt[0] + gt[1] * ds.RasterXSize / 2, gt[3] + gt[5] * ds.RasterYSize / 2)
        corner = to_tms_crs(TMS_EPSG[tms_id], epsg, gt[0] + gt[1] * 3, gt[3] + gt[5] * 3)
        tiles = [(z, *tile_at(tms, z, *centre)) for z in zooms]
        if corner_zoom is not None:
            tiles.append((corner_zoom, *tile_at(tms, corner_zoom, *corner)))
        for z, col, row in dict.fromkeys(tiles):
            bounds, _ = tile_bounds(tms, z, col, row)
            variants = [src] + ([src + "_nodata"] if z in NODATA_ZOOMS.get(tms_id, []) else [])
            for variant in variants:
                kernels = [("near", "nearest"), ("bilinear", "bilinear")]
                if variant == "utm31":
                    kernels += [(k, k) for k in EXTRA_KERNELS.get((tms_id, z), [])]
                for kernel, name in kernels:
                    case = f"{variant}_{tms_id}_z{z}_{col}_{row}_{name}"
                    out = os.path.join(TMP, case + ".tif")
                    t_srs = "OGC:CRS84" if tms_id == "WorldCRS84Quad" else f"EPSG:{TMS_EPSG[tms_id]}"
                    values, mask, level = warp(sources[variant][0], t_srs, bounds, kernel, out)
                    with open(os.path.join(HERE, "goldens", case + ".bin.z"), "wb") as f:
                        f.write(encode(values, mask))
                    manifest["cases"].append({"name": case, "source": variant, "tms": tms_id, "crs": tms["crs"],
                                              "z": z, "col": col, "row": row, "bounds": bounds, "width": 256,
                                              "height": 256, "resampling": name, "gdalLevel": level,
                                              "validPixels": int((mask > 0).sum())})
    with open(os.path.join(HERE, "goldens.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as TMP:
        main()
