import asyncio


class Response:
    def __init__(self, url: str, status: int, body: str | None = None) -> None:
        self.url = url
        self.status = status
        self.body = body


async def fetch(url: str, delay: float) -> Response | None:
    await asyncio.sleep(delay)
    if url.endswith(".missing"):
        return None
    return Response(url, 200, f"<html>{url}</html>")


async def main() -> None:
    urls = {"a.example": 0.2, "b.missing": 0.1, "c.example": 0.3}
    responses: list[Response | None] = await asyncio.gather(
        *(fetch(u, d) for u, d in urls.items()))
    for url, resp in zip(urls, responses):
        if resp is None:
            print(f"{url}: not found")
        else:
            print(f"{url}: {resp.status} {len(resp.body or '')} bytes")


asyncio.run(main())
