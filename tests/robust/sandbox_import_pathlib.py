# pathlib cannot be imported.
import pathlib
print(pathlib.Path("/etc/passwd").read_text())
