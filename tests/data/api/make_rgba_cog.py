#!/usr/bin/python3
"""Writes tests/data/api/cogs/rgba.tif and rgba.u8: an RGBA COG for the tests of how alpha bands are read and drawn
(rio-tiler leaves the alpha band out of the data and uses it as the mask). Same grid as make_real_cogs.py, whose
visual.tif it needs. Deterministic. Run with Debian's /usr/bin/python3 (python3-gdal, numpy):
/usr/bin/python3 tests/data/api/make_rgba_cog.py

  rgba.tif   128x96 4-band uint8 COG (DEFLATE, 64x64 blocks, PHOTOMETRIC=RGB, ExtraSamples unassociated alpha):
             visual.tif's three bands, alpha 0 in a wedge at the north-east corner, 255 elsewhere
  rgba.u8    rgba.tif's pixels as GDAL reads them (band-sequential R, G, B, alpha, row-major)
"""
import os

import numpy
from osgeo import gdal

gdal.UseExceptions()
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cogs")

visual = gdal.Open(os.path.join(HERE, "visual.tif"))
rgb = visual.ReadAsArray()
_, H, W = rgb.shape
rows, cols = numpy.mgrid[0:H, 0:W]
alpha = numpy.where((W - 1 - cols) + rows < 24, 0, 255).astype(numpy.uint8)

mem = gdal.GetDriverByName("MEM").Create("", W, H, 4, gdal.GDT_Byte)
mem.SetGeoTransform(visual.GetGeoTransform())
mem.SetProjection(visual.GetProjection())
for i, (array, interp) in enumerate(zip([*rgb, alpha], (gdal.GCI_RedBand, gdal.GCI_GreenBand, gdal.GCI_BlueBand, gdal.GCI_AlphaBand))):
    band = mem.GetRasterBand(i + 1)
    band.SetColorInterpretation(interp)
    band.WriteArray(array)
path = os.path.join(HERE, "rgba.tif")
gdal.PushErrorHandler("CPLQuietErrorHandler")  # BLOCKSIZE=64 warns (< 128) but is honoured
gdal.Translate(path, mem, format="COG", creationOptions=["COMPRESS=DEFLATE", "BLOCKSIZE=64", "OVERVIEWS=NONE"])
gdal.PopErrorHandler()

written = gdal.Open(path)
assert [written.GetRasterBand(i + 1).GetColorInterpretation() for i in range(4)][3] == gdal.GCI_AlphaBand
written.ReadAsArray().astype(numpy.uint8).tofile(os.path.join(HERE, "rgba.u8"))
print("written", path)
