# runnable
"""A tiny echo server and its client in one process.

Old code spawned every handler with asyncio.ensure_future(handle(...));
the lesson's rule says create_task whenever the argument is a coroutine.
"""
import asyncio

CLIENTS = 3


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    data = await reader.readline()
    writer.write(data.upper())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


def on_connect(reader, writer):
    # A plain callback: there is a running loop here, but migrate cannot
    # know that, so this one stays.
    asyncio.ensure_future(handle(reader, writer))


async def client(port: int, n: int) -> str:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"hello {n}\n".encode())
    await writer.drain()
    line = await reader.readline()
    writer.close()
    await writer.wait_closed()
    return line.decode().strip()


async def main() -> None:
    server = await asyncio.start_server(on_connect, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    tasks = [asyncio.ensure_future(client(port, n)) for n in range(CLIENTS)]
    # open_connection is a coroutine function of asyncio: safe.
    probe = asyncio.ensure_future(asyncio.open_connection("127.0.0.1", port))
    reader, writer = await probe
    writer.close()
    for line in await asyncio.gather(*tasks):
        print(line)
    server.close()
    await server.wait_closed()


if __name__ == "__main__":
    asyncio.run(main())
