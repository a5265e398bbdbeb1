"""Makes small GeoTIFFs whose validity GDAL derives from an internal mask (on every overview) or from nodata on
signed 8-bit and paletted data, and gdalwarp's output for each to a WebMercator grid (run through make-masks.sh).

  files/NAME.tif          the source
  warped/NAME.KERNEL.tif  gdalwarp -r KERNEL -dstalpha onto the grid in cases.json
  cases.json              per source: the grid, the kernels, and what GDAL reports (type, nodata, mask flags)
  refused/NAME.tif        sample types the engine refuses: complex (CInt16, CFloat32) and 16-bit float
"""
import json
import os
import subprocess

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
HERE = os.path.dirname(os.path.abspath(__file__))
FILES, WARPED = os.path.join(HERE, "files"), os.path.join(HERE, "warped")
SIZE = 96
ORIGIN, PIXEL, EPSG = (445000.0, 5416000.0), 30.0, 32631


def pattern(seed, lo=1, hi=250):
    y, x = np.mgrid[0:SIZE, 0:SIZE].astype(np.float64)
    v = (x * 3 + y * 5 + seed * 17) % (hi - lo) + lo + 20 * np.sin(x / 9.0 + seed) * np.cos(y / 7.0)
    return np.clip(np.round(v), lo, hi)


def hole():
    y, x = np.mgrid[0:SIZE, 0:SIZE]
    return ((x - SIZE * 0.35) ** 2 + (y - SIZE * 0.6) ** 2 < (SIZE * 0.18) ** 2) | (x + y < SIZE * 0.3)


def create(path, bands, dtype, options=(), nodata=None, arrays=None, georef=True):
    ds = gdal.GetDriverByName("GTiff").Create(path, SIZE, SIZE, bands, dtype, list(options))
    if georef:
        ds.SetGeoTransform([ORIGIN[0], PIXEL, 0, ORIGIN[1], 0, -PIXEL])
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(EPSG)
        ds.SetProjection(srs.ExportToWkt())
    for b in range(bands):
        band = ds.GetRasterBand(b + 1)
        if nodata is not None:
            band.SetNoDataValue(nodata)
        band.WriteArray(arrays[b])
    return ds


def make_sources():
    made = {}
    inside = ~hole()
    # an internal mask on the image and on every overview
    ds = create(os.path.join(FILES, "internal_mask_ovr.tif"), 1, gdal.GDT_UInt16, ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32", "COMPRESS=DEFLATE"],
                arrays=[pattern(2, 1, 4000)])
    gdal.SetConfigOption("GDAL_TIFF_INTERNAL_MASK", "YES")
    ds.CreateMaskBand(gdal.GMF_PER_DATASET)
    ds.GetRasterBand(1).GetMaskBand().WriteArray(np.where(inside, 255, 0).astype(np.uint8))
    ds.BuildOverviews("NEAREST", [2, 4])
    ds = None
    gdal.SetConfigOption("GDAL_TIFF_INTERNAL_MASK", None)
    made["internal_mask_ovr"] = ["near", "bilinear"]
    # signed 8-bit with nodata, as GDAL 3.6 writes it (PIXELTYPE=SIGNEDBYTE: SampleFormat=2, 8 bits)
    signed = (pattern(6, 0, 250) - 125).astype(np.int16)
    signed[hole()] = -100
    ds = create(os.path.join(FILES, "int8_nodata.tif"), 1, gdal.GDT_Byte, ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32", "PIXELTYPE=SIGNEDBYTE"],
                nodata=-100, arrays=[(signed.astype(np.int16) & 0xFF).astype(np.uint8)])
    ds = None
    # GDAL 3.6 reads SIGNEDBYTE as unsigned Byte and ignores its negative nodata (GDAL 3.7's Int8 does not): the
    # reference is gdalwarp of the same signed values stored as Int16 (see docs/raster-formats.md)
    ds = create(os.path.join(WARPED, "int8_nodata.int16.tif"), 1, gdal.GDT_Int16, ["COMPRESS=DEFLATE"], nodata=-100, arrays=[signed])
    ds = None
    made["int8_nodata"] = ["near", "bilinear"]
    # paletted with a nodata index
    index = (pattern(7, 0, 15)).astype(np.uint8)
    index[hole()] = 15
    ds = create(os.path.join(FILES, "palette_nodata.tif"), 1, gdal.GDT_Byte, ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32"],
                nodata=15, arrays=[index])
    ct = gdal.ColorTable()
    for i in range(16):
        ct.SetColorEntry(i, (i * 16, 255 - i * 16, (i * 53) % 256, 255))
    ds.GetRasterBand(1).SetRasterColorTable(ct)
    ds = None
    made["palette_nodata"] = ["near"]
    return made


def make_refused():
    os.makedirs(os.path.join(HERE, "refused"), exist_ok=True)
    y, x = np.mgrid[0:SIZE, 0:SIZE]
    for name, dtype, options in (("cint16", gdal.GDT_CInt16, []), ("cfloat32", gdal.GDT_CFloat32, []),
                                 ("float16", gdal.GDT_Float32, ["NBITS=16"])):
        values = (x + 1j * y) if dtype != gdal.GDT_Float32 else x * 0.25
        create(os.path.join(HERE, "refused", name + ".tif"), 1, dtype, options + ["COMPRESS=DEFLATE"], arrays=[values]).FlushCache()


def grid_of(path):
    """A 128×128 WebMercator grid over the source's footprint plus 10 %."""
    ds = gdal.Open(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    merc = osr.SpatialReference()
    merc.ImportFromEPSG(3857)
    for r in (srs, merc):
        r.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    w, s, e, n = osr.CoordinateTransformation(srs, merc).TransformBounds(
        ORIGIN[0], ORIGIN[1] - SIZE * PIXEL, ORIGIN[0] + SIZE * PIXEL, ORIGIN[1], 21)
    m = 0.1 * max(e - w, n - s)
    return [w - m, s - m, e + m, n + m], 128


def warp(name, kernel, bounds, size):
    out = os.path.join(WARPED, f"{name}.{kernel}.tif")
    twin = os.path.join(WARPED, name + ".int16.tif")
    source = twin if os.path.exists(twin) else os.path.join(FILES, name + ".tif")
    subprocess.run(["gdalwarp", "-q", "-overwrite", "-t_srs", "EPSG:3857", "-te", *map(repr, bounds), "-ts", str(size), str(size),
                    "-r", kernel, "-dstalpha", "-co", "COMPRESS=DEFLATE", source, out], check=True)


def describe(name):
    ds = gdal.Open(os.path.join(FILES, name + ".tif"))
    b = ds.GetRasterBand(1)
    return {"bands": ds.RasterCount, "dataType": gdal.GetDataTypeName(b.DataType), "nodata": b.GetNoDataValue(),
            "maskFlags": b.GetMaskFlags(), "pixelType": b.GetMetadataItem("PIXELTYPE", "IMAGE_STRUCTURE"),
            "overviews": b.GetOverviewCount()}


def main():
    os.makedirs(FILES, exist_ok=True)
    os.makedirs(WARPED, exist_ok=True)
    made = make_sources()
    make_refused()
    cases = {}
    for name, kernels in made.items():
        bounds, size = grid_of(os.path.join(FILES, name + ".tif"))
        for k in kernels:
            warp(name, k, bounds, size)
        cases[name] = {"bounds": bounds, "size": size, "kernels": kernels, **describe(name)}
    with open(os.path.join(HERE, "cases.json"), "w") as f:
        json.dump(cases, f, indent=1)


if __name__ == "__main__":
    main()
