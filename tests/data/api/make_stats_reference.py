#!/usr/bin/python3
"""Writes stats_reference.json: small masked arrays and their statistics computed with numpy the way rio-tiler's
get_array_statistics defines them (unit coverage weights). Run with Debian's /usr/bin/python3 (numpy)."""
import json
import math

import numpy

rng = numpy.random.default_rng(42)


def weighted_quantile(values, q):
    order = numpy.argsort(values, kind="stable")
    cum = numpy.cumsum(numpy.ones(len(values)))
    return float(values[order[numpy.searchsorted(cum, q * cum[-1])]])


def stats(data, mask, bins=10, hist_range=None, percentiles=(2, 98), categorical=False, categories=None):
    valid = data[mask]
    keys, counts = numpy.unique(valid, return_counts=True)
    if categorical:
        hkeys = numpy.array(categories, dtype=data.dtype) if categories else keys
        lookup = dict(zip(keys.tolist(), counts.tolist()))
        histogram = [[lookup.get(k, 0) for k in hkeys.tolist()], hkeys.tolist()]
    else:
        h, e = numpy.histogram(valid.astype(numpy.float64), bins=bins, range=hist_range)
        histogram = [h.tolist(), e.tolist()]
    out = {
        "min": float(valid.min()), "max": float(valid.max()),
        "mean": float(valid.astype(numpy.float64).mean()), "count": float(valid.size),
        "sum": float(valid.astype(numpy.float64).sum()), "std": float(valid.astype(numpy.float64).std()),
        "median": weighted_quantile(valid, 0.5),
        "majority": float(keys[counts.tolist().index(counts.max())]),
        "minority": float(keys[counts.tolist().index(counts.min())]),
        "unique": float(keys.size),
        "histogram": histogram,
        "valid_pixels": float(valid.size), "masked_pixels": float(data.size - valid.size),
        "valid_percent": round(valid.size / data.size * 100, 2),
    }
    for p in percentiles:
        out[f"percentile_{p}"] = weighted_quantile(valid, p / 100.0)
    return out


cases = []
ints = rng.integers(0, 50, size=(30, 40)).astype(numpy.float32)
mask = rng.random((30, 40)) > 0.2
cases.append({"name": "uint-like", "data": ints, "mask": mask, "params": {}})
cases.append({"name": "uint-like, 5 bins over 10..30, p 10 50 90", "data": ints, "mask": mask,
              "params": {"bins": 5, "hist_range": (10, 30), "percentiles": (10, 50, 90)}})
cases.append({"name": "uint-like, edges", "data": ints, "mask": mask, "params": {"bins": [0, 5, 25, 49]}})
cases.append({"name": "categorical", "data": ints, "mask": mask, "params": {"categorical": True}})
cases.append({"name": "categorical with c", "data": ints, "mask": mask, "params": {"categorical": True, "categories": [1, 2, 60]}})
floats = (rng.normal(0.3, 0.2, size=(25, 25))).astype(numpy.float32)
cases.append({"name": "ndvi-like floats", "data": floats, "mask": numpy.ones((25, 25), bool), "params": {}})
constant = numpy.full((4, 4), 7, numpy.float32)
cases.append({"name": "constant", "data": constant, "mask": numpy.ones((4, 4), bool), "params": {}})

out = []
for c in cases:
    p = dict(c["params"])
    expected = stats(c["data"], c["mask"], **p)
    out.append({
        "name": c["name"],
        "width": int(c["data"].shape[1]), "height": int(c["data"].shape[0]),
        "data": [float(v) for v in c["data"].ravel()],
        "mask": [int(v) for v in c["mask"].ravel()],
        "query": {
            "histogram_bins": ",".join(str(b) for b in p["bins"]) if isinstance(p.get("bins"), list) else str(p.get("bins", 10)),
            "histogram_range": ",".join(str(v) for v in p["hist_range"]) if p.get("hist_range") else None,
            "p": ",".join(str(v) for v in p.get("percentiles", (2, 98))),
            "categorical": "true" if p.get("categorical") else None,
            "c": ",".join(str(v) for v in p["categories"]) if p.get("categories") else None,
        },
        "expected": expected,
    })
with open("stats_reference.json", "w") as f:
    json.dump(out, f)
