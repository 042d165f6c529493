# runnable
# -*- coding: utf-8 -*-
"""Non-ASCII names, CRLF line endings and tab indentation, kept byte for byte."""
import asyncio


async def überprüfen(wert):
	await asyncio.sleep(0)
	return f"geprüft: {wert} ✓"


async def 計算(x):
	return x * 2


async def main():
	π = asyncio.ensure_future(überprüfen("π≈3.14"))
	double = asyncio.ensure_future(計算(21))	# trailing comment with tab
	print(await π, await double)


asyncio.run(main())
