"""QGIS 3.22's temporal handling of a WMS-T layer (python3-qgis, qgis-providers; headless) against a running OgcTiler.

The layer is taken as a QGIS user drags it from the browser: a WMS connection to <base>/wms, the browser's layer item
and the data source it makes from the capabilities (type=wmst, timeDimensionExtent...). For each date, the map of
the given extent is rendered with the map's temporal range set to that day (as the temporal controller's frame of a
one-day step sets it), and compared with the server's own GetMap for that TIME over the same box and size.

  python3 qgis_time_check.py <base url> <layer> <west,south,east,north in degrees> <date> [<date>...]

Prints one JSON object for the layer ({"uri", "temporal": layer's temporal properties active}) and one per date:
  {"date", "drawn" (fraction of the pixels QGIS drew opaque), "diff": {date: mean absolute RGBA difference from the
   server's GetMap with TIME=date} for every date given}
"""
import json
import os
import sys
import urllib.parse
import urllib.request

import numpy as np
from osgeo import gdal
from qgis.core import QgsApplication, QgsDateTimeRange, QgsRasterLayer, QgsRectangle, QgsSettings
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qgis_check import qgis_application, render  # noqa: E402

gdal.UseExceptions()


def main():
    base, layer_id = sys.argv[1].rstrip("/"), sys.argv[2]
    west, south, east, north = (float(v) for v in sys.argv[3].split(","))
    dates = sys.argv[4:]
    with qgis_application():
        uri = browser_uri(base + "/wms", layer_id)
        if "type=wmst" not in uri.split("&"):
            capabilities = urllib.request.urlopen(base + "/wms?SERVICE=WMS&REQUEST=GetCapabilities").read().decode()
            raise SystemExit(f"QGIS's browser made no WMS-T source ({uri}) from:\n{capabilities}")
        layer = QgsRasterLayer(uri, layer_id, "wms")
        if not layer.isValid():
            raise SystemExit(f"QGIS could not load {uri}: {layer.error().summary()}")
        print(json.dumps(dict(uri=uri, temporal=layer.temporalProperties().isActive())), flush=True)
        server = {date: server_map(base, layer_id, date, *box_and_size(layer, west, south, east, north)) for date in dates}
        for date in dates:
            _, picture, errors = render(layer, "EPSG:4326", QgsRectangle(west, south, east, north), one_day(date))
            if errors:
                raise SystemExit(f"{date}: {errors}")
            diff = {other: float(np.abs(picture.astype(np.float64) - expected).mean()) for other, expected in server.items()}
            print(json.dumps(dict(date=date, drawn=float((picture[:, :, 3] == 255).mean()), diff=diff)), flush=True)


def browser_uri(wms_url, layer_id):
    """The data source of the layer's item in QGIS's browser under a WMS connection to the server."""
    QgsSettings().setValue("qgis/connections-wms/ogctiler/url", wms_url)
    provider = next(p for p in QgsApplication.dataItemProviderRegistry().providers() if p.name() == "WMS")
    pending = [provider.createDataItem("", None)]
    while pending:
        item = pending.pop()
        for uri in item.mimeUris():
            if f"layers={layer_id}" in uri.uri.split("&"):
                return uri.uri
        pending.extend(item.createChildren() or item.children())
    raise SystemExit(f"no browser item for layer {layer_id}")


def box_and_size(layer, west, south, east, north):
    """The visible extent and size QGIS renders for that extent (render() keeps the aspect, QGIS may widen the box)."""
    settings, picture, _ = render(layer, "EPSG:4326", QgsRectangle(west, south, east, north))
    extent = settings.visibleExtent()
    return (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()), picture.shape[1], picture.shape[0]


def one_day(date):
    """The day as the temporal controller's frame of a one-day step: [date 00:00 UTC, next day 00:00 UTC)."""
    day = QDate.fromString(date, Qt.ISODate)
    begin = QDateTime(day, QTime(0, 0), Qt.UTC)
    return QgsDateTimeRange(begin, begin.addDays(1), True, False)


def server_map(base, layer_id, date, box, width, height):
    """The server's WMS 1.3.0 GetMap (EPSG:4326, lat/lon box) for TIME=date as an RGBA array."""
    west, south, east, north = box
    query = urllib.parse.urlencode(dict(SERVICE="WMS", VERSION="1.3.0", REQUEST="GetMap", LAYERS=layer_id, STYLES="",
                                        CRS="EPSG:4326", BBOX=f"{south},{west},{north},{east}", WIDTH=width,
                                        HEIGHT=height, FORMAT="image/png", TRANSPARENT="TRUE", TIME=date))
    png = urllib.request.urlopen(f"{base}/wms?{query}").read()
    path = f"/vsimem/{layer_id}-{date}.png"
    gdal.FileFromMemBuffer(path, png)
    try:
        bands = gdal.Open(path).ReadAsArray()
    finally:
        gdal.Unlink(path)
    if bands.ndim == 2:
        bands = bands[np.newaxis]
    colour, alpha = (bands[:-1], bands[-1]) if bands.shape[0] in (2, 4) else (bands, np.full(bands.shape[1:], 255))
    bands = np.concatenate([colour if len(colour) == 3 else np.repeat(colour, 3, axis=0), alpha[np.newaxis]])
    return np.moveaxis(bands, 0, -1).astype(np.float64)


if __name__ == "__main__":
    main()
