// Voice: push-to-talk (the button, or holding Space) records the microphone with getUserMedia and
// Web Audio, resamples to 16 kHz mono, encodes a 16-bit PCM WAV and sends it to `voice.command` in
// the page's session ("web"). A typed command goes to `assistant.command` in the same session.
// Both show what was heard, the intent and the result, then hand the result to `onResult`.

import { call } from "./rpc.js";

/** The session every command of this page names, so `gaillery listen --session web` drives it. */
export const SESSION = "web";
const RATE = 16000;

/** Encodes mono float samples (-1...1) as a 16-bit PCM WAV at `rate` Hz. */
export function encodeWAV(samples, rate) {
  const buffer = new ArrayBuffer(44 + samples.length * 2);
  const view = new DataView(buffer);
  const text = (offset, value) => [...value].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, "RIFF");
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, "data");
  view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
  }
  return new Uint8Array(buffer);
}

function toBase64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Resamples mono `samples` at `rate` Hz to 16 kHz with an OfflineAudioContext (it low-passes). */
async function resample(samples, rate) {
  if (rate === RATE) return samples;
  const length = Math.max(1, Math.ceil((samples.length * RATE) / rate));
  const context = new OfflineAudioContext(1, length, RATE);
  const buffer = context.createBuffer(1, samples.length, rate);
  buffer.copyToChannel(samples, 0);
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.destination);
  source.start();
  return (await context.startRendering()).getChannelData(0);
}

/** One recording: the microphone is opened when it starts and released when it stops. */
class Recording {
  static async start() {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
    return new Recording(stream);
  }

  constructor(stream) {
    this.stream = stream;
    this.context = new AudioContext();
    this.chunks = [];
    const source = this.context.createMediaStreamSource(stream);
    // A ScriptProcessor needs no extra module file; its output is muted (gain 0), it only listens.
    this.processor = this.context.createScriptProcessor(4096, 1, 1);
    this.processor.onaudioprocess = (event) => this.chunks.push(new Float32Array(event.inputBuffer.getChannelData(0)));
    const mute = this.context.createGain();
    mute.gain.value = 0;
    source.connect(this.processor);
    this.processor.connect(mute);
    mute.connect(this.context.destination);
  }

  /** Stops and returns the WAV bytes (16 kHz, mono, 16-bit). */
  async stop() {
    this.processor.disconnect();
    for (const track of this.stream.getTracks()) track.stop();
    const rate = this.context.sampleRate;
    await this.context.close();
    const total = this.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const samples = new Float32Array(total);
    let offset = 0;
    for (const chunk of this.chunks) {
      samples.set(chunk, offset);
      offset += chunk.length;
    }
    return encodeWAV(await resample(samples, rate), RATE);
  }
}

/**
 * Wires push-to-talk to `button`, the typed command form `form`, and shows outcomes in `output`
 * (a live region). `onResult(commandResult)` acts on the result (fill the grid, move the viewer).
 */
export function createVoice({ button, form, output, onResult }) {
  let recording = null;
  let starting = null;

  function show(result, spoken) {
    const plain = (text) => text.toLowerCase().replace(/[^a-z0-9' ]/g, "").trim();
    const heard =
      result.heard && plain(result.heard) !== plain(result.transcript) ? ` (heard “${result.heard}”)` : "";
    const said = result.transcript ? `“${result.transcript}”${heard}` : spoken ? "nothing heard" : "";
    const intent = `${result.intent.name} ${Math.round(result.intent.confidence * 100)}%`;
    const outcome = result.result ? result.result.message : result.reason || "nothing done";
    output.replaceChildren();
    for (const [term, value] of [
      [spoken ? "Heard" : "Typed", said],
      ["Intent", intent],
      ["Result", outcome],
    ]) {
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = value;
      dd.dataset.field = term.toLowerCase();
      output.append(dt, dd);
    }
    output.dataset.intent = result.intent.name;
  }

  function fail(message) {
    output.replaceChildren();
    const dd = document.createElement("dd");
    dd.textContent = message;
    output.append(dd);
  }

  async function begin() {
    if (recording || starting) return;
    button.setAttribute("aria-pressed", "true");
    button.classList.add("recording");
    starting = Recording.start()
      .then((started) => (recording = started))
      .catch((error) => {
        fail(`The microphone is not available: ${error.message}`);
        button.setAttribute("aria-pressed", "false");
        button.classList.remove("recording");
      })
      .finally(() => (starting = null));
  }

  async function end() {
    if (starting) await starting;
    if (!recording) return;
    const active = recording;
    recording = null;
    button.setAttribute("aria-pressed", "false");
    button.classList.remove("recording");
    button.classList.add("busy");
    try {
      const wav = await active.stop();
      const result = await call("voice.command", { data: toBase64(wav), session: SESSION });
      show(result, true);
      onResult(result);
    } catch (error) {
      fail(error.message);
    } finally {
      button.classList.remove("busy");
    }
  }

  // Pointer: hold to talk. Keyboard on the button (Enter): press once to start, again to send.
  button.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    button.setPointerCapture(event.pointerId);
    begin();
  });
  button.addEventListener("pointerup", end);
  button.addEventListener("pointercancel", end);
  button.addEventListener("click", (event) => {
    if (event.detail !== 0) return;
    if (recording || starting) end();
    else begin();
  });

  // Holding Space talks, unless focus is in a field or on a control Space would press.
  const spaceTalks = (target) => !target.closest("input, textarea, select, [contenteditable], a, button:not(#talk)");
  document.addEventListener("keydown", (event) => {
    if (event.code !== "Space" || !spaceTalks(event.target)) return;
    event.preventDefault();
    if (!event.repeat) begin();
  });
  document.addEventListener("keyup", (event) => {
    if (event.code !== "Space" || !spaceTalks(event.target)) return;
    event.preventDefault();
    end();
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = form.elements.command.value.trim();
    if (!text) return;
    try {
      const result = await call("assistant.command", { text, session: SESSION });
      show(result, false);
      onResult(result);
    } catch (error) {
      fail(error.message);
    }
  });
}
