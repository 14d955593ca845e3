// Wiring: the grid, search, viewer, uploader and voice share one page; the address bar's fragment
// (`#photo=ID`, `#q=QUERY`) says what is shown, so `gaillery open 12` and `gaillery open cats` land there.

import { call, connectEvents, on, onConnection } from "./rpc.js";
import { createGrid } from "./grid.js";
import { createSearch } from "./search.js";
import { createViewer } from "./viewer.js";
import { createUploader } from "./upload.js";
import { createVoice, SESSION } from "./voice.js";

const $ = (id) => document.getElementById(id);

function setHash(hash) {
  const next = hash ? `#${hash}` : location.pathname;
  if (location.hash !== (hash ? `#${hash}` : "")) history.replaceState(null, "", next);
}

const grid = createGrid($("grid"), {
  sentinel: $("grid-end"),
  caption: $("grid-caption"),
  onOpen: (id) => viewer.show(id),
});

const search = createSearch({
  form: $("search"),
  chips: $("tag-chips"),
  onSearch: (query) => {
    viewer.close();
    setHash(query ? `q=${encodeURIComponent(query)}` : "");
    return query ? grid.search(query) : grid.showAll();
  },
});

/** The id `step` away from `id` in the grid, loading more pages when stepping past the end. */
async function neighbour(id, step) {
  let ids = grid.ids();
  let index = ids.indexOf(id);
  while (step > 0 && index >= 0 && index + step >= ids.length && grid.hasMore()) {
    await grid.loadMore();
    ids = grid.ids();
    index = ids.indexOf(id);
  }
  if (index < 0) return ids[0] ?? null;
  return ids[index + step] ?? null;
}

const viewer = createViewer($("viewer"), {
  neighbours: neighbour,
  onTrashed: (id) => grid.remove(id),
  onSimilar: (id, ids) => grid.showIDs(ids, `like photo ${id}`, ids.length),
  onRestored: () => refresh(),
  onChange: (id) => {
    if (id !== null) setHash(`photo=${id}`);
    else setHash(grid.query() ? `q=${encodeURIComponent(grid.query())}` : "");
  },
});

function refresh() {
  const query = grid.query();
  return query ? grid.search(query) : grid.showAll();
}

createUploader({
  input: $("file-input"),
  dropZone: document.body,
  list: $("uploads"),
  summary: $("upload-summary"),
  onDone: (id) => showNew(id),
});

/** Puts a photo that became ready (uploaded here or elsewhere, or restored) at the grid's front. */
async function showNew(id) {
  search.refreshTags();
  if (grid.ids().includes(id)) return;
  try {
    grid.prepend(await call("photos.get", { id }));
  } catch {
    // Trashed again already, or the daemon stopped: the next refresh shows the truth.
  }
}

/** Acts on a voice or typed command's result: the view follows the session. */
function follow(result) {
  const outcome = result.result;
  if (!outcome) return;
  switch (result.intent.name) {
    case "search":
    case "latest":
    case "all": {
      const label = result.slots.tags.length ? result.slots.tags.join(", ") : result.intent.name;
      search.set(result.slots.tags.join(" "));
      viewer.close();
      grid.showIDs(outcome.photos || [], label, outcome.count);
      break;
    }
    case "next":
    case "previous":
      if (outcome.current != null) viewer.show(outcome.current);
      break;
    case "close":
      viewer.close();
      break;
    case "delete":
      if (outcome.trashed != null) {
        grid.remove(outcome.trashed);
        viewer.trashed(outcome.trashed);
      }
      if (outcome.current != null) viewer.show(outcome.current);
      else viewer.close();
      break;
    case "undo":
      if (outcome.restored != null) {
        refresh();
        viewer.show(outcome.restored);
      }
      break;
    case "similar":
      if (outcome.photos) grid.showIDs(outcome.photos, "more like this", outcome.count);
      if (outcome.current != null) viewer.show(outcome.current);
      break;
  }
}

createVoice({ button: $("talk"), form: $("command"), output: $("voice-output"), onResult: follow });

// Other clients' changes: photos trashed or restored elsewhere, and (if the daemon sends it) the
// web session's view changed by `gaillery listen --session web`.
on("photo.status", (data) => {
  grid.setStatus(data.id, data.status);
  if (data.status === "done") showNew(data.id);
});
on("photo.deleted", (data) => grid.remove(data.id));
on("photo.restored", (data) => showNew(data.id));
on("session.view", (data) => {
  if (data.session !== SESSION) return;
  const photos = Array.isArray(data.photos) ? data.photos : null;
  if (photos && photos.join() !== grid.ids().join()) {
    // A new view (a search): fill the grid, as a command given here does.
    viewer.close();
    grid.showIDs(photos, "voice", data.count);
  } else if (data.current != null) {
    if (data.current !== viewer.current()) viewer.show(data.current);
  } else {
    viewer.close();
  }
});
onConnection((state) => {
  $("connection").textContent = state === "open" ? "" : "Live updates paused; reconnecting…";
});

function route() {
  const params = new URLSearchParams(location.hash.slice(1));
  const photo = Number(params.get("photo"));
  const query = params.get("q");
  if (query) {
    search.set(query);
    grid.search(query);
  } else {
    grid.showAll();
  }
  if (Number.isInteger(photo) && photo > 0) viewer.show(photo);
}

window.addEventListener("hashchange", route);
connectEvents();
search.loadTags();
route();
