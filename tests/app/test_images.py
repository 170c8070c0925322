"""/images/<page>/<chart>.<svg|png>: chart images to publish (Flask test client; few renders, one Chromium)."""

from __future__ import annotations

import struct

import pytest
from lxml import etree

from dashboard.api import images
from dashboard.figures.style import UN_MAP_DISCLAIMER
from dashboard.render import export
from dashboard.views.image_links import image_href


@pytest.fixture(scope="module", autouse=True)
def stop_chromium():
    yield
    export.stop()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.browser
def test_png_has_the_presets_pixels_times_the_scale(client):
    r = client.get("/images/ratifications/timeline.png?preset=social&scale=2")
    assert r.status_code == 200 and r.mimetype == "image/png"
    assert png_size(r.data) == (2400, 1260)


@pytest.mark.browser
def test_map_svg_carries_title_source_disclaimer_and_permalink_and_is_cached(client, store):
    r = client.get("/images/explore/map.svg?indicator=ipv_last_12m&lang=en")
    assert r.status_code == 200 and r.mimetype == "image/svg+xml"
    root = etree.fromstring(r.data)
    text = " ".join(root.itertext())
    ind = store.indicator("ipv_last_12m")
    assert ind["title"] in text
    assert ind["publisher"].split(",")[0] in text
    assert UN_MAP_DISCLAIMER in text
    assert "/explore?indicator=ipv_last_12m" in text
    again = client.get("/images/explore/map.svg?indicator=ipv_last_12m&lang=en")
    assert (r.headers["X-Image-Cache"], again.headers["X-Image-Cache"]) == ("miss", "hit")
    assert again.data == r.data
    assert r.headers["Content-Disposition"] == 'inline; filename="explore-map-article.svg"'


@pytest.mark.browser
def test_a_bad_value_falls_back_as_the_page_does_and_shares_the_default_views_image(client, monkeypatch):
    first = client.get("/images/explore/map.svg")

    def must_not_draw(*_args, **_kw):
        raise AssertionError("a cached view was drawn again")

    monkeypatch.setitem(images.CHARTS["explore"].charts, "map", must_not_draw)
    fallback = client.get("/images/explore/map.svg?indicator=not-an-indicator&year=abc")
    assert fallback.status_code == 200 and fallback.headers["X-Image-Cache"] == "hit"
    assert fallback.data == first.data


@pytest.mark.parametrize(
    "path, status, message",
    [
        ("/images/nowhere/map.svg", 404, "No such chart image"),
        ("/images/explore/nothing.svg", 404, "No such chart image"),
        ("/images/explore/map.gif", 404, "use .svg or .png"),
        ("/images/explore/map.svg?preset=poster", 400, "Unknown preset"),
        ("/images/explore/map.png?scale=3", 400, "Unknown scale"),
        ("/images/explore/map.png?scale=%00", 400, "Unknown scale"),
        ("/images/explore/chart.svg", 404, "no chart to draw"),
    ],
)
def test_bad_addresses_get_a_clear_4xx(client, path, status, message):
    r = client.get(path)
    assert r.status_code == status
    assert message in r.get_json()["error"]


def test_a_cold_render_beyond_the_rate_limit_is_503_with_retry_after(client, monkeypatch):
    now = [0.0]
    empty = images.TokenBucket(capacity=1, rate=0.25, clock=lambda: now[0])
    assert empty.take() == 0.0
    monkeypatch.setattr(images, "bucket", empty)

    def must_not_render(*_args, **_kw):
        raise AssertionError("rendered beyond the limit")

    monkeypatch.setattr(images, "render", must_not_render)
    r = client.get("/images/corridors/cost.svg?preset=square")
    assert r.status_code == 503 and r.headers["Retry-After"] == "4"
    assert "Too many" in r.get_json()["error"]


def test_a_busy_render_slot_is_503_not_a_queue(client, monkeypatch):
    monkeypatch.setattr(images, "SLOT_WAIT_S", 0)
    monkeypatch.setattr(images, "bucket", images.TokenBucket(capacity=5, rate=1.0))
    assert images.RENDER_SLOTS.acquire(timeout=1)
    try:
        r = client.get("/images/corridors/cost.svg?preset=square")
    finally:
        images.RENDER_SLOTS.release()
    assert r.status_code == 503 and "Retry-After" in r.headers


def test_token_bucket_refills_with_its_clock():
    now = [100.0]
    bucket = images.TokenBucket(capacity=2, rate=0.5, clock=lambda: now[0])
    assert bucket.take() == 0.0 and bucket.take() == 0.0
    assert bucket.take() == pytest.approx(2.0)
    now[0] += 2.0
    assert bucket.take() == 0.0


def test_a_failed_render_is_a_retryable_503_not_a_500(client, monkeypatch):
    def broken(*_args, **_kw):
        raise RuntimeError("Chromium not found")

    monkeypatch.setattr(images, "render", broken)
    monkeypatch.setattr(images, "bucket", images.TokenBucket(capacity=5, rate=1.0))
    r = client.get("/images/corridors/flows-from.svg?preset=square")
    assert r.status_code == 503 and r.headers["Retry-After"] == "60"


def test_image_address_is_the_pages_query_plus_the_images_own():
    assert image_href("explore", "map", "png", "?indicator=x&year=2018", "social", 2) == "/images/explore/map.png?indicator=x&year=2018&preset=social&scale=2"
    assert image_href("corridors", "cost", "svg", "") == "/images/corridors/cost.svg?preset=article&scale=1"


def test_download_links_are_translated_anchors_to_the_views_images():
    from dashboard.views.image_links import CHOICES, image_links

    box = image_links("explore", "map", "fr", "?indicator=ipv_last_12m&lang=fr")
    assert box.children[0].children == "Télécharger l’image"
    links = [li.children for li in box.children[2].children]
    assert len(links) == len(CHOICES)
    assert links[1].href == "/images/explore/map.png?indicator=ipv_last_12m&lang=fr&preset=article&scale=2"
    assert links[4].href.startswith("/images/explore/map.svg?") and links[4].children == "SVG (vectoriel, 1200 × 800)"


def test_a_download_link_opens_its_image(client):
    from dashboard.views.image_links import image_links

    link = image_links("explore", "chart", "en").children[2].children[0].children
    r = client.get(link.href)  # the default view compares no countries: a clear 404, never a 500
    assert r.status_code == 404 and "no chart to draw" in r.get_json()["error"]
