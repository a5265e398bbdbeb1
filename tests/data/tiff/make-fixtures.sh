#!/usr/bin/env bash
# Regenerates the TIFF reader fixtures and GDAL's reference decodes. Needs gdal-bin and /usr/bin/python3 with GDAL
# and numpy. Run from anywhere: bash tests/data/tiff/make-fixtures.sh
set -euo pipefail
export CPL_LOG=/dev/null  # COG warns that BLOCKSIZE < 128 is unusual; small blocks keep fixtures tiny
cd "$(dirname "$0")"
PY=/usr/bin/python3
rm -rf src files refs && mkdir -p src files refs
export GDAL_PAM_ENABLED=NO   # no .aux.xml side files

# 1. Source images (160x120: not a multiple of the block sizes, so edge blocks are partial).
$PY make_sources.py src

T="gdal_translate -q"
TILED="-co TILED=YES -co BLOCKXSIZE=64 -co BLOCKYSIZE=64"
STRIP="-co TILED=NO -co BLOCKYSIZE=48"

# 2. Compression x predictor (uint16 single band unless said).
$T $TILED -co COMPRESS=NONE                       src/u16.tif files/none_tiled_u16.tif
$T $STRIP -co COMPRESS=NONE                       src/u16.tif files/none_strip_u16.tif
$T $TILED -co COMPRESS=DEFLATE -co PREDICTOR=1    src/u16.tif files/deflate_p1_u16.tif
$T $TILED -co COMPRESS=DEFLATE -co PREDICTOR=2    src/u16.tif files/deflate_p2_u16.tif
$T $STRIP -co COMPRESS=DEFLATE -co PREDICTOR=2    src/u16.tif files/deflate_p2_strip_u16.tif
$T $TILED -co COMPRESS=DEFLATE -co PREDICTOR=2    src/u8.tif  files/deflate_p2_u8.tif
$T $TILED -co COMPRESS=DEFLATE -co PREDICTOR=2    src/i32.tif files/deflate_p2_i32.tif
$T $TILED -co COMPRESS=DEFLATE -co PREDICTOR=2    src/f64.tif files/deflate_p2_f64.tif
$T $TILED -co COMPRESS=DEFLATE -co PREDICTOR=3    src/f32.tif files/deflate_p3_f32.tif
$T $TILED -co COMPRESS=DEFLATE -co PREDICTOR=3    src/f64.tif files/deflate_p3_f64.tif
$T $TILED -co COMPRESS=LZW -co PREDICTOR=1        src/u8.tif  files/lzw_p1_u8.tif
$T $TILED -co COMPRESS=LZW -co PREDICTOR=2        src/u16.tif files/lzw_p2_u16.tif
$T $STRIP -co COMPRESS=LZW -co PREDICTOR=2        src/rgb.tif files/lzw_p2_strip_rgb.tif
$T $TILED -co COMPRESS=LZW -co PREDICTOR=3        src/f32.tif files/lzw_p3_f32.tif
$T $TILED -co COMPRESS=PACKBITS                   src/u8.tif  files/packbits_u8.tif
$T $STRIP -co COMPRESS=PACKBITS                   src/i16.tif files/packbits_strip_i16.tif
$T $TILED -co COMPRESS=ZSTD -co PREDICTOR=1       src/u16.tif files/zstd_p1_u16.tif
$T $TILED -co COMPRESS=ZSTD -co PREDICTOR=2       src/u16.tif files/zstd_p2_u16.tif
$T $TILED -co COMPRESS=ZSTD -co PREDICTOR=3       src/f32.tif files/zstd_p3_f32.tif
$T $TILED -co COMPRESS=JPEG -co PHOTOMETRIC=RGB   src/rgb.tif files/jpeg_rgb.tif
$T $TILED -co COMPRESS=JPEG -co PHOTOMETRIC=YCBCR src/rgb.tif files/jpeg_ycbcr.tif
$T $STRIP -co COMPRESS=JPEG -co PHOTOMETRIC=YCBCR src/rgb.tif files/jpeg_ycbcr_strip.tif
$T $TILED -co COMPRESS=JPEG                       src/u8.tif  files/jpeg_gray.tif
$T $TILED -co COMPRESS=JPEG                       src/rgba.tif files/jpeg_rgba.tif
$T $TILED -co COMPRESS=JPEG -b 1 -b 4             src/rgba.tif files/jpeg_gray_alpha.tif
$T $TILED -co COMPRESS=JPEG -co INTERLEAVE=BAND   src/rgb.tif files/jpeg_planar_rgb.tif
$T $TILED -co COMPRESS=WEBP -co WEBP_LEVEL=80     src/rgb.tif files/webp_rgb.tif
$T $TILED -co COMPRESS=WEBP -co WEBP_LOSSLESS=YES src/rgba.tif files/webp_lossless_rgba.tif
$T $TILED -co COMPRESS=LERC                       src/f32.tif files/lerc_f32.tif
$T $TILED -co COMPRESS=LERC_DEFLATE               src/u16.tif files/lerc_deflate_u16.tif
$T $TILED -co COMPRESS=LERC_ZSTD -co MAX_Z_ERROR=0.5 src/f32.tif files/lerc_zstd_maxz_f32.tif
$T $TILED -co COMPRESS=LERC_ZSTD                  src/rgb.tif files/lerc_zstd_rgb.tif
$T $TILED -co COMPRESS=LERC -co INTERLEAVE=BAND   src/rgb16.tif files/lerc_planar_u16x3.tif
$T $STRIP -co COMPRESS=LERC_DEFLATE               src/nan.tif files/lerc_strip_nan_f32.tif
$T $TILED -co COMPRESS=LERC -co PIXELTYPE=SIGNEDBYTE src/i8.tif files/lerc_i8.tif

# NBITS: samples packed below 8/16/32 bits, scaled into their domain; -srcwin 157 wide so packed rows end inside a byte.
ODD="-srcwin 0 0 157 120"
$T $TILED -co COMPRESS=DEFLATE -co NBITS=1 -scale 0 255 0 1        src/u8.tif  files/nbits1_u8.tif
$T $STRIP -co COMPRESS=NONE -co NBITS=1 -scale 0 255 0 1 $ODD      src/u8.tif  files/nbits1_strip_odd_u8.tif
$T $TILED -co COMPRESS=LZW -co NBITS=2 -scale 0 255 0 3            src/u8.tif  files/nbits2_u8.tif
$T $STRIP -co COMPRESS=DEFLATE -co NBITS=4 -scale 0 255 0 15 $ODD  src/u8.tif  files/nbits4_strip_odd_u8.tif
$T $STRIP -co COMPRESS=NONE -co NBITS=7 -scale 0 255 0 127 $ODD    src/rgb.tif files/nbits7_strip_odd_rgb.tif
$T $TILED -co COMPRESS=DEFLATE -co NBITS=12 -scale 0 4100 0 4095   src/u16.tif files/nbits12_u16.tif
$T $STRIP -co COMPRESS=ZSTD -co NBITS=12 -scale 0 4100 0 4095 $ODD src/rgb16.tif files/nbits12_strip_odd_u16x3.tif
$T $TILED -co COMPRESS=DEFLATE -co NBITS=12 -co INTERLEAVE=BAND -co ENDIANNESS=BIG -scale 0 4100 0 4095 src/rgb16.tif files/nbits12_planar_bigendian_u16x3.tif
$T $TILED -co COMPRESS=DEFLATE -co NBITS=20 -scale 3000000000 3000100001 0 1048575 src/u32.tif files/nbits20_u32.tif

# 3. The other data types (DEFLATE, tiled), signed byte via GDAL 3.6's PIXELTYPE=SIGNEDBYTE.
# (uint16, int32, float32 and float64 are covered by the DEFLATE predictor files above.)
for t in u8 i16 u32; do
  $T $TILED -co COMPRESS=DEFLATE -co PREDICTOR=2 src/$t.tif files/dtype_$t.tif
done
$T $TILED -co COMPRESS=DEFLATE -co PREDICTOR=2 -co PIXELTYPE=SIGNEDBYTE src/i8.tif files/dtype_i8.tif

# 4. Layouts: planar 2 (tiled and stripped), BigTIFF, big-endian.
$T $TILED -co COMPRESS=DEFLATE -co PREDICTOR=2 -co INTERLEAVE=BAND  src/rgb16.tif files/planar2_tiled_u16x3.tif
$T $STRIP -co COMPRESS=LZW -co PREDICTOR=2 -co INTERLEAVE=BAND        src/rgb16.tif files/planar2_strip_u16x3.tif
$T $TILED -co COMPRESS=DEFLATE -co PREDICTOR=2 -co INTERLEAVE=PIXEL src/rgb16.tif files/planar1_tiled_u16x3.tif
$T $TILED -co COMPRESS=DEFLATE -co BIGTIFF=YES                      src/u16.tif files/bigtiff_u16.tif
$T $TILED -co COMPRESS=DEFLATE -co PREDICTOR=2 -co ENDIANNESS=BIG   src/u16.tif files/bigendian_p2_u16.tif
$T $TILED -co COMPRESS=DEFLATE -co PREDICTOR=3 -co ENDIANNESS=BIG   src/f32.tif files/bigendian_p3_f32.tif
$T $STRIP -co COMPRESS=DEFLATE -co ENDIANNESS=BIG                   src/f64.tif files/bigendian_strip_f64.tif
$T $STRIP -co COMPRESS=NONE -co ENDIANNESS=BIG                      src/i16.tif files/bigendian_strip_none_i16.tif
$T $TILED -co COMPRESS=LZW -co PREDICTOR=2 -co ENDIANNESS=BIG -co BIGTIFF=YES src/i32.tif files/bigendian_bigtiff_p2_i32.tif

# 5. COGs: internal overviews, internal mask (with overview masks), nodata, alpha, metadata, georeferencing variants.
COG="gdal_translate -q -of COG -co BLOCKSIZE=32 -co OVERVIEW_RESAMPLING=AVERAGE -co PREDICTOR=YES"
$COG -co COMPRESS=DEFLATE                 src/u16.tif        files/cog_overviews_u16.tif
$COG -co COMPRESS=DEFLATE                 src/masked.tif     files/cog_mask_u16.tif
$COG -co COMPRESS=DEFLATE -a_nodata 0     src/u16.tif        files/cog_nodata_u16.tif
$COG -co COMPRESS=DEFLATE                 src/nan.tif        files/cog_nodata_nan_f32.tif
$COG -co COMPRESS=DEFLATE                 src/rgba.tif       files/cog_alpha_rgba.tif
$COG -co COMPRESS=DEFLATE                 src/scaled.tif     files/cog_scale_offset_i16.tif
$COG -co COMPRESS=DEFLATE -co BIGTIFF=YES src/u16.tif        files/cog_bigtiff_u16.tif
$T $TILED -co COMPRESS=DEFLATE src/point.tif   files/geo_pixel_is_point.tif
$T $TILED -co COMPRESS=DEFLATE src/rotated.tif files/geo_model_transformation.tif
$T $TILED -co COMPRESS=DEFLATE src/wgs84.tif   files/geo_epsg4326.tif

# 6. Broken files and unsupported features.
$PY make_broken.py files

# 7. GDAL's decode of every readable fixture (and its overviews and masks), plus a manifest the tests read.
GDAL_PAM_ENABLED=NO $PY export_refs.py files refs manifest.json
rm -rf src
du -sh .
