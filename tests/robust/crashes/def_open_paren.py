# Found by fuzz_source: the bracket closer scan read past the end of a
# source buffer without a NUL (the fuzz targets pass exact lengths).
def f(:
