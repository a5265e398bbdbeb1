#!/usr/bin/python3
"""Writes tests/data/api/cogs/rgba.tif and rgba.u8: an RGBA COG for the tests of how alpha bands are read and drawn
(rio-tiler leaves the alpha band out of the data and uses it as the mask). Same grid as make_real_cogs.py, whose
visual.tif it needs. Deterministic. Run with Debian's /usr/bin/python3 (python3-gdal, numpy):
/usr/bin/python3 tests/data/api/make_rgba_cog.py

  rgba.tif   128x96 4-band uint8 COG (DEFLATE, 64x64 blocks, PHOTOMETRIC=RGB, ExtraSamples unassociated alpha):
             visual.tif's three bands, alpha 0 in a wedge at the north-east corner, 255 elsewhere
  rgba.u8    rgba.tif's pixels as GDAL reads them (band-sequential R, G, B, alpha, row-major)

Partial alpha (rio-tiler keeps the alpha values as the mask it draws, and masks every pixel whose alpha is not opaque):

  rgba_partial.tif    the same RGB, alpha 4·column up to 255 (column 0 transparent, columns 0..63 partly transparent,
                      64.. opaque), 0 in the top 8 rows, 128 in the bottom 8; a 64x48 overview (AVERAGE)
  rgba_partial.u8     its pixels as GDAL reads them; rgba_partial.ovr.u8 those of its overview
  rgba16_partial.tif  3-band uint16 (the RGB x 100) with a 16-bit alpha: rgba_partial's alpha x 257, 30000 in the
                      bottom 8 rows (rio-tiler's rescale gives 116), raw values below 257 in rows 8..15 (2·column in
                      8..11, 192 + column in 12..15: 255, 256 and 257 included); rgba16_partial.u16 its pixels
                      (little-endian)
  rgba_nodata.tif     rgba_partial.tif's bands (no overview) with a nodata value of 0 beside the alpha band (no pixel
                      has all three bands 0)
  rgba_nodata_out_of_range.tif   the same with -10000, which uint8 cannot hold, as rio-tiler's pix4d_alpha_nodata.tif
                      (tests/test_reader.py::test_tile_read_nodata_and_alpha)
  rgba_partial.KERNEL.SIZE.u8   gdalwarp -t_srs EPSG:3857 -r KERNEL of rgba_partial.tif onto the grids of
                      rgba_partial.json (the footprint plus 5 %, SIZE pixels wide; the output's alpha band last, 0
                      where nothing was drawn): near and bilinear finer than the source, near coarse enough that
                      gdalwarp reads the overview
"""
import json
import os
import subprocess
import tempfile

import numpy
from osgeo import gdal, osr

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

partial = numpy.minimum(255, 4 * cols).astype(numpy.uint8)
partial[rows < 8] = 0
partial[rows >= H - 8] = 128


def write_rgba(name, colours, alpha_band, gdal_type, overviews, nodata=None):
    mem = gdal.GetDriverByName("MEM").Create("", W, H, 4, gdal_type)
    mem.SetGeoTransform(visual.GetGeoTransform())
    mem.SetProjection(visual.GetProjection())
    for i, (array, interp) in enumerate(zip([*colours, alpha_band], (gdal.GCI_RedBand, gdal.GCI_GreenBand, gdal.GCI_BlueBand, gdal.GCI_AlphaBand))):
        band = mem.GetRasterBand(i + 1)
        band.SetColorInterpretation(interp)
        band.WriteArray(array)
        if nodata is not None:
            band.SetNoDataValue(nodata)
    out = os.path.join(HERE, name)
    options = ["COMPRESS=DEFLATE", "BLOCKSIZE=64"] + (["OVERVIEWS=AUTO", "OVERVIEW_RESAMPLING=AVERAGE"] if overviews else ["OVERVIEWS=NONE"])
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    gdal.Translate(out, mem, format="COG", creationOptions=options)
    gdal.PopErrorHandler()
    done = gdal.Open(out)
    assert done.GetRasterBand(4).GetColorInterpretation() == gdal.GCI_AlphaBand
    assert done.GetRasterBand(1).GetOverviewCount() == (1 if overviews else 0)
    return out


path = write_rgba("rgba_partial.tif", rgb, partial, gdal.GDT_Byte, overviews=True)
written = gdal.Open(path)
written.ReadAsArray().astype(numpy.uint8).tofile(os.path.join(HERE, "rgba_partial.u8"))
numpy.stack([written.GetRasterBand(b + 1).GetOverview(0).ReadAsArray() for b in range(4)]).astype(numpy.uint8).tofile(
    os.path.join(HERE, "rgba_partial.ovr.u8"))

assert not (rgb == 0).all(axis=0).any()
for name, value in (("rgba_nodata.tif", 0), ("rgba_nodata_out_of_range.tif", -10000)):
    with_nodata = gdal.Open(write_rgba(name, rgb, partial, gdal.GDT_Byte, overviews=False, nodata=value))
    assert with_nodata.GetRasterBand(1).GetNoDataValue() == value
    with_nodata = None

wide = partial.astype(numpy.uint16) * 257
wide[rows >= H - 8] = 30000
wide[(rows >= 8) & (rows < 12)] = (2 * cols[(rows >= 8) & (rows < 12)]).astype(numpy.uint16)
wide[(rows >= 12) & (rows < 16)] = (192 + cols[(rows >= 12) & (rows < 16)]).astype(numpy.uint16)
path16 = write_rgba("rgba16_partial.tif", [c.astype(numpy.uint16) * 100 for c in rgb], wide, gdal.GDT_UInt16, overviews=False)
gdal.Open(path16).ReadAsArray().astype("<u2").tofile(os.path.join(HERE, "rgba16_partial.u16"))

utm, merc = osr.SpatialReference(), osr.SpatialReference()
utm.ImportFromWkt(visual.GetProjection())
merc.ImportFromEPSG(3857)
for r in (utm, merc):
    r.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
x0, xres, _, y0, _, yres = visual.GetGeoTransform()
w, s, e, n = osr.CoordinateTransformation(utm, merc).TransformBounds(x0, y0 + H * yres, x0 + W * xres, y0, 21)
m = 0.05 * max(e - w, n - s)
bounds = [w - m, s - m, e + m, n + m]
grids = []
for kernel, width in (("near", 160), ("bilinear", 160), ("near", 40)):
    height = round(width * (bounds[3] - bounds[1]) / (bounds[2] - bounds[0]))
    warped = os.path.join(tempfile.mkdtemp(), "warped.tif")
    subprocess.run(["gdalwarp", "-q", "-t_srs", "EPSG:3857", "-te", *map(repr, bounds), "-ts", str(width), str(height),
                    "-r", kernel, path, warped], check=True)
    out = gdal.Open(warped)
    assert out.RasterCount == 4 and out.GetRasterBand(4).GetColorInterpretation() == gdal.GCI_AlphaBand
    out.ReadAsArray().astype(numpy.uint8).tofile(os.path.join(HERE, f"rgba_partial.{kernel}.{width}.u8"))
    out = None
    os.remove(warped)
    grids.append({"kernel": kernel, "width": width, "height": height, "bounds": bounds, "file": f"rgba_partial.{kernel}.{width}.u8"})
with open(os.path.join(HERE, "rgba_partial.json"), "w") as f:
    json.dump({"crs": "EPSG:3857", "grids": grids}, f, indent=1)
print("written", path, path16)
