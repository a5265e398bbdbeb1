"""rio-tiler's Reader.feature() read as TiTiler 2.x's POST /statistics does it, replayed with GDAL, printing the
categorical statistics (numpy.unique of the valid pixels) as JSON: {"values": [...], "counts": [...], "shape": [h, w]}.

    /usr/bin/python3 rio_tiler_feature.py SOURCE.tif FEATURE.json MAX_SIZE

The steps are rio-tiler's (rio_tiler/io/rasterio.py feature(), rio_tiler/reader.py part() and read(),
rio_tiler/utils.py get_vrt_transform(), _round_window(), _get_width_height()), the shape in EPSG:4326 and read in it
(dst_crs defaults to the shape's CRS):
  1. the WarpedVRT grid: rasterio's calculate_default_transform of the whole source into EPSG:4326 (GDAL's suggested
     warp output, as AutoCreateWarpedVRT computes it);
  2. the feature's bounds grown to whole pixels of that grid (align_bounds_with_dataset: floor/ceil of the window);
  3. the output size: max_size on the longer side, the other ceil'ed from the VRT size's ratio;
  4. the read: GDAL (3.9 and later) answers a WarpedVRT read at a smaller out_shape by warping straight onto the
     output grid from the overview its RasterIO rule picks (the coarsest one less than 1.2 times as decimated as the
     request, nearest): gdalwarp -ovr N onto the output grid;
  5. the cutline: the shape rasterised with all_touched on the output grid; pixels outside are masked.
"""
import json
import math
import sys

import numpy as np
from osgeo import gdal, ogr, osr

gdal.UseExceptions()


def main(source_path, feature_path, max_size):
    source = gdal.Open(source_path)
    feature = json.load(open(feature_path))
    ring = feature["geometry"]["coordinates"][0]
    w, s, e, n = min(p[0] for p in ring), min(p[1] for p in ring), max(p[0] for p in ring), max(p[1] for p in ring)
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)

    gt = gdal.AutoCreateWarpedVRT(source, None, wgs84.ExportToWkt()).GetGeoTransform()
    c0, c1 = math.floor((w - gt[0]) / gt[1]), math.ceil((e - gt[0]) / gt[1])
    r0, r1 = math.floor((n - gt[3]) / gt[5]), math.ceil((s - gt[3]) / gt[5])
    w, e, n, s = gt[0] + c0 * gt[1], gt[0] + c1 * gt[1], gt[3] + r0 * gt[5], gt[3] + r1 * gt[5]
    vrt_width, vrt_height = max(1, round((e - w) / gt[1])), max(1, round((s - n) / gt[5]))

    if max(vrt_height, vrt_width) < max_size:
        height, width = vrt_height, vrt_width
    elif vrt_height / vrt_width > 1:
        height, width = max_size, math.ceil(max_size / (vrt_height / vrt_width))
    else:
        height, width = math.ceil(max_size * (vrt_height / vrt_width)), max_size

    band = source.GetRasterBand(1)
    desired = min(vrt_width / width, vrt_height / height)
    level, best = None, 0.0
    for i in range(band.GetOverviewCount()):
        o = band.GetOverview(i)
        factor = min(source.RasterXSize / o.XSize, source.RasterYSize / o.YSize)
        if factor < desired * 1.2 and factor > best:
            level, best = i, factor
    warped = gdal.Warp("", source, format="MEM", outputBounds=(w, s, e, n), width=width, height=height,
                       dstSRS=wgs84, resampleAlg="near", overviewLevel="NONE" if level is None else level)
    data = warped.GetRasterBand(1).ReadAsArray()

    cutline = gdal.GetDriverByName("MEM").Create("", width, height, 1, gdal.GDT_Byte)
    cutline.SetGeoTransform((w, (e - w) / width, 0, n, 0, (s - n) / height))
    cutline.SetSpatialRef(wgs84)
    vectors = ogr.GetDriverByName("Memory").CreateDataSource("")
    layer = vectors.CreateLayer("shape", wgs84)
    shape = ogr.Feature(layer.GetLayerDefn())
    shape.SetGeometry(ogr.CreateGeometryFromJson(json.dumps(feature["geometry"])))
    layer.CreateFeature(shape)
    gdal.RasterizeLayer(cutline, [1], layer, burn_values=[1], options=["ALL_TOUCHED=TRUE"])
    inside = cutline.GetRasterBand(1).ReadAsArray() == 1

    values, counts = np.unique(data[inside], return_counts=True)
    print(json.dumps({"values": values.tolist(), "counts": counts.tolist(), "shape": [height, width], "level": level}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
