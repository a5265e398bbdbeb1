"""QGIS 3.22 headless on a layer across the antimeridian: each side of 180° drawn on its own.

For every TileMatrixSetLink of the layer (WMTS) and for WMS 1.3.0 in EPSG:4326 and EPSG:3857, QGIS renders a map of
each given side of the data (a lon/lat box, projected to the map's CRS) through its wms provider, compared with GDAL
reading the source COG over the same extent as qgis_check.py does.

  python3 qgis_dateline_check.py <base url> <layer id> <source json as qgis_check.py's> <sides json: {"east": [w, s, e, n], ...}>

Prints one JSON object per map: {"client", "set" or "crs", "format", "view" (the side), "valid", "drawn", "stray",
"diff", "errors"} as qgis_check.py.
"""
import json
import sys

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject, QgsRasterLayer, QgsRectangle

from qgis_check import FORMATS, compare, data_source, qgis_application, reference, render, wmts_links


def main():
    base, layer_id = sys.argv[1].rstrip("/"), sys.argv[2]
    source, sides = json.loads(sys.argv[3]), json.loads(sys.argv[4])
    with qgis_application():
        wmts_url = base + "/wmts?SERVICE=WMTS&REQUEST=GetCapabilities"
        for link_layer, tile_matrix_set, crs in wmts_links(wmts_url):
            if link_layer != layer_id:
                continue
            for image_format in FORMATS:
                uri = data_source(crs=crs, format=image_format, layers=layer_id, styles="default",
                                  tileMatrixSet=tile_matrix_set, url=wmts_url)
                report(uri, source, crs, sides, dict(client="qgis-wmts", set=tile_matrix_set, format=image_format))
        for crs in ("EPSG:4326", "EPSG:3857"):
            for image_format in FORMATS:
                uri = data_source(crs=crs, format=image_format, layers=layer_id, styles="", url=base + "/wms")
                report(uri, source, crs, sides, dict(client="qgis-wms", crs=crs, format=image_format))


def report(uri, source, crs, sides, case):
    layer = QgsRasterLayer(uri, "layer", "wms")
    if not layer.isValid():
        print(json.dumps(dict(case, view="load", errors=[layer.error().summary()])), flush=True)
        return
    to_map = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem(crs),
                                    QgsProject.instance())
    for side, (west, south, east, north) in sides.items():
        extent = to_map.transformBoundingBox(QgsRectangle(west, south, east, north))
        settings, picture, errors = render(layer, crs, extent)
        print(json.dumps(dict(case, view=side, **compare(picture, reference(source, settings), case["format"]),
                              errors=errors)), flush=True)


if __name__ == "__main__":
    main()
