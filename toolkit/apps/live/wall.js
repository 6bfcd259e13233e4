/* The wall the consultant projects: the current requirement as the room votes, the controls
   (POST control), the list of requirements with their agreement and final grade, the summary,
   the participants and the join links. It relies on the consultant's login (cookie, XSRF). */
"use strict";

(() => {
  const main = document.getElementById("live-main");
  const RANK = { contested: 0, low: 1, medium: 2, high: 3 };
  const TIMERS = [30, 60, 120];
  const joinKey = "crm-live-wall-join:" + LIVE.engagement;
  let state = null;
  let links = null;
  let contestedFirst = false;
  let joinOpen = localStorage.getItem(joinKey) !== "closed";

  const region = (name, tag) => h(tag || "div", { class: "wall-" + name });
  const toolbar = region("toolbar");
  const join = region("join", "section");
  const current = region("current", "section");
  const side = region("side", "aside");
  const list = region("list", "section");
  main.replaceChildren(h("div", { class: "live-state", text: t("live_loading") }));

  async function control(body) {
    let result = null;
    try {
      result = await call("POST", "control", body);
    } catch (error) {
      connection(false);
      message(t("live_reconnecting"));
      return false;
    }
    connection(true);
    if (result.status !== 200) {
      message(errorLine(result));
      return false;
    }
    message("");
    poller.kick();
    return true;
  }

  function button(text, props, onclick) {
    return h("button", Object.assign({ type: "button", class: "wall-button", onclick }, props || {}), text);
  }

  function badge(agreement) {
    if (!agreement || !agreement.level) return null;
    const share = Math.round((Number(agreement.share) || 0) * 100);
    return h("span", { class: "live-badge live-badge-" + agreement.level,
      text: t("live_level_" + agreement.level) + " · " + share + "%" });
  }

  /* A requirement by its id (R05), an integration by its name (its key is integration:SYSTEM). */
  function shortName(key) {
    if (!key.startsWith("integration:")) return key;
    const item = ((state && state.items) || []).find((i) => i.key === key);
    return (item && item.title) || key;
  }

  function voteCount(item) {
    if (typeof item.voted === "number") return item.voted;
    if (item.voters) return item.voters.length;
    if (item.counts) return GRADES.reduce((sum, grade) => sum + (Number(item.counts[grade]) || 0), 0);
    return item.votes ? item.votes.length : 0;
  }

  function person(p) {
    return [p.name, p.role].filter(Boolean).join(" · ") || p.id;
  }

  // --- the toolbar and the join panel --------------------------------------------------------
  function drawToolbar() {
    const modes = [];
    if (!state.open) modes.push(h("span", { class: "wall-chip wall-chip-closed", text: t("live_session_closed") }));
    if (state.pace !== "facilitated") modes.push(h("span", { class: "wall-chip", text: t("live_own_pace") }));
    if (state.blind) modes.push(h("span", { class: "wall-chip", text: t("live_blind") }));
    if (state.anonymous) modes.push(h("span", { class: "wall-chip", text: t("live_anonymous") }));
    toolbar.replaceChildren(
      button([joinOpen ? "▾ " : "▸ ", t("live_join")], { class: "wall-button wall-join-toggle",
        "aria-expanded": String(joinOpen), "aria-controls": "wall-join" }, () => {
        joinOpen = !joinOpen;
        localStorage.setItem(joinKey, joinOpen ? "open" : "closed");
        drawToolbar();
        drawJoin();
      }),
      h("div", { class: "wall-modes" }, modes),
      button(t("live_close_session"), { class: "wall-button wall-close", disabled: !state.open }, () => {
        if (confirm(t("live_close_confirm"))) control({ action: "close" });
      }));
  }

  function drawJoin() {
    join.id = "wall-join";
    join.hidden = !joinOpen;
    if (!links) {
      join.replaceChildren(h("div", { class: "live-state", text: t("live_loading") }));
      return;
    }
    const room = links.room || {};
    join.replaceChildren(
      h("div", { class: "wall-room" },
        h("div", { class: "live-qr wall-room-qr", html: room.qr || "" }),
        h("div", { class: "wall-room-text" },
          h("div", { class: "wall-room-caption", text: t("live_room_link") }),
          h("a", { class: "wall-url", href: room.url, target: "_blank", rel: "noopener", text: room.url || "" }),
          links.spectators ? h("div", { class: "wall-spectators" },
            h("span", { class: "wall-room-caption", text: t("live_spectators_link") }), " ",
            h("a", { class: "wall-url wall-spectators-url", href: links.spectators.url, target: "_blank", rel: "noopener",
              text: links.spectators.url })) : null)),
      h("div", { class: "wall-people-links" },
        h("h2", { class: "wall-heading", text: t("live_personal_links") }),
        h("div", { class: "wall-cards" }, (links.stakeholders || []).map((p) => h("div", { class: "wall-card", "data-id": p.id },
          h("div", { class: "live-qr wall-card-qr", html: p.qr || "" }),
          h("div", { class: "wall-card-text" },
            h("div", { class: "wall-card-name", text: person(p) }),
            h("a", { class: "wall-url wall-card-url", href: p.url, target: "_blank", rel: "noopener", text: p.url || "" }),
            button(t("live_revoke"), { class: "wall-button wall-revoke", "data-id": p.id }, async () => {
              if (!confirm(t("live_revoke_confirm", { name: person(p) }))) return;
              if (await control({ action: "revoke", stakeholder: p.id })) loadLinks();
            })))))));
  }

  async function loadLinks() {
    const base = location.origin + BASE.replace(/\/$/, "");
    let result = null;
    try {
      result = await call("GET", "links?base=" + encodeURIComponent(base));
    } catch (error) {
      connection(false);
      setTimeout(loadLinks, 5000);
      return;
    }
    if (result.status === 200 && result.data) links = result.data;
    else message(errorLine(result));
    drawJoin();
  }

  // --- the current requirement ----------------------------------------------------------------
  function bars(item) {
    const total = Math.max(1, voteCount(item));
    return h("div", { class: "wall-bars" }, GRADES.map((grade) => {
      const n = Number(item.counts[grade]) || 0;
      const names = !state.anonymous && item.votes ? item.votes.filter((v) => v.grade === grade).map((v) => v.who) : [];
      return h("div", { class: "wall-bar-row wall-bar-" + grade, "data-grade": grade },
        h("span", { class: "wall-bar-label", text: t(grade) }),
        h("span", { class: "wall-bar-track" }, h("span", { class: "wall-bar-fill", style: "width:" + (100 * n) / total + "%" })),
        h("span", { class: "wall-bar-count", text: String(n) }),
        names.length ? h("span", { class: "wall-bar-names", text: names.join(", ") }) : null);
    }));
  }

  function drawCurrent() {
    const items = state.items;
    const at = items.findIndex((item) => item.key === state.current);
    const item = at >= 0 ? items[at] : null;
    const joined = state.participants.filter((p) => p.joined);
    const left = clock.left(state.timer_ends);
    const parts = [];
    if (!item) {
      parts.push(h("div", { class: "live-state", text: t(LIVE.readonly ? "live_waiting" : "live_no_current") }));
    } else {
      parts.push(h("div", { class: "wall-current-head" },
        h("span", { class: "wall-current-key", text: [item.key, item.section].filter(Boolean).join(" · ") }),
        badge(item.agreement)));
      parts.push(h("h2", { class: "wall-current-title", text: item.title }));
      parts.push(h("div", { class: "wall-voted", text: t("live_voted_of", { done: voteCount(item), total: joined.length || state.participants.length }) }));
      if (!state.anonymous) {
        parts.push(h("div", { class: "wall-voters" }, joined.map((p) => h("span", {
          class: "wall-voter" + (p.voted_current ? " wall-voter-done" : ""),
        }, h("span", { class: "wall-voter-mark", "aria-hidden": "true", text: p.voted_current ? "✓" : "…" }), person(p)))));
      }
      if (item.counts) parts.push(bars(item));
    }
    const go = (step) => {
      const next = at < 0 ? items[0] : items[at + step];
      if (next) control({ action: "current", key: next.key });
    };
    parts.push(h("div", { class: "wall-controls" },
      button(["◀ ", t("live_previous")], { class: "wall-button wall-prev", disabled: !state.open || at <= 0 }, () => go(-1)),
      button([t("live_next"), " ▶"], { class: "wall-button wall-next wall-primary", disabled: !state.open || at >= items.length - 1 }, () => go(1)),
      button(t("live_reveal"), { class: "wall-button wall-reveal", disabled: !item || item.revealed || !state.open },
        () => control({ action: "reveal", key: item.key })),
      button(t("live_reveal_all"), { class: "wall-button wall-reveal-all", disabled: !state.open },
        () => control({ action: "reveal", key: "all" })),
      button([h("span", { class: "wall-switch", "aria-hidden": "true" }), t("live_auto_reveal")], {
        class: "wall-button wall-auto" + (state.auto_reveal ? " wall-on" : ""), "aria-pressed": String(!!state.auto_reveal),
        disabled: !state.open }, () => control({ action: "auto_reveal", on: !state.auto_reveal }))));
    parts.push(h("div", { class: "wall-timer-row" },
      h("span", { class: "wall-timer-label", text: t("live_timer") }),
      TIMERS.map((seconds) => button(t("live_seconds", { n: seconds }), { class: "wall-button wall-timer-start", disabled: !state.open },
        () => control({ action: "timer", seconds }))),
      button(t("live_stop"), { class: "wall-button wall-timer-stop", disabled: !state.timer_ends }, () => control({ action: "timer", seconds: null })),
      left === null ? null : h("span", { class: "wall-timer-value" + (left <= 10 ? " wall-timer-low" : ""), role: "timer" })));
    current.replaceChildren(...parts);
    tick();
  }

  function tick() {
    const value = current.querySelector(".wall-timer-value");
    if (!value || !state) return;
    const left = clock.left(state.timer_ends);
    value.textContent = left > 0 ? minutes(left) : t("live_time_up");
    value.classList.toggle("wall-timer-low", left <= 10);
  }

  // --- participants, summary, the list ----------------------------------------------------------
  function drawSide() {
    const status = (p) => (p.online ? "online" : p.joined ? "offline" : "not_joined");
    const words = { online: t("live_online"), offline: t("live_offline"), not_joined: t("live_not_joined") };
    const legend = Object.entries(words).map(([s, word]) =>
      h("span", { class: "wall-legend" }, h("span", { class: "wall-dot wall-dot-" + s, "aria-hidden": "true" }), word));
    side.replaceChildren(
      h("h2", { class: "wall-heading", text: t("live_participants") }),
      h("ul", { class: "wall-participants" }, state.participants.map((p) => h("li", { "data-id": p.id, title: words[status(p)] },
        h("span", { class: "wall-dot wall-dot-" + status(p), "aria-hidden": "true" }),
        h("span", { class: "wall-participant-name", text: person(p) }),
        p.weighted ? h("span", { class: "wall-weighted", title: t("live_weighted"), text: "⚖" }) : null,
        p.weighted ? h("span", { class: "live-sr", text: t("live_weighted") }) : null,
        h("span", { class: "live-sr", text: words[status(p)] })))),
      h("div", { class: "wall-legends" }, legend),
      h("h2", { class: "wall-heading", text: t("live_summary") }),
      h("div", { class: "wall-summary" }, GRADES.map((grade) => {
        const keys = (state.summary && state.summary[grade]) || [];
        return h("div", { class: "wall-summary-col wall-summary-" + grade },
          h("div", { class: "wall-summary-head" }, h("span", { text: t(grade) }), h("span", { text: String(keys.length) })),
          keys.length ? keys.map((key) => h("div", { class: "wall-summary-item", text: shortName(key) }))
            : h("div", { class: "wall-summary-none", text: t("live_none") }));
      })));
  }

  function ordered() {
    const rows = state.items.map((item, index) => ({ item, index }));
    if (!contestedFirst) return rows;
    const rank = (item) => (item.agreement && item.agreement.level in RANK ? RANK[item.agreement.level] : 4);
    return rows.sort((a, b) => rank(a.item) - rank(b.item)
      || (a.item.agreement && b.item.agreement ? (a.item.agreement.share - b.item.agreement.share)
        || (b.item.agreement.votes - a.item.agreement.votes) : 0)
      || a.index - b.index);
  }

  function finalSelect(item) {
    if (LIVE.readonly) return h("span", { class: "wall-final-text", text: item.final ? t(item.final) : t("live_final_none") });
    const select = h("select", { class: "wall-final", "data-key": item.key, "aria-label": t("live_final") + " " + item.key,
      onchange: (event) => control({ action: "final", key: item.key, grade: event.target.value || null }) },
    h("option", { value: "", text: t("live_final_none") }),
    GRADES.map((grade) => h("option", { value: grade, text: t(grade) })));
    select.value = item.final || "";
    return select;
  }

  function drawList() {
    const order = (on, key) => button(t(key), { class: "wall-button wall-order" + (on === contestedFirst ? " wall-on" : ""),
      "aria-pressed": String(on === contestedFirst), "data-order": on ? "contested" : "file" }, () => {
      contestedFirst = on;
      drawList();
    });
    const head = ["", t("live_requirements"), t("live_votes"), t("live_status"), t("live_agreement"), t("live_final"), ""];
    list.replaceChildren(
      h("div", { class: "wall-list-head" }, h("h2", { class: "wall-heading", text: t("live_requirements") }),
        h("div", { class: "wall-orders", role: "group" }, order(false, "live_order_file"), order(true, "live_order_contested"))),
      h("table", { class: "crm-table wall-table" },
        h("thead", {}, h("tr", {}, head.map((text) => h("th", { text })))),
        h("tbody", {}, ordered().map(({ item }) => h("tr", { "data-key": item.key, class: item.key === state.current ? "wall-row-current" : "" },
          h("td", { class: "wall-key", text: item.key }),
          h("td", {}, h("div", { text: item.title }), item.section ? h("div", { class: "wall-section", text: item.section }) : null),
          h("td", { class: "num", text: String(voteCount(item)) }),
          h("td", { text: item.revealed ? t("live_revealed") : t("live_hidden") }),
          h("td", {}, badge(item.agreement)),
          h("td", {}, finalSelect(item)),
          h("td", {}, button(t("live_show"), { class: "wall-button wall-show", disabled: !state.open || item.key === state.current },
            () => control({ action: "current", key: item.key }))))))));
  }

  function draw() {
    if (!main.contains(toolbar)) {
      main.replaceChildren(toolbar, join, h("div", { class: "wall-grid" }, h("div", { class: "wall-left" }, current, list), side));
      drawJoin();
    }
    const focused = document.activeElement;
    const keep = focused && focused.tagName === "SELECT" && focused.dataset.key;
    drawToolbar();
    drawCurrent();
    drawSide();
    if (!keep) drawList(); // never redraw a selector the consultant is choosing in
  }

  function onState(data) {
    clock.set(data.now);
    if (state && data.version === state.version) return; // unchanged: keep the page as it is
    state = data;
    state.items = state.items || [];
    state.participants = state.participants || [];
    const client = document.getElementById("live-client");
    if (data.client) client.textContent = data.client;
    draw();
  }

  const poller = longPoll("wall", onState, (status, data) => {
    message(errorLine({ status, data }));
    return status === 403 || status === 404;
  });
  document.addEventListener("keydown", (event) => {
    if (!state || event.altKey || event.ctrlKey || event.metaKey || /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName)) return;
    const step = { ArrowRight: ".wall-next", ArrowLeft: ".wall-prev" }[event.key];
    const target = step && current.querySelector(step);
    if (target && !target.disabled) target.click();
  });
  setInterval(tick, 250);
  onWake(() => poller.kick());
  if (!LIVE.readonly) loadLinks(); // the join links are the consultant's; spectators only watch
})();
