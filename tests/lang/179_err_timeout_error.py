def wait_for(limit):
    elapsed = 0
    while elapsed < 100:
        elapsed += 30
        if elapsed > limit:
            raise TimeoutError(f"gave up after {elapsed}")
    return elapsed
print(wait_for(200))
wait_for(50)
