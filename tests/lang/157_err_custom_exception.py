class ConfigError(Exception):
    def __init__(self, key):
        super().__init__("missing config key: " + key)
        self.key = key
def load(cfg):
    if "port" not in cfg:
        raise ConfigError("port")
    return cfg["port"]
print(load({"port": 80}))
load({})
