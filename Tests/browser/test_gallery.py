"""End to end in a real browser (Debian's headless Chromium) against the real gailleryd: log in by
the one-time token, upload through the file input and watch each status reach done, search, the
viewer's keys, push-to-talk with a WAV as the microphone, and the HTTP side's refusals.

The tests run in file order and share one daemon and one browser (each step builds on the last)."""

import http.client
import json
import struct
import subprocess
import zlib
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SAMPLES = Path("/usr/lib/python3/dist-packages/skimage/data")
PHOTOS = ["chelsea.png", "coffee.png", "astronaut.png"]  # chelsea is a cat
WAIT = 180  # seconds; first classification loads the models on a 2-core machine


def screenshot(browser, name):
    """Saves docs/NAME.png for the README as a 256-colour PNG (system python3 with Debian's Pillow)."""
    DOCS.mkdir(exist_ok=True)
    path = DOCS / f"{name}.png"
    assert browser.save_screenshot(str(path)), path
    subprocess.run(["/usr/bin/python3", str(Path(__file__).with_name("shrink_png.py")), str(path)], check=True)


class State:
    """What the steps learn and hand on: the base URL, the session cookie, the photos' ids."""

    base = None
    cookie = None
    ids = {}


def wait(browser, predicate, message, timeout=WAIT):
    def check(driver):
        try:
            return predicate(driver)
        except Exception:  # an element replaced while reading it: look again
            return False

    try:
        return WebDriverWait(browser, timeout, poll_frequency=0.2).until(check)
    except Exception:
        logs = "\n".join(entry["message"] for entry in browser.get_log("browser"))[-3000:]
        pytest.fail(f"{message() if callable(message) else message}\nbrowser console:\n{logs}")


def grid_ids(browser):
    return browser.execute_script("return [...document.querySelectorAll('#grid li')].map(li => Number(li.dataset.id))")


def viewer_id(browser):
    return browser.execute_script(
        "const d = document.getElementById('viewer'); return d.open ? Number(d.dataset.id) : null;"
    )


def test_login_by_token(daemon, browser):
    url = daemon.call("gallery.open", {})["url"]
    parsed = urllib.parse.urlsplit(url)
    assert parsed.path == "/login" and "token=" in parsed.query, url
    State.base = f"{parsed.scheme}://{parsed.netloc}"
    browser.get(url)
    wait(browser, lambda b: b.current_url.rstrip("/") == State.base or b.current_url.startswith(State.base + "/#"),
         f"the login did not land on the gallery: {browser.current_url}")
    cookie = browser.get_cookie("gaillery_session")
    assert cookie and cookie["httpOnly"] and cookie.get("sameSite") == "Strict", cookie
    State.cookie = cookie["value"]
    wait(browser, lambda b: "No photos yet" in b.find_element(By.ID, "grid-caption").text,
         "the empty gallery did not say so")
    # The token was single use.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url)
    assert refused.value.code == 401


def test_upload_three_photos(daemon, browser):
    # Record every status each row shows, to check the live sequence afterwards.
    browser.execute_script("""
        window.seenStatuses = [];
        new MutationObserver((changes) => {
            for (const change of changes) {
                const row = change.target;
                if (row.matches && row.matches('#uploads li') && change.oldValue)
                    window.seenStatuses.push([row.querySelector('.name').textContent, change.oldValue]);
            }
        }).observe(document.getElementById('uploads'),
                   {attributes: true, attributeOldValue: true, attributeFilter: ['data-status'], subtree: true});
    """)
    field = browser.find_element(By.ID, "file-input")
    field.send_keys("\n".join(str(SAMPLES / name) for name in PHOTOS))

    def all_done(b):
        rows = b.find_elements(By.CSS_SELECTOR, "#uploads li")
        if len(rows) != 3:
            return False
        failed = [row.text for row in rows if row.get_attribute("data-status") == "failed"]
        if failed:
            pytest.fail(f"an upload failed: {failed}")
        return all(row.get_attribute("data-status") == "done" for row in rows)

    wait(browser, all_done, "the three uploads did not all reach done")
    for row in browser.find_elements(By.CSS_SELECTOR, "#uploads li"):
        name = row.find_element(By.CLASS_NAME, "name").text.split(" ")[0]
        State.ids[name] = int(row.get_attribute("data-id"))
        assert row.find_element(By.CLASS_NAME, "status").text == "done"
    assert sorted(State.ids) == sorted(PHOTOS)
    order = ["reading", "uploading", "queued", "decoding", "classifying", "done"]
    for name in PHOTOS:
        # Each status the row left (the observer reports the value before each change), then done.
        seen = [status for row, status in browser.execute_script("return window.seenStatuses") if row == name]
        seen.append("done")
        # Live: through the daemon's queue to done, never backwards.
        assert "queued" in seen and seen[-1] == "done", (name, seen)
        assert seen == sorted(seen, key=order.index), (name, seen)
    # Each appears in the grid, newest first, with its thumbnail loaded.
    wait(browser, lambda b: sorted(grid_ids(b)) == sorted(State.ids.values()), "the grid does not show the uploads")
    wait(
        browser,
        lambda b: b.execute_script(
            "return [...document.querySelectorAll('#grid img')].every(i => i.complete && i.naturalWidth > 0)"
        ),
        "a thumbnail did not load",
    )
    assert grid_ids(browser) == sorted(State.ids.values(), reverse=True)
    # The chips follow tags.list once the last photo is classified.
    expected = [entry["tag"] for entry in daemon.call("tags.list", {"limit": 24})["tags"]]
    chips = "return [...document.querySelectorAll('#tag-chips button')].map(chip => chip.dataset.tag)"
    wait(browser, lambda b: b.execute_script(chips) == expected, lambda: f"chips {browser.execute_script(chips)} != {expected}")
    screenshot(browser, "gallery-grid")


def search(browser, query):
    box = browser.find_element(By.ID, "q")
    box.clear()
    box.send_keys(query, Keys.ENTER)


def test_search_cat(browser):
    cat = State.ids["chelsea.png"]
    search(browser, "cat")
    wait(browser, lambda b: grid_ids(b) == [cat], f"searching cat did not show only photo {cat}: {grid_ids(browser)}")
    assert "cat" in browser.find_element(By.ID, "grid-caption").text
    assert browser.current_url.endswith("#q=cat")
    # The tag chips come from tags.list and include cat.
    chips = "return [...document.querySelectorAll('#tag-chips button')].map(chip => chip.dataset.tag)"
    wait(browser, lambda b: "cat" in b.execute_script(chips), f"no cat chip: {browser.execute_script(chips)}")


def test_viewer_keys(browser):
    browser.find_element(By.CSS_SELECTOR, "#search button[type=reset]").click()
    ordered = sorted(State.ids.values(), reverse=True)
    wait(browser, lambda b: grid_ids(b) == ordered, "All did not show every photo again")
    browser.find_element(By.CSS_SELECTOR, f"#grid li[data-id='{ordered[0]}'] button").click()
    wait(browser, lambda b: viewer_id(b) == ordered[0], "the viewer did not open on the first photo")
    wait(
        browser,
        lambda b: b.execute_script("const i = document.getElementById('viewer-image'); return i.complete && i.naturalWidth > 0"),
        "the original did not load in the viewer",
    )
    assert browser.current_url.endswith(f"#photo={ordered[0]}")
    ActionChains(browser).send_keys(Keys.ARROW_RIGHT).perform()
    wait(browser, lambda b: viewer_id(b) == ordered[1], "ArrowRight did not step to the next photo")
    ActionChains(browser).send_keys(Keys.ARROW_LEFT).perform()
    wait(browser, lambda b: viewer_id(b) == ordered[0], "ArrowLeft did not step back")
    # The cat, with its labels, for the README.
    cat = State.ids["chelsea.png"]
    while viewer_id(browser) != cat:
        before = viewer_id(browser)
        ActionChains(browser).send_keys(Keys.ARROW_RIGHT).perform()
        wait(browser, lambda b: viewer_id(b) != before, "ArrowRight did not move")
    wait(browser, lambda b: "cat" in b.find_element(By.ID, "viewer-tags").text, "the cat's tags are not shown")
    wait(
        browser,
        lambda b: b.execute_script("const i = document.getElementById('viewer-image'); return i.complete && i.naturalWidth > 0"),
        "the cat's original did not load",
    )
    screenshot(browser, "gallery-viewer")
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    wait(browser, lambda b: viewer_id(b) is None, "Escape did not close the viewer")


def test_push_to_talk_shows_cats(browser, speech_wav):
    cat = State.ids["chelsea.png"]
    search(browser, "coffee or astronaut or person or cup")
    wait(browser, lambda b: cat not in grid_ids(b) and "for" in b.find_element(By.ID, "grid-caption").text,
         "the grid should show a search without the cat before speaking")
    browser.execute_script("document.activeElement.blur()")
    # Hold Space for the WAV's length (the fake microphone starts the file when it opens).
    ActionChains(browser).key_down(Keys.SPACE).pause(speech_wav[1] - 0.2).key_up(Keys.SPACE).perform()
    wait(browser, lambda b: b.find_element(By.ID, "voice-output").get_attribute("data-intent"),
         "voice.command did not answer")
    heard = browser.find_element(By.ID, "voice-output").text
    assert browser.find_element(By.ID, "voice-output").get_attribute("data-intent") == "search", heard
    assert "cat" in heard, heard
    wait(browser, lambda b: cat in grid_ids(b), f"the cat is not in the grid after speaking: {heard}")


def test_typed_command_moves_the_viewer(browser):
    box = browser.find_element(By.ID, "command-text")
    box.send_keys("show me photos of cats", Keys.ENTER)
    wait(browser, lambda b: "“show me photos of cats”" in b.find_element(By.ID, "voice-output").text,
         "assistant.command did not answer")
    box = browser.find_element(By.ID, "command-text")
    box.clear()
    box.send_keys("next", Keys.ENTER)
    wait(browser, lambda b: b.find_element(By.ID, "voice-output").get_attribute("data-intent") == "next",
         "next was not understood")
    ids = grid_ids(browser)
    if len(ids) > 1:
        wait(browser, lambda b: viewer_id(b) == ids[1], "next did not open the second photo")
    browser.execute_script("document.getElementById('viewer').close()")


def test_a_command_given_elsewhere_drives_the_page(daemon, browser):
    """`gaillery listen --session web` (here: assistant.command over the socket in session "web") moves
    the open page through the daemon's session.view events."""
    cat = State.ids["chelsea.png"]
    daemon.call("assistant.command", {"text": "show me photos of cats", "session": "web"})
    wait(browser, lambda b: grid_ids(b) == [cat], lambda: f"the page did not follow the search: {grid_ids(browser)}")
    daemon.call("assistant.command", {"text": "show all photos", "session": "web"})
    wait(browser, lambda b: len(grid_ids(b)) >= 3, "the page did not follow 'show all photos'")
    shown = grid_ids(browser)
    daemon.call("assistant.command", {"text": "next photo", "session": "web"})
    wait(browser, lambda b: viewer_id(b) == shown[1], "the page's viewer did not follow 'next photo'")
    daemon.call("assistant.command", {"text": "close the gallery", "session": "web"})
    wait(browser, lambda b: viewer_id(b) is None, "the page's viewer did not follow 'close the gallery'")


def request(path, method="GET", headers=None, body=None):
    parsed = urllib.parse.urlsplit(State.base)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data


def test_refusals():
    host = urllib.parse.urlsplit(State.base).netloc
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tags.list", "params": {}})
    json_type = {"Content-Type": "application/json"}
    cookie = {"Cookie": f"gaillery_session={State.cookie}"}
    # The same request is answered with the cookie and the page's own Origin...
    status, data = request("/rpc", "POST", {**json_type, **cookie, "Origin": f"http://{host}"}, body)
    assert status == 200 and "result" in json.loads(data), data
    # ...refused without the cookie...
    status, _ = request("/rpc", "POST", {**json_type, "Origin": f"http://{host}"}, body)
    assert status == 401
    status, _ = request(f"/photos/{State.ids['chelsea.png']}/original")
    assert status == 401
    # ...and refused from a foreign Origin, over HTTP and for the WebSocket.
    status, _ = request("/rpc", "POST", {**json_type, **cookie, "Origin": "http://evil.example"}, body)
    assert status == 403
    upgrade = {
        **cookie, "Origin": "http://evil.example", "Upgrade": "websocket", "Connection": "Upgrade",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version": "13",
    }
    status, _ = request("/events", "GET", upgrade)
    # The contract says 403; Hummingbird's upgrade handler answers a refused upgrade with 400 before
    # the HTTP routes see it. Either way the socket is not opened (101), which the same request with
    # the page's own Origin gets.
    assert status in (400, 403), status
    status, _ = request("/events", "GET", {**upgrade, "Origin": f"http://{host}"})
    assert status == 101


def test_tags_trash_and_undo(daemon, browser):
    cat = State.ids["chelsea.png"]
    browser.find_element(By.CSS_SELECTOR, "#search button[type=reset]").click()
    ordered = sorted(State.ids.values(), reverse=True)
    wait(browser, lambda b: grid_ids(b) == ordered, "All did not show every photo again")
    browser.find_element(By.CSS_SELECTOR, f"#grid li[data-id='{cat}'] button").click()
    wait(browser, lambda b: viewer_id(b) == cat, "the viewer did not open on the cat")
    # Add a tag of one's own, find it through the daemon, remove it.
    box = browser.find_element(By.ID, "viewer-tag-input")
    box.send_keys("kitty", Keys.ENTER)
    wait(browser, lambda b: "kitty" in b.find_element(By.ID, "viewer-tags").text, "the added tag is not shown")
    manual = [t["tag"] for t in daemon.call("photos.get", {"id": cat})["tags"] if t["source"] == "manual"]
    assert manual == ["kitty"], manual
    browser.find_element(By.CSS_SELECTOR, "#viewer-tags button[aria-label='Remove tag kitty']").click()
    wait(browser, lambda b: "kitty" not in b.find_element(By.ID, "viewer-tags").text, "the removed tag is still shown")
    assert all(t["source"] != "manual" for t in daemon.call("photos.get", {"id": cat})["tags"])
    # Trash, then Undo.
    browser.find_element(By.ID, "viewer-trash").click()
    wait(browser, lambda b: cat not in grid_ids(b), "the trashed photo is still in the grid")
    assert daemon.call("photos.get", {"id": cat}).get("trashed_at")
    browser.find_element(By.CSS_SELECTOR, "#viewer-notice button").click()
    wait(browser, lambda b: cat in grid_ids(b) and viewer_id(b) == cat, "Undo did not bring the photo back")
    assert not daemon.call("photos.get", {"id": cat}).get("trashed_at")
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    wait(browser, lambda b: viewer_id(b) is None, "Escape did not close the viewer")


def test_more_like_this(daemon, browser):
    cat = State.ids["chelsea.png"]
    browser.find_element(By.CSS_SELECTOR, "#search button[type=reset]").click()
    ordered = sorted(State.ids.values(), reverse=True)
    wait(browser, lambda b: grid_ids(b) == ordered, "All did not show every photo again")
    browser.find_element(By.CSS_SELECTOR, f"#grid li[data-id='{cat}'] button").click()
    wait(browser, lambda b: viewer_id(b) == cat, "the viewer did not open on the cat")
    browser.find_element(By.ID, "viewer-similar").click()
    expected = [photo["id"] for photo in daemon.call("photos.similar", {"id": cat, "limit": 60})["photos"]]
    assert expected and cat not in expected, expected
    wait(browser, lambda b: grid_ids(b) == expected and viewer_id(b) == expected[0],
         lambda: f"More like this did not show {expected}: grid {grid_ids(browser)}, viewer {viewer_id(browser)}")
    assert f"like photo {cat}" in browser.find_element(By.ID, "grid-caption").text
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    wait(browser, lambda b: viewer_id(b) is None, "Escape did not close the viewer")


def test_open_links_land_on_a_photo_or_a_search(daemon, browser):
    # `gaillery open 3` and `gaillery open cat`: each link logs in again and lands where it says.
    cat = State.ids["chelsea.png"]
    browser.get(daemon.call("gallery.open", {"photo": cat})["url"])
    wait(browser, lambda b: viewer_id(b) == cat, f"the photo link did not open photo {cat}: {browser.current_url}")
    assert browser.current_url.endswith(f"#photo={cat}")
    browser.get(daemon.call("gallery.open", {"query": "cat"})["url"])
    wait(browser, lambda b: viewer_id(b) is None and grid_ids(b) == [cat], "the search link did not show the cat")
    assert browser.find_element(By.ID, "q").get_attribute("value") == "cat"


def solid_png(path, rgb):
    """Writes a 48x48 PNG of one colour (distinct colours, distinct files)."""
    row = b"\x00" + bytes(rgb) * 48
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 48, 48, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * 48))
                     + chunk(b"IEND", b""))


def test_infinite_scroll_by_cursor(daemon, browser, workdir):
    # 64 more photos (through the socket), so every photo needs two of the page's 60-photo pages.
    ids = []
    for index in range(64):
        path = Path(workdir) / f"solid-{index}.png"
        solid_png(path, (index * 4, 255 - index * 4, (index * 37) % 256))
        ids.append(daemon.call("photos.upload", {"path": str(path)})["id"])
    waited = daemon.call("photos.wait", {"ids": ids, "timeout_ms": 300000})
    assert waited["complete"], waited
    total = len(ids) + len(State.ids)
    browser.get(State.base + "/")
    wait(browser, lambda b: len(grid_ids(b)) == 60, lambda: f"the first page did not show 60 photos: {len(grid_ids(browser))} "
         + str(browser.execute_script("return [innerHeight, document.getElementById('grid-end').getBoundingClientRect().top, scrollY]")), timeout=20)
    assert "60+ photos" in browser.find_element(By.ID, "grid-caption").text
    browser.execute_script("document.getElementById('grid-end').scrollIntoView()")
    wait(browser, lambda b: len(grid_ids(b)) == total, f"scrolling to the end did not load the rest: {len(grid_ids(browser))}")
    shown = grid_ids(browser)
    assert shown == sorted(set(shown), reverse=True), "the pages overlap or are not newest first"
    assert f"{total} photos, newest first" == browser.find_element(By.ID, "grid-caption").text


def test_dropping_files_uploads_them(daemon, browser):
    """A file dropped on the page is uploaded like a chosen one (a folder's files are walked the same
    way; Selenium cannot drop a real folder, so this drops a file made in the page)."""
    before = daemon.call("daemon.status")["photos"]["total"]
    browser.execute_script(
        """
        const canvas = document.createElement("canvas");
        canvas.width = 96; canvas.height = 64;
        const g = canvas.getContext("2d");
        g.fillStyle = "#2a7"; g.fillRect(0, 0, 96, 64); g.fillStyle = "#f30"; g.fillRect(12, 9, 40, 30);
        canvas.toBlob((blob) => {
          const data = new DataTransfer();
          data.items.add(new File([blob], "dropped.png", { type: "image/png" }));
          document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
        }, "image/png");
        """
    )
    wait(browser, lambda b: daemon.call("daemon.status")["photos"]["total"] == before + 1,
         "the dropped file was not uploaded")
    wait(browser, lambda b: "dropped.png" in b.find_element(By.TAG_NAME, "body").text,
         "the dropped file has no row in the upload list")


def test_no_errors_in_the_console(browser):
    # Every step above ran without a script error, a failed request or a CSP violation on the page.
    severe = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == [], severe
