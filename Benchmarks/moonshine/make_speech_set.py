"""Generates the Moonshine tuning and evaluation speech set from several Debian synthesizers.

Voices: espeak-ng (en-us, en-gb, en-gb-scotland, en-us+f3), flite (kal, slt, rms, awb), festival
(kal_diphone, ked_diphone, cmu_us_slt_arctic_hts). Every sentence is read by every voice, then varied with a
fixed seed: tempo 0.85-1.15, 0.1-0.8 s of silence before and after, and for half the clips white noise at
10-25 dB SNR. Kinds: `command` (in the grammar, single words included), `extra` (a command plus other words:
must not be acted on), `oog` (out of grammar), `noise` (no speech). Writes WAVs (16 kHz mono 16-bit) and
`clips.json` into the output directory (default Benchmarks/speech-sets/moonshine, git-ignored).

Needs: espeak-ng, flite, festival, festvox-kallpc16k, festvox-kdlpc16k, festvox-us-slt-hts, sox, numpy.
Usage: python3 Benchmarks/moonshine/make_speech_set.py [OUTDIR]
"""

import json
import random
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
VOICES = {
    "espeak-ng": ["en-us", "en-gb", "en-gb-scotland", "en-us+f3"],
    "flite": ["kal", "slt", "rms", "awb"],
    "festival": ["kal_diphone", "ked_diphone", "cmu_us_slt_arctic_hts"],
}
COMMANDS = [
    "show me photos of dogs", "show me pictures of cats and birds", "show me images of fish",
    "find photos of golden retrievers", "find pictures of sports cars", "search for teddy bears",
    "search for pizza", "how many photos of cats do i have", "how many pictures of flowers",
    "how many images of boats do i have", "show me photos of mountains and lakes", "find images of coffee",
    "show me pictures of trains", "search for bicycles and motorcycles", "next", "next photo", "previous",
    "previous picture", "go back", "close the gallery", "show me the latest photos", "show all pictures",
    "delete this photo", "undo", "show me photos of beaches", "find photos of mushrooms",
]
EXTRA = [
    "next tuesday works", "go back inside", "undo your seatbelt", "next time bring the dog",
    "close the gallery door when you leave", "delete this photo from my memory", "show me the way home",
    "previous owners left a mess", "undo the knot first", "search for meaning in life",
]
OOG = [
    "the weather is nice today", "what time is the meeting", "please call my sister tomorrow",
    "i would like a cup of tea", "turn off the lights in the kitchen", "where did i leave my keys",
    "this movie was really long", "can you hear me now", "let's have lunch at noon", "play some music",
]


def synthesize(synth: str, voice: str, text: str, path: Path) -> None:
    """Writes `text` spoken by `voice` as a 16 kHz mono WAV at `path`."""
    with tempfile.TemporaryDirectory() as directory:
        raw = Path(directory) / "raw.wav"
        if synth == "espeak-ng":
            subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(raw), text], check=True)
        elif synth == "flite":
            subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(raw)], check=True)
        else:
            source = Path(directory) / "text.txt"
            source.write_text(text + "\n")
            subprocess.run(["text2wave", "-eval", f"(voice_{voice})", "-o", str(raw), str(source)], check=True,
                           stderr=subprocess.DEVNULL)
        subprocess.run(["sox", "-V1", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(path)], check=True)


def vary(path: Path, rng: random.Random, noisy: bool) -> dict:
    """Tempo, padding and noise, in place; returns what was done."""
    tempo = round(rng.uniform(0.85, 1.15), 2)
    before, after = round(rng.uniform(0.1, 0.8), 2), round(rng.uniform(0.1, 0.8), 2)
    tmp = path.with_suffix(".tmp.wav")
    subprocess.run(["sox", "-V1", str(path), str(tmp), "tempo", "-s", str(tempo), "pad", str(before), str(after)],
                   check=True)
    tmp.replace(path)
    snr = None
    if noisy:
        snr = rng.choice([10, 15, 20, 25])
        with wave.open(str(path)) as handle:
            samples = np.frombuffer(handle.readframes(handle.getnframes()), "<i2").astype(np.float64)
        loud = samples[np.abs(samples) > 0.02 * np.abs(samples).max()]
        level = np.sqrt(np.mean(loud ** 2) / 10 ** (snr / 10))
        noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, level, samples.shape)
        write(path, samples + noise)
    return {"tempo": tempo, "pad": [before, after], "snr": snr}


def write(path: Path, samples: np.ndarray) -> None:
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(16000)
        handle.writeframes(np.clip(samples, -32768, 32767).astype("<i2").tobytes())


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "Benchmarks" / "speech-sets" / "moonshine"
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(18)
    clips = []
    for synth, voices in VOICES.items():
        for voice in voices:
            for kind, sentences in (("command", COMMANDS), ("extra", EXTRA), ("oog", OOG)):
                for index, text in enumerate(sentences):
                    name = f"{synth}-{voice.replace('+', '_')}-{kind}-{index:02d}.wav"
                    synthesize(synth, voice, text, out / name)
                    variation = vary(out / name, rng, noisy=rng.random() < 0.5)
                    clips.append({"file": name, "synth": synth, "voice": voice, "kind": kind, "text": text,
                                  **variation})
    noise_rng = np.random.default_rng(18)
    for index in range(10):
        name = f"noise-{index:02d}.wav"
        seconds = 1 + index * 0.3
        level = [30, 300, 1500][index % 3]
        samples = noise_rng.normal(0, level, int(seconds * 16000)) if index < 8 else np.zeros(int(seconds * 16000))
        write(out / name, samples)
        clips.append({"file": name, "synth": "none", "voice": "none", "kind": "noise", "text": ""})
    (out / "clips.json").write_text(json.dumps(clips, indent=1) + "\n")
    print(f"{len(clips)} clips in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
