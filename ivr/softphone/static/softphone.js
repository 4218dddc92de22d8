// The browser softphone: a keypad in front of the softphone API. Keys of one entry stay in the
// page until the entry is complete (finish key, numDigits or timeout), as on a phone line, and
// the server never keeps them.
(function () {
  "use strict";

  const api = document.body.dataset.api;
  // The words the page fills in itself, in its language (the template's #words, from the softphone's
  // catalogue); {name} filled from `values`. Every other line comes from the server, already said.
  const words = JSON.parse(document.getElementById("words").textContent);
  const say = (key, values = {}) => words[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  const labels = JSON.parse(document.getElementById("labels").textContent);
  const named = (domain, code) => (labels[domain] || {})[code] || code;
  const $ = (id) => document.getElementById(id);
  const keypad = Array.from(document.querySelectorAll(".keypad button"));
  const synth = window.speechSynthesis || null;
  let call = null;      // the softphone call's id
  let waiting = null;   // the open <Gather>: {num_digits, finish_on_key, timeout}
  let typed = "";       // keys of the entry being typed
  let busy = false;
  let idleSince = Date.now();
  let queued = null;    // the queue this call waits in (or talks from), as the server keeps it
  let talking = false;  // an operator line connected to a queued caller
  let seen = 0;         // events shown so far, for polling what the other side caused

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body || {}),
    });
    return answer(response);
  }

  async function answer(response) {
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data.reason || data.error || response.statusText);
    return data;
  }

  function line(kind, text, language) {
    const item = document.createElement("li");
    item.className = kind;
    item.textContent = text;
    if (language) { item.lang = language; item.dataset.language = language; }
    $("transcript").appendChild(item);
    item.scrollIntoView({ block: "nearest" });
  }

  function speak(text, language) {
    if (!synth || !$("speak").checked) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = language;
    const voice = synth.getVoices().find((v) => v.lang.replace("_", "-").toLowerCase() === language.toLowerCase())
      || synth.getVoices().find((v) => v.lang.toLowerCase().startsWith(language.slice(0, 2).toLowerCase()));
    if (voice) utterance.voice = voice;
    synth.speak(utterance);
  }

  // The server masks keys and words (it never keeps them): this page shows what it sent itself.
  const CLASSES = { speech: "keys", enqueued: "queue", dequeued: "queue", connected: "queue", wait: "queue" };

  function render(events, sentKeys) {
    for (const event of events) {
      const kind = CLASSES[event.type] || event.type;
      if (event.type === "say") { line("say", event.text, event.language); speak(event.text, event.language); }
      else if (event.type === "keys" && sentKeys) line(kind, say("keys", { keys: sentKeys }));
      else if (event.type === "speech" && sentKeys) line(kind, say("speech", { words: sentKeys }));
      else if (event.type === "silence" && sentKeys) line(kind, say("page.pressed_waited", { keys: sentKeys }));
      else line(kind, event.line || event.type);
    }
  }

  function renderSms(messages) {
    const list = $("sms");
    list.replaceChildren();
    if (!messages.length) {
      const empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = say("page.none_yet");
      list.appendChild(empty);
    }
    for (const message of messages) {
      const item = document.createElement("li");
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = say("page.sms_line", {
        ...message, kind: named("sms_kind", message.kind), state: named("sms_state", message.state),
      });
      const body = document.createElement("span");
      body.className = "body";
      body.textContent = message.body;
      item.append(meta, body);
      list.appendChild(item);
    }
  }

  function describeWait() {
    if (!waiting) return "";
    const seconds = waiting.timeout;
    if (waiting.num_digits) return say("page.wait_digits", { count: waiting.num_digits, seconds });
    if (waiting.finish_on_key) return say("page.wait_keys_then", { key: waiting.finish_on_key, seconds });
    return say("page.wait_keys", { seconds });
  }

  function setState(status) {
    const inCall = call !== null;
    $("dial").disabled = inCall || busy;
    $("hangup").disabled = !inCall;
    $("silence").disabled = !waiting || busy;
    $("keep-waiting").disabled = !inCall || !queued || !!queued.bridged_to || busy;
    keypad.forEach((button) => { button.disabled = !waiting || busy; });
    $("said").disabled = $("say").disabled = !waiting || busy;
    $("said").title = waiting && !waiting.speech ? say("page.keys_only") : "";
    $("refresh-sms").disabled = !$("sms").dataset.call;
    $("display").textContent = typed;
    $("status").textContent = status !== undefined ? status : describeWait();
  }

  function apply(data, sentKeys) {
    render(data.events, sentKeys);
    renderSms(data.sms);
    $("sms").dataset.call = data.id;
    waiting = data.waiting;
    queued = data.queued;
    talking = data.talking;
    seen = data.count;
    idleSince = Date.now();
    if (data.ended) {
      call = null;
      waiting = null;
      setState(data.error ? say("page.call_ended_error") : say("page.call_ended"));
    } else {
      setState();
    }
  }

  async function run(task) {
    busy = true;
    setState("…");
    try {
      await task();
    } catch (error) {
      line("error", say("error", { problem: error.message }));
      if (call) await resync();
    } finally {
      busy = false;
      setState(call ? undefined : ($("status").textContent === "…" ? say("page.not_in_call") : $("status").textContent));
    }
  }

  // After a refused request (another tab moved the call on, the call ended), take the server's word.
  async function resync() {
    try {
      const data = await answer(await fetch(api + "/" + call));
      waiting = data.waiting;
      if (data.ended) { call = null; waiting = null; }
    } catch (error) {
      call = null;
      waiting = null;
    }
  }

  function dial() {
    $("transcript").replaceChildren();
    run(async () => {
      const data = await post(api, { from: $("from").value.trim(), line: $("line").value, engine: $("engine").value });
      call = data.id;
      apply(data);
    });
  }

  function submit() {
    if (!call || !waiting || busy) return;
    const keys = typed;
    typed = "";
    waiting = null;
    run(async () => apply(await post(api + "/" + call + "/keys", { keys: keys }), keys));
  }

  function press(key) {
    if (!waiting || busy) return;
    if (synth) synth.cancel();  // a key stops the prompt, as on a phone
    idleSince = Date.now();
    typed += key;
    const finished = waiting.finish_on_key && key === waiting.finish_on_key;
    const complete = waiting.num_digits && typed.length >= waiting.num_digits;
    if (finished || complete) submit(); else setState();
  }

  // A spoken turn: the words go to the hotline as Twilio's SpeechResult would.
  function sayWords(event) {
    event.preventDefault();
    const spoken = $("said").value.trim();
    if (!call || !waiting || busy || !spoken) return;
    if (synth) synth.cancel();
    $("said").value = "";
    typed = "";
    waiting = null;
    run(async () => apply(await post(api + "/" + call + "/speech", { words: spoken }), spoken));
  }

  function hangUp() {
    if (!call) return;
    if (synth) synth.cancel();
    const id = call;
    typed = "";
    waiting = null;
    run(async () => apply(await post(api + "/" + id + "/hangup")));
  }

  function keepWaiting() {
    if (!call || !queued) return;
    typed = "";
    waiting = null;
    run(async () => apply(await post(api + "/" + call + "/wait")));
  }

  // A queued caller is taken (or an operator's caller hangs up) in another tab: show what followed.
  async function poll() {
    if (!call || busy || !(queued || talking)) return;
    const data = await answer(await fetch(api + "/" + call + "?since=" + seen));
    if (data.events.length) apply(data);
  }

  async function refreshSms() {
    const id = $("sms").dataset.call;
    if (!id) return;
    const response = await fetch(api + "/" + id);
    renderSms((await answer(response)).sms);
  }

  // The timeout starts when the prompts have been spoken, and again after each key.
  setInterval(() => {
    if (!waiting || busy || !$("autotimeout").checked) return;
    if (synth && synth.speaking) { idleSince = Date.now(); return; }
    if (Date.now() - idleSince > waiting.timeout * 1000) submit();
  }, 250);

  $("dial").addEventListener("click", dial);
  $("hangup").addEventListener("click", hangUp);
  $("silence").addEventListener("click", submit);
  $("keep-waiting").addEventListener("click", keepWaiting);
  $("say-form").addEventListener("submit", sayWords);
  setInterval(() => poll().catch(() => {}), 2000);
  $("speak").addEventListener("change", () => { if (synth && !$("speak").checked) synth.cancel(); });
  $("refresh-sms").addEventListener("click", () => refreshSms().catch((e) => line("error", say("error", { problem: e.message }))));
  keypad.forEach((button) => button.addEventListener("click", () => press(button.dataset.key)));
  document.addEventListener("keydown", (event) => {
    if (event.target === $("from") || event.target === $("said")) return;
    if ("0123456789*#".includes(event.key) && event.key.length === 1) press(event.key);
    else if (event.key === "Enter" && waiting) submit();
    else if (event.key === "Escape") hangUp();
  });
  setState(say("page.not_in_call"));
})();
