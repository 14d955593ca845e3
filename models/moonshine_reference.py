"""Reference decode for Moonshine base: checks the converted ONNX files against the wheel's .ort originals.

Speaks a few sentences with espeak-ng (16 kHz mono), decodes each greedily with both model pairs and
compares the transcripts and the first step's log-probabilities. Exit 1 when a transcript differs or
the log-probabilities drift more than the int8 requantisation explains.

Usage: models/.venv/bin/python models/moonshine_reference.py [WAV...]
       (no arguments: generated clips; the .ort files come from models/cache/moonshine, which
       models/prepare fills)
Also importable: `Tokenizer`, `Moonshine` (greedy decoding) for other scripts in models/ and Benchmarks/.
"""

import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
BOS, EOS = 1, 2
LAYERS = 8
TOKENS_PER_SECOND = 6.5
SENTENCES = ["show me photos of dogs", "next", "close the gallery", "how many pictures of cats do i have"]


class Tokenizer:
    """tokenizer.bin: per id, a length (one byte, or two bytes as a varint when >= 128) then that many
    UTF-8 bytes; ids 3..258 are the raw bytes 0..255; "\u2581" stands for a space."""

    def __init__(self, path: Path):
        data = Path(path).read_bytes()
        self.pieces = []
        position = 0
        while position < len(data):
            length = data[position]
            position += 1
            if length >= 128:
                length = (length & 0x7F) | (data[position] << 7)
                position += 1
            self.pieces.append(data[position : position + length])
            position += length

    def decode(self, ids) -> str:
        raw = b""
        for token in ids:
            if 3 <= token <= 258:
                raw += bytes([token - 3])
            elif token < len(self.pieces) and token > 2:
                raw += self.pieces[token]
        return raw.decode("utf-8", errors="replace").replace("\u2581", " ").strip()


class Moonshine:
    """An encoder/decoder session pair with greedy decoding (KV cache, merged decoder)."""

    def __init__(self, encoder: Path, decoder: Path, threads: int = 1):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.encoder = ort.InferenceSession(str(encoder), options, providers=["CPUExecutionProvider"])
        self.decoder = ort.InferenceSession(str(decoder), options, providers=["CPUExecutionProvider"])

    def greedy(self, audio: np.ndarray):
        """Token ids (without BOS/EOS) and the first step's log-probabilities."""
        hidden = self.encoder.run(["last_hidden_state"], {"input_values": audio[None, :].astype(np.float32)})[0]
        empty = np.zeros((1, 8, 0, 52), np.float32)
        past = {}
        for layer in range(LAYERS):
            for part in ("decoder", "encoder"):
                for kind in ("key", "value"):
                    past[f"past_key_values.{layer}.{part}.{kind}"] = empty
        names = [o.name for o in self.decoder.get_outputs()]
        token, ids, first = BOS, [], None
        limit = int(np.ceil(len(audio) / 16000 * TOKENS_PER_SECOND)) + 1
        for step in range(limit):
            feeds = {
                "input_ids": np.array([[token]], np.int64),
                "encoder_hidden_states": hidden,
                "use_cache_branch": np.array([step > 0]),
                **past,
            }
            outputs = dict(zip(names, self.decoder.run(names, feeds)))
            logits = outputs["logits"][0, -1, :32000].astype(np.float64)
            logprobs = logits - np.log(np.exp(logits - logits.max()).sum()) - logits.max()
            if first is None:
                first = logprobs
            token = int(np.argmax(logprobs))
            if token == EOS:
                break
            ids.append(token)
            for layer in range(LAYERS):
                for kind in ("key", "value"):
                    past[f"past_key_values.{layer}.decoder.{kind}"] = outputs[f"present.{layer}.decoder.{kind}"]
                    if step == 0:
                        past[f"past_key_values.{layer}.encoder.{kind}"] = outputs[f"present.{layer}.encoder.{kind}"]
        return ids, first


def read_wav(path: Path) -> np.ndarray:
    """16 kHz mono 16-bit PCM as float32 in [-1, 1]."""
    with wave.open(str(path)) as handle:
        if handle.getframerate() != 16000 or handle.getnchannels() != 1 or handle.getsampwidth() != 2:
            raise SystemExit(f"{path}: need 16 kHz mono 16-bit PCM")
        return np.frombuffer(handle.readframes(handle.getnframes()), "<i2").astype(np.float32) / 32768


def speak(text: str, path: Path) -> None:
    """espeak-ng into a 16 kHz WAV with 0.3 s of silence around it (the tests' recipe)."""
    script = 'espeak-ng -v en-us -s 160 --stdout "$1" | sox -R -V1 -t wav - -r 16000 -c 1 -b 16 "$2" pad 0.3 0.3'
    subprocess.run(["bash", "-c", script, "speak", text, str(path)], check=True)


def main() -> int:
    cache = HERE / "cache" / "moonshine"
    tokenizer = Tokenizer(HERE / "moonshine-base-en-tokenizer.bin")
    original = Moonshine(cache / "encoder_model.ort", cache / "decoder_model_merged.ort")
    converted = Moonshine(HERE / "moonshine-base-en-encoder.onnx", HERE / "moonshine-base-en-decoder.onnx")
    with tempfile.TemporaryDirectory() as directory:
        clips = [Path(p) for p in sys.argv[1:]]
        if not clips:
            for index, sentence in enumerate(SENTENCES):
                clips.append(Path(directory) / f"clip{index}.wav")
                speak(sentence, clips[-1])
        failures = 0
        for clip in clips:
            audio = read_wav(clip)
            reference_ids, reference_first = original.greedy(audio)
            ids, first = converted.greedy(audio)
            drift = float(np.max(np.abs(np.exp(first) - np.exp(reference_first))))
            same = ids == reference_ids
            failures += (not same) or drift > 0.05
            print(f"{'ok  ' if same and drift <= 0.05 else 'FAIL'} {clip.name}: .ort \"{tokenizer.decode(reference_ids)}\""
                  f" / .onnx \"{tokenizer.decode(ids)}\"; max first-step probability difference {drift:.4f}")
    print(f"{len(clips) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
