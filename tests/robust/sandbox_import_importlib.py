# importlib cannot be imported.
import importlib
importlib.import_module("os")
