#!/usr/bin/python3
"""Writes tests/data/api/cogs/i16.tif and i16.i16: a COG of signed 16-bit values for the tests of how non-uint8 data
is drawn without rescale (rio-tiler stretches the int16 range to 0..255). Same grid as make_real_cogs.py. Deterministic.
Run with Debian's /usr/bin/python3 (python3-gdal, numpy):  /usr/bin/python3 tests/data/api/make_dtype_cogs.py

  i16.tif   128x96 1-band int16 COG (DEFLATE, 64x64 blocks, no nodata), EPSG:32631, 10 m pixels: a west-east ramp
            from -30000 to 30000 with a little noise, so every 8-bit level of the stretch is crossed
  i16.i16   i16.tif's pixels as GDAL reads them (little-endian int16, row-major)
  i16-stats.tif   the same grid, 3 int16 bands i16 // 10, i16 // 20 + 500 and -(i16 // 40) (numpy floor division),
            with GDAL's exact statistics (STATISTICS_MINIMUM/MAXIMUM/MEAN/STDDEV per band in the GDAL_METADATA tag)
  i16-stats.json  `gdalinfo -json` of i16-stats.tif: each band's metadata items, for the reader's tests
"""
import json
import os

import numpy
from osgeo import gdal, osr

gdal.UseExceptions()
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cogs")
W, H = 128, 96
rng = numpy.random.default_rng(11)
rows, cols = numpy.mgrid[0:H, 0:W]
values = (-30000 + cols * 60000 // (W - 1) + 5 * rows + rng.integers(-50, 50, (H, W))).clip(-32768, 32767).astype(numpy.int16)

srs = osr.SpatialReference()
srs.ImportFromEPSG(32631)


def write_cog(name, bands, stats=False):
    mem = gdal.GetDriverByName("MEM").Create("", W, H, len(bands), gdal.GDT_Int16)
    mem.SetGeoTransform((500000.0, 10.0, 0.0, 5000000.0, 0.0, -10.0))
    mem.SetProjection(srs.ExportToWkt())
    for i, band in enumerate(bands):
        mem.GetRasterBand(i + 1).WriteArray(band)
    path = os.path.join(HERE, name)
    gdal.PushErrorHandler("CPLQuietErrorHandler")  # BLOCKSIZE=64 warns (< 128) but is honoured
    gdal.Translate(path, mem, format="COG", stats=stats,
                   creationOptions=["COMPRESS=DEFLATE", "BLOCKSIZE=64", "OVERVIEWS=NONE"])
    gdal.PopErrorHandler()
    if os.path.exists(path + ".aux.xml"):
        os.remove(path + ".aux.xml")
    return path


path = write_cog("i16.tif", [values])
gdal.Open(path).ReadAsArray().astype("<i2").tofile(os.path.join(HERE, "i16.i16"))
path = write_cog("i16-stats.tif", [values // 10, values // 20 + 500, -(values // 40)], stats=True)
info = gdal.Info(path, format="json")
with open(os.path.join(HERE, "i16-stats.json"), "w") as f:
    json.dump({"bands": [{"band": b["band"], "metadata": b.get("metadata", {})} for b in info["bands"]]}, f, indent=1)
    f.write("\n")
