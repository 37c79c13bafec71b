"""The gTTS path against a local fake endpoint that answers after a set latency."""
from __future__ import annotations

import base64
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bench.common import ROOT


# --- gTTS against a local fake endpoint ----------------------------------------------------------------------

def gtts_throughput(concurrencies=(1, 2, 4), sentences: int = 24, latency: float = 0.2) -> dict:
    import gtts.tts

    from narration import config
    from narration.audio.ffmpeg import run
    from narration.engines.base import VoiceSettings
    from narration.engines.espeak import EspeakEngine
    from narration.engines.gtts import GttsEngine

    mp3 = run(["-loglevel", "error", "-i", "pipe:0", "-ar", "24000", "-c:a", "libmp3lame", "-b:a", "32k", "-f", "mp3",
               "pipe:1"], input_bytes=EspeakEngine(VoiceSettings()).synthesize("Hallo Welt.")).stdout
    b64 = base64.b64encode(mp3).decode()
    body = f')]}}\'\n\n[["wrb.fr","jQ1olc","[\\"{b64}\\"]",null,null,null,"generic"]]\n'.encode()

    class Slow(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            time.sleep(latency)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    original = gtts.tts._translate_url
    gtts.tts._translate_url = lambda tld, path: f"http://127.0.0.1:{port}/{path}"
    voice = config.load(ROOT / "narration.toml").voice
    results = {}
    try:
        for concurrency in concurrencies:
            engine = GttsEngine(VoiceSettings(max_concurrency=concurrency, min_interval=voice.gtts_min_interval))
            executor, task = engine.executor(concurrency)
            started = time.perf_counter()
            with executor:
                list(executor.map(task, [f"Das ist Satz Nummer {i}." for i in range(sentences)]))
            results[str(concurrency)] = sentences / (time.perf_counter() - started)
    finally:
        gtts.tts._translate_url = original
        server.shutdown()
    return {"sentences_per_second": results, "latency_s": latency, "min_interval_s": voice.gtts_min_interval}
