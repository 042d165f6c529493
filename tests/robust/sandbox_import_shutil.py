# shutil cannot be imported.
import shutil
shutil.rmtree("/tmp/nothing")
