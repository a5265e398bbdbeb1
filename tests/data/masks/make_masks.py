"""Makes small GeoTIFFs whose validity GDAL derives from an internal mask (on every overview), from a .msk sidecar
(with its overviews in .msk.ovr), or from nodata on signed 8-bit, paletted and 16-bit float data, some with external
overviews (.ovr), and gdalwarp's output for each to a WebMercator grid (run through make-masks.sh).

  files/NAME.tif[.ovr|.msk|.msk.ovr]  the source and its sidecars
  warped/CASE.KERNEL.tif              gdalwarp -r KERNEL -dstalpha onto the grid in cases.json
  cases.json                          per case: the file, the grid, the kernels, and what GDAL reports (type, nodata,
                                      mask flags, overviews)
  refused/NAME.tif                    sample types the engine refuses: complex (CInt16, CFloat32)
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
    made.update(make_sidecars(inside))
    # 16-bit floats (GDAL writes them for Float32 with NBITS=16 and reads them as Float32), with nodata
    half = pattern(8, 1, 4000) / 7.0
    half[hole()] = -1
    create(os.path.join(FILES, "float16_nodata.tif"), 1, gdal.GDT_Float32, ["NBITS=16", "COMPRESS=DEFLATE", "PREDICTOR=2"],
           nodata=-1, arrays=[half]).FlushCache()
    made["float16_nodata"] = ["near", "bilinear"]
    create(os.path.join(FILES, "float16_fp_predictor.tif"), 1, gdal.GDT_Float32, ["NBITS=16", "COMPRESS=DEFLATE", "PREDICTOR=3"],
           arrays=[half]).FlushCache()
    made["float16_fp_predictor"] = ["near"]
    return made


def gdaladdo(path, kernel):
    """External overviews ÷2 and ÷4 (.ovr, and .msk.ovr for a .msk), DEFLATE-compressed."""
    subprocess.run(["gdaladdo", "-q", "-ro", "--config", "COMPRESS_OVERVIEW", "DEFLATE", "-r", kernel, path, "2", "4"], check=True)


def make_sidecars(inside):
    """Masks in .msk files and overviews in .ovr files, as GDAL writes them when told not to write inside the TIFF."""
    made = {}
    mask = np.where(inside, 255, 0).astype(np.uint8)
    gdal.SetConfigOption("GDAL_TIFF_INTERNAL_MASK", "NO")
    # striped image, .msk striped differently (GDAL picks the mask's strips itself)
    ds = create(os.path.join(FILES, "msk_striped.tif"), 1, gdal.GDT_UInt16, ["COMPRESS=DEFLATE"], arrays=[pattern(3, 1, 4000)])
    ds.CreateMaskBand(gdal.GMF_PER_DATASET)
    ds.GetRasterBand(1).GetMaskBand().WriteArray(mask)
    ds = None
    made["msk_striped"] = ["near", "bilinear"]
    # tiled RGB image with a .msk, then overviews built read-only: .ovr for the image, .msk.ovr for the mask
    path = os.path.join(FILES, "msk_ovr.tif")
    ds = create(path, 3, gdal.GDT_Byte, ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32", "INTERLEAVE=PIXEL"],
                arrays=[pattern(4 + b) for b in range(3)])
    ds.CreateMaskBand(gdal.GMF_PER_DATASET)
    ds.GetRasterBand(1).GetMaskBand().WriteArray(mask)
    ds = None
    # per-band masks: a .msk with one band per band and INTERNAL_MASK_FLAGS_n = 0 (gdalinfo: "Mask Flags:" empty);
    # GDAL's warper applies a mask only when it is per-dataset, so gdalwarp draws every pixel of such a file
    ds = create(os.path.join(FILES, "msk_per_band.tif"), 3, gdal.GDT_Byte, ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32", "COMPRESS=DEFLATE"],
                arrays=[pattern(7 + b) for b in range(3)])
    y, x = np.mgrid[0:SIZE, 0:SIZE]
    for b, band_mask in enumerate((x < SIZE // 3, y >= SIZE // 2, ~inside)):
        band = ds.GetRasterBand(b + 1)
        band.CreateMaskBand(0)
        band.GetMaskBand().WriteArray(np.where(band_mask, 0, 255).astype(np.uint8))
    ds = None
    made["msk_per_band"] = ["near"]
    gdal.SetConfigOption("GDAL_TIFF_INTERNAL_MASK", None)
    gdaladdo(path, "nearest")
    made["msk_ovr"] = ["near", "bilinear"]
    # nodata and a .ovr, no mask
    path = os.path.join(FILES, "ovr_nodata.tif")
    values = pattern(5, 1, 4000)
    values[hole()] = 0
    create(path, 1, gdal.GDT_Int16, ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32"], nodata=0, arrays=[values]).FlushCache()
    gdaladdo(path, "average")
    made["ovr_nodata"] = ["near", "bilinear"]
    # a .msk written by gdal_translate -b mask lacks INTERNAL_MASK_FLAGS_1: GDAL does not use it, and neither may we
    path = os.path.join(FILES, "msk_unflagged.tif")
    create(path, 1, gdal.GDT_UInt16, ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32"], arrays=[pattern(6, 1, 4000)]).FlushCache()
    subprocess.run(["gdal_translate", "-q", "-of", "GTiff", "-co", "COMPRESS=DEFLATE", "-b", "mask", os.path.join(FILES, "internal_mask_ovr.tif"), path + ".msk"], check=True)
    made["msk_unflagged"] = ["near"]
    return made


def make_refused():
    os.makedirs(os.path.join(HERE, "refused"), exist_ok=True)
    y, x = np.mgrid[0:SIZE, 0:SIZE]
    for name, dtype in (("cint16", gdal.GDT_CInt16), ("cfloat32", gdal.GDT_CFloat32)):
        create(os.path.join(HERE, "refused", name + ".tif"), 1, dtype, ["COMPRESS=DEFLATE"], arrays=[x + 1j * y]).FlushCache()


def grid_of(path):
    """A WebMercator grid over the source's footprint plus 10 % (128×128 pixels: finer than the source)."""
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


def warp(case, name, kernel, bounds, size):
    out = os.path.join(WARPED, f"{case}.{kernel}.tif")
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
        # files with overviews are also read onto coarser grids, where gdalwarp picks overview 1 (÷2) and 2 (÷4)
        sizes = [size, 40, 20] if describe(name)["overviews"] else [size]
        for s in sizes:
            case = name if s == size else f"{name}@{s}"
            for k in kernels:
                warp(case, name, k, bounds, s)
            cases[case] = {"file": name, "bounds": bounds, "size": s, "kernels": kernels, **describe(name)}
    with open(os.path.join(HERE, "cases.json"), "w") as f:
        json.dump(cases, f, indent=1)


if __name__ == "__main__":
    main()
