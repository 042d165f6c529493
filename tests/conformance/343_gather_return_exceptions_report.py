import asyncio


class ValidationError(Exception):
    def __init__(self, field, reason):
        super().__init__(f"{field}: {reason}")
        self.field = field


async def validate(record):
    await asyncio.sleep(0.01 * record["id"])
    if not record.get("name"):
        raise ValidationError("name", "missing")
    if record.get("age", 0) < 0:
        raise ValidationError("age", "negative")
    if record["id"] == 4:
        raise ZeroDivisionError("division by zero")
    return record["name"].title()


async def main():
    records = [
        {"id": 1, "name": "ada", "age": 36},
        {"id": 2, "name": "", "age": 3},
        {"id": 3, "name": "bob", "age": -1},
        {"id": 4, "name": "eve"},
        {"id": 5, "name": "linus", "age": 50},
    ]
    results = await asyncio.gather(*(validate(r) for r in records), return_exceptions=True)
    ok = [r for r in results if not isinstance(r, Exception)]
    errors = {rec["id"]: r for rec, r in zip(records, results) if isinstance(r, Exception)}
    print("valid:", ok)
    for rid, err in sorted(errors.items()):
        field = getattr(err, "field", "-")
        print(f"  record {rid}: {type(err).__name__} [{field}] {err}")


asyncio.run(main())
