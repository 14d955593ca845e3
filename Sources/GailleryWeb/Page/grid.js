// The thumbnail grid: newest first (`photos.list`), a search (`photos.search`) or a given list of
// ids (a voice or typed command's view); pages load by cursor as the end of the grid scrolls into
// view, and thumbnails load lazily.

import { call } from "./rpc.js";

const PAGE = 60;

/**
 * Makes the grid in `list` (a <ul>). `onOpen(id)` is called when a thumbnail is chosen; `onChange()`
 * after the shown photos change. Returns the grid's controls.
 */
export function createGrid(list, { sentinel, caption, onOpen, onChange = () => {} }) {
  let source = { kind: "all" };
  let cursor = null;
  let loading = null;
  let generation = 0;
  const items = new Map();

  function label(photo) {
    return photo.name ? `${photo.name} (photo ${photo.id})` : `Photo ${photo.id}`;
  }

  function render(photo) {
    let item = items.get(photo.id);
    if (!item) {
      item = document.createElement("li");
      item.className = "thumb";
      item.dataset.id = String(photo.id);
      const button = document.createElement("button");
      button.type = "button";
      button.addEventListener("click", () => onOpen(photo.id));
      const image = document.createElement("img");
      image.loading = "lazy";
      image.decoding = "async";
      image.width = 160;
      image.height = 160;
      image.addEventListener("error", () => item.classList.add("no-thumbnail"));
      image.addEventListener("load", () => item.classList.remove("no-thumbnail"));
      const badge = document.createElement("span");
      badge.className = "badge";
      button.append(image, badge);
      item.append(button);
      items.set(photo.id, item);
    }
    update(item, photo);
    return item;
  }

  function update(item, photo) {
    const button = item.querySelector("button");
    const image = item.querySelector("img");
    const badge = item.querySelector(".badge");
    const status = photo.status || item.dataset.status || "done";
    item.dataset.status = status;
    if (photo.name !== undefined) item.dataset.name = photo.name;
    const name = label({ id: photo.id, name: item.dataset.name });
    button.setAttribute("aria-label", status === "done" ? `Open ${name}` : `Open ${name}, ${status}`);
    image.alt = "";
    badge.textContent = status === "done" ? "" : status;
    const wanted = status === "done" ? `/photos/${photo.id}/thumbnail` : "";
    if (wanted && image.getAttribute("src") !== wanted) image.src = wanted;
    if (!wanted) item.classList.add("no-thumbnail");
  }

  function setCaption(text) {
    caption.textContent = text;
  }

  function describe() {
    const count = items.size;
    const more = cursor ? "+" : "";
    const noun = count === 1 && !more ? "photo" : "photos";
    if (source.kind === "search") return `${count}${more} ${noun} for “${source.query}”`;
    if (source.kind === "ids") return `${source.total ?? count} ${noun}: ${source.label}`;
    return count === 0 ? "No photos yet: drop some here or choose files" : `${count}${more} ${noun}, newest first`;
  }

  async function fetchPage() {
    if (source.kind === "ids") return { photos: [], next_cursor: null };
    const params = { limit: PAGE };
    if (cursor) params.cursor = cursor;
    if (source.kind === "search") return call("photos.search", { ...params, query: source.query });
    return call("photos.list", params);
  }

  /** Loads the next page if there is one; resolves when it is shown. */
  function loadMore() {
    if (loading) return loading;
    if (cursor === undefined) return Promise.resolve();
    const mine = generation;
    list.setAttribute("aria-busy", "true");
    loading = fetchPage()
      .then((page) => {
        if (mine !== generation) return;
        for (const photo of page.photos) list.append(render(photo));
        cursor = page.next_cursor || undefined;
        setCaption(describe());
        onChange();
      })
      .catch((error) => {
        if (mine === generation) setCaption(error.message);
      })
      .finally(() => {
        if (mine === generation) {
          loading = null;
          list.removeAttribute("aria-busy");
          // The observer's last report predates this page: measure whether the end is still near.
          if (cursor && nearEnd()) loadMore();
        }
      });
    return loading;
  }

  function reset(next) {
    generation += 1;
    source = next;
    cursor = null;
    loading = null;
    items.clear();
    list.replaceChildren();
  }

  const MARGIN = 600; // px below the window where the next page starts loading
  const nearEnd = () => sentinel.getBoundingClientRect().top < window.innerHeight + MARGIN;
  new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && loadMore(), {
    rootMargin: `${MARGIN}px`,
  }).observe(sentinel);

  return {
    /** Shows every photo, newest first. */
    showAll() {
      reset({ kind: "all" });
      return loadMore();
    },
    /** Shows a search's matches, best first. */
    search(query) {
      reset({ kind: "search", query });
      return loadMore();
    },
    /** Shows the given ids in order (a command's view); `total` is the view's full size. */
    showIDs(ids, text, total) {
      reset({ kind: "ids", label: text, total });
      cursor = undefined;
      for (const id of ids) list.append(render({ id }));
      setCaption(describe());
      onChange();
      return Promise.resolve();
    },
    /** The query shown, or null. */
    query() {
      return source.kind === "search" ? source.query : null;
    },
    /** The ids in the grid's order. */
    ids() {
      return [...items.keys()];
    },
    /** Whether more pages can load. */
    hasMore() {
      return Boolean(cursor);
    },
    loadMore,
    /** Adds a new photo when the grid shows every photo, in its place by id (newest first). */
    prepend(photo) {
      if (source.kind !== "all") return;
      const known = items.has(photo.id);
      const item = render(photo);
      if (!known) {
        // Photos become ready out of order (two decode at once): ids are in the order they were added.
        const after = [...list.children].find((other) => Number(other.dataset.id) < photo.id);
        list.insertBefore(item, after ?? null);
        if (!after && cursor) {
          // Older than the loaded pages: its page will bring it.
          item.remove();
          items.delete(photo.id);
        }
      }
      setCaption(describe());
      onChange();
    },
    /** Updates a shown photo's status (its thumbnail appears when done). */
    setStatus(id, status) {
      const item = items.get(id);
      if (item) update(item, { id, status });
    },
    /** Removes a photo (moved to the trash). */
    remove(id) {
      const item = items.get(id);
      if (!item) return;
      item.remove();
      items.delete(id);
      setCaption(describe());
      onChange();
    },
  };
}
