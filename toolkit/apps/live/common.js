/* What the live workshop's three pages share: the texts, the addresses, requests, the connection
   banner, the long-poll loop and the clock. Every visible text comes from LIVE.t (the catalog). */
"use strict";

const LIVE = JSON.parse(document.getElementById("live-config").textContent);
const PARAMS = new URLSearchParams(location.search);
const TOKEN = PARAMS.get("k") || "";
// everything before /live/ in the page's own path: the server's root, behind a prefix or not
const BASE = (() => {
  const path = location.pathname;
  const at = path.indexOf("/live/");
  return at < 0 ? "/" : path.slice(0, at + 1);
})();
const API = BASE + "live/api/" + encodeURIComponent(LIVE.engagement) + "/";
const GRADES = ["must", "could", "wont"];

function t(key, fields) {
  const text = LIVE.t[key];
  if (text === undefined) {
    console.error("no text " + key);
    return key;
  }
  return fields ? text.replace(/\{(\w+)\}/g, (whole, name) => (name in fields ? String(fields[name]) : whole)) : text;
}

/* h("button", {class: "x", onclick: f, "aria-pressed": "true"}, child...): an element. */
function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name === "html") node.innerHTML = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

function cookie(name) {
  const found = document.cookie.split("; ").find((part) => part.startsWith(name + "="));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : null;
}

/* A short hash (cyrb53) as hex: names a token in localStorage without storing it there. */
function hashHex(text) {
  let a = 0xdeadbeef;
  let b = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return (b >>> 0).toString(16).padStart(8, "0") + (a >>> 0).toString(16).padStart(8, "0");
}

/* One API request: {status, data}; a network failure or a timeout throws. Participants send
   their token; the wall sends Jupyter's XSRF cookie back on its POSTs. */
async function call(method, path, body, options) {
  const { timeout = 15000, signal = null } = options || {};
  const headers = { Accept: "application/json" };
  if (TOKEN && (LIVE.kind !== "wall" || LIVE.readonly)) headers.Authorization = "Bearer " + TOKEN;
  if (LIVE.kind === "wall" && method !== "GET") {
    const xsrf = cookie("_xsrf");
    if (xsrf) headers["X-XSRFToken"] = xsrf;
  }
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeout);
  if (signal) signal.addEventListener("abort", () => abort.abort());
  try {
    // the server's one-line answers (errors, names, titles) in the page's language
    const address = API + path + (path.includes("?") ? "&" : "?") + "lang=" + encodeURIComponent(LIVE.lang);
    const response = await fetch(address, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: abort.signal,
      cache: "no-store",
      credentials: "same-origin",
    });
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
    return { status: response.status, data };
  } finally {
    clearTimeout(timer);
  }
}

function errorLine(result) {
  return (result.data && result.data.error) || t("live_failed", { status: result.status });
}

/* The "Reconnecting…" banner: shown on a network failure, hidden once a request succeeds. */
function connection(ok) {
  const banner = document.getElementById("live-reconnecting");
  if (banner) banner.hidden = ok;
}

function message(text) {
  const line = document.getElementById("live-message");
  if (line) {
    line.textContent = text || "";
    line.hidden = !text;
  }
}

function sleeper() {
  let wake = null;
  return {
    pause(ms) {
      return new Promise((done) => {
        const id = setTimeout(() => { wake = null; done(); }, ms);
        wake = () => { clearTimeout(id); wake = null; done(); };
      });
    },
    wake() { if (wake) wake(); },
  };
}

/* Long-poll `path` (`?after=<version>` once a state is known) for ever: onState(state) on every
   answer, onRefused(status, data) on a 4xx (return true to stop). A network failure or a 5xx
   shows the banner and retries with backoff up to 5 s; kick() asks again at once. */
function longPoll(path, onState, onRefused) {
  let version = null;
  let backoff = 0;
  let current = null;
  let kicked = false;
  let stopped = false;
  const sleep = sleeper();
  async function loop() {
    while (!stopped) {
      const asked = version;
      const query = asked === null ? "" : (path.includes("?") ? "&" : "?") + "after=" + encodeURIComponent(asked);
      current = new AbortController();
      const started = Date.now();
      let result = null;
      try {
        result = await call("GET", path + query, undefined, { timeout: asked === null ? 15000 : 35000, signal: current.signal });
      } catch (error) {
        result = null;
      }
      current = null;
      if (stopped) return;
      if (kicked) {
        kicked = false;
        continue;
      }
      if (result && result.status === 200 && result.data) {
        backoff = 0;
        connection(true);
        version = result.data.version;
        onState(result.data);
        // a server answering at once with an unchanged state must not make this loop spin
        if (asked !== null && version === asked && Date.now() - started < 1000) await sleep.pause(1000);
        continue;
      }
      if (result && result.status < 500) {
        connection(true);
        if (onRefused(result.status, result.data)) {
          stopped = true;
          return;
        }
      } else {
        connection(false);
      }
      backoff = Math.min(backoff ? backoff * 2 : 500, 5000);
      await sleep.pause(backoff);
    }
  }
  loop();
  return {
    kick() {
      if (stopped) return;
      version = null;
      backoff = 0;
      if (current) {
        kicked = true;
        current.abort();
      } else {
        sleep.wake();
      }
    },
    stop() {
      stopped = true;
      if (current) current.abort();
      sleep.wake();
    },
  };
}

/* The server's clock: `now` in a state corrects this device's clock for the timer. */
const clock = {
  offset: 0,
  set(now) { if (typeof now === "number") this.offset = now * 1000 - Date.now(); },
  left(ends) { return ends ? Math.max(0, Math.ceil((ends * 1000 - Date.now() - this.offset) / 1000)) : null; },
};

function minutes(seconds) {
  return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
}

/* The language links keep every parameter of the address (the token), changing `lang` only. */
function languageLinks() {
  for (const link of document.querySelectorAll("[data-lang]")) {
    const params = new URLSearchParams(location.search);
    params.set("lang", link.dataset.lang);
    link.href = "?" + params.toString();
  }
}

function gradeName(grade) {
  return grade ? t(grade) : t("live_no_vote");
}

function onWake(action) {
  document.addEventListener("visibilitychange", () => { if (!document.hidden) action(); });
  window.addEventListener("online", action);
  window.addEventListener("pageshow", (event) => { if (event.persisted) action(); });
}

languageLinks();
