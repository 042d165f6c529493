# Loaded by load.in: top-level await in a loaded file (asyncio mode).
import asyncio

slept = await asyncio.sleep(0.5, 'slept')
print('after the await:', slept, asyncio.get_running_loop().time())
'a bare expression in a file is not echoed'
