// Practice explorer: progressive enhancement of a server-rendered list.
// Facets combine (AND between facets, OR within one), counts update, and the
// state lives in the URL query so a filtered view can be shared. The query
// never uses Material's own parameters (q opens its search, h highlights).
// Without JavaScript the page is one page of the list; with it, the list is
// rebuilt from practices/explorer-data.js (every practice), with DOM methods
// only, so no text ever becomes markup.
(function () {
  "use strict";
  const root = document.querySelector("[data-emt-explorer]");
  if (!root) return;
  const script = document.createElement("script");
  script.src = root.dataset.data;
  script.onload = () => start(window.emtExplorer);
  document.head.appendChild(script);

  function rebuild(data) {
    const list = root.querySelector("[data-list]");
    const base = root.dataset.base;
    const fragment = document.createDocumentFragment();
    for (const [id, title, url, countries, area, status, values, text] of data.practices) {
      const item = document.createElement("li");
      item.className = "emt-practice";
      item.dataset.id = id;
      data.keys.forEach((key, i) => item.setAttribute("data-" + key, values[i].join(" ")));
      item.dataset.text = text;
      const link = document.createElement("a");
      link.href = base + url;
      link.textContent = title;
      const meta = document.createElement("span");
      meta.className = "emt-meta";
      meta.textContent = countries + (area ? " — " + area : "") + " · " + status;
      item.append(link, " ", meta);
      fragment.append(item);
    }
    list.replaceChildren(fragment);
    const pager = root.querySelector("[data-pager]");
    if (pager) pager.hidden = true;
  }

  function start(data) {
  rebuild(data);
  const filters = root.querySelector("[data-filters]");
  const form = root.querySelector("form");
  const items = Array.from(root.querySelectorAll(".emt-practice"));
  const status = root.querySelector("[data-result-count]");
  const none = root.querySelector("[data-no-results]");
  const active = root.querySelector("[data-active-count]");
  const facetKeys = Array.from(form.querySelectorAll("fieldset[data-facet]")).map((f) => f.dataset.facet);
  const total = items.length;
  const values = (item, key) => (item.getAttribute("data-" + key) || "").split(" ").filter(Boolean);

  function state() {
    const chosen = {};
    for (const key of facetKeys) {
      chosen[key] = Array.from(form.querySelectorAll('input[name="' + key + '"]:checked')).map((i) => i.value);
    }
    return { chosen, text: form.elements.text.value.trim().toLowerCase() };
  }

  function matches(item, s, except) {
    if (s.text && !(item.dataset.text || "").includes(s.text)) return false;
    for (const key of facetKeys) {
      if (key === except || s.chosen[key].length === 0) continue;
      const own = values(item, key);
      if (!s.chosen[key].some((v) => own.includes(v))) return false;
    }
    return true;
  }

  function apply(pushUrl) {
    const s = state();
    let shown = 0;
    for (const item of items) {
      const ok = matches(item, s, null);
      item.hidden = !ok;
      if (ok) shown += 1;
    }
    // Counts: how many practices each option would show, given the other facets.
    for (const key of facetKeys) {
      for (const input of form.querySelectorAll('input[name="' + key + '"]')) {
        const n = items.filter((it) => matches(it, s, key) && values(it, key).includes(input.value)).length;
        input.parentElement.querySelector("[data-count]").textContent = "(" + n + ")";
      }
    }
    const chosen = facetKeys.reduce((n, key) => n + s.chosen[key].length, s.text ? 1 : 0);
    active.textContent = chosen ? "(" + chosen + ")" : "";
    status.hidden = false;
    status.textContent = status.dataset.template.replace("{shown}", shown).replace("{total}", total);
    none.hidden = shown > 0;
    if (pushUrl) {
      const params = new URLSearchParams();
      if (s.text) params.set("text", s.text);
      for (const key of facetKeys) for (const v of s.chosen[key]) params.append(key, v);
      const query = params.toString();
      history.replaceState(null, "", query ? "?" + query : location.pathname);
    }
  }

  function restore() {
    const params = new URLSearchParams(location.search);
    form.elements.text.value = params.get("text") || "";
    for (const input of form.querySelectorAll('input[type="checkbox"]')) {
      input.checked = params.getAll(input.name).includes(input.value);
    }
  }

  filters.hidden = false;
  // Open on wide screens; on a phone the results come first and the filters fold.
  if (window.matchMedia("(min-width: 60em)").matches) filters.open = true;
  form.addEventListener("change", () => apply(true));
  form.addEventListener("input", () => apply(true));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => setTimeout(() => apply(true), 0));
  restore();
  apply(false);
  }
})();
