/* SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plays the user in the end-to-end test (test-thunderbird.py): writes a
 * message to nobody@example.org and sends it through the test's SMTP
 * server (which refuses the recipient), then puts a bounce into the
 * Inbox and opens it, and clicks Todoke's "Check" button above it
 * (click-check.js); last, sends to jiro@example.org from a second
 * identity whose outgoing server refuses connections. Everything Todoke
 * does is up to Todoke's add-on.
 */

"use strict";

/* global messenger */

const sleep = ms => new Promise (resolve => setTimeout (resolve, ms));

function say (...words) {
  console.log ("todoke-test-driver:", ...words);
}

async function inboxOf (account) {
  const found = await messenger.folders.query ({ accountId: account.id, specialUse: ["inbox"] });
  const folders = Array.isArray (found) ? found : found.folders || [];
  if (folders.length)
    return folders[0];
  return messenger.folders.create (account.rootFolder.id, "Inbox");
}

async function sendFailing (identity, to) {
  const tab = await messenger.compose.beginNew ({
    identityId: identity.id,
    to: [to],
    subject: "Todoke end-to-end test",
    plainTextBody: "This message is refused by the test server.",
    isPlainText: true,
  });
  await sleep (1500);
  const result = await messenger.compose.sendMessage (tab.id, { mode: "sendNow" })
    .catch (e => ({ rejected: String (e) }));
  say ("sendMessage resolved with", JSON.stringify (result));
}

async function openBounce (account) {
  const response = await fetch (messenger.runtime.getURL ("bounce.eml"));
  const file = new File ([await response.arrayBuffer ()], "bounce.eml", { type: "message/rfc822" });
  const inbox = await inboxOf (account);
  const header = await messenger.messages.import (file, inbox.id);
  say ("bounce imported as", header.id);
  await messenger.messageDisplay.open ({ messageId: header.id, location: "window" });
}

/* Clicks Todoke's "Check" above the bounce once its panel is there. */
async function registerClicker () {
  const ids = ["todoke-test-click-check"];
  if ((await messenger.scripting.messageDisplay.getRegisteredScripts ({ ids })).length)
    return;
  await messenger.scripting.messageDisplay.registerScripts ([{
    id: "todoke-test-click-check",
    js: ["click-check.js"],
  }]);
}

async function main () {
  await registerClicker ();
  await sleep (6000);
  const accounts = await messenger.accounts.list ();
  const pop = accounts.find (a => a.type === "pop3");
  await sendFailing (pop.identities[0], "nobody@example.org");
  await sleep (8000);
  await openBounce (pop);
  /* The second identity's outgoing server refuses connections. */
  await sleep (15000);
  await sendFailing (pop.identities[1], "jiro@example.org");
}

main ().catch (e => say ("failed:", String (e)));
