class Other:
    pass
print(hasattr(Other, "debug"))
class Config:
    debug = True
print(Config.debug)
print(Config.qqzzmissing)
