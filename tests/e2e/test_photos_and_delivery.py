"""Photos and delivery fees in real Chromium with the unpacked extension and a real helper:
a filled-down workbook with photo URLs imported while the helper runs, thumbnails in the
dialog's search results and order lines (fetched by the helper from a real photo server, through
the worker), and Casablanca's delivery fee line in the order and its total. Screenshots in
English, French and Arabic (WhatsApp Web's own language), light and dark, go to bench-results/
to be looked at."""

import io
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
import pytest_asyncio
from PIL import Image, ImageDraw
from playwright.async_api import expect

from tests.browser.harness import RESULTS
from tests.catalog.workbooks import write_workbook
from tests.support import HELPER_BIN

from .flows import helper_get, pair_through_options
from .site import conversation_chat, phone_chat

# The photos are served from this computer here: the helper is told it may fetch there (by
# default it fetches photos from public addresses only).
HELPER_OPTIONS = ("--photos-from-local-network",)
pytestmark = pytest.mark.asyncio(loop_scope="module")

COLOURS = {"/sac.png": (150, 90, 40), "/basket.jpg": (40, 70, 160)}


def photo(path: str) -> tuple[bytes, str]:
    image = Image.new("RGB", (600, 600), (245, 240, 232))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((120, 180, 480, 480), radius=40, fill=COLOURS[path])
    out = io.BytesIO()
    kind = "PNG" if path.endswith(".png") else "JPEG"
    image.save(out, kind)
    return out.getvalue(), "image/png" if kind == "PNG" else "image/jpeg"


class PhotoHandler(BaseHTTPRequestHandler):
    hits: ClassVar[list] = []

    def do_GET(self):
        self.hits.append(self.path)
        if self.path not in COLOURS:
            self.send_error(404)
            return
        body, kind = photo(self.path)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def photos():
    server = ThreadingHTTPServer(("127.0.0.1", 0), PhotoHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def run_cli(*arguments):
    result = subprocess.run([HELPER_BIN, *arguments], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def shop(env, photos, tmp_path_factory):
    """The shop's workbook (filled down, photos) and fee file, imported into the running helper."""
    base = f"http://127.0.0.1:{photos.server_port}"
    header = ["sku_product", "product_name", "type", "price", "images", "sku_variant"]
    header += ["variant_name", "variant_price", "stock"]
    bag = ["SAC-BAND", "Sac bandoulière en cuir", "variable", 349, f"{base}/sac.png"]
    shoe = ["BASKET-TOILE", "Basket en toile", "variable", 229, f"{base}/basket.jpg"]
    rows = [
        header,
        [*bag, "SAC-BAND-NOIR", "Noir", None, 4],
        [*bag, "SAC-BAND-CAMEL", "Camel", 369, 2],
        [*shoe, "BASKET-TOILE-BLANC-38", "Blanc / 38", None, 3],
        [*shoe, "BASKET-TOILE-NOIR-42", "Noir / 42", None, 7],
        ["BOUGIE", "Bougie parfumée", "simple", 60, None, None, None, None, 9],
    ]
    folder = tmp_path_factory.mktemp("shop")
    book = write_workbook(folder / "catalogue.xlsx", rows)
    data = ["--data-dir", str(env["helper"].data_dir)]
    run_cli("import-catalog", str(book), "--no-progress", *data)
    fees = folder / "frais.csv"
    fees.write_text("ville;frais\nCasablanca;20\nRabat;30\n", encoding="utf-8")
    run_cli("delivery-fees", str(fees), "--default-fee", "35", "--free-above", "1000", *data)
    await pair_through_options(env)
    return env


async def open_dialog(page, title="Create an order"):
    await page.locator("sendocki-cart-button button").click()
    dialog = page.get_by_role("dialog", name=title)
    await expect(dialog).to_be_visible()
    return dialog


async def test_thumbnail_in_search_results_and_casablanca_fee_in_the_order(shop, photos):
    env = shop
    env["site"].html = phone_chat("Khadija Amrani", "212670001122")
    page = env["page"]
    photo_host = f"127.0.0.1:{photos.server_port}"
    page_requests = []
    page.on("request", lambda request: page_requests.append(request.url))
    await page.goto("https://web.whatsapp.com/")
    dialog = await open_dialog(page)
    await dialog.get_by_label("Search by name or reference").fill("sac camel")
    first = dialog.locator(".results button").first
    await expect(first).to_contain_text("Sac bandoulière en cuir")
    await expect(first.locator(".thumb img")).to_be_visible()
    src = await first.locator(".thumb img").get_attribute("src")
    assert src.startswith("data:image/webp;base64,")
    RESULTS.mkdir(exist_ok=True)
    await page.screenshot(path=RESULTS / "photos-search-en-light.png")
    # The page never asked for the photo (nor the helper): the helper fetched it, once.
    assert not [url for url in page_requests if photo_host in url or "127.0.0.1" in url]
    assert PhotoHandler.hits.count("/sac.png") == 1
    await first.click()
    line = dialog.locator(".line").first
    await expect(line.locator(".thumb img")).to_be_visible()
    await expect(line.locator("select")).to_have_value("Camel")  # the variant the words matched
    await dialog.get_by_label("Search by name or reference").fill("bougie")
    await expect(dialog.locator(".results .thumb").first).to_have_attribute(
        "data-state", "placeholder"
    )
    await dialog.locator(".results button").first.click()

    await dialog.get_by_label("Delivery address").fill("12 Rue Atlas, Maarif")
    await dialog.get_by_label("City").fill("Casa")
    delivery = dialog.locator('.line[data-kind="delivery"]')
    await expect(delivery).to_contain_text("Delivery · Casablanca")
    await expect(delivery.locator(".line-total")).to_have_text("20.00\u00a0DH")
    await expect(dialog.locator("#sendocki-total")).to_have_value("449.00")  # 369 + 60 + 20
    await page.screenshot(path=RESULTS / "delivery-en-light.png")
    await dialog.get_by_role("button", name="Create the order").click()
    await expect(dialog).to_be_hidden()
    orders = await helper_get(env, "/v1/orders", conversation="212670001122@c.us")
    order = orders["orders"][0]
    assert [(line["kind"], line["name"], line["unit_price"]) for line in order["lines"]] == [
        ("catalog", "Camel", "369.00"),
        ("catalog", "Bougie parfumée", "60.00"),
        ("delivery", "Livraison Casablanca", "20.00"),
    ]
    assert order["total"] == "449.00" and order["catalog_total"] == "449.00"

    # Offline for the photos: the helper's cache still shows them.
    photos_seen = list(PhotoHandler.hits)
    photos.shutdown()
    await page.goto("https://web.whatsapp.com/")
    dialog = await open_dialog(page)
    await dialog.get_by_label("Search by name or reference").fill("sac")
    await expect(dialog.locator(".results .thumb img").first).to_be_visible()
    assert PhotoHandler.hits == photos_seen


SHOTS = [  # WhatsApp Web's language (its page's lang), cart label, delivery line text
    ("en", "Create an order", "Delivery · Casablanca"),
    ("fr", "Créer une commande", "Livraison · Casablanca"),
    ("ar", "إنشاء طلب", "التوصيل · الدار البيضاء"),
]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("lang,cart,line_text", SHOTS)
async def test_screenshots_with_photos_and_delivery(shop, lang, cart, line_text, theme):
    """Fatima's saved address is in Casablanca: her form opens with the delivery line."""
    page = shop["page"]
    await page.set_viewport_size({"width": 1366, "height": 768})
    shop["site"].html = conversation_chat("Fatima Zahra", "212661234567", lang)
    await page.goto("https://web.whatsapp.com/")
    if theme == "dark":
        await page.evaluate("document.body.classList.add('dark')")
    await page.get_by_role("button", name=cart).click()
    dialog = page.get_by_role("dialog")
    delivery = dialog.locator('.line[data-kind="delivery"]')
    await expect(delivery).to_contain_text(line_text)
    await dialog.locator("#sendocki-product-search").fill("sac")
    await expect(dialog.locator(".results .thumb img").first).to_be_visible()
    await dialog.locator(".results").evaluate("(el) => el.scrollIntoView()")
    await page.screenshot(path=RESULTS / f"photos-search-{lang}-{theme}.png")
    await dialog.locator(".results button", has=page.locator(".thumb img")).first.click()
    await expect(dialog.locator(".line .thumb img").first).to_be_visible()
    await delivery.evaluate("(el) => el.scrollIntoView({block: 'center'})")
    await page.screenshot(path=RESULTS / f"delivery-{lang}-{theme}.png")
    await page.keyboard.press("Escape")
