// Search: the box takes the daemon's query language (words AND, `or`/|, `-x`/`not x`, parentheses,
// "quoted tags", since:/until:, status:); the chips are the most used tags from `tags.list`.

import { call } from "./rpc.js";

/**
 * Wires the search `form` (an input named q) and the tag `chips` list. `onSearch(query)` runs a
 * search ("" for every photo). Returns `{ set(query), refreshTags() }`.
 */
export function createSearch({ form, chips, onSearch }) {
  const input = form.elements.q;
  let refreshing = null;

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onSearch(input.value.trim());
  });
  form.addEventListener("reset", () => {
    setTimeout(() => onSearch(""), 0);
  });

  async function refreshTags() {
    try {
      const { tags } = await call("tags.list", { limit: 24 });
      chips.replaceChildren();
      for (const { tag, count } of tags) {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "chip";
        button.dataset.tag = tag;
        button.textContent = tag;
        const badge = document.createElement("span");
        badge.className = "count";
        badge.textContent = String(count);
        button.append(" ", badge);
        button.setAttribute("aria-label", `Search ${tag}, ${count} ${count === 1 ? "photo" : "photos"}`);
        button.addEventListener("click", () => {
          input.value = /\s/.test(tag) ? `"${tag}"` : tag;
          onSearch(input.value);
        });
        item.append(button);
        chips.append(item);
      }
    } catch {
      // The chips are a convenience; the search box works without them.
    }
  }

  return {
    /** Puts `query` in the box (without searching). */
    set(query) {
      input.value = query;
    },
    /** Reloads the chips, at most once per second. */
    refreshTags() {
      if (refreshing) return;
      refreshing = setTimeout(() => {
        refreshing = null;
        refreshTags();
      }, 1000);
    },
    /** Loads the chips now. */
    loadTags: refreshTags,
  };
}
