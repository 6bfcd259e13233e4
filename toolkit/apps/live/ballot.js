/* The ballot: one stakeholder grades requirements must / could / won't from a phone.
   A vote shows at once, is kept in localStorage until the server acknowledges it (the latest per
   requirement), and is numbered `n`, increasing across reloads, so a retry never undoes a later vote. */
"use strict";

(() => {
  const main = document.getElementById("live-main");
  const WEIGHTS = "@weights"; // the pending slot of the stakeholder's weights (no requirement has this key)
  let state = null;
  let invalid = false;
  const sending = new Map(); // requirement -> the n in flight
  let retryTimer = null;
  let retryDelay = 0;

  const store = (() => {
    const name = "crm-live:" + LIVE.engagement + ":" + hashHex(TOKEN).slice(0, 12);
    let memory = { n: 0, pending: {} };
    function read() {
      try {
        const saved = JSON.parse(localStorage.getItem(name) || "{}");
        memory = { n: Number(saved.n) || 0, pending: saved.pending || {} };
      } catch (error) { /* private mode: keep the copy in memory */ }
      return memory;
    }
    function write(data) {
      memory = data;
      try { localStorage.setItem(name, JSON.stringify(data)); } catch (error) { /* memory only */ }
    }
    return {
      next(above) {
        const data = read();
        data.n = Math.max(data.n + 1, Date.now(), above + 1);
        write(data);
        return data.n;
      },
      pending() { return read().pending; },
      put(key, grade, n) {
        const data = read();
        data.pending[key] = { grade, n };
        write(data);
      },
      replace(pending) {
        const data = read();
        data.pending = pending;
        write(data);
      },
      done(key, n) {
        const data = read();
        const queued = data.pending[key];
        if (queued && queued.n <= n) {
          delete data.pending[key];
          write(data);
        }
      },
    };
  })();

  function highestN() {
    if (!state) return 0;
    const weighed = state.weighting ? Number(state.weighting.n) || 0 : 0;
    return Math.max(0, weighed, ...state.items.map((item) => Number(item.n) || 0));
  }

  function vote(key, grade) {
    if (!state || !state.open || invalid) return;
    store.put(key, grade, store.next(highestN()));
    flush(); // before drawing: a vote in flight is not shown as kept on the device
    render();
  }

  function flush() {
    if (invalid) return;
    for (const [key, queued] of Object.entries(store.pending())) {
      if ((sending.get(key) || 0) >= queued.n) continue;
      sending.set(key, queued.n);
      send(key, queued);
    }
  }

  function retrySoon() {
    if (retryTimer) return;
    retryDelay = Math.min(retryDelay ? retryDelay * 2 : 500, 5000);
    retryTimer = setTimeout(() => { retryTimer = null; flush(); }, retryDelay);
  }

  async function send(key, queued) {
    let result = null;
    try {
      result = key === WEIGHTS
        ? await call("POST", "weights", { method: queued.weights.method, value: queued.weights.value, n: queued.n })
        : await call("POST", "vote", { key, grade: queued.grade, n: queued.n });
    } catch (error) {
      result = null;
    }
    if (sending.get(key) === queued.n) sending.delete(key);
    if (!result || result.status >= 500) {
      connection(false);
      retrySoon();
      render();
      return;
    }
    connection(true);
    retryDelay = 0;
    store.done(key, queued.n); // answered: the server's state wins
    if (result.status === 200 && result.data && key === WEIGHTS) {
      if (state) state.weighting = result.data.weighting;
      weights.draft = null;
    } else if (result.status === 200 && result.data) {
      const item = state && state.items.find((one) => one.key === key);
      if (item) {
        item.vote = result.data.vote === undefined ? queued.grade : result.data.vote;
        if (result.data.n !== undefined) item.n = result.data.n;
      }
    } else if (result.status === 403) {
      refuse();
      return;
    } else if (result.status === 409 && key !== WEIGHTS) {
      if (state) state.open = false;
    } else {
      poller.kick(); // the session changed under the save (closed, or weights no longer asked)
      message(errorLine(result));
    }
    render();
  }

  function refuse() {
    invalid = true;
    poller.stop();
    connection(true);
    render();
  }

  function shown(item) {
    const queued = store.pending()[item.key];
    return queued ? queued.grade : item.vote || null;
  }

  function gradeButtons(item) {
    const current = shown(item);
    const buttons = GRADES.map((grade) => h("button", {
      type: "button",
      class: "live-grade live-grade-" + grade + (current === grade ? " live-on" : ""),
      "aria-pressed": current === grade ? "true" : "false",
      "data-key": item.key,
      "data-grade": grade,
      disabled: !state.open,
      onclick: () => vote(item.key, grade),
    }, h("span", { class: "live-grade-icon", "aria-hidden": "true", text: current === grade ? "✓" : "" }), t(grade)));
    return h("div", { class: "live-grades", role: "group", "aria-label": item.title }, buttons);
  }

  function itemCard(item) {
    const current = shown(item);
    const queued = store.pending()[item.key];
    return h("section", { class: "live-item", "data-key": item.key },
      h("div", { class: "live-item-section", text: [item.key, item.section].filter(Boolean).join(" · ") }),
      h("h2", { class: "live-item-title", text: item.title }),
      item.description ? h("p", { class: "live-item-desc", text: item.description }) : null,
      gradeButtons(item),
      h("div", { class: "live-item-foot" },
        h("span", { class: "live-your-vote" + (current ? " live-your-vote-" + current : ""),
          text: current ? t("live_your_vote", { grade: t(current) }) : t("live_no_vote") }),
        current && state.open ? h("button", { type: "button", class: "live-clear", "data-key": item.key,
          onclick: () => vote(item.key, null), text: t("live_clear") }) : null),
      queued && sending.get(item.key) !== queued.n
        ? h("div", { class: "live-queued", text: t("live_queued") }) : null);
  }

  function timer() {
    if (!state || !state.open || !state.timer_ends) return null;
    return h("div", { class: "live-timer", role: "timer" },
      h("span", { class: "live-timer-label" }),
      h("span", { class: "live-timer-value" }));
  }

  function tick() {
    const box = main.querySelector(".live-timer");
    if (!box || !state) return;
    const left = clock.left(state.timer_ends);
    box.querySelector(".live-timer-label").textContent = left > 0 ? t("live_time_left") : t("live_time_up");
    box.querySelector(".live-timer-value").textContent = left > 0 ? minutes(left) : "";
    box.classList.toggle("live-timer-low", left <= 10);
  }

  const weights = weightsCard();

  function weightsCard() {
    /* The stakeholder's weights, asked the session's way: a draft while they edit, queued like a
       vote (kept on the device, numbered) when they save. */
    const self = { draft: null, open: null };
    const SCALE = [9, 8, 7, 6, 5, 4, 3, 2, 1, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8, 1 / 9];

    function names() {
      const out = {};
      for (const c of state.weighting.criteria) out[c.id] = c.name;
      return out;
    }

    function start() {
      const w = state.weighting;
      const ids = w.criteria.map((c) => c.id);
      const queued = store.pending()[WEIGHTS];
      if (queued && queued.weights.method === w.method) return JSON.parse(JSON.stringify(queued.weights.value));
      const given = w.given === w.method ? w.value : null;
      if (w.method === "rank") return given ? [...given] : ids;
      if (w.method === "swing") {
        if (given) return { ...given };
        return Object.fromEntries(ids.map((id) => [id, 50]));
      }
      const out = {};
      for (const [a, b] of w.pairs) {
        const key = a + "/" + b;
        out[key] = given ? judged(given[key]) : 1;
      }
      return out;
    }

    function judged(value) {
      if (typeof value === "number") return value;
      const [top, bottom] = String(value).split("/");
      return bottom ? Number(top) / Number(bottom) : Number(top);
    }

    function nearest(value) {
      let best = 0;
      SCALE.forEach((step, i) => { if (Math.abs(Math.log(step / value)) < Math.abs(Math.log(SCALE[best] / value))) best = i; });
      return best;
    }

    function draft() {
      if (!self.draft) self.draft = start();
      return self.draft;
    }

    function save() {
      if (!state || !state.open || invalid) return;
      const value = draft();
      if (state.weighting.method === "swing" && !Object.values(value).some((v) => Number(v) > 0)) {
        message(t("live_weights_all_zero"));
        return;
      }
      const sent = state.weighting.method === "ahp"
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, v >= 1 ? v : "1/" + Math.round(1 / v)]))
        : value;
      store.put(WEIGHTS, null, store.next(highestN()));
      const data = store.pending();
      data[WEIGHTS].weights = { method: state.weighting.method, value: sent };
      store.replace(data);
      self.open = false;
      flush();
      render();
    }

    function rankList(order, label) {
      return h("ol", { class: "live-rank" }, order.map((id, i) => h("li", { class: "live-rank-row", "data-criterion": id },
        h("span", { class: "live-rank-pos", text: String(i + 1) }),
        h("span", { class: "live-rank-name", text: label[id] }),
        h("button", { type: "button", class: "live-rank-move", "data-key": WEIGHTS, "data-grade": "up:" + id,
          "aria-label": t("live_weights_up", { name: label[id] }), disabled: i === 0 || !state.open,
          onclick: () => { const o = draft(); [o[i - 1], o[i]] = [o[i], o[i - 1]]; render(); }, text: "▲" }),
        h("button", { type: "button", class: "live-rank-move", "data-key": WEIGHTS, "data-grade": "down:" + id,
          "aria-label": t("live_weights_down", { name: label[id] }), disabled: i === order.length - 1 || !state.open,
          onclick: () => { const o = draft(); [o[i + 1], o[i]] = [o[i], o[i + 1]]; render(); }, text: "▼" }))));
    }

    function swingList(points, label) {
      return h("div", { class: "live-swing" }, Object.keys(label).map((id) => {
        const value = Number(points[id]) || 0;
        const out = h("output", { class: "live-swing-value", text: t("live_weights_points", { n: value }) });
        return h("label", { class: "live-swing-row" },
          h("span", { class: "live-swing-name", text: label[id] }),
          h("input", { type: "range", min: "0", max: "100", step: "5", value: String(value), "data-criterion": id,
            disabled: !state.open, oninput: (event) => {
              draft()[id] = Number(event.target.value);
              out.textContent = t("live_weights_points", { n: event.target.value });
            } }),
          out);
      }));
    }

    function ahpList(judgements, label) {
      return h("div", { class: "live-ahp" }, state.weighting.pairs.map(([a, b]) => {
        const key = a + "/" + b;
        const options = SCALE.map((step, i) => {
          const text = step === 1 ? t("live_weights_equal")
            : t("live_weights_more", { name: label[step > 1 ? a : b], x: Math.round(step > 1 ? step : 1 / step) });
          return h("option", { value: String(i), text, selected: i === nearest(judgements[key]) });
        });
        return h("label", { class: "live-ahp-row" },
          h("span", { class: "live-ahp-pair", text: label[a] + " · " + label[b] }),
          h("select", { "data-pair": key, disabled: !state.open,
            onchange: (event) => { draft()[key] = SCALE[Number(event.target.value)]; } }, options));
      }));
    }

    function summary(label) {
      const w = state.weighting;
      const queued = store.pending()[WEIGHTS];
      if (queued) return h("span", { class: "live-queued", text: t("live_queued") });
      if (!w.percent) return h("span", { class: "live-weights-summary", text: t("live_weights_not_saved") });
      const list = w.criteria.map((c) => label[c.id] + " " + Math.round(w.percent[c.id]) + "%").join(" · ");
      return h("span", { class: "live-weights-summary live-weights-saved", text: t("live_weights_saved", { list }) });
    }

    self.card = () => {
      const w = state.weighting;
      const label = names();
      const given = w.given === w.method || Boolean(store.pending()[WEIGHTS]); // asked again another way: open
      const open = self.open === null ? !given : self.open;
      const help = { rank: "live_weights_rank_help", swing: "live_weights_swing_help", ahp: "live_weights_ahp_help" };
      const body = w.method === "rank" ? rankList(draft(), label)
        : w.method === "swing" ? swingList(draft(), label) : ahpList(draft(), label);
      return h("details", { class: "live-weights", open: open ? "" : null,
        ontoggle: (event) => { self.open = event.target.open; } },
        h("summary", { class: "live-weights-title" }, h("span", { text: t("live_weights_title") }), summary(label)),
        w.warning ? h("div", { class: "live-weights-warning", role: "status", text: w.warning }) : null,
        h("p", { class: "live-weights-help", text: t("live_weights_intro") + " " + t(help[w.method]) }),
        body,
        h("button", { type: "button", class: "live-weights-save", "data-key": WEIGHTS, "data-grade": "save",
          disabled: !state.open, onclick: save, text: t("live_weights_save") }));
    };
    return self;
  }

  function render() {
    const focused = document.activeElement;
    const focus = focused && focused.dataset ? [focused.dataset.key, focused.dataset.grade, focused.className] : null;
    const parts = [];
    if (invalid) {
      parts.push(h("div", { class: "live-state live-state-invalid", role: "alert", text: t("live_invalid_link") }));
    } else if (!state) {
      parts.push(h("div", { class: "live-state", text: t("live_loading") }));
    } else {
      const who = state.stakeholder || {};
      document.getElementById("live-who").textContent = [who.name, who.role].filter(Boolean).join(" · ");
      document.getElementById("live-client").textContent = state.client || state.engagement || "";
      if (!state.open) parts.push(h("div", { class: "live-state live-state-closed", role: "status", text: t("live_closed") }));
      parts.push(timer());
      if (state.weighting) parts.push(weights.card());
      if (state.pace === "facilitated") {
        if (state.items.length) parts.push(itemCard(state.items[0]));
        else if (state.open) parts.push(h("div", { class: "live-state live-waiting", role: "status", text: t("live_waiting") }));
      } else {
        const done = state.items.filter((item) => shown(item)).length;
        parts.push(h("div", { class: "live-progress", text: t("live_voted_of", { done, total: state.items.length }) }));
        parts.push(...state.items.map(itemCard));
      }
    }
    main.replaceChildren(...parts.filter(Boolean));
    tick();
    if (focus && focus[0]) {
      const again = [...main.querySelectorAll("button")].find((b) =>
        b.dataset.key === focus[0] && b.dataset.grade === focus[1] && (focus[1] || b.className === focus[2]));
      if (again) again.focus();
    }
  }

  function onState(data) {
    clock.set(data.now);
    if (state && data.version === state.version) return; // unchanged: keep the page as it is
    state = data;
    state.items = state.items || [];
    for (const item of state.items) {
      const queued = store.pending()[item.key];
      if (queued && Number(item.n) >= queued.n) store.done(item.key, Number(item.n));
    }
    const queuedWeights = store.pending()[WEIGHTS];
    if (queuedWeights && state.weighting && Number(state.weighting.n) >= queuedWeights.n) {
      store.done(WEIGHTS, Number(state.weighting.n));
    }
    render();
    flush();
  }

  function onRefused(status, data) {
    if (status === 403) {
      invalid = true;
      render();
      return true;
    }
    message(errorLine({ status, data }));
    return false;
  }

  const poller = longPoll("ballot", onState, onRefused);
  setInterval(tick, 250);
  onWake(() => { poller.kick(); flush(); });
  render();
  flush();
})();
