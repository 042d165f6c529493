import asyncio

policy_loop = asyncio.new_event_loop()
asyncio.set_event_loop(policy_loop)
other = asyncio.new_event_loop()


async def probe():
    print("get_event_loop is the running loop:", asyncio.get_event_loop() is other)
    print("not the policy loop:", asyncio.get_event_loop() is not policy_loop)


other.run_until_complete(probe())
print("outside again the policy loop:", asyncio.get_event_loop() is policy_loop)
other.close()
asyncio.set_event_loop(None)
policy_loop.close()
