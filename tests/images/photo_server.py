"""A small photo server for thumbnail tests: real images, redirects, wrong types, big bodies."""

import io

from aiohttp import web
from PIL import Image


def png_bytes(size=(800, 600), color=(200, 30, 60)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def jpeg_bytes(size=(1200, 900), color=(30, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()


def photo_app(hits: dict) -> web.Application:
    app = web.Application()

    def count(request):
        hits[request.path] = hits.get(request.path, 0) + 1

    async def photo(request):
        count(request)
        return web.Response(body=png_bytes(), content_type="image/png")

    async def jpeg(request):
        count(request)
        return web.Response(body=jpeg_bytes(), content_type="image/jpeg")

    async def same_host_redirect(request):
        count(request)
        raise web.HTTPFound("/photo.png")

    async def other_host_redirect(request):
        count(request)
        # 127.0.0.1 -> localhost: the same machine, but another host name.
        raise web.HTTPFound(f"http://localhost:{request.url.port}/photo.png")

    async def loop(request):
        count(request)
        raise web.HTTPFound("/loop")

    async def html(request):
        count(request)
        return web.Response(text="<html>not a photo</html>", content_type="text/html")

    async def lying(request):
        count(request)
        return web.Response(body=b"%PDF-1.4 not an image", content_type="image/png")

    async def huge(request):
        count(request)
        response = web.StreamResponse(headers={"Content-Type": "image/jpeg"})
        await response.prepare(request)
        chunk = b"\xff" * 65536
        for _ in range(200):  # 13 MB, no Content-Length
            await response.write(chunk)
        return response

    async def bomb(request):
        count(request)
        out = io.BytesIO()
        Image.new("1", (20000, 20000)).save(out, "PNG")  # 400 MP, a few KB compressed
        return web.Response(body=out.getvalue(), content_type="image/png")

    async def missing(request):
        count(request)
        raise web.HTTPNotFound()

    for path, handler in {
        "/photo.png": photo,
        "/photo.jpg": jpeg,
        "/moved": same_host_redirect,
        "/elsewhere": other_host_redirect,
        "/loop": loop,
        "/page.html": html,
        "/lying.png": lying,
        "/huge.jpg": huge,
        "/bomb.png": bomb,
        "/missing.png": missing,
    }.items():
        app.router.add_get(path, handler)
    return app
