#!/usr/bin/python3
"""Writes tests/data/api/cogs/: small COGs made with GDAL for the /cog and /stac end-to-end tests, a STAC item over
them, and what GDAL says about them. Deterministic (fixed seed). Run with Debian's /usr/bin/python3 (python3-gdal,
numpy) from anywhere:  /usr/bin/python3 tests/data/api/make_real_cogs.py

  visual.tif       128x96 3-band uint8 RGB COG (DEFLATE, 64x64 blocks, no nodata), EPSG:32631, 10 m pixels
  b08.tif          the same grid, 1-band uint16, nodata 0 in a wedge at the south-west corner
  visual.u8        visual.tif's pixels as GDAL reads them (band-sequential, row-major)
  b08.u16          b08.tif's pixels (little-endian uint16, row-major)
  item.json        a STAC 1.0 item: asset "visual" (raster:bands x3, eo:bands x3 named band1..3, common names
                   red, green, blue) and "B08" (raster:bands x1)
  item-bare.json   the same item without band metadata, so band counts come from the COG headers
  item-bands.json  the same item in STAC 1.1: "bands" with name and eo:common_name, as TiTiler's items_bands.json
  reference.json   gdalinfo facts, gdallocationinfo values at points, and two WebMercatorQuad z17 tiles
                   (one inside the data, one across its north-west corner) warped by gdalwarp (nearest)
  tile-inside.u8, tile-edge.u8, tile-edge-b08.u16   those gdalwarp tiles (band-sequential; alpha/nodata as 0)
"""
import json
import math
import os
import subprocess

import numpy
from osgeo import gdal, osr

gdal.UseExceptions()
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cogs")
W, H, RES, X0, Y0, EPSG = 128, 96, 10.0, 500000.0, 5000000.0, 32631
GT = (X0, RES, 0.0, Y0, 0.0, -RES)
os.makedirs(HERE, exist_ok=True)
rng = numpy.random.default_rng(7)
rows, cols = numpy.mgrid[0:H, 0:W]
srs = osr.SpatialReference()
srs.ImportFromEPSG(EPSG)


def write_cog(name, arrays, gdal_type, nodata=None):
    mem = gdal.GetDriverByName("MEM").Create("", W, H, len(arrays), gdal_type)
    mem.SetGeoTransform(GT)
    mem.SetProjection(srs.ExportToWkt())
    for i, a in enumerate(arrays):
        band = mem.GetRasterBand(i + 1)
        if nodata is not None:
            band.SetNoDataValue(nodata)
        band.WriteArray(a)
    path = os.path.join(HERE, name)
    gdal.PushErrorHandler("CPLQuietErrorHandler")  # BLOCKSIZE=64 warns (< 128) but is honoured
    gdal.Translate(path, mem, format="COG", creationOptions=["COMPRESS=DEFLATE", "BLOCKSIZE=64", "OVERVIEWS=NONE"])
    gdal.PopErrorHandler()
    return path


red = (40 + cols + rng.integers(0, 20, (H, W))).astype(numpy.uint8)
green = (30 + 2 * rows + rng.integers(0, 20, (H, W))).astype(numpy.uint8)
blue = (200 - cols - rows // 2 + rng.integers(0, 20, (H, W))).astype(numpy.uint8)
visual = write_cog("visual.tif", [red, green, blue], gdal.GDT_Byte)
b08 = (1000 + 13 * cols + 7 * rows + rng.integers(0, 100, (H, W))).astype(numpy.uint16)
b08[(cols + (H - 1 - rows)) < 24] = 0
b08_path = write_cog("b08.tif", [b08], gdal.GDT_UInt16, nodata=0)

gdal.Open(visual).ReadAsArray().astype(numpy.uint8).tofile(os.path.join(HERE, "visual.u8"))
gdal.Open(b08_path).ReadAsArray().astype("<u2").tofile(os.path.join(HERE, "b08.u16"))
for extra in ("visual.tif.aux.xml", "b08.tif.aux.xml"):
    if os.path.exists(os.path.join(HERE, extra)):
        os.remove(os.path.join(HERE, extra))

wgs = osr.SpatialReference()
wgs.ImportFromEPSG(4326)
wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
to_wgs = osr.CoordinateTransformation(srs, wgs)
corners = [to_wgs.TransformPoint(x, y)[:2] for x in (X0, X0 + W * RES) for y in (Y0 - H * RES, Y0)]
bbox = [min(c[0] for c in corners), min(c[1] for c in corners), max(c[0] for c in corners), max(c[1] for c in corners)]
ll = [list(to_wgs.TransformPoint(x, y)[:2]) for x, y in ((X0, Y0), (X0 + W * RES, Y0), (X0 + W * RES, Y0 - H * RES), (X0, Y0 - H * RES))]


def item(bands):
    def asset(href, title, count, dtype, nodata, common_names):
        a = {"href": href, "type": "image/tiff; application=geotiff; profile=cloud-optimized", "title": title,
             "roles": ["data"], "proj:shape": [H, W], "proj:transform": [RES, 0, X0, 0, -RES, Y0]}
        nodata_field = {"nodata": nodata} if nodata is not None else {}
        if bands == "1.0":
            a["eo:bands"] = [dict({"name": f"band{i + 1}"}, **({"common_name": common_names[i]} if common_names else {}))
                             for i in range(count)]
            a["raster:bands"] = [dict({"data_type": dtype}, **nodata_field) for _ in range(count)]
        elif bands == "1.1":
            a["bands"] = [dict({"name": f"band{i + 1}", "data_type": dtype}, **nodata_field,
                               **({"eo:common_name": common_names[i]} if common_names else {})) for i in range(count)]
        return a
    suffix = {"1.0": "", "1.1": "-bands", None: "-bare"}[bands]
    return {"type": "Feature", "stac_version": "1.1.0" if bands == "1.1" else "1.0.0", "id": "real-cogs" + suffix,
            "bbox": bbox, "geometry": {"type": "Polygon", "coordinates": [ll + [ll[0]]]},
            "properties": {"datetime": "2024-05-01T10:00:00Z", "proj:epsg": EPSG},
            "links": [], "assets": {"visual": asset("./visual.tif", "True colour", 3, "uint8", None, ["red", "green", "blue"]),
                                    "B08": asset("./b08.tif", "NIR", 1, "uint16", 0, None)}}


for name, bands in (("item.json", "1.0"), ("item-bare.json", None), ("item-bands.json", "1.1")):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(item(bands), f, indent=1)

# Points (lon, lat) at pixel centres, and what gdallocationinfo reads there.
points = []
for col, row in ((3, 4), (64, 48), (120, 90), (2, 93)):
    lon, lat = to_wgs.TransformPoint(X0 + (col + 0.5) * RES, Y0 - (row + 0.5) * RES)[:2]
    values = {}
    for name, path in (("visual", visual), ("b08", b08_path)):
        out = subprocess.run(["gdallocationinfo", "-valonly", "-wgs84", path, repr(lon), repr(lat)],
                             check=True, capture_output=True, text=True).stdout.split()
        values[name] = [float(v) for v in out]
    points.append({"col": col, "row": row, "lon": lon, "lat": lat, "values": values})

# WebMercatorQuad tiles at z17: one around the data's centre (inside), one holding its north-west corner.
def tile_of(lon, lat, z):
    n = 2 ** z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def tile_bounds(x, y, z):
    size = 2 * 20037508.342789244 / 2 ** z
    return [-20037508.342789244 + x * size, 20037508.342789244 - (y + 1) * size,
            -20037508.342789244 + (x + 1) * size, 20037508.342789244 - y * size]


Z = 17
centre = to_wgs.TransformPoint(X0 + W * RES / 2, Y0 - H * RES / 2)[:2]
nw = to_wgs.TransformPoint(X0, Y0)[:2]
tiles = {}
for key, (lon, lat) in (("inside", centre), ("edge", nw)):
    x, y = tile_of(lon, lat, Z)
    te = tile_bounds(x, y, Z)
    warped = gdal.Warp("/vsimem/t.tif", visual, dstSRS="EPSG:3857", outputBounds=te, width=256, height=256,
                       resampleAlg="near", dstAlpha=True)
    arr = warped.ReadAsArray()
    warped = None
    arr.astype(numpy.uint8).tofile(os.path.join(HERE, f"tile-{key}.u8"))
    tiles[key] = {"z": Z, "x": x, "y": y, "bounds": te, "opaque": bool((arr[3] == 255).all())}
    if key == "edge":
        warped = gdal.Warp("/vsimem/t.tif", b08_path, dstSRS="EPSG:3857", outputBounds=te, width=256, height=256,
                           resampleAlg="near", dstNodata=0)
        warped.ReadAsArray().astype("<u2").tofile(os.path.join(HERE, "tile-edge-b08.u16"))
        warped = None
gdal.Unlink("/vsimem/t.tif")

info = gdal.Info(visual, format="json")
reference = {
    "width": W, "height": H, "crs": f"EPSG:{EPSG}", "geoTransform": list(GT),
    "bounds": [X0, Y0 - H * RES, X0 + W * RES, Y0], "wgs84Bounds": bbox,
    "visual": {"count": len(info["bands"]), "dtype": info["bands"][0]["type"].lower().replace("byte", "uint8"),
               "blockSize": info["bands"][0]["block"]},
    "b08": {"nodata": 0, "dtype": "uint16"},
    "points": points, "tiles": tiles,
}
with open(os.path.join(HERE, "reference.json"), "w") as f:
    json.dump(reference, f, indent=1)
print("written to", HERE)
