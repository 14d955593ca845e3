"""Fixtures for the browser tests: the real gailleryd (built by `swift build`), a headless Debian
Chromium driven by Selenium whose microphone is a WAV made by espeak-ng, and a socket client."""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import wave
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
# Nothing may download a browser or a driver.
os.environ["SE_OFFLINE"] = "true"


def socket_call(path, method, params=None, timeout=60):
    """One JSON-RPC request over the daemon's Unix socket (one JSON object per line)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(timeout)
        client.connect(path)
        request = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params or {}}
        client.sendall(json.dumps(request).encode() + b"\n")
        buffer = b""
        while True:
            chunk = client.recv(65536)
            if not chunk:
                raise RuntimeError(f"{method}: the daemon closed the connection without answering")
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                message = json.loads(line)
                if message.get("id") == 1:
                    if "error" in message:
                        raise RuntimeError(f"{method}: {message['error']}")
                    return message["result"]


class Daemon:
    """The real gailleryd on a temporary socket and data directory, HTTP on a free loopback port."""

    def __init__(self, base):
        binary = os.environ.get("GAILLERYD")
        if not binary:
            bin_path = subprocess.run(
                ["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True
            ).stdout.strip()
            binary = os.path.join(bin_path, "gailleryd")
        if not os.path.exists(binary):
            raise RuntimeError(f"{binary} does not exist; run `swift build --build-tests` first")
        self.socket = os.path.join(base, "gailleryd.sock")
        self.log = open(os.path.join(base, "gailleryd.log"), "w+")
        self.process = subprocess.Popen(
            [binary, "--socket", self.socket, "--data-dir", os.path.join(base, "data"),
             "--models-dir", str(ROOT / "models"), "--http", "127.0.0.1:0", "--log-level", "notice"],
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"gailleryd exited with {self.process.returncode}:\n{self.output()}")
            try:
                self.status = socket_call(self.socket, "daemon.status", timeout=5)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"gailleryd did not open {self.socket}:\n{self.output()}")
                time.sleep(0.2)

    def call(self, method, params=None):
        return socket_call(self.socket, method, params)

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-4000:]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="session")
def workdir():
    path = tempfile.mkdtemp(prefix="gaillery-browser-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def daemon(workdir):
    started = Daemon(workdir)
    yield started
    started.stop()


@pytest.fixture(scope="session")
def speech_wav(workdir):
    """ "show me photos of cats" from espeak-ng, padded with silence (0.5 s before, 1.5 s after)."""
    raw = os.path.join(workdir, "speech-raw.wav")
    padded = os.path.join(workdir, "speech.wav")
    subprocess.run(["espeak-ng", "-w", raw, "show me photos of cats"], check=True)
    subprocess.run(["sox", raw, "-r", "48000", "-c", "1", "-b", "16", padded, "pad", "0.5", "1.5"], check=True)
    with wave.open(padded) as audio:
        seconds = audio.getnframes() / audio.getframerate()
    return padded, seconds


@pytest.fixture(scope="session")
def browser(speech_wav):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,760",
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={speech_wav[0]}", "--autoplay-policy=no-user-gesture-required",
    ]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_script_timeout(60)
    yield driver
    driver.quit()
