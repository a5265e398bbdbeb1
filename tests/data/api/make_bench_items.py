#!/usr/bin/python3
"""Writes N Sentinel-2-like STAC items (assets B04, B03, B02: 512×512 uint16 COGs in EPSG:32631, DEFLATE, 256
blocks, overviews) into the folder given as argv[1]; argv[2] is the item count, argv[3] the base URL they are served
from. Used by the bbox .npy speed test; nothing is committed."""
import json
import os
import sys

import numpy
from osgeo import gdal

gdal.UseExceptions()
folder, count, base = sys.argv[1], int(sys.argv[2]), sys.argv[3].rstrip("/")
size, res, x0, y0 = 512, 10.0, 500000.0, 5000000.0
rng = numpy.random.default_rng(7)
mem = gdal.GetDriverByName("MEM")
for i in range(count):
    assets = {}
    for band, level in (("B04", 800), ("B03", 900), ("B02", 1000)):
        yy, xx = numpy.mgrid[0:size, 0:size]
        data = (level + (xx + yy) // 8 + rng.integers(0, 40, (size, size)) + 7 * i).astype(numpy.uint16)
        src = mem.Create("", size, size, 1, gdal.GDT_UInt16)
        src.SetGeoTransform((x0, res, 0, y0, 0, -res))
        src.SetProjection("EPSG:32631")
        src.GetRasterBand(1).WriteArray(data)
        src.GetRasterBand(1).SetNoDataValue(0)
        name = f"item{i:02d}_{band}.tif"
        gdal.Translate(os.path.join(folder, name), src, format="COG",
                       creationOptions=["COMPRESS=DEFLATE", "PREDICTOR=2", "BLOCKSIZE=256", "OVERVIEWS=AUTO"])
        assets[band] = {"href": name, "type": "image/tiff; application=geotiff; profile=cloud-optimized", "roles": ["data"],
                        "proj:epsg": 32631, "proj:shape": [size, size], "proj:transform": [res, 0, x0, 0, -res, y0, 0, 0, 1],
                        "raster:bands": [{"data_type": "uint16", "nodata": 0}]}
    item = {"type": "Feature", "stac_version": "1.0.0", "id": f"item{i:02d}",
            "stac_extensions": ["https://stac-extensions.github.io/projection/v1.1.0/schema.json",
                                "https://stac-extensions.github.io/raster/v1.1.0/schema.json"],
            "bbox": [3.0, 45.107, 3.066, 45.154],
            "geometry": {"type": "Polygon", "coordinates": [[[3.0, 45.107], [3.066, 45.107], [3.066, 45.154], [3.0, 45.154], [3.0, 45.107]]]},
            "properties": {"datetime": f"2024-06-{i % 28 + 1:02d}T10:00:00Z", "proj:epsg": 32631},
            "links": [{"rel": "self", "href": f"{base}/item{i:02d}.json"}], "assets": assets}
    with open(os.path.join(folder, f"item{i:02d}.json"), "w") as f:
        json.dump(item, f)
