def obj.method():
    pass
