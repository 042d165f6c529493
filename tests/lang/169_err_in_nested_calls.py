def level3(d):
    return d["deep"]
def level2(d):
    return level3(d) * 2
def level1():
    data = {"shallow": 1}
    return level2(data)
print("calling chain")
level1()
