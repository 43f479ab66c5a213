/// The style sheet and script of the HTML view (``HTMLView``): kgq's own, about 300 lines, no
/// library, no network. The script reads the JSON data element, finds the drawn nodes and
/// edges by their SVG ids (`n12`, `e7`, `g0`, `ge0`, `c0`, see ``DOTWriter/Options/elementIDs``)
/// and builds every piece of text it shows with `textContent`, never as markup.
///
/// The address's fragment drives it too, so a view can be linked to a node and tested headless:
/// `graph.html#search=kundtj` searches, `&pick=1` clicks the first result, `#select=role:x`
/// selects the node with that id, `#click=role:x` clicks the node (or its list node) in the
/// picture, `&legend=off` hides the legend.
enum HTMLViewScript {
    static let style = #"""
    html, body { margin: 0; height: 100%; font: 14px/1.4 "DejaVu Sans", system-ui, sans-serif; color: #222; }
    body { display: flex; flex-direction: column; }
    #bar { display: flex; align-items: center; gap: .6em; padding: .4em .8em; background: #f4f4f6; border-bottom: 1px solid #ccc; flex-wrap: wrap; }
    #bar h1 { font-size: 1.05em; margin: 0 .6em 0 0; }
    #find { position: relative; }
    #search { width: 22em; padding: .3em .5em; font: inherit; }
    #results { position: absolute; z-index: 5; top: 100%; left: 0; margin: 2px 0 0; padding: 0; list-style: none; background: #fff; border: 1px solid #bbb; box-shadow: 0 2px 8px rgba(0,0,0,.15); max-height: 60vh; overflow: auto; min-width: 100%; }
    #results li button { display: block; width: 100%; text-align: left; border: 0; background: none; padding: .3em .6em; font: inherit; cursor: pointer; }
    #results li button:hover, #results li button:focus { background: #e8f0fe; }
    #results small, #details small { color: #666; }
    #results .none { padding: .3em .6em; color: #666; }
    #counts { color: #666; font-size: .85em; margin-left: auto; }
    button { font: inherit; }
    #view { flex: 1; position: relative; overflow: hidden; cursor: grab; background: #fff; }
    #view.dragging { cursor: grabbing; }
    #view > svg { width: 100%; height: 100%; display: block; user-select: none; }
    #legend { position: absolute; left: .8em; bottom: .8em; max-width: 45vw; max-height: 45vh; overflow: auto; background: rgba(255,255,255,.95); border: 1px solid #ccc; border-radius: 6px; padding: .3em; box-shadow: 0 2px 8px rgba(0,0,0,.12); }
    #legend svg { display: block; max-width: 100%; height: auto; }
    #details { position: absolute; right: .8em; top: 3.6em; bottom: .8em; width: min(30em, 42vw); overflow: auto; background: #fff; border: 1px solid #bbb; border-radius: 6px; padding: .6em .9em; box-shadow: 0 2px 10px rgba(0,0,0,.15); }
    #details h2 { font-size: 1.1em; margin: .1em 1.5em .3em 0; }
    #details h3 { font-size: .95em; margin: .9em 0 .3em; color: #444; }
    #details table { border-collapse: collapse; width: 100%; }
    #details td { border-top: 1px solid #eee; padding: .15em .3em; vertical-align: top; }
    #details td:first-child { color: #555; white-space: nowrap; }
    #details ul { margin: .2em 0; padding-left: 1.2em; }
    #details .quote { font-style: italic; }
    #details .link { color: #1a57c2; cursor: pointer; background: none; border: 0; padding: 0; text-decoration: underline; text-align: left; }
    #close { position: absolute; right: .4em; top: .3em; border: 0; background: none; font-size: 1.3em; cursor: pointer; }
    [hidden] { display: none !important; }
    svg.kgq-dim g.node:not(.kgq-on), svg.kgq-dim g.edge:not(.kgq-on) { opacity: .14; }
    g.node.kgq-selected polygon, g.node.kgq-selected ellipse, g.node.kgq-selected path { stroke: #e91e63; stroke-width: 3px; }
    g.edge.kgq-selected path { stroke: #e91e63; stroke-width: 3px; }
    g.node, g.edge { cursor: pointer; }
    path.kgq-hit { stroke: transparent; stroke-width: 12px; fill: none; pointer-events: stroke; }

    """#

    static let script = #"""
    (function () {
      "use strict";
      var data = JSON.parse(document.getElementById("kgq-data").textContent);
      var view = document.getElementById("view");
      var svg = view.querySelector("svg");
      var details = document.getElementById("details");
      var body = document.getElementById("details-body");
      var search = document.getElementById("search");
      var results = document.getElementById("results");
      var legend = document.getElementById("legend");
      var legendButton = document.getElementById("legend-toggle");
      if (!svg) { return; }

      // Pan and zoom: the wheel zooms around the pointer, a drag pans; both move the viewBox.
      var base = svg.viewBox.baseVal;
      var home = { x: base.x, y: base.y, w: base.width, h: base.height };
      var box = { x: home.x, y: home.y, w: home.w, h: home.h };
      svg.removeAttribute("width");
      svg.removeAttribute("height");
      svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
      function show() { svg.setAttribute("viewBox", box.x + " " + box.y + " " + box.w + " " + box.h); }
      function unitsPerPixel() { return Math.max(box.w / Math.max(1, svg.clientWidth), box.h / Math.max(1, svg.clientHeight)); }
      function toPicture(x, y) {
        var p = svg.createSVGPoint(); p.x = x; p.y = y;
        return p.matrixTransform(svg.getScreenCTM().inverse());
      }
      function zoom(factor, x, y) {
        var p = toPicture(x, y);
        box.x = p.x - (p.x - box.x) * factor; box.y = p.y - (p.y - box.y) * factor;
        box.w *= factor; box.h *= factor; show();
      }
      view.addEventListener("wheel", function (event) {
        event.preventDefault();
        zoom(Math.exp(Math.max(-50, Math.min(50, event.deltaY)) * 0.004), event.clientX, event.clientY);
      }, { passive: false });
      var drag = null, dragged = false;
      view.addEventListener("pointerdown", function (event) {
        if (event.button !== 0) { return; }
        drag = { x: event.clientX, y: event.clientY, bx: box.x, by: box.y, upp: unitsPerPixel() };
        dragged = false;
      });
      window.addEventListener("pointermove", function (event) {
        if (!drag) { return; }
        var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
        if (!dragged && Math.abs(dx) + Math.abs(dy) < 4) { return; }
        dragged = true; view.classList.add("dragging");
        box.x = drag.bx - dx * drag.upp; box.y = drag.by - dy * drag.upp; show();
      });
      window.addEventListener("pointerup", function () { drag = null; view.classList.remove("dragging"); });
      function fit() { box = { x: home.x, y: home.y, w: home.w, h: home.h }; show(); }
      function centreOn(element) {
        var r = element.getBoundingClientRect();
        var a = toPicture(r.left, r.top), b = toPicture(r.right, r.bottom);
        var w = Math.max(box.w, (b.x - a.x) * 3), h = Math.max(box.h, (b.y - a.y) * 3);
        if (box.w > home.w * 0.6) { w = Math.max((b.x - a.x) * 4, home.w * 0.35); h = w * box.h / box.w; }
        box = { x: (a.x + b.x) / 2 - w / 2, y: (a.y + b.y) / 2 - h / 2, w: w, h: h }; show();
      }

      // Wide invisible strokes make thin arrows easy to click.
      Array.prototype.forEach.call(svg.querySelectorAll("g.edge path"), function (path) {
        var hit = path.cloneNode(false);
        hit.setAttribute("class", "kgq-hit");
        hit.removeAttribute("stroke-dasharray");
        path.parentNode.insertBefore(hit, path);
      });

      // Neighbourhoods: every arrow drawn, [svg id, from, to].
      var around = {};
      data.arrows.forEach(function (a) {
        (around[a[1]] = around[a[1]] || []).push([a[0], a[2]]);
        (around[a[2]] = around[a[2]] || []).push([a[0], a[1]]);
      });
      function element(id) { return id ? document.getElementById(id) : null; }
      function clearMarks() {
        svg.classList.remove("kgq-dim");
        Array.prototype.forEach.call(svg.querySelectorAll(".kgq-on, .kgq-selected"), function (e) {
          e.classList.remove("kgq-on"); e.classList.remove("kgq-selected");
        });
      }
      function mark(svgID, withNeighbours) {
        clearMarks();
        var target = element(svgID);
        if (!target) { return; }
        svg.classList.add("kgq-dim");
        target.classList.add("kgq-on"); target.classList.add("kgq-selected");
        if (withNeighbours) {
          (around[svgID] || []).forEach(function (pair) {
            var arrow = element(pair[0]), other = element(pair[1]);
            if (arrow) { arrow.classList.add("kgq-on"); }
            if (other) { other.classList.add("kgq-on"); }
          });
        } else {
          data.arrows.forEach(function (a) {
            if (a[0] === svgID) { [a[1], a[2]].forEach(function (id) { var e = element(id); if (e) { e.classList.add("kgq-on"); } }); }
          });
        }
      }

      // Details, always built as text.
      function el(tag, text, className) {
        var e = document.createElement(tag);
        if (text !== undefined && text !== null) { e.textContent = text; }
        if (className) { e.className = className; }
        return e;
      }
      function format(value) {
        if (value === null) { return "null"; }
        if (typeof value === "string") { return value; }
        return JSON.stringify(value);
      }
      function table(rows) {
        var t = el("table");
        rows.forEach(function (row) {
          var tr = el("tr"); tr.appendChild(el("td", row[0]));
          var td = el("td"); if (row[1] instanceof Node) { td.appendChild(row[1]); } else { td.textContent = row[1]; }
          tr.appendChild(td); t.appendChild(tr);
        });
        return t;
      }
      function nodeLink(key) {
        var node = data.nodes[key];
        var b = el("button", node ? node.name : key, "link");
        b.type = "button";
        b.addEventListener("click", function () { selectNode(key, true); });
        return b;
      }
      function citationList(citations) {
        var h = el("h3", "Citations (" + citations.length + ")");
        var frag = document.createDocumentFragment(); frag.appendChild(h);
        if (!citations.length) { frag.appendChild(el("p", "uncited: no document states this", "uncited")); return frag; }
        var ul = el("ul", null, "citations");
        citations.forEach(function (c) {
          var li = el("li", null, "citation");
          li.appendChild(el("span", "\u201c" + c.quote + "\u201d", "quote"));
          if (c.gloss) { li.appendChild(el("span", " (" + c.gloss + ")", "gloss")); }
          li.appendChild(el("br"));
          li.appendChild(el("span", c.title + (c.file ? " (" + c.file + ")" : ""), "document"));
          li.appendChild(el("span", ", line " + c.line, "line"));
          if (c.via) { li.appendChild(el("span", ", via " + (c.viaName || c.via), "via")); }
          ul.appendChild(li);
        });
        frag.appendChild(ul);
        return frag;
      }
      function properties(props) {
        var keys = Object.keys(props).sort();
        if (!keys.length) { return document.createDocumentFragment(); }
        var frag = document.createDocumentFragment();
        frag.appendChild(el("h3", "Properties"));
        frag.appendChild(table(keys.map(function (k) { return [k, format(props[k])]; })));
        return frag;
      }
      function open(parts) {
        body.textContent = "";
        parts.forEach(function (p) { if (p) { body.appendChild(p); } });
        details.hidden = false;
      }
      function nodeDetails(key) {
        var n = data.nodes[key];
        var names = Object.keys(n.names).map(function (lang) { return [lang, n.names[lang].join(", ")]; });
        var rows = [["id", n.id], ["labels", n.labels.join(", ")]].concat(names);
        if (n.aliases.length) { rows.push(["aliases", n.aliases.join(", ")]); }
        if (n.document) { rows.push(["document", n.document.title + " (" + n.document.file + ", " + n.document.language + ")"]); }
        var neighbours = el("ul", null, "neighbours");
        Object.keys(data.edges).forEach(function (e) {
          var edge = data.edges[e];
          if (edge.from !== key && edge.to !== key) { return; }
          var li = el("li", edge.from === key ? edge.type + " \u2192 " : "\u2190 " + edge.type + " ");
          li.appendChild(nodeLink(edge.from === key ? edge.to : edge.from));
          neighbours.appendChild(li);
        });
        var parts = [el("h2", n.name), el("small", n.labels.join(", ")), table(rows), properties(n.properties), citationList(n.citations)];
        if (neighbours.childNodes.length) { parts.push(el("h3", "Relationships")); parts.push(neighbours); }
        open(parts);
      }
      function edgeDetails(key) {
        var e = data.edges[key];
        var ends = el("p"); ends.appendChild(nodeLink(e.from)); ends.appendChild(el("span", " \u2192 " + e.type + " \u2192 ")); ends.appendChild(nodeLink(e.to));
        open([el("h2", e.type), ends, table([["id", e.id]]), properties(e.properties), citationList(e.citations)]);
      }
      function groupDetails(key) {
        var g = data.groups[key];
        var ul = el("ul", null, "members");
        g.members.forEach(function (m) { var li = el("li"); li.appendChild(nodeLink(m)); ul.appendChild(li); });
        var hub = el("p", g.type + " of "); hub.appendChild(nodeLink(g.hub));
        open([el("h2", g.members.length + " " + g.plural), hub, ul]);
      }
      function linkDetails(key) {
        var l = data.links[key];
        var p = el("p"); p.appendChild(nodeLink(l.from));
        p.appendChild(el("span", l.via ? " is the original source cited for " : " states, at line " + l.lines.join(", ") + ": "));
        p.appendChild(nodeLink(l.to));
        open([el("h2", l.via ? "via" : "Cited in a document"), p, el("p", l.text, "quote")]);
      }
      function selectNode(key, centre) {
        var n = data.nodes[key];
        if (!n) { return; }
        var at = n.at || key;
        mark(at, true);
        nodeDetails(key);
        var e = element(at);
        if (centre && e) { centreOn(e); }
      }
      function selectElement(id) {
        if (data.nodes[id]) { selectNode(id, false); return; }
        if (data.groups[id]) { mark(id, true); groupDetails(id); return; }
        if (data.edges[id]) { mark(id, false); edgeDetails(id); return; }
        if (data.links[id]) { mark(id, false); linkDetails(id); return; }
        if (id.indexOf("ge") === 0) { var g = "g" + id.slice(2); mark(id, false); groupDetails(g); }
      }
      function clear() { clearMarks(); details.hidden = true; }
      view.addEventListener("click", function (event) {
        if (dragged) { dragged = false; return; }
        var target = event.target.closest ? event.target.closest("g.node, g.edge") : null;
        event.preventDefault();
        if (!target || !target.id) { clear(); return; }
        selectElement(target.id);
      });
      document.getElementById("close").addEventListener("click", clear);
      document.getElementById("clear").addEventListener("click", function () { clear(); search.value = ""; results.hidden = true; });
      document.getElementById("fit").addEventListener("click", fit);
      legendButton.addEventListener("click", function () {
        legend.hidden = !legend.hidden;
        legendButton.setAttribute("aria-pressed", legend.hidden ? "false" : "true");
      });
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape") { clear(); results.hidden = true; }
      });

      // Search: every name in every language, aliases and the id; case and accents do not matter.
      function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
      var index = [];
      Object.keys(data.nodes).forEach(function (key) {
        var n = data.nodes[key];
        var terms = [[n.name, null]];
        Object.keys(n.names).forEach(function (lang) { n.names[lang].forEach(function (t) { terms.push([t, lang]); }); });
        if (typeof n.properties.name === "string") { terms.push([n.properties.name, null]); }
        n.aliases.forEach(function (a) { terms.push([a, "alias"]); });
        terms.push([n.id, "id"]);
        terms.forEach(function (t) { index.push({ key: key, text: t[0], folded: fold(t[0]), lang: t[1] }); });
      });
      function find(query) {
        var q = fold(query.trim());
        if (!q) { return []; }
        var seen = {}, hits = [];
        index.forEach(function (entry) {
          var at = entry.folded.indexOf(q);
          if (at < 0 || seen[entry.key]) { return; }
          seen[entry.key] = true;
          hits.push({ key: entry.key, entry: entry, rank: (at === 0 ? 0 : 1) + (entry.lang === "id" ? 2 : 0) });
        });
        hits.sort(function (a, b) { return a.rank - b.rank || data.nodes[a.key].name.localeCompare(data.nodes[b.key].name); });
        return hits.slice(0, 30);
      }
      function showResults() {
        var hits = find(search.value);
        results.textContent = "";
        if (!search.value.trim()) { results.hidden = true; return; }
        if (!hits.length) { results.appendChild(el("li", "no node is called that", "none")); }
        hits.forEach(function (hit) {
          var n = data.nodes[hit.key];
          var li = el("li"), b = el("button", n.name);
          b.type = "button";
          b.dataset.node = hit.key;
          var note = n.labels.join(", ");
          if (hit.entry.text !== n.name) { note += " \u00b7 " + (hit.entry.lang ? hit.entry.lang + ": " : "") + hit.entry.text; }
          b.appendChild(el("small", " " + note));
          b.addEventListener("click", function () { results.hidden = true; selectNode(hit.key, true); });
          li.appendChild(b); results.appendChild(li);
        });
        results.hidden = false;
      }
      search.addEventListener("input", showResults);
      search.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { var first = results.querySelector("button"); if (first) { first.click(); } }
      });

      // The address's fragment: #search=…&pick=N, #select=ID, #click=ID, &legend=off.
      function keyOf(id) {
        var found = null;
        Object.keys(data.nodes).forEach(function (k) { if (data.nodes[k].id === id) { found = k; } });
        return found;
      }
      function follow() {
        var params = {};
        location.hash.replace(/^#/, "").split("&").forEach(function (part) {
          var i = part.indexOf("=");
          if (i > 0) { params[decodeURIComponent(part.slice(0, i))] = decodeURIComponent(part.slice(i + 1)); }
        });
        if (params.legend === "off" && !legend.hidden) { legendButton.click(); }
        if (params.search !== undefined) {
          search.value = params.search; showResults();
          var pick = parseInt(params.pick || "0", 10);
          var buttons = results.querySelectorAll("button");
          if (pick > 0 && buttons[pick - 1]) { buttons[pick - 1].click(); }
        }
        if (params.select) { var k = keyOf(params.select); if (k) { selectNode(k, true); } }
        if (params.click) {
          var key = keyOf(params.click), target = key && element(data.nodes[key].at || key);
          if (target) {
            var r = target.getBoundingClientRect();
            var shape = target.querySelector("polygon, ellipse, path") || target;
            shape.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 }));
          }
        }
      }
      window.addEventListener("hashchange", follow);
      show();
      follow();
    })();

    """#
}
