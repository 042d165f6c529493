import asyncio


class PaymentError(Exception):
    pass


async def charge(amount):
    await asyncio.sleep(0.1)
    if amount > 100:
        raise PaymentError(f"amount {amount} exceeds limit")
    return amount


async def main():
    total = 0
    for amount in (20, 50, 120, 10):
        total += await asyncio.create_task(charge(amount))
        print("charged", amount, "total", total)


asyncio.run(main())
