"""Writes the uncompressed source images the fixtures are converted from (160x120, UTM 31N unless said)."""
import sys
import numpy as np
from osgeo import gdal, osr

out = sys.argv[1]
W, H = 160, 120
GT = (500000.0, 10.0, 0.0, 5000000.0, 0.0, -10.0)
rng = np.random.default_rng(42)
y, x = np.mgrid[0:H, 0:W]
base = (np.sin(x / 23.0) + np.cos(y / 17.0) + 2) / 4          # smooth 0..1
noise = rng.integers(-1, 2, size=(H, W))


def write(name, bands, gdal_type, epsg=32631, gt=GT, setup=None, options=()):
    ds = gdal.GetDriverByName("GTiff").Create(f"{out}/{name}", W, H, len(bands), gdal_type, list(options))
    ds.SetGeoTransform(gt)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds.SetProjection(srs.ExportToWkt())
    for i, b in enumerate(bands):
        ds.GetRasterBand(i + 1).WriteArray(b)
    if setup:
        setup(ds)
    ds = None


u16 = (base * 4000 + 100 + noise).astype(np.uint16)
u16[:3, :5] = 0                                                  # a few nodata pixels (value 0)
write("u16.tif", [u16], gdal.GDT_UInt16)
write("u8.tif", [(base * 200 + 20 + noise).astype(np.uint8)], gdal.GDT_Byte)
write("i8.tif", [(base * 200 - 100 + noise).astype(np.int8).view(np.uint8)], gdal.GDT_Byte, options=["PIXELTYPE=SIGNEDBYTE"])
write("i16.tif", [(base * 4000 - 2000 + noise).astype(np.int16)], gdal.GDT_Int16)
write("u32.tif", [(3e9 + np.round(base * 1e5) + noise).astype(np.uint32)], gdal.GDT_UInt32)
write("i32.tif", [(-2e9 + np.round(base * 1e5) + noise).astype(np.int32)], gdal.GDT_Int32)
write("f32.tif", [(np.round(base * 8000) / 8 - 300 + noise * 0.125).astype(np.float32)], gdal.GDT_Float32)
write("f64.tif", [np.round(base * 8e4) / 8 - 3e3 + noise * 0.25], gdal.GDT_Float64)

r = (base * 200 + 20 + noise).astype(np.uint8)
g = ((1 - base) * 200 + 30 + noise).astype(np.uint8)
b = (((x * 255) // W + (y * 60) // H) % 256).astype(np.uint8)
write("rgb.tif", [r, g, b], gdal.GDT_Byte, options=["PHOTOMETRIC=RGB"])
alpha = np.where((x - 80) ** 2 / 75.0 ** 2 + (y - 60) ** 2 / 55.0 ** 2 < 1, 255, 0).astype(np.uint8)
write("rgba.tif", [r, g, b, alpha], gdal.GDT_Byte, options=["PHOTOMETRIC=RGB", "ALPHA=YES"])
write("rgb16.tif", [u16, (u16 // 2 + 7), (4100 - u16 // 3)], gdal.GDT_UInt16)


def add_mask(ds):
    ds.CreateMaskBand(gdal.GMF_PER_DATASET)
    ds.GetRasterBand(1).GetMaskBand().WriteArray(np.where(alpha > 0, 255, 0).astype(np.uint8))


gdal.SetConfigOption("GDAL_TIFF_INTERNAL_MASK", "YES")
write("masked.tif", [u16], gdal.GDT_UInt16, setup=add_mask)

nan = (np.round(base * 4000) / 4).astype(np.float32)
nan[30:40, 50:90] = np.nan
write("nan.tif", [nan], gdal.GDT_Float32, setup=lambda ds: ds.GetRasterBand(1).SetNoDataValue(float("nan")))


def scale_offset(ds):
    for i, (s, o, d) in enumerate([(0.01, -5.0, "temperature"), (2.5, 100.0, "elevation")]):
        band = ds.GetRasterBand(i + 1)
        band.SetScale(s)
        band.SetOffset(o)
        band.SetDescription(d)


write("scaled.tif", [(base * 4000 - 2000 + noise).astype(np.int16), (base * 300).astype(np.int16)], gdal.GDT_Int16,
      setup=scale_offset)
write("point.tif", [u16], gdal.GDT_UInt16, setup=lambda ds: ds.SetMetadataItem("AREA_OR_POINT", "Point"))
write("rotated.tif", [u16], gdal.GDT_UInt16, gt=(500000.0, 9.8, 1.5, 5000000.0, 1.2, -9.9))
write("wgs84.tif", [u16], gdal.GDT_UInt16, epsg=4326, gt=(2.0, 0.001, 0.0, 49.0, 0.0, -0.001))
