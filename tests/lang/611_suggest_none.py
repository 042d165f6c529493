# No suggestion when nothing is close enough, or the name is long and
# far from everything.
import asyncio
xyzzy_plugh
