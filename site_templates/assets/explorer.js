// Practice explorer: progressive enhancement of a server-rendered list.
// Facets combine (AND between facets, OR within one), counts update, and the
// state lives in the URL query so a filtered view can be shared.
(function () {
  "use strict";
  const root = document.querySelector("[data-emt-explorer]");
  if (!root) return;
  const form = root.querySelector("form");
  const items = Array.from(root.querySelectorAll(".emt-practice"));
  const groups = Array.from(root.querySelectorAll("[data-country-group]"));
  const status = root.querySelector("[data-result-count]");
  const facetKeys = Array.from(form.querySelectorAll("fieldset[data-facet]")).map((f) => f.dataset.facet);
  // A practice in several countries is listed once per country: count ids, not items.
  const unique = (list) => new Set(list.map((item) => item.dataset.id)).size;
  const total = unique(items);
  const values = (item, key) => (item.getAttribute("data-" + key) || "").split(" ").filter(Boolean);

  function state() {
    const chosen = {};
    for (const key of facetKeys) {
      chosen[key] = Array.from(form.querySelectorAll('input[name="' + key + '"]:checked')).map((i) => i.value);
    }
    return { chosen, q: form.elements.q.value.trim().toLowerCase() };
  }

  function matches(item, s, except) {
    if (s.q && !(item.dataset.text || "").includes(s.q)) return false;
    for (const key of facetKeys) {
      if (key === except || s.chosen[key].length === 0) continue;
      const own = values(item, key);
      if (!s.chosen[key].some((v) => own.includes(v))) return false;
    }
    return true;
  }

  function apply(pushUrl) {
    const s = state();
    const visible = [];
    for (const item of items) {
      const ok = matches(item, s, null);
      item.hidden = !ok;
      if (ok) visible.push(item);
    }
    const shown = unique(visible);
    for (const group of groups) {
      group.hidden = !group.querySelector(".emt-practice:not([hidden])");
    }
    // Counts: how many practices each option would show, given the other facets.
    for (const key of facetKeys) {
      for (const input of form.querySelectorAll('input[name="' + key + '"]')) {
        const n = unique(items.filter((it) => matches(it, s, key) && values(it, key).includes(input.value)));
        input.parentElement.querySelector("[data-count]").textContent = "(" + n + ")";
      }
    }
    status.hidden = false;
    status.textContent = status.dataset.template.replace("{shown}", shown).replace("{total}", total);
    if (pushUrl) {
      const params = new URLSearchParams();
      if (s.q) params.set("q", s.q);
      for (const key of facetKeys) for (const v of s.chosen[key]) params.append(key, v);
      const query = params.toString();
      history.replaceState(null, "", query ? "?" + query : location.pathname);
    }
  }

  function restore() {
    const params = new URLSearchParams(location.search);
    form.elements.q.value = params.get("q") || "";
    for (const input of form.querySelectorAll('input[type="checkbox"]')) {
      input.checked = params.getAll(input.name).includes(input.value);
    }
  }

  form.hidden = false;
  form.addEventListener("change", () => apply(true));
  form.addEventListener("input", () => apply(true));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => setTimeout(() => apply(true), 0));
  restore();
  apply(false);
})();
