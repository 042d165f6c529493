import contextlib, sys
class W:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s); return len(s)
    def flush(self): pass
w = W()
with contextlib.redirect_stdout(w):
    print("hidden", 1)
print("captured:", w.parts)
