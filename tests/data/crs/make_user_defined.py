"""Makes GeoTIFFs whose GeoKeys describe a user-defined CRS (ProjectedCSTypeGeoKey or GeographicTypeGeoKey = 32767),
as GDAL writes them for a PROJ string, and GDAL's answers for them (run through make_user_defined.sh):
  user_defined/NAME.tif       32x32 Byte, a distinct value per pixel, centred on a longitude/latitude
  user_defined/NAME.3857.tif  gdalwarp -r near -dstalpha to EPSG:3857 at 64x64 pixels over the data's box plus 10%
  user_defined.tsv            NAME, column, row, longitude, latitude of some pixel corners, by cs2cs to EPSG:4326
  identified.tsv              NAME and the EPSG codes rasterio's CRS.to_epsg() may identify the CRS with (GDAL's
                              best EPSG matches of confidence 70 or more), or nothing
"""
import os
import subprocess

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "user_defined")
SIZE = 32

# name | PROJ string | centre longitude latitude | pixel size (CRS units) [| GEOTIFF_KEYS_FLAVOR: ESRI_PE also writes the
# CRS as an ESRI PE string in PCSCitationGeoKey, which GDAL reads in preference to the keys]
CASES = """
tm_wgs84|+proj=tmerc +lat_0=0 +lon_0=10 +k=0.9996 +x_0=500000 +y_0=0 +datum=WGS84 +units=m|8.8 45.1|3000
tm_nad83_origin|+proj=tmerc +lat_0=40.5 +lon_0=-100.25 +k=0.9999 +x_0=200000 +y_0=-100000 +datum=NAD83 +units=m|-100.5 39.6|3000
tm_airy_towgs84|+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m|-1.5 52.5|2000
lcc2sp_nad83_ftus|+proj=lcc +lat_1=33 +lat_2=45 +lat_0=39 +lon_0=-96 +x_0=0 +y_0=0 +datum=NAD83 +units=us-ft|-97 40|20000
lcc2sp_user_ellps|+proj=lcc +lat_1=49 +lat_2=44 +lat_0=46.5 +lon_0=3 +x_0=700000 +y_0=6600000 +a=6378200 +rf=298.3 +units=m|2.5 47|5000
lcc1sp_paris|+proj=lcc +lat_1=46.8 +lat_0=46.8 +lon_0=0 +k_0=0.99987742 +x_0=600000 +y_0=2200000 +a=6378249.2 +b=6356515 +pm=paris +units=m|2.5 46.5|5000
aea_nad83|+proj=aea +lat_1=29.5 +lat_2=45.5 +lat_0=23 +lon_0=-96 +x_0=0 +y_0=0 +datum=NAD83 +units=m|-96 38|20000
aea_user|+proj=aea +lat_1=-18 +lat_2=-36 +lat_0=0 +lon_0=132 +x_0=0 +y_0=0 +ellps=GRS80 +units=m|135 -25|30000
laea_grs80|+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +units=m|12 50|10000
laea_south_pole|+proj=laea +lat_0=-90 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m|60 -70|40000
laea_sphere|+proj=laea +lat_0=45 +lon_0=-100 +x_0=0 +y_0=0 +R=6371228 +units=m|-95 40|30000
stere_north_ts70|+proj=stere +lat_0=90 +lat_ts=70 +lon_0=-45 +x_0=0 +y_0=0 +datum=WGS84 +units=m|-40 75|25000
stere_north_ts60|+proj=stere +lat_0=90 +lat_ts=60 +lon_0=-105 +x_0=0 +y_0=0 +datum=WGS84 +units=m|-100 65|25000
stere_south_k|+proj=stere +lat_0=-90 +lon_0=0 +k=0.994 +x_0=2000000 +y_0=2000000 +datum=WGS84 +units=m|30 -80|20000
merc_2sp|+proj=merc +lon_0=100 +lat_ts=10 +x_0=0 +y_0=0 +datum=WGS84 +units=m|105 5|10000
merc_1sp_k|+proj=merc +lon_0=100 +k=0.997 +x_0=100000 +y_0=0 +datum=WGS84 +units=m|102 -3|10000
eqc_wgs84|+proj=eqc +lat_ts=30 +lat_0=0 +lon_0=20 +x_0=0 +y_0=0 +datum=WGS84 +units=m|25 35|10000
omerc_azimuth_center|+proj=omerc +lat_0=4 +lonc=115 +alpha=53.3158204722222 +gamma=53.1301023611111 +k=0.99984 +x_0=590476.87 +y_0=442857.65 +ellps=evrstSS +units=m|115 4.5|5000
omerc_variant_a|+proj=omerc +no_uoff +lat_0=4 +lonc=115 +alpha=53.3158204722222 +gamma=53.1301023611111 +k=0.99984 +x_0=0 +y_0=0 +ellps=evrstSS +units=m|115 4.5|5000
cea_wgs84|+proj=cea +lon_0=0 +lat_ts=30 +x_0=0 +y_0=0 +datum=WGS84 +units=m|20 40|10000
cass_user|+proj=cass +lat_0=31.7340969444444 +lon_0=35.2120805555556 +x_0=170251.555 +y_0=126867.909 +a=6378300.789 +b=6356566.435 +units=m|35 31.5|2000
poly_user|+proj=poly +lat_0=0 +lon_0=-54 +x_0=5000000 +y_0=10000000 +ellps=aust_SA +units=m|-54 -10|10000
sterea_bessel|+proj=sterea +lat_0=52.1561605555556 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m|5.5 52|2000
longlat_intl_towgs84|+proj=longlat +ellps=intl +towgs84=-87,-98,-121,0,0,0,0 +no_defs|10 50|0.05
geos_sweep_y|+proj=geos +h=35785831 +lon_0=0 +sweep=y +x_0=0 +y_0=0 +ellps=WGS84 +units=m|10 45|20000
geos_sweep_x|+proj=geos +h=35786023 +lon_0=-75 +sweep=x +x_0=0 +y_0=0 +ellps=GRS80 +units=m|-80 30|20000
longlat_user_ellps|+proj=longlat +a=6378000 +rf=300 +no_defs|-30 20|0.05
aea_nad83_esri_pe|+proj=aea +lat_1=29.5 +lat_2=45.5 +lat_0=23 +lon_0=-96 +x_0=0 +y_0=0 +datum=NAD83 +units=m|-96 38|20000|ESRI_PE
stere_north_esri_pe|+proj=stere +lat_0=90 +lat_ts=70 +lon_0=-45 +x_0=0 +y_0=0 +datum=WGS84 +units=m|-40 75|25000|ESRI_PE
merc_2sp_esri_pe|+proj=merc +lon_0=100 +lat_ts=10 +x_0=0 +y_0=0 +datum=WGS84 +units=m|105 5|10000|ESRI_PE
lcc1sp_esri_pe|+proj=lcc +lat_1=46.8 +lat_0=46.8 +lon_0=3 +k_0=0.99987742 +x_0=600000 +y_0=2200000 +ellps=GRS80 +towgs84=0,0,0 +units=m|2.5 46.5|5000|ESRI_PE
laea_esri_pe|+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0 +units=m|12 50|10000|ESRI_PE
"""


def main():
    os.makedirs(OUT, exist_ok=True)
    corners, identified = [], []
    for line in CASES.strip().splitlines():
        name, proj, centre, pixel, *flavor = line.split("|")
        lon, lat = map(float, centre.split())
        pixel = float(pixel)
        srs = osr.SpatialReference()
        srs.ImportFromProj4(proj)
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        wgs84 = osr.SpatialReference()
        wgs84.ImportFromEPSG(4326)
        wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        cx, cy, _ = osr.CoordinateTransformation(wgs84, srs).TransformPoint(lon, lat)
        ulx, uly = cx - SIZE / 2 * pixel, cy + SIZE / 2 * pixel
        path = os.path.join(OUT, name + ".tif")
        ds = gdal.GetDriverByName("GTiff").Create(path, SIZE, SIZE, 1, gdal.GDT_Byte,
                                                  ["COMPRESS=DEFLATE", *(f"GEOTIFF_KEYS_FLAVOR={f}" for f in flavor)])
        ds.SetGeoTransform([ulx, pixel, 0, uly, 0, -pixel])
        ds.SetProjection(srs.ExportToWkt())
        y, x = np.mgrid[0:SIZE, 0:SIZE]
        ds.GetRasterBand(1).WriteArray(((x * 7 + y * 13) % 250 + 1).astype(np.uint8))
        ds = None
        warped = os.path.join(OUT, name + ".3857.tif")
        mercator = osr.SpatialReference()
        mercator.ImportFromEPSG(3857)
        mercator.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        west, south, east, north = osr.CoordinateTransformation(srs, mercator).TransformBounds(
            ulx, uly - SIZE * pixel, ulx + SIZE * pixel, uly, 21)
        margin = 0.1 * max(east - west, north - south)
        subprocess.run(["gdalwarp", "-q", "-overwrite", "-t_srs", "EPSG:3857", "-te", *map(repr, (west - margin, south - margin,
                        east + margin, north + margin)), "-ts", "64", "64", "-r", "near", "-dstalpha", "-co", "COMPRESS=DEFLATE",
                        path, warped], check=True)
        for col, row in ((0, 0), (SIZE, 0), (0, SIZE), (SIZE, SIZE), (5, 11)):
            x, y = ulx + col * pixel, uly - row * pixel
            out = subprocess.run(["cs2cs", "-f", "%.10f", proj, "+to", "EPSG:4326"], input=f"{x!r} {y!r}\n",
                                 capture_output=True, text=True, check=True).stdout.split()
            corners.append(f"{name}\t{col}\t{row}\t{out[1]}\t{out[0]}")
        read = osr.SpatialReference(wkt=gdal.Open(path).GetProjection())
        # rasterio's CRS.to_epsg() takes the first EPSG match of confidence 70 or more; ties are in GDAL's order
        matches = [(m.GetAuthorityCode(None), c) for m, c in read.FindMatches() if c >= 70 and m.GetAuthorityName(None) == "EPSG"]
        best = [code for code, c in matches if c == matches[0][1]] if matches else []
        identified.append(f"{name}\t{','.join(best)}")
    with open(os.path.join(HERE, "user_defined.tsv"), "w") as f:
        f.write("\n".join(corners) + "\n")
    with open(os.path.join(HERE, "identified.tsv"), "w") as f:
        f.write("\n".join(identified) + "\n")


main()
