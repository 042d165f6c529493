class Machine:
    transitions = {
        ("idle", "coin"): "ready",
        ("ready", "push"): "vending",
        ("ready", "refund"): "idle",
        ("vending", "done"): "idle",
    }
    def __init__(self):
        self.state = "idle"
        self.log = []
        self.sales = 0
    def fire(self, event):
        key = (self.state, event)
        if key not in self.transitions:
            raise RuntimeError(f"bad event {event!r} in state {self.state!r}")
        old = self.state
        self.state = self.transitions[key]
        self.log.append(f"{old}->{self.state}")
        handler = getattr(self, "on_" + self.state, None)
        if handler is not None:
            handler()
    def on_vending(self):
        self.sales += 1
    def __repr__(self):
        return f"Machine(state={self.state}, sales={self.sales})"
m = Machine()
events = ["coin", "push", "done", "push", "coin", "refund", "coin", "push", "done"]
for ev in events:
    try:
        m.fire(ev)
    except RuntimeError as e:
        print("error:", e)
print(m)
print(" ".join(m.log))
def traffic_light():
    state = "red"
    while True:
        cmd = yield state
        if cmd == "reset":
            state = "red"
            continue
        state = {"red": "green", "green": "yellow", "yellow": "red"}[state]
light = traffic_light()
print(next(light), [light.send(None) for _ in range(4)], light.send("reset"), next(light))
