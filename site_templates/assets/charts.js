/* Interactive charts: upgrades each static SVG figure with vega-embed.
 *
 * Loaded after the self-hosted Vega bundle (window.vegaEmbed). No inline
 * code and no eval: specs are read with JSON.parse and vega-embed runs with
 * `ast: true`, which uses its bundled vega-interpreter, so a
 * Content-Security-Policy without 'unsafe-eval' works. Any failure keeps the
 * static SVG, silently.
 *
 * Specs are as wide as their frame (`width: "container"`): the target is
 * shown before embedding so it has a width to measure, and the static SVG is
 * hidden only once the interactive chart is drawn.
 */
(function () {
  "use strict";

  function upgrade(figure) {
    var specNode = figure.querySelector("script.emt-chart-spec");
    var target = figure.querySelector(".emt-chart-interactive");
    var fallback = figure.querySelector(".emt-chart-static");
    if (!specNode || !target || typeof window.vegaEmbed !== "function") {
      return;
    }
    var spec;
    try {
      spec = JSON.parse(specNode.textContent);
    } catch (e) {
      return;
    }
    var options = { renderer: "svg", actions: false, ast: true };
    if (window.vega && window.vega.expressionInterpreter) {
      options.expr = window.vega.expressionInterpreter;
    }
    var title = figure.querySelector("figcaption");
    target.hidden = false;
    if (fallback) {
      fallback.hidden = true;  // the frame's width, not the SVG's, sizes the chart
    }
    window.vegaEmbed(target, spec, options).then(function (result) {
      if (title) {
        oneImage(target, title.textContent.trim());
      }
      figure.classList.add("emt-chart--interactive");
      return result;
    }).catch(function () {
      target.hidden = true;  // keep the static SVG
      target.textContent = "";
      if (fallback) {
        fallback.hidden = false;
      }
    });
  }

  // One image with one name. Vega gives its mark groups roles of their own
  // (unnamed: its English descriptions are off in the spec), and gives them
  // again whenever it redraws (a resize, a legend click).
  function oneImage(target, name) {
    function tidy() {
      var svg = target.querySelector("svg");
      if (!svg) {
        return;
      }
      if (svg.getAttribute("role") !== "img") {
        svg.setAttribute("role", "img");
      }
      if (svg.getAttribute("aria-label") !== name) {
        svg.setAttribute("aria-label", name);
      }
      var inner = svg.querySelectorAll("[role], [aria-roledescription]");
      for (var i = 0; i < inner.length; i++) {
        inner[i].removeAttribute("role");
        inner[i].removeAttribute("aria-roledescription");
      }
    }
    tidy();
    if (window.MutationObserver) {
      new MutationObserver(tidy).observe(target, {
        subtree: true, childList: true, attributes: true,
        attributeFilter: ["role", "aria-roledescription", "aria-label"]
      });
    }
  }

  function start() {
    var figures = document.querySelectorAll("figure.emt-chart");
    for (var i = 0; i < figures.length; i++) {
      try {
        upgrade(figures[i]);
      } catch (e) {
        /* static SVG stays */
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
