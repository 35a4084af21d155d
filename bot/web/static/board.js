// The organizers' board: fetches the person's pages with Telegram's launch data and swaps them in.
// Every call carries `Authorization: tma <initData>`; the server decides everything else.
(() => {
  "use strict";

  const telegram = window.Telegram && window.Telegram.WebApp;
  const launch = new URLSearchParams(location.hash.slice(1));
  // Inside Telegram its script hands over the launch data; elsewhere (a test browser, a client
  // that did not load the script) it is in the address, as Telegram passes it.
  const initData = (telegram && telegram.initData) || launch.get("tgWebAppData") || "";

  const nav = document.getElementById("nav");
  const main = document.getElementById("page");
  const notice = document.getElementById("notice");
  const state = { page: "", pages: [], live: [], refresh: 5, view: {}, timer: 0, busy: false };

  function themeParams() {
    if (telegram && telegram.themeParams && Object.keys(telegram.themeParams).length) {
      return telegram.themeParams;
    }
    try {
      return JSON.parse(launch.get("tgWebAppThemeParams") || "{}");
    } catch (error) {
      return {};
    }
  }

  function applyTheme() {
    const root = document.documentElement.style;
    for (const [name, value] of Object.entries(themeParams())) {
      if (typeof value === "string" && /^#[0-9a-fA-F]{3,8}$/.test(value)) {
        root.setProperty("--tg-theme-" + name.replace(/_/g, "-"), value);
      }
    }
  }

  async function call(path, body) {
    const options = {
      method: body === undefined ? "GET" : "POST",
      headers: { Authorization: "tma " + initData },
      cache: "no-store",
      credentials: "omit",
    };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    if (response.status === 401) {
      showOutside();
      throw new Error("unauthorized");
    }
    let data = {};
    try {
      data = await response.json();
    } catch (error) {
      data = {};
    }
    if (!response.ok) {
      say(data.error || String(response.status), true);
      throw new Error(data.error || String(response.status));
    }
    return data;
  }

  function showOutside() {
    document.getElementById("waiting").hidden = true;
    document.getElementById("outside").hidden = false;
  }

  let noticeTimer = 0;
  function say(text, error) {
    notice.textContent = text;
    notice.classList.toggle("error", Boolean(error));
    notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { notice.hidden = true; }, error ? 8000 : 5000);
  }

  function query() {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(state.view)) {
      if (value) params.set(name, value);
    }
    const text = params.toString();
    return text ? "?" + text : "";
  }

  function render(data) {
    main.innerHTML = data.html;
    if (data.notice) say(data.notice, false);
  }

  async function show(page, view) {
    state.page = page;
    state.view = view || {};
    for (const button of nav.querySelectorAll("[data-page]")) {
      if (button.dataset.page === page) button.setAttribute("aria-current", "page");
      else button.removeAttribute("aria-current");
    }
    clearInterval(state.timer);
    render(await call("api/" + page + query()));
    if (state.live.includes(page)) {
      state.timer = setInterval(refresh, state.refresh * 1000);
    }
  }

  async function refresh() {
    if (state.busy || document.visibilityState === "hidden") return;
    try {
      const data = await call("api/" + state.page + query());
      if (!state.busy) render(data);
    } catch (error) {
      // Said already; the next refresh tries again.
    }
  }

  function chosenIds(button) {
    if (button.hasAttribute("data-bulk")) {
      return Array.from(main.querySelectorAll('input[name="pick"]:checked'), (box) => box.value);
    }
    return [button.dataset.id];
  }

  async function act(button) {
    const scope = button.closest("[data-scope]") || main;
    const body = { ids: chosenIds(button) };
    for (const field of scope.querySelectorAll("input[name]:not([type=checkbox]), select[name]")) {
      body[field.name] = field.value;
    }
    state.busy = true;
    button.disabled = true;
    try {
      render(await call("api/" + button.dataset.action + query(), body));
    } catch (error) {
      button.disabled = false;
    } finally {
      state.busy = false;
    }
  }

  async function showFile(button) {
    const response = await fetch("api/concerns/" + button.dataset.file + "/file", {
      headers: { Authorization: "tma " + initData },
      cache: "no-store",
      credentials: "omit",
    });
    if (!response.ok) {
      let data = {};
      try { data = await response.json(); } catch (error) { data = {}; }
      say(data.error || String(response.status), true);
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const media = document.createElement(button.dataset.kind === "voice" ? "audio" : "img");
    media.src = url;
    if (media.tagName === "AUDIO") {
      media.controls = true;
      media.autoplay = true;
    } else {
      media.alt = button.textContent;
    }
    button.replaceWith(media);
  }

  function leaveProjector() {
    document.body.classList.remove("projector");
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  }

  // Full screen leaves the projector view too (Esc); so does a tap on it.
  document.addEventListener("fullscreenchange", () => {
    if (!document.fullscreenElement) document.body.classList.remove("projector");
  });

  document.addEventListener("click", (event) => {
    if (document.body.classList.contains("projector")) {
      leaveProjector();
      return;
    }
    const target = event.target.closest("button");
    if (!target) return;
    if (target.dataset.page) {
      show(target.dataset.page).catch(() => {});
    } else if (target.dataset.action) {
      act(target);
    } else if (target.dataset.file) {
      showFile(target).catch(() => {});
    } else if (target.hasAttribute("data-projector")) {
      document.body.classList.add("projector");
      if (document.fullscreenEnabled) {
        document.documentElement.requestFullscreen().catch(() => {});
      }
    }
  });

  // The concerns' filters and the meeting picker: the page again, as chosen.
  document.addEventListener("submit", (event) => {
    const form = event.target.closest("[data-filters]");
    if (!form) return;
    event.preventDefault();
    show(state.page, Object.fromEntries(new FormData(form))).catch(() => {});
  });
  document.addEventListener("change", (event) => {
    const field = event.target;
    const form = field.closest("[data-filters]");
    if (form && field.tagName === "SELECT") {
      show(state.page, Object.fromEntries(new FormData(form))).catch(() => {});
    } else if (field.hasAttribute("data-view")) {
      show(state.page, { ...state.view, [field.name]: field.value }).catch(() => {});
    }
  });

  async function start() {
    applyTheme();
    if (telegram) {
      telegram.ready();
      telegram.expand();
      telegram.onEvent("themeChanged", applyTheme);
    }
    if (!initData) {
      showOutside();
      return;
    }
    const me = await call("api/me");
    document.documentElement.lang = me.lang;
    document.documentElement.dir = me.dir;
    document.title = me.title;
    nav.innerHTML = me.nav;
    state.pages = me.pages;
    state.live = me.live;
    state.refresh = me.refresh;
    const wanted = new URLSearchParams(location.search).get("page");
    await show(state.pages.includes(wanted) ? wanted : state.pages[0]);
  }

  start().catch(() => {});
})();
