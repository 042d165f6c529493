# printf-style integer precision: at least that many digits, zeros after
# the sign and the # prefix; the 0 flag fills the width the same way.
for spec in ['%.3d', '%5.3d', '%-6.3d|', '%+.3d', '%.0d', '%.3x', '%#.3x', '%.3o', '%#.5o', '%08.3d', '%.3i', '%.2u', '% .3d', '%.3X']:
    for v in (1, -1, 0, 255):
        print(repr(spec), v, repr(spec % v))
print('%.3s' % 'abcdef', '%5.1f' % 2.25, '%.3d' % True)
