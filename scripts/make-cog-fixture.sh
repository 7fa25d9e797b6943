#!/bin/sh
# Makes test/fixtures/delft-dtm-cog.tif: the shipped Delft DTM as a Cloud-Optimized GeoTIFF with 128-px
# blocks, deflate and overviews, for range-request and overview tests (GDAL 3.6: apt-get install gdal-bin).
set -e
cd "$(dirname "$0")/.."
gdal_translate -q -of COG -co BLOCKSIZE=128 -co COMPRESS=DEFLATE -co PREDICTOR=YES \
  -co OVERVIEWS=IGNORE_EXISTING -co RESAMPLING=AVERAGE \
  src/data/delft/ahn3-dtm-50cm.tif test/fixtures/delft-dtm-cog.tif
