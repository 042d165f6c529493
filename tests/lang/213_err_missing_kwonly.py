def connect(host, *, port, timeout=5):
    return host + ":" + str(port)
try:
    connect("z", 1)
except TypeError as e:
    print("caught:", e)
print(connect("a", port=1))
connect("b")
