class Token:
    def __init__(self, kind, text):
        self.kind = kind
        self.text = text
    def __repr__(self):
        return f"{self.kind}({self.text!r})"
KEYWORDS = ("let", "print", "if")
def tokenize(src):
    tokens = []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit():
            start = i
            while i < len(src) and src[i].isdigit():
                i += 1
            tokens.append(Token("NUM", src[start:i]))
        elif ch.isalpha() or ch == "_":
            start = i
            while i < len(src) and (src[i].isalnum() or src[i] == "_"):
                i += 1
            word = src[start:i]
            tokens.append(Token("KW" if word in KEYWORDS else "ID", word))
        elif ch == '"':
            end = src.index('"', i + 1)
            tokens.append(Token("STR", src[i + 1:end]))
            i = end + 1
        elif src.startswith(("==", "!="), i):
            tokens.append(Token("OP", src[i:i + 2]))
            i += 2
        elif ch in "+-*/=()":
            tokens.append(Token("OP", ch))
            i += 1
        else:
            raise SyntaxError(f"bad char {ch!r} at {i}")
    return tokens
def evaluate(tokens):
    env = {}
    values = [int(t.text) for t in tokens if t.kind == "NUM"]
    return sum(values), len(tokens)
src = 'let x_1 = 42 + (y * 7)\nprint "hi there" if x_1 != 3'
toks = tokenize(src)
for t in toks:
    print(t)
print(evaluate(toks))
counts = {}
for t in toks:
    counts[t.kind] = counts.get(t.kind, 0) + 1
print(counts)
try:
    tokenize("a $ b")
except SyntaxError as e:
    print("error:", e)
