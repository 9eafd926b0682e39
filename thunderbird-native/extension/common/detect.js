/* SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What counts as a failed send and as a bounce (DESIGN §4).
 */

"use strict";

var TodokeDetect = {
  /* Senders of delivery reports. */
  bounceSenders: /mailer-daemon|postmaster|mail delivery (subsystem|system)|mail administrator|mailadmin/i,

  /* Subjects of delivery reports, English and Japanese. */
  bounceSubjects: [
    /undeliver(ed|able)/i,
    /delivery (status notification|failure|has failed|problem)/i,
    /returned mail/i,
    /mail delivery failed/i,
    /failure notice/i,
    /non-?delivery/i,
    /could not be delivered/i,
    /配信(不能|失敗|エラー|されませんでした)/,
    /配送(不能|失敗|エラー)/,
    /送信(エラー|失敗)/,
    /未配達|不達|宛先不明|エラーメール/,
  ],

  looksLikeBounce (header) {
    const author = header.author || "";
    const subject = header.subject || "";
    return this.bounceSenders.test (author) || this.bounceSubjects.some (re => re.test (subject));
  },

  /* compose.onAfterSend says nothing of a failure in Thunderbird 153: a
   * "sendNow" without a Message-ID is one; a future "error" is one too. */
  isSendFailure (sendInfo) {
    return Boolean (sendInfo) && sendInfo.mode === "sendNow" &&
           (Boolean (sendInfo.error) || !sendInfo.headerMessageId);
  },

  /* The addresses an alert text names, e.g. "…recipient "x@example.org"…". */
  addressesIn (text) {
    const found = (text || "").match (/[^\s"'<>(),;:]+@[^\s"'<>(),;:]+\.[^\s"'<>(),;:.]+/g) || [];
    return [...new Set (found)];
  },

  /* From the log entries of one send (oldest first): the text to classify
   * (the server's reply if logged, else the alert) and the recipients the
   * alert names. */
  failureFromLog (entries, sendInfo) {
    const replies = entries.filter (e => e.prefix.startsWith ("mailnews.smtp") && /Command failed/i.test (e.text));
    const alerts = entries.filter (e => e.prefix.startsWith ("mailnews.send"));
    const alert = alerts.length ? alerts[alerts.length - 1].text : "";
    const reply = replies.length ? replies[replies.length - 1].text : "";
    const text = reply || alert || (sendInfo && sendInfo.error) || "";
    return { text: text.slice (0, 60000), recipients: this.addressesIn (alert) };
  },
};
