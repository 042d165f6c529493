inventory = {}
def add_item(name, qty, price, tags=()):
    item = inventory.setdefault(name, {"qty": 0, "price": price, "tags": set()})
    item["qty"] += qty
    item["price"] = price
    item["tags"].update(tags)
def remove_item(name, qty):
    if name not in inventory:
        raise KeyError(name)
    item = inventory[name]
    if item["qty"] < qty:
        raise ValueError(f"only {item['qty']} {name} left")
    item["qty"] -= qty
    if item["qty"] == 0:
        del inventory[name]
add_item("widget", 10, 2.5, ["tools", "small"])
add_item("gadget", 3, 10.0, ["tools"])
add_item("doohickey", 7, 1.25)
add_item("widget", 5, 2.75, ["sale"])
remove_item("gadget", 1)
for op in [("gadget", 5), ("thing", 1), ("doohickey", 7)]:
    try:
        remove_item(*op)
        print("removed", op)
    except ValueError as e:
        print("ValueError:", e)
    except KeyError as e:
        print("missing item:", e)
def value(entry):
    return entry[1]["qty"] * entry[1]["price"]
for name, item in sorted(inventory.items(), key=value, reverse=True):
    print(f"{name:<8}|{item['qty']:>4}|{item['price']:>7.2f}|{sorted(item['tags'])}")
total = sum(i["qty"] * i["price"] for i in inventory.values())
print(f"total value: {total:,.2f}")
by_tag = {}
for name, item in inventory.items():
    for tag in sorted(item["tags"]):
        by_tag.setdefault(tag, []).append(name)
print(dict(sorted(by_tag.items())))
print(list(inventory))
