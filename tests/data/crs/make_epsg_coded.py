"""Makes GeoTIFFs whose CRS is an EPSG code in ProjectedCSTypeGeoKey, written by gdal_translate -a_srs EPSG:n, for
projection methods the engine implements itself, and GDAL's answers for them:
  epsg_coded/NAME.tif       32x32 Byte, a distinct value per pixel, centred on a longitude/latitude
  epsg_coded/NAME.3857.tif  gdalwarp -r near -dstalpha to EPSG:3857 at 64x64 pixels over the data's box plus 10%
  epsg_coded.tsv            NAME, column, row, longitude, latitude of some pixel corners, by cs2cs EPSG:n EPSG:4326,
                            and x, y of that longitude and latitude by cs2cs EPSG:4326 EPSG:n (PROJ does not round-trip
                            to the millimetre through every datum operation)
                            (gdaltransform of the file differs by the datum operation: for a raster GDAL lists the
                            operations for the raster's area, so RSO Sarawak gets the 5 m offshore Timbalai 1948 to
                            WGS 84 (4) where cs2cs, sorting on the CRS's whole area, keeps the 19 m onshore one (1); the
                            engine does each where GDAL does, RasterAreaOfInterestTests checks the raster's)
Needs gdal-bin, python3-gdal and python3-numpy. Run: /usr/bin/python3 tests/data/crs/make_epsg_coded.py
"""
import os
import subprocess

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
gdal.SetConfigOption("GDAL_PAM_ENABLED", "NO")
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "epsg_coded")
SIZE = 32

# name | EPSG code | centre longitude latitude | pixel size (CRS units)
CASES = """
rso_sarawak_29874|29874|113.5 2.5|3000
brso_east_malaysia_3376|3376|116.5 5.5|3000
michigan_oblique_3078|3078|-85.5 44.5|5000
oregon_coast_ft_6841|6841|-124 44|10000
"""


def main():
    os.makedirs(OUT, exist_ok=True)
    corners = []
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    mercator = osr.SpatialReference()
    mercator.ImportFromEPSG(3857)
    mercator.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    for line in CASES.strip().splitlines():
        name, code, centre, pixel = line.split("|")
        lon, lat = map(float, centre.split())
        pixel = float(pixel)
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(int(code))
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        cx, cy, _ = osr.CoordinateTransformation(wgs84, srs).TransformPoint(lon, lat)
        ulx, uly = cx - SIZE / 2 * pixel, cy + SIZE / 2 * pixel
        plain = os.path.join(OUT, name + ".plain.tif")
        ds = gdal.GetDriverByName("GTiff").Create(plain, SIZE, SIZE, 1, gdal.GDT_Byte)
        y, x = np.mgrid[0:SIZE, 0:SIZE]
        ds.GetRasterBand(1).WriteArray(((x * 7 + y * 13) % 250 + 1).astype(np.uint8))
        ds = None
        path = os.path.join(OUT, name + ".tif")
        subprocess.run(["gdal_translate", "-q", "-co", "COMPRESS=DEFLATE", "-a_srs", f"EPSG:{code}", "-a_ullr",
                        repr(ulx), repr(uly), repr(ulx + SIZE * pixel), repr(uly - SIZE * pixel), plain, path], check=True)
        os.remove(plain)
        west, south, east, north = osr.CoordinateTransformation(srs, mercator).TransformBounds(
            ulx, uly - SIZE * pixel, ulx + SIZE * pixel, uly, 21)
        margin = 0.1 * max(east - west, north - south)
        subprocess.run(["gdalwarp", "-q", "-overwrite", "-t_srs", "EPSG:3857", "-te", *map(repr, (west - margin, south - margin,
                        east + margin, north + margin)), "-ts", "64", "64", "-r", "near", "-dstalpha", "-co", "COMPRESS=DEFLATE",
                        path, os.path.join(OUT, name + ".3857.tif")], check=True)
        for col, row in ((0, 0), (SIZE, 0), (0, SIZE), (SIZE, SIZE), (5, 11)):
            x, y = ulx + col * pixel, uly - row * pixel
            out = subprocess.run(["cs2cs", "-f", "%.10f", f"EPSG:{code}", "EPSG:4326"], input=f"{x!r} {y!r}\n",
                                 capture_output=True, text=True, check=True).stdout.split()
            back = subprocess.run(["cs2cs", "-f", "%.6f", "EPSG:4326", f"EPSG:{code}"], input=f"{out[0]} {out[1]}\n",
                                  capture_output=True, text=True, check=True).stdout.split()
            corners.append(f"{name}\t{col}\t{row}\t{out[1]}\t{out[0]}\t{back[0]}\t{back[1]}")
    with open(os.path.join(HERE, "epsg_coded.tsv"), "w") as f:
        f.write("\n".join(corners) + "\n")


main()
