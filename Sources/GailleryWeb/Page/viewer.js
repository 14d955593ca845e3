// The viewer: a <dialog> with the full photo, its labels and tags with confidence, its EXIF date;
// previous / next / close by buttons, ← / → and Escape; trash with undo; adding and removing tags;
// "More like this" (`photos.similar`).

import { call } from "./rpc.js";

const percent = (value) => (value < 0.005 ? "<1%" : `${Math.round(value * 100)}%`);

/**
 * Makes the viewer in `dialog`. `neighbours(id, step)` resolves the id `step` (±1) away in the
 * grid, or null; `onTrashed(id)` and `onRestored(id)` tell the grid; `onChange(id|null)` follows
 * what is shown (for the address bar); `onSimilar(id, ids)` shows the photos most like photo `id`.
 */
export function createViewer(dialog, { neighbours, onTrashed, onRestored, onChange, onSimilar }) {
  const $ = (selector) => dialog.querySelector(selector);
  const image = $("#viewer-image");
  const title = $("#viewer-title");
  const taken = $("#viewer-taken");
  const tagList = $("#viewer-tags");
  const labelList = $("#viewer-labels");
  const notice = $("#viewer-notice");
  const tagForm = $("#viewer-tag-form");
  let current = null;
  let lastTrashed = null;
  let request = 0;

  function say(text, undo = false) {
    notice.replaceChildren(document.createTextNode(text));
    if (undo) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Undo";
      button.addEventListener("click", restore);
      notice.append(" ", button);
    }
  }

  function renderTags(tags = []) {
    tagList.replaceChildren();
    for (const tag of tags) {
      const item = document.createElement("li");
      item.className = `chip ${tag.source}`;
      const text = document.createElement("span");
      text.textContent = tag.source === "manual" ? tag.tag : `${tag.tag} ${percent(tag.confidence)}`;
      item.append(text);
      if (tag.source === "manual") {
        const remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "×";
        remove.setAttribute("aria-label", `Remove tag ${tag.tag}`);
        remove.addEventListener("click", () => changeTags({ remove: [tag.tag] }));
        item.append(remove);
      }
      tagList.append(item);
    }
    if (tags.length === 0) tagList.innerHTML = "<li>none yet</li>";
  }

  function renderLabels(labels = []) {
    labelList.replaceChildren();
    for (const label of labels.slice(0, 5)) {
      const item = document.createElement("li");
      item.textContent = `${label.label} ${percent(label.confidence)}`;
      labelList.append(item);
    }
    if (labels.length === 0) labelList.innerHTML = "<li>not classified yet</li>";
  }

  /** Shows photo `id`, opening the dialog if it is closed. */
  async function show(id) {
    const mine = ++request;
    current = id;
    if (!dialog.open) dialog.showModal();
    dialog.dataset.id = String(id);
    image.src = `/photos/${id}/original`;
    image.alt = `Photo ${id}`;
    title.textContent = `Photo ${id}`;
    say("");
    onChange(id);
    try {
      const photo = await call("photos.get", { id });
      if (mine !== request) return;
      const name = photo.name || `Photo ${id}`;
      title.textContent = name;
      const best = (photo.tags || []).filter((tag) => tag.source === "model").map((tag) => tag.tag);
      image.alt = best.length ? `${name}: ${best.slice(0, 3).join(", ")}` : name;
      taken.textContent = photo.taken_at ? `Taken ${photo.taken_at.replace("T", " ")}` : "No date in EXIF";
      if (photo.taken_at) taken.dateTime = photo.taken_at;
      renderTags(photo.tags);
      renderLabels(photo.labels);
      if (photo.status !== "done") say(photo.error ? `${photo.status}: ${photo.error}` : `Status: ${photo.status}`);
    } catch (error) {
      if (mine === request) say(error.message);
    }
  }

  async function step(by) {
    if (current === null) return;
    const id = await neighbours(current, by);
    if (id === null) say(by > 0 ? "This is the last photo." : "This is the first photo.");
    else show(id);
  }

  async function trash() {
    if (current === null) return;
    const id = current;
    try {
      await call("photos.delete", { id });
      lastTrashed = id;
      const next = (await neighbours(id, 1)) ?? (await neighbours(id, -1));
      onTrashed(id);
      if (next !== null) await show(next);
      say(`Photo ${id} moved to the trash.`, true);
    } catch (error) {
      say(error.message);
    }
  }

  async function restore() {
    if (lastTrashed === null) return;
    const id = lastTrashed;
    try {
      await call("photos.restore", { id });
      lastTrashed = null;
      onRestored(id);
      await show(id);
      say(`Photo ${id} restored.`);
    } catch (error) {
      say(error.message);
    }
  }

  async function more() {
    if (current === null) return;
    const id = current;
    try {
      const result = await call("photos.similar", { id, limit: 60 });
      const ids = result.photos.map((photo) => photo.id);
      if (!ids.length) {
        say("There is no other photo to compare this one with.");
        return;
      }
      onSimilar(id, ids);
      await show(ids[0]);
    } catch (error) {
      say(error.message);
    }
  }

  async function changeTags(change) {
    if (current === null) return;
    try {
      const result = await call("photos.tag", { id: current, ...change });
      renderTags(result.tags);
    } catch (error) {
      say(error.message);
    }
  }

  $("#viewer-previous").addEventListener("click", () => step(-1));
  $("#viewer-next").addEventListener("click", () => step(1));
  $("#viewer-close").addEventListener("click", () => dialog.close());
  $("#viewer-trash").addEventListener("click", trash);
  $("#viewer-similar").addEventListener("click", more);
  tagForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const input = tagForm.elements.tag;
    const tags = input.value.split(",").map((tag) => tag.trim()).filter(Boolean);
    if (tags.length) changeTags({ add: tags });
    input.value = "";
  });
  dialog.addEventListener("keydown", (event) => {
    if (event.target.closest("input, textarea")) return;
    if (event.key === "ArrowRight") {
      event.preventDefault();
      step(1);
    } else if (event.key === "ArrowLeft") {
      event.preventDefault();
      step(-1);
    }
  });
  dialog.addEventListener("close", () => {
    current = null;
    delete dialog.dataset.id;
    image.removeAttribute("src");
    onChange(null);
  });

  return {
    show,
    step,
    trash,
    restore,
    /** Closes the viewer. */
    close() {
      if (dialog.open) dialog.close();
    },
    /** The photo shown, or null. */
    current: () => current,
    /** Remembers a photo trashed elsewhere (a voice "delete") so Undo can restore it. */
    trashed(id) {
      lastTrashed = id;
    },
  };
}
