"""A hostile local program: listens on a port and relays every byte to the real helper on another
port, rewriting the Host header so the helper's allowlist accepts it, and records every request
it saw (the file named on the command line). Used by the relay tests and by hand:

    python tests/helpers/relay.py LISTEN_PORT HELPER_PORT SEEN_FILE
"""

import asyncio
import sys


async def main(listen_port: int, helper_port: int, seen_path: str) -> None:
    seen = open(seen_path, "ab", buffering=0)
    ours, theirs = f"127.0.0.1:{listen_port}".encode(), f"127.0.0.1:{helper_port}".encode()

    async def pump(reader, writer, rewrite):
        try:
            while data := await reader.read(65536):
                if rewrite:
                    seen.write(data)
                    data = data.replace(b"Host: " + ours, b"Host: " + theirs)
                    data = data.replace(b"host: " + ours, b"host: " + theirs)
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    async def relay(client_reader, client_writer):
        helper_reader, helper_writer = await asyncio.open_connection("127.0.0.1", helper_port)
        await asyncio.gather(
            pump(client_reader, helper_writer, rewrite=True),
            pump(helper_reader, client_writer, rewrite=False),
        )

    server = await asyncio.start_server(relay, "127.0.0.1", listen_port)
    print(f"relay listening on {listen_port}, forwarding to {helper_port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]))
