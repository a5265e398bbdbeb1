#!/usr/bin/env bash
# make-fixtures.sh: the STAC test fixtures served by the loopback STAC API in tests/Plugins.Stac.Tests.
#
#   tests/data/stac/make-fixtures.sh        (writes next to this script; deterministic: fixed seeds)
#
# Output, under items/<item-id>/:
#   B02.tif B03.tif B04.tif B08.tif   64x64 uint16 COGs (DEFLATE, 32x32 blocks, nodata 0), EPSG:32631 (UTM 31N, in the interim EPSG table of src/Raster), 10 m pixels
#   B02.u16 ... B08.u16               the same pixels exported by GDAL (gdal_translate -of ENVI: raw little-endian
#                                     uint16, row-major) as the reference the tests compare against
#   <item-id>.json                    a STAC Item with relative asset hrefs ("./B04.tif"), proj:* and raster:bands
# Items (footprints in pixels of the 10 m grid starting at x=500000, y=3300000):
#   item-a 2024-01-15 STAC 1.0.0, proj:epsg, cloud 5,  cols 0..63,  nodata wedge in the south-west corner
#   item-b 2024-04-14 STAC 1.1.0, proj:code, cloud 40, cols 32..95, nodata block rows 0..15 cols 32..47
#   item-c 2024-07-23 STAC 1.0.0, proj:epsg, cloud 12, cols 0..63,  no nodata
# and mosaic/first-3857-B04.u16 (+ .json with its grid): gdalwarp's nearest-neighbour "first" mosaic of the three
# B04 COGs into a 96x64 EPSG:3857 grid over their union, the reference for the end-to-end mosaic test.
# Needs Debian python3-gdal and python3-numpy (run with /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")"
exec /usr/bin/python3 - <<'PYEOF'
import json, os, shutil
import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
N, RES, X0, Y0, EPSG = 64, 10.0, 500000.0, 3300000.0, 32631
BANDS = {"B02": ("blue", 1000), "B03": ("green", 2000), "B04": ("red", 3000), "B08": ("nir", 5000)}
ITEMS = [
    ("item-a", "2024-01-15T08:44:29Z", 0, 5.0, "1.0.0", "sentinel-2a"),
    ("item-b", "2024-04-14T08:42:51Z", 32, 40.0, "1.1.0", "sentinel-2b"),
    ("item-c", "2024-07-23T08:44:19Z", 0, 12.0, "1.0.0", "sentinel-2a"),
]
srs = osr.SpatialReference(); srs.ImportFromEPSG(EPSG); srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
wgs = osr.SpatialReference(); wgs.ImportFromEPSG(4326); wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
to_wgs = osr.CoordinateTransformation(srs, wgs)
mem = gdal.GetDriverByName("MEM")
shutil.rmtree("items", ignore_errors=True)
rows, cols = np.mgrid[0:N, 0:N]

for k, (item_id, dt, col0, cloud, version, platform) in enumerate(ITEMS):
    d = os.path.join("items", item_id)
    os.makedirs(d)
    x0 = X0 + col0 * RES
    gt = (x0, RES, 0.0, Y0, 0.0, -RES)
    rng = np.random.default_rng(100 + k)
    assets = {}
    for bi, (b, (cname, base)) in enumerate(BANDS.items()):
        v = base + 20 * cols + 7 * rows + 300 * k + rng.integers(0, 50, (N, N))
        v = v.astype(np.uint16)
        if item_id == "item-a":
            v[(cols + (N - 1 - rows)) < 20] = 0
        if item_id == "item-b":
            v[0:16, 0:16] = 0
        src = mem.Create("", N, N, 1, gdal.GDT_UInt16)
        src.SetGeoTransform(gt); src.SetProjection(srs.ExportToWkt())
        band = src.GetRasterBand(1); band.SetNoDataValue(0); band.WriteArray(v)
        path = os.path.join(d, b + ".tif")
        gdal.PushErrorHandler("CPLQuietErrorHandler")  # BLOCKSIZE=32 warns (< 128) but is honoured
        gdal.Translate(path, src, format="COG", creationOptions=["COMPRESS=DEFLATE", "BLOCKSIZE=32", "OVERVIEWS=NONE"])
        gdal.PopErrorHandler()
        gdal.Translate(os.path.join(d, b + ".u16"), path, format="ENVI")
        for extra in (".hdr", ".u16.aux.xml", ".tif.aux.xml"):
            p = os.path.join(d, b + extra)
            if os.path.exists(p):
                os.remove(p)
        raster_band = {"nodata": 0, "data_type": "uint16", "scale": 0.0001, "offset": 0}
        asset = {"href": f"./{b}.tif", "type": "image/tiff; application=geotiff; profile=cloud-optimized",
                 "title": f"{cname} ({b})", "roles": ["data", "reflectance"]}
        if version == "1.1.0":
            asset.update({"data_type": "uint16", "nodata": 0, "raster:scale": 0.0001, "raster:offset": 0,
                          "bands": [{"name": b, "eo:common_name": cname}], "proj:code": f"EPSG:{EPSG}",
                          "proj:shape": [N, N], "proj:transform": [RES, 0, x0, 0, -RES, Y0]})
        else:
            asset.update({"eo:bands": [{"name": b, "common_name": cname}], "raster:bands": [raster_band],
                          "proj:shape": [N, N], "proj:transform": [RES, 0, x0, 0, -RES, Y0]})
        assets[b] = asset
    assets["thumbnail"] = {"href": "./thumbnail.png", "type": "image/png", "roles": ["thumbnail"]}
    assets["metadata"] = {"href": "./metadata.xml", "type": "application/xml", "roles": ["metadata"]}
    corners = [(x0, Y0), (x0 + N * RES, Y0), (x0 + N * RES, Y0 - N * RES), (x0, Y0 - N * RES)]
    ll = [list(map(lambda c: round(c, 7), to_wgs.TransformPoint(x, y)[:2])) for x, y in corners]
    bbox = [min(p[0] for p in ll), min(p[1] for p in ll), max(p[0] for p in ll), max(p[1] for p in ll)]
    props = {"datetime": dt, "platform": platform, "constellation": "sentinel-2", "eo:cloud_cover": cloud}
    if version == "1.1.0":
        props["proj:code"] = f"EPSG:{EPSG}"
    else:
        props["proj:epsg"] = EPSG
    props["proj:bbox"] = [x0, Y0 - N * RES, x0 + N * RES, Y0]
    item = {"type": "Feature", "stac_version": version, "id": item_id, "collection": "fixture-s2",
            "bbox": bbox, "geometry": {"type": "Polygon", "coordinates": [ll + [ll[0]]]},
            "properties": props, "links": [{"rel": "self", "href": f"./{item_id}.json"}], "assets": assets}
    with open(os.path.join(d, item_id + ".json"), "w") as f:
        json.dump(item, f, indent=1)

# Reference for a "first" mosaic of B04 in Web Mercator: gdalwarp paints later inputs over earlier ones where they
# hold data, so the inputs go last-priority first (item-c, item-b, item-a). Nearest neighbour, 96x64 pixels.
shutil.rmtree("mosaic", ignore_errors=True)
os.makedirs("mosaic")
merc = osr.SpatialReference(); merc.ImportFromEPSG(3857); merc.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
to_merc = osr.CoordinateTransformation(srs, merc)
corners = [to_merc.TransformPoint(x, y)[:2] for x in (X0, X0 + 96 * RES) for y in (Y0 - N * RES, Y0)]
te = [min(c[0] for c in corners), min(c[1] for c in corners), max(c[0] for c in corners), max(c[1] for c in corners)]
warped = gdal.Warp("/vsimem/first.tif", [f"items/{i}/B04.tif" for i in ("item-c", "item-b", "item-a")], dstSRS="EPSG:3857",
                   outputBounds=te, width=96, height=64, resampleAlg="near", srcNodata=0, dstNodata=0)
warped.GetRasterBand(1).ReadAsArray().astype("<u2").tofile("mosaic/first-3857-B04.u16")
warped = None
with open("mosaic/first-3857-B04.json", "w") as f:
    json.dump({"crs": "EPSG:3857", "bounds": te, "width": 96, "height": 64, "inputs": ["item-c", "item-b", "item-a"]}, f, indent=1)
print("fixtures written to", os.path.abspath("items"), "and", os.path.abspath("mosaic"))
PYEOF
