/* The ballot: one stakeholder grades requirements must / could / won't from a phone.
   A vote shows at once, is kept in localStorage until the server acknowledges it (the latest per
   requirement), and is numbered `n`, increasing across reloads, so a retry never undoes a later vote. */
"use strict";

(() => {
  const main = document.getElementById("live-main");
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
    return state ? Math.max(0, ...state.items.map((item) => Number(item.n) || 0)) : 0;
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
      result = await call("POST", "vote", { key, grade: queued.grade, n: queued.n });
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
    if (result.status === 200 && result.data) {
      const item = state && state.items.find((one) => one.key === key);
      if (item) {
        item.vote = result.data.vote === undefined ? queued.grade : result.data.vote;
        if (result.data.n !== undefined) item.n = result.data.n;
      }
    } else if (result.status === 403) {
      refuse();
      return;
    } else if (result.status === 409) {
      if (state) state.open = false;
    } else {
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
