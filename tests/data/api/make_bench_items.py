#!/usr/bin/python3
"""Writes N Sentinel-2-like STAC items (assets B04, B03, B02: 512×512 uint16 COGs in EPSG:32631, DEFLATE, 256
blocks, overviews) into the folder given as argv[1]; argv[2] is the item count, argv[3] the base URL they are served
from. With argv[4] = M, only the first M items share the grid; each other one lies on its own grid further east (one
grid width apart), so a tile over the first grid meets M items. Used by the speed and mosaic read cases; nothing is
committed."""
import json
import os
import sys

import numpy
from osgeo import gdal, osr

gdal.UseExceptions()
folder, count, base = sys.argv[1], int(sys.argv[2]), sys.argv[3].rstrip("/")
meeting = int(sys.argv[4]) if len(sys.argv) > 4 else count
size, res, x0, y0 = 512, 10.0, 500000.0, 5000000.0
rng = numpy.random.default_rng(7)
mem = gdal.GetDriverByName("MEM")
utm, wgs84 = osr.SpatialReference(), osr.SpatialReference()
utm.ImportFromEPSG(32631)
wgs84.ImportFromEPSG(4326)
wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
to_wgs84 = osr.CoordinateTransformation(utm, wgs84)


def footprint(left):
    """The bbox and polygon in WGS 84 of the grid whose left edge is at x = left."""
    corners = [to_wgs84.TransformPoint(x, y)[:2] for x, y in
               ((left, y0 - size * res), (left + size * res, y0 - size * res), (left + size * res, y0), (left, y0))]
    lons, lats = [c[0] for c in corners], [c[1] for c in corners]
    bbox = [round(min(lons), 6), round(min(lats), 6), round(max(lons), 6), round(max(lats), 6)]
    return bbox, [[list(c) for c in corners + corners[:1]]]


for i in range(count):
    left = x0 if i < meeting else x0 + 2 * (i - meeting + 1) * size * res
    assets = {}
    for band, level in (("B04", 800), ("B03", 900), ("B02", 1000)):
        yy, xx = numpy.mgrid[0:size, 0:size]
        data = (level + (xx + yy) // 8 + rng.integers(0, 40, (size, size)) + 7 * i).astype(numpy.uint16)
        src = mem.Create("", size, size, 1, gdal.GDT_UInt16)
        src.SetGeoTransform((left, res, 0, y0, 0, -res))
        src.SetProjection("EPSG:32631")
        src.GetRasterBand(1).WriteArray(data)
        src.GetRasterBand(1).SetNoDataValue(0)
        name = f"item{i:02d}_{band}.tif"
        gdal.Translate(os.path.join(folder, name), src, format="COG",
                       creationOptions=["COMPRESS=DEFLATE", "PREDICTOR=2", "BLOCKSIZE=256", "OVERVIEWS=AUTO"])
        assets[band] = {"href": name, "type": "image/tiff; application=geotiff; profile=cloud-optimized", "roles": ["data"],
                        "proj:epsg": 32631, "proj:shape": [size, size], "proj:transform": [res, 0, left, 0, -res, y0, 0, 0, 1],
                        "raster:bands": [{"data_type": "uint16", "nodata": 0}]}
    bbox, polygon = footprint(left)
    item = {"type": "Feature", "stac_version": "1.0.0", "id": f"item{i:02d}",
            "stac_extensions": ["https://stac-extensions.github.io/projection/v1.1.0/schema.json",
                                "https://stac-extensions.github.io/raster/v1.1.0/schema.json"],
            "bbox": bbox, "geometry": {"type": "Polygon", "coordinates": polygon},
            "properties": {"datetime": f"2024-06-{i % 28 + 1:02d}T10:00:00Z", "proj:epsg": 32631},
            "links": [{"rel": "self", "href": f"{base}/item{i:02d}.json"}], "assets": assets}
    with open(os.path.join(folder, f"item{i:02d}.json"), "w") as f:
        json.dump(item, f)
