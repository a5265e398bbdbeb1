"""Writes a small class raster with nearest overviews, like TiTiler's cog.tif (a UTM 21N land-cover COG near 73°N):
600x600 UInt16 pixels of 250 m, classes in blocks of a few pixels plus rare classes in single pixels, so that which
overview a read takes changes the classes it sees. Deterministic (seeded).

    /usr/bin/python3 make_overview_classes.py OUT.tif
"""
import sys

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()


def main(path):
    rng = np.random.default_rng(17)
    size = 600
    blocks = rng.choice([10, 20, 30, 40, 50, 60, 70, 80], size=(size // 6 + 1, size // 5 + 1))
    classes = np.kron(blocks, np.ones((6, 5), dtype=np.int64))[:size, :size].astype(np.uint16)
    rare = rng.integers(0, size, size=(40, 2))
    classes[rare[:, 0], rare[:, 1]] = 100 + np.arange(40, dtype=np.uint16)
    source = gdal.GetDriverByName("MEM").Create("", size, size, 1, gdal.GDT_UInt16)
    source.GetRasterBand(1).WriteArray(classes)
    source.SetGeoTransform((425000, 250, 0, 8250000, 0, -250))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32621)
    source.SetSpatialRef(srs)
    source.BuildOverviews("NEAREST", [2, 4, 8])
    gdal.GetDriverByName("GTiff").CreateCopy(path, source, options=[
        "TILED=YES", "BLOCKXSIZE=128", "BLOCKYSIZE=128", "COMPRESS=DEFLATE", "COPY_SRC_OVERVIEWS=YES"])


if __name__ == "__main__":
    main(sys.argv[1])
