// Upload: files dropped on the page or chosen with the file picker, any number, two at a time.
// Each file gets a row whose status follows the event stream (photo.added, photo.status):
// reading → uploading → queued → decoding → classifying → done, or failed with the reason.

import { call, on, onConnection } from "./rpc.js";

const RANK = { reading: 0, uploading: 1, queued: 2, decoding: 3, classifying: 4, done: 5, failed: 5 };
const PARALLEL = 2;

function base64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(new Error(`could not read ${file.name}: ${reader.error}`));
    reader.readAsDataURL(file);
  });
}

/**
 * Makes the uploader: `input` (a multiple file input), `dropZone` (where files may be dropped),
 * `list` (an <ol> of rows). `onDone(id)` is called once for each photo that reaches done.
 */
export function createUploader({ input, dropZone, list, summary, onDone }) {
  const rows = new Map(); // photo id → row
  const early = new Map(); // photo id → {status, error} seen before photos.upload answered
  const waiting = [];
  let running = 0;

  function set(row, status, reason) {
    const was = row.dataset.status;
    if (was && RANK[was] > RANK[status]) return;
    if (was === "done" || was === "failed") return;
    row.dataset.status = status;
    row.querySelector(".status").textContent = reason ? `${status}: ${reason}` : status;
    if (status === "done" && row.dataset.id) onDone(Number(row.dataset.id));
    count();
  }

  function count() {
    const all = [...list.children];
    const done = all.filter((row) => row.dataset.status === "done").length;
    const failed = all.filter((row) => row.dataset.status === "failed").length;
    summary.textContent = all.length ? `${done} of ${all.length} done${failed ? `, ${failed} failed` : ""}` : "";
  }

  function addRow(file) {
    const row = document.createElement("li");
    row.className = "upload";
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = file.name;
    const status = document.createElement("span");
    status.className = "status";
    row.append(name, " ", status);
    list.append(row);
    set(row, "reading");
    return row;
  }

  async function send(file, row) {
    try {
      const data = await base64(file);
      set(row, "uploading");
      const result = await call("photos.upload", { data, name: file.name });
      row.dataset.id = String(result.id);
      rows.set(result.id, row);
      if (result.duplicate) row.querySelector(".name").textContent = `${file.name} (already here)`;
      set(row, result.status);
      const seen = early.get(result.id);
      if (seen) set(row, seen.status, seen.error);
      early.delete(result.id);
    } catch (error) {
      set(row, "failed", error.message);
    }
  }

  function pump() {
    while (running < PARALLEL && waiting.length) {
      const { file, row } = waiting.shift();
      running += 1;
      send(file, row).finally(() => {
        running -= 1;
        pump();
      });
    }
  }

  /** Uploads each file of `files`. */
  function upload(files) {
    for (const file of files) waiting.push({ file, row: addRow(file) });
    pump();
  }

  function statusEvent(data) {
    const row = rows.get(data.id);
    if (row) set(row, data.status, data.error);
    else {
      // Other clients' uploads pass through here too: keep only the latest few hundred.
      early.set(data.id, { status: data.status, error: data.error });
      if (early.size > 500) early.delete(early.keys().next().value);
    }
  }
  on("photo.status", statusEvent);
  on("photo.added", statusEvent);
  // Events sent while the stream was down are lost: ask for the status of every unfinished row.
  onConnection(async (state) => {
    if (state !== "open") return;
    for (const [id, row] of rows) {
      if (row.dataset.status === "done" || row.dataset.status === "failed") continue;
      try {
        const photo = await call("photos.get", { id });
        set(row, photo.status, photo.error);
      } catch {
        // Still unreachable: the next reconnection asks again.
      }
    }
  });

  input.addEventListener("change", () => {
    upload([...input.files]);
    input.value = "";
  });
  for (const type of ["dragenter", "dragover"]) {
    dropZone.addEventListener(type, (event) => {
      if (![...event.dataTransfer.types].includes("Files")) return;
      event.preventDefault();
      dropZone.classList.add("dropping");
    });
  }
  dropZone.addEventListener("dragleave", (event) => {
    if (event.target === dropZone) dropZone.classList.remove("dropping");
  });
  dropZone.addEventListener("drop", async (event) => {
    event.preventDefault();
    dropZone.classList.remove("dropping");
    // A dropped folder arrives as one entry: walk it (and its subfolders) for the files inside.
    const entries = [...event.dataTransfer.items].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
    const files = entries.some((entry) => entry.isDirectory)
      ? await filesIn(entries)
      : [...event.dataTransfer.files];
    upload(files.filter((file) => /^image\//.test(file.type) || file.type === ""));
  });

  return { upload };
}

/** The files under `entries` (FileSystemEntry objects of a drop), folders walked recursively. */
async function filesIn(entries) {
  const files = [];
  for (const entry of entries) {
    if (entry.isFile) {
      files.push(await new Promise((resolve, reject) => entry.file(resolve, reject)));
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      // readEntries answers in batches until it returns an empty one.
      for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        files.push(...(await filesIn(batch)));
      }
    }
  }
  return files;
}
