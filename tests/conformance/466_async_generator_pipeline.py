import asyncio


async def read_lines(text):
    for line in text.splitlines():
        await asyncio.sleep(0.01)
        yield line


async def non_empty(lines):
    async for line in lines:
        if line.strip():
            yield line.strip()


async def parse(lines):
    async for line in lines:
        name, _, score = line.partition(":")
        yield name, int(score)


async def main():
    text = "ann: 3\n\nbob: 10\n   \ncyd: 7\n"
    pipeline = parse(non_empty(read_lines(text)))
    scores = {}
    async for name, score in pipeline:
        scores[name] = score
        print(f"{name:>4} {'#' * score}")
    best = max(scores, key=scores.get)
    print("best:", best, scores[best])


asyncio.run(main())
