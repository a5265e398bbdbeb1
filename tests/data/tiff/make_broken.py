"""Derives corrupt, truncated and unsupported files from a valid classic little-endian fixture."""
import struct
import sys

folder = sys.argv[1]
src = open(f"{folder}/deflate_p2_u16.tif", "rb").read()


def entries(data):
    """(entry position, tag, type, count, value-or-offset position) of the first IFD."""
    ifd = struct.unpack_from("<I", data, 4)[0]
    n = struct.unpack_from("<H", data, ifd)[0]
    for i in range(n):
        pos = ifd + 2 + 12 * i
        tag, typ, count = struct.unpack_from("<HHI", data, pos)
        yield pos, tag, typ, count


def first_ifd(data):
    return struct.unpack_from("<I", data, 4)[0]


def patch_value(data, tag, value):
    data = bytearray(data)
    for pos, t, typ, count in entries(data):
        if t == tag:
            struct.pack_into("<H" if typ == 3 else "<I", data, pos + 8, value)
            return bytes(data)
    raise KeyError(tag)


def patch_long(data, tag, value):
    data = bytearray(data)
    for pos, t, typ, count in entries(data):
        if t == tag:
            struct.pack_into("<HII", data, pos + 2, 4, 1, value)
            return bytes(data)
    raise KeyError(tag)


def patch_count(data, tag, count):
    data = bytearray(data)
    for pos, t, typ, c in entries(data):
        if t == tag:
            struct.pack_into("<I", data, pos + 4, count)
            return bytes(data)
    raise KeyError(tag)


def tile_offsets(data):
    for pos, t, typ, count in entries(data):
        if t == 324:
            at = struct.unpack_from("<I", data, pos + 8)[0]
            return [struct.unpack_from("<I", data, at + 4 * i)[0] for i in range(count)], at


def write(name, data):
    open(f"{folder}/{name}", "wb").write(data)


offsets, offsets_at = tile_offsets(src)
write("broken_bad_magic.tif", b"PK\x03\x04" + src[4:])
write("broken_truncated_header.tif", src[:first_ifd(src) + 40])
write("broken_truncated_tiles.tif", src[:offsets[1] + 10])
corrupt = bytearray(src)
corrupt[offsets[0]:offsets[0] + 200] = bytes((i * 37 + 11) % 256 for i in range(200))
write("broken_deflate_data.tif", bytes(corrupt))
loop = bytearray(src)
ifd = first_ifd(src)
n = struct.unpack_from("<H", src, ifd)[0]
struct.pack_into("<I", loop, ifd + 2 + 12 * n, ifd)     # next-IFD pointer back to itself
write("broken_ifd_loop.tif", bytes(loop))
write("broken_huge_tag_count.tif", patch_count(src, 324, 0x7FFFFFF0))
write("broken_huge_dimensions.tif", patch_long(patch_long(src, 256, 0x7FFFFFFF), 257, 0x7FFFFFFF))
beyond = bytearray(src)
struct.pack_into("<I", beyond, offsets_at, 0xFFFFFF00)
write("broken_offset_beyond_eof.tif", bytes(beyond))
write("unsupported_jpeg2000.tif", patch_value(src, 259, 34712))
write("broken_empty.tif", b"")
