/* The room link's page: a participant taps their name once, then their own ballot opens. */
"use strict";

(() => {
  const main = document.getElementById("live-main");
  let people = null;
  let invalid = false;
  let busy = false;
  let backoff = 0;

  function ballotAddress(address) {
    const url = /^https?:/.test(address) ? new URL(address) : new URL(BASE + address.replace(/^\/+/, ""), location.origin);
    if (!url.searchParams.has("lang")) url.searchParams.set("lang", LIVE.lang);
    return url.toString();
  }

  async function join(person) {
    if (busy) return;
    busy = true;
    message("");
    render();
    let result = null;
    try {
      result = await call("POST", "join", { stakeholder: person.id });
    } catch (error) {
      result = null;
    }
    busy = false;
    if (!result || result.status >= 500) {
      connection(false);
      render();
      return;
    }
    connection(true);
    if (result.status === 200 && result.data && result.data.ballot) {
      location.assign(ballotAddress(result.data.ballot));
      return;
    }
    if (result.status === 403) invalid = true;
    else if (result.status === 409) message(t("live_room_taken_now"));
    else message(errorLine(result));
    load();
  }

  function render() {
    const parts = [];
    if (invalid) {
      parts.push(h("div", { class: "live-state live-state-invalid", role: "alert", text: t("live_invalid_link") }));
    } else if (people === null) {
      parts.push(h("div", { class: "live-state", text: t("live_loading") }));
    } else if (!people.length) {
      parts.push(h("div", { class: "live-state", text: t("live_room_none") }));
    } else {
      parts.push(h("p", { class: "live-room-intro", text: t("live_room_pick") }));
      parts.push(h("div", { class: "live-names" }, people.map((person) => h("button", {
        type: "button",
        class: "live-name" + (person.taken ? " live-name-taken" : ""),
        "data-id": person.id,
        disabled: person.taken || busy,
        onclick: () => join(person),
      },
      h("span", { class: "live-name-who", text: person.name || person.id }),
      person.role ? h("span", { class: "live-name-role", text: person.role }) : null,
      person.taken ? h("span", { class: "live-name-taken-note", text: t("live_room_taken") }) : null))));
    }
    main.replaceChildren(...parts);
  }

  async function load() {
    let result = null;
    try {
      result = await call("GET", "room");
    } catch (error) {
      result = null;
    }
    if (!result || result.status >= 500) {
      connection(false);
      backoff = Math.min(backoff ? backoff * 2 : 500, 5000);
      setTimeout(load, backoff);
      return;
    }
    backoff = 0;
    connection(true);
    if (result.status === 200 && result.data) people = result.data.stakeholders || [];
    else if (result.status === 403) invalid = true;
    else message(errorLine(result));
    render();
  }

  onWake(() => { if (!invalid) load(); });
  render();
  load();
})();
