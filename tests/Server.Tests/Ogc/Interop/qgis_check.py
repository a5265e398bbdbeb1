"""QGIS 3.22 (python3-qgis, qgis-providers; headless) against a running OgcTiler through its wms provider.

For every layer of the WMTS capabilities × every TileMatrixSetLink × png/jpeg, and for WMS 1.3.0 in a few CRSs × png/
jpeg, QGIS loads the layer as a desktop user would, renders a map of the layer's extent (and of a zoomed-in part of it)
with QgsMapRendererSequentialJob, and the picture is compared with GDAL reading the source COG over the same extent,
size and CRS (gdalwarp, nearest), styled as the layer is (bands, linear rescale to 0..255).

  python3 qgis_check.py <base url> <layers json: {"id": {"file": path, "bands": [3, 2, 1], "rescale": [0, 3000]}}>

Prints one JSON object per rendered map on stdout:
  {"client", "layer", "set" (WMTS) or "crs" (WMS), "format", "view", "valid" (fraction of the picture GDAL finds data in),
   "drawn" (fraction of GDAL's data pixels QGIS drew opaque), "stray" (fraction of the pixels without data QGIS drew
   opaque, png only), "diff" (mean absolute RGB difference on the data pixels drawn), "errors" (renderer errors)};
  view "skipped" with a "reason" for a set whose CRS axis order QGIS reads unlike EPSG (see axis_disagreement).
"""
import contextlib
import json
import os
import shutil
import sys
import tempfile
import urllib.request
import xml.etree.ElementTree as ET

import numpy as np
from osgeo import gdal, osr
from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsDataSourceUri, QgsMapRendererSequentialJob,
                       QgsMapSettings, QgsRasterLayer, QgsRectangle, QgsSettings)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage

WMTS = "{http://www.opengis.net/wmts/1.0}"
OWS = "{http://www.opengis.net/ows/1.1}"
FORMATS = ("image/png", "image/jpeg")
WMS_CRSS = ("EPSG:4326", "EPSG:3857")
SIZE = 256

gdal.UseExceptions()


def main():
    base, layers = sys.argv[1].rstrip("/"), json.loads(sys.argv[2])
    with qgis_application():
        wmts_url = base + "/wmts?SERVICE=WMTS&REQUEST=GetCapabilities"
        for layer_id, tile_matrix_set, crs in wmts_links(wmts_url):
            if layer_id not in layers:
                continue
            for image_format in FORMATS:
                case = dict(client="qgis-wmts", layer=layer_id, set=tile_matrix_set, format=image_format)
                if reason := axis_disagreement(crs):
                    print(json.dumps(dict(case, view="skipped", reason=reason)), flush=True)
                    continue
                uri = data_source(crs=crs, format=image_format, layers=layer_id, styles="default",
                                  tileMatrixSet=tile_matrix_set, url=wmts_url)
                report(uri, layers[layer_id], crs, case)
        for layer_id, source in layers.items():
            crss = WMS_CRSS + tuple(source.get("wmsCrs", []))
            for crs in crss:
                for image_format in FORMATS:
                    uri = data_source(crs=crs, format=image_format, layers=layer_id, styles="", url=base + "/wms")
                    report(uri, source, crs, dict(client="qgis-wms", layer=layer_id, crs=crs, format=image_format))


@contextlib.contextmanager
def qgis_application():
    """
    Headless QGIS with a profile and network cache of its own: QGIS 3.22 asks for capabilities with Qt's
    PreferCache, so a document stored by an earlier run on the same port (in ~/.cache by default) would be used
    instead of the server's.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    profile = tempfile.mkdtemp(prefix="qgis-profile-")
    app = QgsApplication([], False, profile)
    QgsSettings().setValue("cache/directory", os.path.join(profile, "cache"))
    app.initQgis()
    try:
        yield
    finally:
        app.exitQgis()
        shutil.rmtree(profile, ignore_errors=True)


def wmts_links(url):
    """(layer, TileMatrixSet, QGIS CRS id) for every TileMatrixSetLink of the capabilities."""
    root = ET.fromstring(urllib.request.urlopen(url).read())
    contents = root.find(WMTS + "Contents")
    crs_of = {s.find(OWS + "Identifier").text: qgis_crs(s.find(OWS + "SupportedCRS").text)
              for s in contents.findall(WMTS + "TileMatrixSet")}
    for layer in contents.findall(WMTS + "Layer"):
        for link in layer.findall(WMTS + "TileMatrixSetLink"):
            tile_matrix_set = link.find(WMTS + "TileMatrixSet").text
            yield layer.find(OWS + "Identifier").text, tile_matrix_set, crs_of[tile_matrix_set]


def qgis_crs(urn):
    """urn:ogc:def:crs:EPSG::3857 -> EPSG:3857, urn:ogc:def:crs:OGC:1.3:CRS84 -> OGC:CRS84."""
    parts = urn.split(":")
    return f"{parts[4]}:{parts[-1]}"


def axis_disagreement(crs):
    """
    Why QGIS cannot place this CRS's tile matrices, or None: QGIS 3.22 swaps a TopLeftCorner when it takes the CRS
    as northing-first, and for EPSG:5042 (UPS South, whose two axes both point north, along 90°E and 0°) it does
    although EPSG (and GDAL) order it easting first.
    """
    srs = osr.SpatialReference()
    srs.SetFromUserInput(crs)
    epsg = bool(srs.EPSGTreatsAsNorthingEasting() or srs.EPSGTreatsAsLatLong())
    qgis = QgsCoordinateReferenceSystem(crs).hasAxisInverted()
    order = {True: "northing first", False: "easting first"}
    return None if epsg == qgis else f"QGIS 3.22 takes {crs} {order[qgis]}, EPSG {order[epsg]}"


def data_source(**params):
    uri = QgsDataSourceUri()
    for key, value in params.items():
        uri.setParam(key, value)
    return bytes(uri.encodedUri()).decode()


def report(uri, source, crs, case):
    layer = QgsRasterLayer(uri, case["layer"], "wms")
    if not layer.isValid():
        print(json.dumps(dict(case, view="load", errors=[layer.error().summary()])), flush=True)
        return
    full = layer.extent()
    centre = full.center()
    zoomed = QgsRectangle(centre.x() - full.width() / 16, centre.y() - full.height() / 16,
                          centre.x() + full.width() / 16, centre.y() + full.height() / 16)
    for view, extent in (("extent", full), ("zoomed", zoomed)):
        settings, picture, errors = render(layer, crs, extent)
        print(json.dumps(dict(case, view=view, **compare(picture, reference(source, settings), case["format"]), errors=errors)), flush=True)


def render(layer, crs, extent, temporal_range=None):
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(QgsCoordinateReferenceSystem(crs))
    settings.setOutputSize(QSize(SIZE, max(1, round(SIZE * extent.height() / extent.width()))))
    settings.setExtent(extent)
    settings.setBackgroundColor(QColor(0, 0, 0, 0))
    if temporal_range is not None:
        settings.setIsTemporal(True)
        settings.setTemporalRange(temporal_range)
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage().convertToFormat(QImage.Format_RGBA8888)
    rgba = np.frombuffer(bytes(image.constBits().asarray(image.sizeInBytes())), np.uint8)
    rgba = rgba.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, :image.width()]
    return settings, rgba, [f"{e.layerID}: {e.message}" for e in job.errors()]


def reference(source, settings):
    """GDAL's RGBA of the source over the map's visible extent and size, styled as the layer."""
    extent, size = settings.visibleExtent(), settings.outputSize()
    srs = osr.SpatialReference()
    # by its code: from QGIS's WKT1 of EPSG:5482 (no axes) GDAL draws another picture than gdalwarp -t_srs EPSG:5482
    srs.SetFromUserInput(settings.destinationCrs().authid())
    warped = gdal.Warp("", source["file"], format="MEM", dstSRS=srs.ExportToWkt(), resampleAlg="near", dstAlpha=True,
                       outputBounds=(extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()),
                       width=size.width(), height=size.height())
    alpha = warped.GetRasterBand(warped.RasterCount).ReadAsArray()
    low, high = source.get("rescale", [0, 255])
    bands = [warped.GetRasterBand(b).ReadAsArray().astype(np.float64) for b in source["bands"]]
    rgb = [np.clip(np.floor((b - low) / (high - low) * 255 + 0.5), 0, 255) for b in bands]
    if len(rgb) == 1:
        rgb = rgb * 3
    return np.dstack(rgb), alpha > 0


def compare(picture, expected, image_format):
    rgb, valid = expected
    opaque = picture[:, :, 3] == 255
    both = valid & opaque
    diff = np.abs(picture[:, :, :3].astype(np.float64) - rgb)[both].mean() if both.any() else None
    return dict(
        valid=float(valid.mean()),
        drawn=float(opaque[valid].mean()) if valid.any() else None,
        stray=float(opaque[~valid].mean()) if image_format == "image/png" and (~valid).any() else None,
        diff=diff)


if __name__ == "__main__":
    main()
