/* SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Todoke in Thunderbird: a failed send opens a popup with the diagnosis
 * and the steps; a bounce, new or opened later, gets a panel above the
 * message. The host (common/host.js) classifies; this page only watches.
 */

"use strict";

/* global browser, messenger, TodokeDetect, TodokeHost, TodokeI18n */

const LOG_KEEP_MS = 5 * 60 * 1000;
const log = [];               /* recent todokeLog entries, oldest first */
const results = new Map ();   /* popup token → {diagnoses, lang} */
const bounces = new Map ();   /* message id → Promise of {diagnoses, lang} */
let nextToken = 1;

messenger.todokeLog.onError.addListener (entry => {
  const now = Date.now ();
  log.push (entry);
  while (log.length && (log.length > 50 || now - log[0].time > LOG_KEEP_MS))
    log.shift ();
});

async function notify (diagnoses) {
  if (!(await TodokeI18n.setting ("notifications", true)) || !diagnoses.length)
    return;
  const { t } = await TodokeI18n.translator ();
  const first = diagnoses[0];
  await browser.notifications.create ({
    type: "basic",
    title: t ("notificationTitle"),
    message: first.recipient ? `${first.title} — ${first.recipient}` : first.title,
  });
}

async function showPopup (result) {
  const token = String (nextToken++);
  results.set (token, result);
  await browser.windows.create ({
    url: browser.runtime.getURL (`popup/popup.html?result=${token}`),
    type: "popup",
    width: 560,
    height: 720,
  });
}

/* Entries logged since @since, waiting briefly if none arrived yet. */
async function entriesSince (since) {
  for (let i = 0; i < 10 && !log.some (e => e.time >= since); i++)
    await new Promise (resolve => setTimeout (resolve, 100));
  return log.filter (e => e.time >= since);
}

const composeStarted = new Map ();   /* compose tab id → time of the send */

messenger.compose.onBeforeSend.addListener (tab => {
  composeStarted.set (tab.id, Date.now () - 1000);
});

messenger.compose.onAfterSend.addListener (async (tab, sendInfo) => {
  if (!TodokeDetect.isSendFailure (sendInfo))
    return;
  const since = composeStarted.get (tab.id) || Date.now () - 60000;
  composeStarted.delete (tab.id);
  const failure = TodokeDetect.failureFromLog (await entriesSince (since), sendInfo);
  if (!failure.recipients.length) {
    const details = await messenger.compose.getComposeDetails (tab.id).catch (() => null);
    const all = details ? [].concat (details.to || [], details.cc || [], details.bcc || []) : [];
    if (all.length === 1)
      failure.recipients = TodokeDetect.addressesIn (String (all[0]));
  }
  if (!failure.text)
    return;
  const context = await sendContext (tab.id);
  const lang = await TodokeI18n.language ();
  const answer = await TodokeHost.call ("classify-reply", {
    text: failure.text, recipients: failure.recipients, server: context.server, locale: lang,
    client: "thunderbird",
  });
  await showPopup ({ diagnoses: await withChecks (answer.diagnoses), lang, ...context });
  await notify (answer.diagnoses);
});

/* The sender and the outgoing server of a compose tab, for the checks. */
async function sendContext (tabId) {
  const details = await messenger.compose.getComposeDetails (tabId).catch (() => null);
  if (!details || !details.identityId)
    return {};
  const identity = await messenger.identities.get (details.identityId).catch (() => null);
  const server = await messenger.todokeLog.getOutgoingServer (details.identityId).catch (() => null);
  return { sender: identity ? identity.email : undefined, server: server || undefined };
}

/* Adds to each diagnosis the checks the host can run for its reason. */
async function withChecks (diagnoses) {
  for (const d of diagnoses) {
    const answer = await TodokeHost.call ("checks", { reason: d.reason }).catch (() => ({ checks: [] }));
    d.checks = answer.checks;
  }
  return diagnoses;
}

async function runChecks (request, context) {
  const lang = await TodokeI18n.language ();
  const params = { reason: request.reason, locale: lang };
  for (const key of ["recipient", "sender", "server"]) {
    const value = key === "recipient" ? request.recipient : context[key];
    if (value)
      params[key] = value;
  }
  const answer = await TodokeHost.call ("diagnose", params);
  await TodokeHost.call ("notice", { event: "checks-run", detail: answer.findings.map (f => f.summary).join (" | ") });
  return answer.findings;
}

/* The whole message as base64: getRaw keeps message/delivery-status. */
async function rawBase64 (messageId) {
  const raw = await messenger.messages.getRaw (messageId, { data_format: "File" });
  const bytes = new Uint8Array (await raw.arrayBuffer ());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode.apply (null, bytes.subarray (i, i + 0x8000));
  return btoa (binary);
}

const PART = 1024 * 1024;
let nextUpload = 1;

/* Asks the host about a whole message; one over a megabyte goes in parts
 * (message-part), so the host holds it about once (PROTOCOL.md). */
async function classifyRaw (messageId, lang) {
  const raw = await rawBase64 (messageId);
  const params = { locale: lang, client: "thunderbird" };
  if (raw.length <= PART)
    return TodokeHost.call ("classify-message", { ...params, raw, encoding: "base64" });
  const upload = `m${nextUpload++}`;
  for (let i = 0; i < raw.length; i += PART)
    await TodokeHost.call ("message-part", { upload, data: raw.slice (i, i + PART) });
  return TodokeHost.call ("classify-message", { ...params, upload });
}

async function isBounce (header) {
  if (TodokeDetect.looksLikeBounce (header))
    return true;
  const full = await messenger.messages.getFull (header.id).catch (() => null);
  return Boolean (full) && /^multipart\/report/i.test (full.contentType || "");
}

/* Classifies a bounce once per message; null when it is not one. */
function classifyBounce (header) {
  if (!bounces.has (header.id)) {
    bounces.set (header.id, (async () => {
      if (!(await isBounce (header)))
        return null;
      const lang = await TodokeI18n.language ();
      const answer = await classifyRaw (header.id, lang);
      return answer.diagnoses.length ? { diagnoses: await withChecks (answer.diagnoses), lang } : null;
    }) ().catch (e => {
      console.error ("Todoke: cannot classify a message:", e);
      bounces.delete (header.id);
      return null;
    }));
  }
  return bounces.get (header.id);
}

async function* listMessages (list) {
  for (let page = list; page; page = page.id ? await messenger.messages.continueList (page.id) : null) {
    for (const header of page.messages)
      yield header;
  }
}

messenger.messages.onNewMailReceived.addListener (async (folder, messageList) => {
  for await (const header of listMessages (messageList)) {
    const result = await classifyBounce (header);
    if (result)
      await notify (result.diagnoses);
  }
}, true);

messenger.messageDisplay.onMessagesDisplayed.addListener (async (tab, displayed) => {
  const messages = Array.isArray (displayed) ? displayed : displayed.messages;
  if (messages.length === 1)
    classifyBounce (messages[0]);
});

async function panelData (tabId) {
  const displayed = await messenger.messageDisplay.getDisplayedMessages (tabId);
  const messages = Array.isArray (displayed) ? displayed : displayed.messages;
  if (messages.length !== 1)
    return null;
  const result = await classifyBounce (messages[0]);
  if (!result)
    return null;
  const { t } = await TodokeI18n.translator ();
  return { ...result, strings: labels (t) };
}

function labels (t) {
  const keys = ["panelHeading", "recipientLabel", "stepsHeading", "serverWordsHeading",
                "ownerHeading", "retryYes", "retryNo", "hardLabel", "softLabel",
                "owner_sender", "owner_sender_admin", "owner_recipient",
                "owner_recipient_admin", "owner_network", "owner_nobody", "owner_unknown",
                "checkButton", "checkRunning", "checkFailed", "suggestionLabel",
                "status_ok", "status_problem", "status_warning", "status_not_checked"];
  return Object.fromEntries (keys.map (k => [k, t (k)]));
}

browser.runtime.onMessage.addListener ((message, sender) => {
  switch (message && message.kind) {
  case "popup-data":
    return TodokeI18n.translator ().then (({ t }) => ({ ...results.get (message.token), strings: labels (t) }));
  case "panel-data":
    return panelData (sender.tab.id);
  case "diagnose":
    return runChecks (message, message.token ? results.get (message.token) || {} : {});
  case "shown":
    return TodokeHost.call ("notice", { event: message.event, detail: message.detail });
  default:
    return undefined;
  }
});

/* The panel's script goes into every displayed message (Thunderbird 128+,
 * Manifest V3); registered once, it survives the background's restarts. */
async function registerPanel () {
  const registered = await messenger.scripting.messageDisplay.getRegisteredScripts ({ ids: ["todoke-panel"] });
  if (registered.length)
    return;
  await messenger.scripting.messageDisplay.registerScripts ([{
    id: "todoke-panel",
    css: ["common/todoke.css", "panel/panel.css"],
    js: ["common/render.js", "panel/panel.js"],
  }]);
}

registerPanel ().catch (e => console.error ("Todoke: cannot register the panel:", e));
