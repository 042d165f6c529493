def handler():
    try:
        {}["missing"]
    except KeyError:
        print("handling KeyError")
        return [][0]
handler()
