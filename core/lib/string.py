"""A collection of string constants.

Public module variables:

whitespace -- a string containing all ASCII whitespace
ascii_lowercase -- a string containing all ASCII lowercase letters
ascii_uppercase -- a string containing all ASCII uppercase letters
ascii_letters -- a string containing all ASCII letters
digits -- a string containing all ASCII decimal digits
hexdigits -- a string containing all ASCII hexadecimal digits
octdigits -- a string containing all ASCII octal digits
punctuation -- a string containing all ASCII punctuation characters
printable -- a string containing all ASCII characters considered printable
"""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase",
           "capwords", "digits", "hexdigits", "octdigits", "printable",
           "punctuation", "whitespace", "Template"]

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """capwords(s [,sep]) -> string

    Split the argument into words using split, capitalize each
    word using capitalize, and join the capitalized words using
    join.  If the optional second argument sep is absent or None,
    runs of whitespace characters are replaced by a single space
    and leading and trailing whitespace are removed, otherwise
    sep is used to split and join the words.
    """
    return (sep or ' ').join(w.capitalize() for w in s.split(sep))


class Template:
    """A string class for supporting $-substitutions."""

    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _render(self, mapping, safe):
        s = self.template
        out = []
        i = 0
        n = len(s)
        while i < n:
            c = s[i]
            if c != self.delimiter:
                out.append(c)
                i += 1
                continue
            if i + 1 < n and s[i + 1] == self.delimiter:
                out.append(self.delimiter)
                i += 2
                continue
            braced = i + 1 < n and s[i + 1] == '{'
            j = i + 2 if braced else i + 1
            k = j
            while k < n and (s[k] == '_' or s[k].isalnum()) and \
                    (k > j or not s[k].isdigit()):
                k += 1
            name = s[j:k]
            if braced and (k >= n or s[k] != '}'):
                name = ''
            if not name or not name.isidentifier():
                if safe:
                    out.append(c)
                    i += 1
                    continue
                lines = s[:i].split('\n')
                raise ValueError(f'Invalid placeholder in string: line '
                                 f'{len(lines)}, col {len(lines[-1]) + 1}')
            end = k + 1 if braced else k
            if name in mapping:
                out.append(str(mapping[name]))
            elif safe:
                out.append(s[i:end])
            else:
                raise KeyError(name)
            i = end
        return ''.join(out)

    def substitute(self, mapping=None, /, **kws):
        return self._render(_merge(mapping, kws), False)

    def safe_substitute(self, mapping=None, /, **kws):
        return self._render(_merge(mapping, kws), True)


def _merge(mapping, kws):
    if mapping is None:
        return kws
    if kws:
        d = dict(mapping)
        d.update(kws)
        return d
    return mapping
