"""Exports GDAL's decode of every fixture (band-sequential samples, see save()), deduplicated by content,
and a manifest with what GDAL reports (size, type, geotransform, EPSG, nodata, overviews, masks, scale/offset)."""
import gzip
import hashlib
import json
import os
import sys
import numpy as np
from osgeo import gdal, osr

folder, refs, manifest_path = sys.argv[1:4]
gdal.UseExceptions()
TYPES = {gdal.GDT_Byte: "UInt8", gdal.GDT_UInt16: "UInt16", gdal.GDT_Int16: "Int16", gdal.GDT_UInt32: "UInt32",
         gdal.GDT_Int32: "Int32", gdal.GDT_Float32: "Float32", gdal.GDT_Float64: "Float64"}


def save(array):
    """Stores the samples and returns the reference file name. Format (small in git): little-endian samples in their
    own type, byte-shuffled (every sample's byte 0, then every byte 1, ...), each byte replaced by its difference from
    the previous byte (mod 256), gzip."""
    raw = np.ascontiguousarray(array.astype(array.dtype.newbyteorder("<"))).view(np.uint8)
    shuffled = raw.reshape(-1, array.dtype.itemsize).T.ravel()
    data = np.diff(shuffled, prepend=np.uint8(0)).astype(np.uint8).tobytes()
    name = hashlib.sha1(data).hexdigest()[:16] + "." + array.dtype.name + ".gz"
    path = f"{refs}/{name}"
    if not os.path.exists(path):
        with gzip.GzipFile(path, "wb", mtime=0) as f:
            f.write(data)
    return name


def level(bands):
    arrays = np.stack([b.ReadAsArray() for b in bands])
    entry = {"width": bands[0].XSize, "height": bands[0].YSize, "ref": save(arrays)}
    mask = bands[0].GetMaskBand()
    if bands[0].GetMaskFlags() & (gdal.GMF_PER_DATASET | gdal.GMF_ALPHA) and not bands[0].GetMaskFlags() & gdal.GMF_NODATA:
        entry["mask"] = save(mask.ReadAsArray())
    return entry


manifest = {}
for name in sorted(os.listdir(folder)):
    path = f"{folder}/{name}"
    try:
        ds = gdal.Open(path)
        ds.GetRasterBand(1).Checksum()
    except RuntimeError as e:
        manifest[name] = {"error": str(e).splitlines()[0]}
        continue
    b1 = ds.GetRasterBand(1)
    if b1.GetMetadataItem("PIXELTYPE", "IMAGE_STRUCTURE") == "SIGNEDBYTE":
        bands = [ds.GetRasterBand(i + 1) for i in range(ds.RasterCount)]
        arrays = np.stack([b.ReadAsArray().astype(np.int8) for b in bands])
        entry = {"dataType": "Int8", "levels": [{"width": ds.RasterXSize, "height": ds.RasterYSize, "ref": save(arrays)}]}
    else:
        bands = [ds.GetRasterBand(i + 1) for i in range(ds.RasterCount)]
        entry = {"dataType": TYPES[b1.DataType], "levels": [level(bands)]}
        for o in range(b1.GetOverviewCount()):
            entry["levels"].append(level([b.GetOverview(o) for b in bands]))
    srs = ds.GetSpatialRef()
    entry.update({
        "bands": ds.RasterCount,
        "blockSize": b1.GetBlockSize(),
        "geoTransform": list(ds.GetGeoTransform()),
        "epsg": int(srs.GetAuthorityCode(None)) if srs else None,
        "nodata": None if b1.GetNoDataValue() is None else repr(b1.GetNoDataValue()),
        "scales": [ds.GetRasterBand(i + 1).GetScale() or 1.0 for i in range(ds.RasterCount)],
        "offsets": [ds.GetRasterBand(i + 1).GetOffset() or 0.0 for i in range(ds.RasterCount)],
        "descriptions": [ds.GetRasterBand(i + 1).GetDescription() for i in range(ds.RasterCount)],
        "compression": ds.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE"),
        "wgs84Extent": gdal.Info(ds, format="json")["wgs84Extent"]["coordinates"][0],
    })
    manifest[name] = entry
with open(manifest_path, "w") as f:
    json.dump(manifest, f, indent=1, sort_keys=True)
