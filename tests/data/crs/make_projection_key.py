"""Makes GeoTIFFs whose projected CRS is user-defined (ProjectedCSTypeGeoKey = 32767) with its projection named by an
EPSG conversion code in ProjectionGeoKey (3074) instead of ProjCoordTransGeoKey and parameter keys, as libgeotiff
allows and some older writers do. GDAL does not write this form, so libgeotiff's geotifcp (Debian geotiff-bin) writes
the keys listed below into a plain GDAL-made TIFF. GDAL's reading of them is the reference:
  projection_key/NAME.tif     32x32 Byte, a distinct value per pixel, centred on a longitude/latitude
  projection_key.tsv          NAME, column, row, longitude, latitude of some pixel corners, by gdaltransform (GDAL
                              reads the conversion from proj.db, as libgeotiff does)
Needs gdal-bin, python3-gdal, python3-numpy and geotiff-bin. Run: /usr/bin/python3 tests/data/crs/make_projection_key.py
"""
import os
import subprocess

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "projection_key")
SIZE = 32

# name | GeographicTypeGeoKey | ProjectionGeoKey | ProjLinearUnitsGeoKey | EPSG CRS of that conversion (to place the
# raster) | centre longitude latitude | pixel size (linear units)
CASES = """
spcs83_alabama_east_m|4269|10131|9001|26929|-85.8 32.5|2000
spcs83_alabama_east_ftus|4269|9746|9003|9748|-85.8 32.5|6000
lambert93|4171|18085|9001|2154|2.5 46.5|5000
"""

GEO = """Geotiff_Information:
   Version: 1
   Key_Revision: 1.0
   Tagged_Information:
      ModelTiepointTag (2,3):
         0 0 0
         {x!r} {y!r} 0
      ModelPixelScaleTag (1,3):
         {pixel!r} {pixel!r} 0
      End_Of_Tags.
   Keyed_Information:
      GTModelTypeGeoKey (Short,1): ModelTypeProjected
      GTRasterTypeGeoKey (Short,1): RasterPixelIsArea
      GeographicTypeGeoKey (Short,1): Unknown-{gcs}
      ProjectedCSTypeGeoKey (Short,1): User-Defined
      ProjectionGeoKey (Short,1): Unknown-{conversion}
      ProjLinearUnitsGeoKey (Short,1): Unknown-{unit}
      End_Of_Keys.
   End_Of_Geotiff.
"""


def main():
    os.makedirs(OUT, exist_ok=True)
    corners = []
    for line in CASES.strip().splitlines():
        name, gcs, conversion, unit, epsg, centre, pixel = line.split("|")
        lon, lat = map(float, centre.split())
        pixel = float(pixel)
        place = osr.SpatialReference()
        place.ImportFromEPSG(int(epsg))
        place.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        wgs84 = osr.SpatialReference()
        wgs84.ImportFromEPSG(4326)
        wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        cx, cy, _ = osr.CoordinateTransformation(wgs84, place).TransformPoint(lon, lat)
        ulx, uly = cx - SIZE / 2 * pixel, cy + SIZE / 2 * pixel
        plain = os.path.join(OUT, name + ".plain.tif")
        ds = gdal.GetDriverByName("GTiff").Create(plain, SIZE, SIZE, 1, gdal.GDT_Byte, ["COMPRESS=DEFLATE"])
        y, x = np.mgrid[0:SIZE, 0:SIZE]
        ds.GetRasterBand(1).WriteArray(((x * 7 + y * 13) % 250 + 1).astype(np.uint8))
        ds = None
        geo = os.path.join(OUT, name + ".geo")
        with open(geo, "w") as f:
            f.write(GEO.format(x=ulx, y=uly, pixel=pixel, gcs=gcs, conversion=conversion, unit=unit))
        path = os.path.join(OUT, name + ".tif")
        subprocess.run(["geotifcp", "-g", geo, plain, path], check=True)
        os.remove(plain)
        os.remove(geo)
        for col, row in ((0, 0), (SIZE, 0), (0, SIZE), (SIZE, SIZE), (5, 11)):
            out = subprocess.run(["gdaltransform", "-t_srs", "EPSG:4326", "-output_xy", path], input=f"{col} {row}\n",
                                 capture_output=True, text=True, check=True).stdout.split()
            corners.append(f"{name}\t{col}\t{row}\t{float(out[0]):.10f}\t{float(out[1]):.10f}")
    with open(os.path.join(HERE, "projection_key.tsv"), "w") as f:
        f.write("\n".join(corners) + "\n")


main()
