# subprocess cannot be imported.
import subprocess
subprocess.run(["/bin/echo", "escaped"])
