// Site search: the toolkit's own index (search/index.js, built by
// generator/render/search_index.py), queried in the page. Words are folded
// and stemmed exactly as the index was (a browser test compares the two), the
// last word matches as a prefix while typing, and every word must match.
// Results are built with DOM methods only: no text ever becomes markup.
// The index is a script, so it loads under the site's CSP and from file://.
(function () {
  "use strict";
  const box = document.querySelector("[data-emt-search]");
  if (!box) return;
  const toggle = document.getElementById("__search");
  const input = box.querySelector("input[name=text]");
  const meta = box.querySelector("[data-emt-search-meta]");
  const list = box.querySelector("[data-emt-search-results]");
  const base = box.dataset.base.replace(/\/$/, "");
  let index = null;
  let loading = null;

  // ---- words: mirror of fold / stem / terms in search_index.py ---------------
  const STOP = {
    en: "a an and are as at be by for from has have in is it its of on or that the this to was were which with",
    nl: "de het een en van in op te dat die is zijn voor met als aan bij door om of ook er naar uit tot",
    de: "der die das und in den von zu mit ist im dem nicht ein eine als auch es an auf fur",
    fr: "le la les de des du et en un une pour dans par sur au aux est",
  };
  const fold = (word) => word.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  const doubled = /([bcdfghjklmnpqrstvwxz])\1$/;
  const open = /(^|[^aeiou])[aeou][bcdfghjklmnpqrstvwxz]$/;
  const vowelGroups = (w) => (w.match(/[aeiouy]+/g) || []).length;
  const ends = (w, ...xs) => xs.some((x) => w.endsWith(x));

  function stem(word, lang) {
    let w = word;
    if (lang === "en" && w.length > 3) {
      if (w.endsWith("ies") && w.length > 4) return w.slice(0, -3) + "y";
      if (ends(w, "sses", "shes", "ches", "xes", "zes")) return w.slice(0, -2);
      if (w.endsWith("s") && !ends(w, "ss", "us", "is")) w = w.slice(0, -1);
      if (w.endsWith("ing") && w.length > 5) return w.slice(0, -3);
      if (w.endsWith("ed") && w.length > 4) return w.slice(0, -2);
      return w;
    }
    if (lang === "nl" && w.length > 4) {
      if (w.endsWith("en") && w.length > 4) {
        const b = w.slice(0, -2);
        if (doubled.test(b)) return b.slice(0, -1);
        if (open.test(b) && vowelGroups(b) === 1) return b.slice(0, -2) + b[b.length - 2] + b.slice(-2);
        return b;
      }
      if (w.endsWith("s") && !ends(w, "ss", "us", "is")) return w.slice(0, -1);
      return w;
    }
    if (lang === "de" && w.length > 4) {
      for (const e of ["en", "er", "es", "e", "n", "s"]) if (w.endsWith(e) && w.length - e.length >= 4) return w.slice(0, -e.length);
      return w;
    }
    if (["fr", "es", "it", "pt"].includes(lang) && w.length > 4 && ends(w, "s", "x")) return w.slice(0, -1);
    return w;
  }

  function terms(value, lang) {
    const stop = new Set((STOP[lang] || "").split(" "));
    return fold(value).split(/[^0-9a-z]+/).filter((w) => w.length > 1 && !stop.has(w)).map((w) => stem(w, lang));
  }
  window.emtSearchTerms = terms;  // for the test that compares with the index builder

  // ---- index -------------------------------------------------------------------
  function decode(postings) {
    const out = [];
    let n = 0;
    for (const part of postings.split(",")) { n += parseInt(part, 36); out.push(n); }
    return out;
  }

  function prepare(raw) {
    return {
      lang: raw.lang, docs: raw.docs, title: raw.title, body: raw.body,
      sortedTitle: Object.keys(raw.title).sort(), sortedBody: Object.keys(raw.body).sort(),
    };
  }

  function load() {
    if (index) return Promise.resolve(index);
    if (loading) return loading;
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = base + "/search/index.js";
      script.onload = () => { index = prepare(window.emtSearchIndex); resolve(index); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loading;
  }

  function withPrefix(sorted, prefix) {
    let lo = 0, hi = sorted.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] < prefix) lo = mid + 1; else hi = mid; }
    const found = [];
    for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) found.push(sorted[i]);
    return found;
  }

  function matches(term, prefix) {
    const scores = new Map();
    const add = (map, sorted, weight) => {
      const keys = prefix ? withPrefix(sorted, term) : (term in map ? [term] : []);
      for (const key of keys) {
        const exact = key === term ? 1 : 0.6;
        for (const doc of decode(map[key])) scores.set(doc, Math.max(scores.get(doc) || 0, weight * exact));
      }
    };
    add(index.body, index.sortedBody, 1);
    const body = new Map(scores);
    scores.clear();
    add(index.title, index.sortedTitle, 10);
    for (const [doc, score] of body) scores.set(doc, (scores.get(doc) || 0) + score);
    return scores;
  }

  function search(query) {
    const words = terms(query, index.lang);
    if (!words.length) return [];
    const open = !/\s$/.test(query);
    let total = null;
    words.forEach((word, i) => {
      const found = matches(word, open && i === words.length - 1);
      if (total === null) { total = found; return; }
      const next = new Map();
      for (const [doc, score] of total) if (found.has(doc)) next.set(doc, score + found.get(doc));
      total = next;
    });
    return [...total.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([doc]) => index.docs[doc]);
  }

  // ---- results -------------------------------------------------------------------
  function say(count) {
    const key = count === 0 ? "none" : count === 1 ? "one" : "other";
    meta.textContent = meta.dataset[key].replace("#", String(count));
  }

  function render(query) {
    list.replaceChildren();
    if (!query.trim()) { meta.textContent = meta.dataset.placeholder; return; }
    const found = search(query);
    say(found.length);
    for (const [url, title, kind, snippet] of found.slice(0, 50)) {
      const item = document.createElement("li");
      item.className = "md-search-result__item";
      const link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = base + "/" + url;
      const article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      const heading = document.createElement("h1");
      heading.textContent = title;
      const text = document.createElement("p");
      text.textContent = kind + " — " + snippet;
      article.append(heading, text);
      link.append(article);
      item.append(link);
      list.append(item);
    }
  }

  const show = () => { if (toggle && !toggle.checked) toggle.checked = true; };  // Material's CSS opens the results
  const run = () => load().then(() => { show(); render(input.value); }).catch(() => { meta.textContent = meta.dataset.failed; });
  input.addEventListener("input", run);
  input.addEventListener("focus", () => { show(); load().catch(() => {}); });
  box.querySelector("form").addEventListener("submit", (event) => {
    const first = list.querySelector("a");
    if (first) { event.preventDefault(); location.href = first.href; }
  });
  if (toggle) {
    toggle.addEventListener("change", () => { if (toggle.checked) setTimeout(() => input.focus(), 50); });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && toggle.checked) { toggle.checked = false; input.blur(); }
      const typing = /input|textarea|select/i.test(document.activeElement.tagName) || document.activeElement.isContentEditable;
      if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey) {
        event.preventDefault(); toggle.checked = true; input.focus();
      }
    });
  }
  // the search page: its own form, filled from ?text=
  const page = document.querySelector("[data-emt-search-page]");
  if (page) {
    const query = new URLSearchParams(location.search).get("text") || "";
    if (query) { input.value = query; if (toggle) toggle.checked = true; run(); }
  }
})();
