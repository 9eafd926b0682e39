/* test-classifier.c: what the shipped rules decide, case by case
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "todoke-rule-set-private.h"
#include "todoke-test-utils.h"

typedef enum
{
  REPLY,    /* a reply the user's own client got while sending */
  CLIENT,   /* a client error name, input = name, extra = server */
  BOUNCE,   /* a DSN carrying input as Diagnostic-Code; extra = SMTP stage */
} Kind;

typedef struct
{
  Kind        kind;
  const char *input;
  const char *extra;
  const char *status;     /* BOUNCE: the DSN's Status field; NULL leaves it out */
  const char *recipient;
  const char *expected;   /* the guide id: the refinement if any, else the reason */
} Case;

/* The codes the seed article walks through, as a mail client receives
 * them from its submission server (issue: classifier core, item 5). */
static const Case seed_cases[] = {
  { REPLY, "550 Host unknown", NULL, NULL, "taro@no-such-domain.example", "hostunknown" },
  { REPLY, "550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown in local recipient table", NULL, NULL, "taro@example.jp", "userunknown" },
  { REPLY, "551 User not local; please try <taro@example.org>", NULL, NULL, "taro@example.jp", "hasmoved" },
  { REPLY, "552 5.2.2 <taro@example.jp>: Mailbox full", NULL, NULL, "taro@example.jp", "mailboxfull" },
  { REPLY, "552 5.3.4 Message size exceeds fixed limit", NULL, NULL, NULL, "send_message_too_big" },
  { REPLY, "553 5.7.1 <me@example.jp>: Sender address rejected: not owned by user me@example.jp", NULL, NULL, NULL, "send_sender_rejected" },
  { REPLY, "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)", NULL, NULL, NULL, "send_auth_required" },
  { REPLY, "554 Service unavailable", NULL, NULL, NULL, "systemerror" },
  { REPLY, "554 Transaction failed", NULL, NULL, NULL, "systemerror" },
  { REPLY, "421 4.4.5 Server busy, try again later.", NULL, NULL, NULL, "send_server_temporary" },
  { REPLY, "421 4.7.0 Try again later, closing connection.", NULL, NULL, NULL, "send_server_temporary" },
  { REPLY, "451 4.3.0 Mail server temporarily rejected message.", NULL, NULL, NULL, "send_server_temporary" },
  { REPLY, "550-5.4.5 Daily user sending limit exceeded. For more information on Gmail\r\n"
           "550-5.4.5 sending limits go to\r\n"
           "550 5.4.5  https://support.google.com/a/answer/166852 - gsmtp", NULL, NULL, NULL, "send_quota_exceeded" },
  { REPLY, "421 RP-001 (BAY004-MC1F41) Unfortunately, some messages from 192.0.2.1 weren't sent. "
           "Please try again. We have limits for how many messages can be sent per hour and per day.", NULL, NULL, NULL, "rate_limited_sender" },
  { REPLY, "421 RP-002 (COL004-MC1F6) Unfortunately, some messages from 192.0.2.1 weren't sent. "
           "Please try again. We have limits for how many messages can be sent per hour and per day.", NULL, NULL, NULL, "rate_limited_sender" },
  { REPLY, "421 RP-003 (BAY004-MC1F41) Unfortunately, some messages from 192.0.2.1 weren't sent. "
           "Please try again. We have limits for how many messages can be sent per hour and per day.", NULL, NULL, NULL, "toomanyconn" },
  { REPLY, "550 SC-001 (BAY004-MC1F41) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact "
           "your Internet service provider since part of their network is on our block list.", NULL, NULL, NULL, "blocked" },
};

/* Failures before any reply, and Thunderbird's own words for them. */
static const Case client_cases[] = {
  { CLIENT, "ECONNREFUSED", "smtp.example.com:25", NULL, NULL, "send_port_blocked" },
  { CLIENT, "smtpSendTimeout", "mail.example.net:25", NULL, NULL, "send_port_blocked" },
  { CLIENT, "bad-certificate", "127.0.0.1:587", NULL, NULL, "send_av_proxy_interference" },
  { CLIENT, "ENETUNREACH", "smtp.example.com:587", NULL, NULL, "send_offline" },
  { CLIENT, "smtpSendFailedUnknownServer", "smtp.exmaple.com", NULL, NULL, "send_dns_failure" },
  { CLIENT, "EAI_AGAIN", "smtp.example.com:587", NULL, NULL, "send_dns_failure" },
  { CLIENT, "connection-refused", "smtp.example.com:587", NULL, NULL, "send_connection_refused" },
  { CLIENT, "0x8004210B", "smtp.example.com:587", NULL, NULL, "send_timeout" },
  { CLIENT, "smtpSendInterrupted", "smtp.example.com:465", NULL, NULL, "send_connection_dropped" },
  { CLIENT, "SEC_ERROR_UNKNOWN_ISSUER", "smtp.example.com:465", NULL, NULL, "send_tls_certificate" },
  { CLIENT, "startTlsFailed", "smtp.example.com:587", NULL, NULL, "send_tls_mode_mismatch" },
  { CLIENT, "0x800CCC7C", "smtp.example.com:587", NULL, NULL, "send_starttls_required" },
  { CLIENT, "smtpAuthFailure", "smtp.example.com:587", NULL, NULL, "send_auth_failed" },
  { CLIENT, "smtpHintAuthPlainToEncrypt", "smtp.example.com:587", NULL, NULL, "send_auth_mechanism" },
  { CLIENT, "smtpPermSizeExceeded2", "smtp.example.com:587", NULL, NULL, "send_message_too_big" },
  { CLIENT, "smtpTooManyRecipients", "smtp.example.com:587", NULL, NULL, "send_too_many_recipients" },
  { CLIENT, "smtpSendNotAllowed", "smtp.example.com:587", NULL, NULL, "send_account_disabled" },
  { CLIENT, "errorIllegalLocalPart2", NULL, NULL, NULL, "send_invalid_address" },
  { CLIENT, "noRecipients", NULL, NULL, NULL, "send_no_recipients" },
  { CLIENT, "0x800CCC78", "smtp.example.com:587", NULL, NULL, "send_sender_rejected" },
  { CLIENT, "incorrectSmtpGreeting", "smtp.example.com:587", NULL, NULL, "send_protocol_error" },
  { CLIENT, "0x800CCC67", "smtp.example.com:587", NULL, NULL, "send_server_temporary" },
  { REPLY, "An error occurred while sending mail: Outgoing server (SMTP) smtp.exmaple.com is unknown. The server "
           "may be incorrectly configured. Please verify that your Outgoing server (SMTP) settings are correct and try again.",
    NULL, NULL, NULL, "send_dns_failure" },
  { REPLY, "送信 (SMTP) サーバー smtp.example.com に接続できなかったため、メッセージを送信できませんでした。"
           "サーバーが利用できないか、SMTP 接続が拒否された可能性があります。", NULL, NULL, NULL, "send_connection_refused" },
  { REPLY, "The message could not be sent because the connection to Outgoing server (SMTP) smtp.example.com was "
           "lost in the middle of the transaction. Try again.", NULL, NULL, NULL, "send_connection_dropped" },
  { REPLY, "送信 (SMTP) サーバー smtp.example.com との接続がタイムアウトしたため、メッセージを送信できませんでした。再度試してください。",
    NULL, NULL, NULL, "send_timeout" },
  { REPLY, "An error occurred while sending mail: Unable to establish a secure link with Outgoing server (SMTP) "
           "smtp.example.com using STARTTLS since it doesn't advertise that feature.", NULL, NULL, NULL, "send_tls_mode_mismatch" },
  { REPLY, "送信 (SMTP) サーバー smtp.example.com が平文のパスワードを許可していません。", NULL, NULL, NULL, "send_auth_mechanism" },
  { REPLY, "Unable to authenticate to Outgoing server (SMTP) smtp.example.com. Please check the password and "
           "verify the 'Authentication method' in 'Account Settings | Outgoing server (SMTP)'.", NULL, NULL, NULL, "send_auth_failed" },
  { REPLY, "送信メッセージのサイズがサーバーのサイズ制限を超えたため、メッセージを送信できませんでした。"
           "サーバーからの応答: 552 5.3.4 Message too big", NULL, NULL, NULL, "send_message_too_big" },
  { REPLY, "The message was not sent due to exceeding the allowed number of recipients. The server responded: "
           "452 Too many recipients.", NULL, NULL, NULL, "send_too_many_recipients" },
  { REPLY, "There are non-ASCII characters in the local part of the recipient address 太郎@example.jp and your "
           "server does not support SMTPUTF8.", NULL, NULL, NULL, "send_invalid_address" },
  { REPLY, "受信者が指定されていません。アドレス入力欄に宛先のアドレスや投稿先のニュースグループを入力してください。",
    NULL, NULL, NULL, "send_no_recipients" },
  { REPLY, "mailnews.smtp: Command failed: 550 Requested action not taken: mailbox unavailable; currentAction=_actionRCPT",
    NULL, NULL, "taro@example.jp", "userunknown" },
  { REPLY, "An error occurred while sending mail. The mail server responded: 550 Sender rejected. Please verify "
           "that your email address is correct in your account settings and try again.", NULL, NULL, NULL, "send_sender_rejected" },
};

/* What submission servers answer, beyond the seed codes. */
static const Case submission_cases[] = {
  { REPLY, "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.", NULL, NULL, NULL, "send_auth_app_password_or_oauth" },
  { REPLY, "534-5.7.9 Application-specific password required. Learn more at\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor", NULL, NULL, NULL, "send_auth_app_password_or_oauth" },
  { REPLY, "535 5.7.1 Please log in with your web browser and then try again.", NULL, NULL, NULL, "send_auth_app_password_or_oauth" },
  { REPLY, "454 4.7.0 Too many login attempts, please try again later.", NULL, NULL, NULL, "send_auth_temporary" },
  { REPLY, "432 4.7.12 A password transition is needed", NULL, NULL, NULL, "send_auth_temporary" },
  { REPLY, "504 5.7.4 Unrecognized authentication type", NULL, NULL, NULL, "send_auth_mechanism" },
  { REPLY, "550 5.7.1 Submission on port 25 is blocked (OP25B): use port 587", NULL, NULL, NULL, "send_port_blocked" },
  { REPLY, "535 5.7.0 Too many bad auth attempts", NULL, NULL, NULL, "send_auth_temporary" },
  { REPLY, "553 From address not verified", NULL, NULL, NULL, "send_sender_rejected" },
  { REPLY, "535 5.5.4 Optional Argument not permitted for that AUTH mode.", NULL, NULL, NULL, "send_auth_mechanism" },
  { REPLY, "535 Incorrect authentication data", NULL, NULL, NULL, "send_auth_failed" },
  { REPLY, "550 5.7.8 Error: authentication failed: UGFzc3dvcmQ6", NULL, NULL, NULL, "send_auth_failed" },
  { REPLY, "554 Authentication failed: invalid credentials", NULL, NULL, NULL, "send_auth_failed" },
  { REPLY, "523 Encryption Needed", NULL, NULL, NULL, "send_starttls_required" },
  { REPLY, "554 5.7.11 Encryption required for requested authentication mechanism", NULL, NULL, NULL, "send_starttls_required" },
  { REPLY, "550 Must issue a STARTTLS command first", NULL, NULL, NULL, "send_starttls_required" },
  { REPLY, "530 5.7.0 Authentication Required.", NULL, NULL, NULL, "send_auth_required" },
  { REPLY, "550 5.7.57 Client not authenticated to send mail.", NULL, NULL, NULL, "send_auth_required" },
  { REPLY, "554 5.7.1 <unknown[192.0.2.9]>: Client host rejected: Access denied", NULL, NULL, NULL, "send_auth_required" },
  { REPLY, "525 5.7.13 User Account Disabled", NULL, NULL, NULL, "send_account_disabled" },
  { REPLY, "550 5.7.13 User account disabled", NULL, NULL, NULL, "send_account_disabled" },
  { REPLY, "550 5.7.0 Mail Sending denied. This error occurs if the sender account is disabled.", NULL, NULL, NULL, "send_account_disabled" },
  { REPLY, "550 5.1.90 Your message can't be sent because you've reached your daily limit for message recipients", NULL, NULL, NULL, "send_quota_exceeded" },
  { REPLY, "554 5.2.0 Submission quota exceeded", NULL, NULL, NULL, "send_quota_exceeded" },
  { REPLY, "550 5.1.7 The sender address is invalid", NULL, NULL, NULL, "send_sender_rejected" },
  { REPLY, "550 5.1.0 Sender denied", NULL, NULL, NULL, "send_sender_rejected" },
  { REPLY, "550 5.7.1 Relaying denied", NULL, NULL, "someone@example.org", "send_relay_denied" },
  { REPLY, "552 5.2.3 Your message exceeded Google's message size limits.", NULL, NULL, NULL, "send_message_too_big" },
  { REPLY, "552 Message exceeds the maximum size", NULL, NULL, NULL, "send_message_too_big" },
  { REPLY, "452 4.5.3 Your message has too many recipients.", NULL, NULL, NULL, "send_too_many_recipients" },
  { REPLY, "452 Too many recipients received this hour", NULL, NULL, NULL, "send_too_many_recipients" },
  { REPLY, "553 5.1.3 The recipient address <taro@@example.jp> is not a valid RFC-5321 address.", NULL, NULL, NULL, "send_invalid_address" },
  { REPLY, "550 Invalid address: non-ASCII local part requires SMTPUTF8", NULL, NULL, NULL, "send_invalid_address" },
  { REPLY, "500 Line too long", NULL, NULL, NULL, "send_protocol_error" },
  { REPLY, "454 4.5.0 SMTP protocol violation, pipelining after STARTTLS", NULL, NULL, NULL, "send_protocol_error" },
  { REPLY, "421 Service not available, closing transmission channel", NULL, NULL, NULL, "send_server_temporary" },
  { REPLY, "550 4.3.2 System not accepting network messages", NULL, NULL, NULL, "send_server_temporary" },
  { REPLY, "550 5.1.8 Access denied, bad outbound sender", NULL, NULL, "x@outlook.com", "send_account_blocked_spam" },
  { REPLY, "550 5.7.520 Access denied, Your organization does not allow external forwarding.", NULL, NULL, NULL, "send_forwarding_blocked" },
  { REPLY, "550 Your organization does not allow external forwarding AS(7555)", NULL, NULL, NULL, "send_forwarding_blocked" },
  { REPLY, "553 example.invalid does not exist", NULL, NULL, "x@i.softbank.jp", "send_sender_rejected" },
  { REPLY, "550 Unknown reply nobody has seen before", NULL, NULL, NULL, "undefined" },
  { REPLY, "250 2.1.5 Recipient OK", NULL, NULL, NULL, "delivered" },
  /* issue 6: the submission server's own words name the cause */
  { REPLY, "550 5.7.1 [CSR] Your email has been rejected because it was sent from an account that has sent an unusual amount of unsolicited email", NULL, NULL, NULL, "send_account_blocked_spam" },
  { REPLY, "451 4.7.1 Too many messages, slow down", NULL, NULL, NULL, "send_quota_exceeded" },
  { REPLY, "450 4.1.2 <a@example.invalid>: Recipient address rejected: Domain not found", NULL, NULL, NULL, "hostunknown" },
  { REPLY, "An error occurred while sending mail. The mail server responded: 550 5.7.1 Refused. Please verify that your email address is correct in your account settings and try again.", NULL, NULL, NULL, "send_sender_rejected" },
  { REPLY, "An error occurred while sending mail. The mail server responded: 550 5.7.1 Service unavailable; client [192.0.2.1] blocked using zen.spamhaus.org. Please verify that your email address is correct in your account settings and try again.", NULL, NULL, NULL, "blocked" },
  { REPLY, "550 User unknown", NULL, NULL, "a@example.co.jp", "userunknown" },
  { REPLY, "550 User unknown", NULL, NULL, "a@ezweb.ne.jp", "filtered_jp_carrier" },
  { REPLY, "mailnews.smtp: SecurityError: a SEC_ERROR_UNKNOWN_ISSUER error occurred", NULL, NULL, NULL, "send_tls_certificate" },
  { REPLY, "mailnews.smtp: NetworkError: a NS_ERROR_NET_TIMEOUT error occurred", NULL, NULL, NULL, "send_timeout" },
  { REPLY, "421 4.4.5 Server busy, too many connections", NULL, NULL, NULL, "send_server_temporary" },
};

/* What remote servers say inside bounces. */
static const Case bounce_cases[] = {
  { BOUNCE, "550 5.7.27 SPF authentication failed", NULL, "5.7.27", "a@gmail.com", "auth_spf" },
  { BOUNCE, "554 5.4.0 Too many \"Received\" headers - suspected mail loop", NULL, "5.4.0", "a@example.com", "mail_loop" },
  { BOUNCE, "550 5.7.30 DKIM did not pass", NULL, "5.7.30", "a@gmail.com", "auth_dkim" },
  { BOUNCE, "421 4.7.29 Your email has been rate limited because this message wasn't sent over TLS", NULL, "4.7.29", "a@gmail.com", "failedstarttls" },
  { BOUNCE, "421 4.7.32 The From: header isn't aligned with either the authenticated SPF or DKIM organizational domain", NULL, "4.7.32", "a@gmail.com", "auth_alignment" },
  { BOUNCE, "421 4.7.28 Gmail has detected an unusual rate of mail originating from your IP address", NULL, "4.7.28", "a@gmail.com", "rate_limited_sender" },
  { BOUNCE, "450 4.2.1 The user you are trying to contact is receiving mail too quickly", NULL, "4.2.1", "a@gmail.com", "speeding" },
  { BOUNCE, "550 5.2.1 The email account that you tried to reach is disabled", NULL, "5.2.1", "a@gmail.com", "suspend" },
  { BOUNCE, "550 5.7.1 Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address", NULL, "5.7.1", "a@gmail.com", "badreputation" },
  { BOUNCE, "550 OU-002 (COL004-MC4F44) Unfortunately, messages from 192.0.2.1 weren't sent.", NULL, "5.0.0", "a@hotmail.com", "badreputation" },
  { BOUNCE, "451 4.7.650 The mail server has been temporarily rate limited due to IP reputation.", NULL, "4.7.650", "a@example.com", "badreputation" },
  { BOUNCE, "550 4.7.652 The mail server has exceeded the maximum number of connections.", NULL, "4.7.652", "a@example.com", "toomanyconn" },
  { BOUNCE, "550 5.7.506 Access denied, Bad HELO", NULL, "5.7.506", "a@outlook.com", "blocked" },
  { BOUNCE, "550 5.7.509 Access denied, sending domain does not pass DMARC verification", NULL, "5.7.509", "a@example.com", "auth_dmarc" },
  { BOUNCE, "550 5.7.515 Access denied, sending domain doesn't meet the required authentication level", NULL, "5.7.515", "a@example.com", "authfailure" },
  { BOUNCE, "550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup", NULL, "5.7.133", "group@outlook.com", "recipient_restricted" },
  { BOUNCE, "550 5.7.1 Delivery not authorized, message refused", NULL, "5.7.1", "group@outlook.com", "recipient_restricted" },
  { BOUNCE, "550 5.7.505 Access denied, banned recipient", NULL, "5.7.505", "a@outlook.com", "suspend" },
  { BOUNCE, "550 5.7.606 Access denied, banned sending IP [192.0.2.1]", NULL, "5.7.606", "a@example.com", "blocked" },
  { BOUNCE, "550 Access denied, banned sending IP [192.0.2.1]", NULL, NULL, "a@example.com", "blocked" },
  { BOUNCE, "550 Requested action not taken: mailbox unavailable", NULL, "5.5.0", "a@hotmail.com", "userunknown" },
  { BOUNCE, "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to user complaints", "MAIL", "4.7.0", "a@yahoo.com", "rejected" },
  { BOUNCE, "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to user complaints", NULL, "4.7.0", "a@yahoo.com", "badreputation" },
  { BOUNCE, "553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred", NULL, "5.7.2", "a@yahoo.com", "blocked" },
  { BOUNCE, "554 Message not allowed - [PH01] Email not accepted for policy reasons", NULL, "5.0.0", "a@yahoo.com", "policyviolation" },
  { BOUNCE, "554 5.7.9 Message not accepted for policy reasons", NULL, "5.7.9", "a@yahoo.com", "policyviolation" },
  { BOUNCE, "554 delivery error: dd This user doesn't have a yahoo.com account (a@yahoo.com)", NULL, NULL, "a@yahoo.com", "userunknown" },
  { BOUNCE, "550 5.7.1 Relay not permitted", NULL, "5.7.1", "a@privaterelay.appleid.com", "suspend" },
  { BOUNCE, "550 5.1.1 <a@icloud.com>: inactive email address", NULL, "5.1.1", "a@icloud.com", "suspend" },
  { BOUNCE, "554 5.7.1 [CS01] Message rejected due to local policy", NULL, "5.7.1", "a@icloud.com", "policyviolation" },
  { BOUNCE, "554 5.7.1 [HME1] Message failed SPF and DKIM checks", NULL, "5.7.1", "a@icloud.com", "authfailure" },
  { BOUNCE, "550 Unknown user a@docomo.ne.jp", "DATA", "5.0.0", "a@docomo.ne.jp", "rejected" },
  { BOUNCE, "550 Unknown user a@docomo.ne.jp", NULL, "5.2.0", "a@docomo.ne.jp", "filtered_jp_carrier" },
  { BOUNCE, "550 : User unknown", NULL, "5.0.0", "a@ezweb.ne.jp", "filtered_jp_carrier" },
  { BOUNCE, "550 <a@ezweb.ne.jp>: User unknown", NULL, "5.0.0", "a@ezweb.ne.jp", "userunknown" },
  { BOUNCE, "550 5.1.1 RCP-P2 Refused due to recipient preferences", NULL, "5.1.1", "a@facebook.com", "filtered" },
  { BOUNCE, "550 Ip frequency limited [Blocked IP 192.0.2.1]", NULL, "5.0.0", "a@qq.com", "toomanyconn" },
  { BOUNCE, "554 Rejected: IP 192.0.2.1 is listed, see CXBL", NULL, "5.0.0", "a@cox.net", "blocked" },
  { BOUNCE, "550 5.1.0 <b@example.org> sender rejected AUP#In-1310", NULL, "5.1.0", "a@charter.net", "toomanyconn" },
  { BOUNCE, "550 5.1.1 <a@example.com> - 192.0.2.1 has sent to too many recipients this hour. IB607", NULL, "5.1.1", "a@example.com", "godaddy:speeding" },
  { BOUNCE, "553 http://www.spamhaus.org/query/bl?ip=192.0.2.1", NULL, "5.0.0", "a@example.com", "godaddy:blocked" },
  { BOUNCE, "550 5.2.0 Mail rejete. Mail rejected. OFR_506 [506]", NULL, "5.2.0", "a@orange.fr", "spamdetected" },
  { BOUNCE, "550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]", NULL, "5.1.1", "a@orange.fr", "userunknown" },
  { BOUNCE, "550 mwinf Adresse IP source bloquee pour incident de spam. OFR006_102", NULL, "5.0.0", "a@orange.fr", "blocked" },
  { BOUNCE, "421 4.2.0 Service refuse. Veuillez essayer plus tard. OFR005_505 [505]", NULL, "4.2.0", "a@orange.fr", "systemerror" },
  { BOUNCE, "554 5.7.1 Client host rejected: #216 lpn LPN000_630", NULL, "5.7.1", "a@orange.fr", "policyviolation" },
  { BOUNCE, "554 Host network not allowed - https://community.mimecast.com/docs/DOC-1369#554", NULL, "5.0.0", "a@example.com", "mimecast:policyviolation" },
  { BOUNCE, "554 email rejected due to security policies", NULL, "5.0.0", "a@example.com", "mimecast:virusdetected" },
  { BOUNCE, "550-Please turn on SMTP Authentication in your mail client.", NULL, "5.0.0", "a@example.com", "messagelabs:securityerror" },
  { BOUNCE, "550 Mailbox is frozen.", NULL, "5.0.0", "a@i.ua", "suspend" },
  { BOUNCE, "552 5.2.2 Quota exceeded (mailbox for user is full)", "DATA", "5.2.2", "a@example.com", "mailboxfull" },
  { BOUNCE, "550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient", NULL, "5.2.3", "a@example.com", "exceedlimit" },
  { BOUNCE, "552 5.2.3 Message size exceeds fixed maximum message size", NULL, "5.2.3", "a@example.com", "exceedlimit" },
  { BOUNCE, "552 Message size exceeds maximum permitted", NULL, "5.0.0", "a@example.com", "mesgtoobig" },
  { BOUNCE, "550 5.7.1 Messages with multiple addresses in From: header are not accepted.", "DATA", "5.7.1", "a@example.com", "notcompliantrfc" },
  { BOUNCE, "554 5.6.0 This message has been scored as spam with a probability of more than 90%", "DATA", "5.6.0", "a@example.com", "spamdetected" },
  { BOUNCE, "550 5.7.1 Email rejected per DMARC policy for example.org", NULL, "5.7.1", "a@example.com", "auth_dmarc" },
  { BOUNCE, "550 5.7.1 192.0.2.1 is not allowed to send from <example.net> per its SPF Record", NULL, "5.7.1", "a@example.com", "auth_spf" },
  { BOUNCE, "550 5.7.1 No valid DKIM signature found", NULL, "5.7.1", "a@example.com", "auth_dkim" },
  { BOUNCE, "550 5.7.1 Unauthenticated email from example.org is not accepted", NULL, "5.7.1", "a@example.com", "authfailure" },
  { BOUNCE, "554 5.7.1 Reverse DNS lookup for host 192.0.2.1 failed permanently.", "MAIL", "5.7.1", "a@example.com", "requireptr" },
  { BOUNCE, "554 delivery error: dd This account has been disabled or discontinued", NULL, "5.0.0", "a@example.com", "suspend" },
  { BOUNCE, "550 5.1.6 recipient no longer on server: a@example.com", "RCPT", "5.1.6", "a@example.com", "hasmoved" },
  { BOUNCE, "553 5.1.8 Domain of sender address b@example.org does not exist", NULL, "5.1.8", "a@example.com", "rejected" },
  { BOUNCE, "550 5.1.7 No such domain example.org", "MAIL", "5.1.7", "a@example.com", "rejected" },
  { BOUNCE, "501 5.0.0 Invalid domain name - my name was rejected", NULL, "5.0.0", "a@example.com", "blocked" },
  { BOUNCE, "550 Rejected", "HELO", "5.0.0", "a@example.com", "blocked" },
  { BOUNCE, "554 Transaction failed", NULL, "5.0.0", "a@example.com", "systemerror" },
  { BOUNCE, "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)", NULL, "4.4.1", "a@example.com", "networkerror" },
  { BOUNCE, "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org", NULL, "5.7.1", "a@example.com", "blocked" },
  { BOUNCE, "550 Virus Detected; Content Rejected", "DATA", "5.0.0", "a@example.com", "virusdetected" },
  { BOUNCE, "550 5.7.1 Message content rejected, UBE", NULL, "5.7.1", "a@example.com", "spamdetected" },
  { BOUNCE, "550 5.7.1 Message looked like spam to us", NULL, "5.7.1", "a@example.com", "spamdetected" },
  { BOUNCE, "550 5.1.1 <a@example.com>: User unknown (mx2.antispam-cube.example.com)", "RCPT", "5.1.1", "a@example.com", "userunknown" },
  { BOUNCE, "550 5.1.1 <a@example.com>: No such user (antivirus-gw.example.com)", "RCPT", "5.1.1", "a@example.com", "userunknown" },
  { BOUNCE, "550 5.7.0 Local Policy Violation", "DATA", "5.7.0", "a@example.com", "policyviolation" },
  { BOUNCE, "554 5.7.1 <a@example.com>: Relay access denied", NULL, "5.7.1", "a@example.com", "norelaying" },
  { BOUNCE, "550 Host does not accept mail (null MX)", NULL, "5.0.0", "a@example.com", "notaccept" },
  { BOUNCE, "Host or domain name not found. Name service error for name=example.invalid type=A: Host not found", NULL, "5.4.4", "a@example.invalid", "hostunknown" },
  { BOUNCE, "Name service error for name=example.org type=MX: Malformed or unexpected name server reply", NULL, "4.4.3", "a@example.org", "networkerror" },
  { BOUNCE, "DNS Error: DNS type 'mx' lookup of example.jp responded with code NXDOMAIN", NULL, "4.0.0", "a@example.jp", "networkerror" },
  { BOUNCE, "550 5.1.2 No such domain at this location", NULL, "5.0.0", "a@example.jp", "hostunknown" },
  { BOUNCE, "retry timeout exceeded", NULL, NULL, "a@example.com", "expired" },
  { BOUNCE, "The message was not delivered within 3 days. Remote host is not responding.", NULL, NULL, "a@example.com", "expired" },
  { BOUNCE, "452 4.3.2 Connection rate limit exceeded.", "MAIL", "4.3.2", "a@example.com", "toomanyconn" },
  { BOUNCE, "550 5.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages", "RCPT", "5.2.1", "a@example.com", "speeding" },
  { BOUNCE, "452 4.3.1 Insufficient system resources", NULL, "4.3.1", "a@example.com", "systemfull" },
  { BOUNCE, "550 5.1.1 <a@example.com>... User Unknown", "RCPT", "5.1.1", "a@example.com", "userunknown" },
  { BOUNCE, "550 5.2.1 <a@example.com>... User Unknown", "RCPT", "5.2.1", "a@example.com", "userunknown" },
  { BOUNCE, "550 [User unknown]", NULL, "5.0.0", "a@example.com", "filtered" },
  { BOUNCE, "550 Unknown user a@example.com", "DATA", "5.0.0", "a@example.com", "filtered" },
  { BOUNCE, "550 5.2.1 <a@example.com>... User Unknown", NULL, "5.2.1", "a@example.com", "filtered" },
  /* X.0.0 says nothing: with no stage either, a bounce keeps Sisimai's reading */
  { BOUNCE, "550 <a@example.com>: User unknown", NULL, "5.0.0", "a@example.com", "filtered" },
  { BOUNCE, "550 <a@example.com>: User unknown", "RCPT", "5.0.0", "a@example.com", "userunknown" },
  { BOUNCE, "550 No such user here", NULL, NULL, "a@example.com", "filtered" },
  { BOUNCE, "The recipient name is not recognized", NULL, NULL, "a@example.com", "userunknown" },
  { BOUNCE, "550 5.7.1 Access denied", "MAIL", "5.7.1", "a@example.com", "rejected" },
  { BOUNCE, "X-Unix; 77", NULL, "5.3.0", "a@example.com", "mailererror" },
  { BOUNCE, "Failed to read response template", NULL, "5.0.0", "|/usr/bin/autoreply a@example.com", "mailererror" },
  { BOUNCE, "554 5.3.0 <a@example.com>: Recipient address rejected: Mailer error", "RCPT", "5.3.0", "a@example.com", "mailererror" },
  { BOUNCE, "Each of the following recipients was rejected by a remote mail server.", NULL, NULL, "a@ezweb.ne.jp", "filtered_jp_carrier" },
  { BOUNCE, "550 <a@example.com>: Recipient address rejected.", "RCPT", "5.0.0", "a@example.com", "userunknown" },
  { BOUNCE, "You are not a member of this mailing list <list@example.org>.", NULL, NULL, "list@example.org", "rejected" },
  { BOUNCE, "We're writing to let you know that the group you tried to contact may not exist", NULL, NULL, "team@googlegroups.com", "rejected" },
  { BOUNCE, "550 5.5.0 Service refuse. Veuillez essayer plus tard. service refused, please try later.", NULL, "5.5.0", "a@example.fr", "blocked" },
  { BOUNCE, "550 Unauthenticated senders not allowed", "MAIL", "5.0.0", "a@example.com", "securityerror" },
  { BOUNCE, "Message not delivered. The settings for your 'Send mail as' account are misconfigured.", NULL, NULL, "a@example.com", "rejected" },
  { BOUNCE, "550 5.4.1 All recipient addresses rejected : Access denied", NULL, "5.4.1", "a@example.com", "rejected" },
  { BOUNCE, "550 5.1.1 Bad destination mailbox address", NULL, "5.1.1", "a@example.com", "userunknown" },
  { BOUNCE, "553 5.1.2 Bad destination system address", NULL, "5.1.2", "a@example.com", "hostunknown" },
  { BOUNCE, "550 5.1.4 Destination mailbox address ambiguous", NULL, "5.1.4", "a@example.com", "filtered" },
  { BOUNCE, "550 5.7.17 Mailbox owner has changed", NULL, "5.7.17", "a@example.com", "hasmoved" },
  { BOUNCE, "550 5.1.7 Bad sender's mailbox address syntax", NULL, "5.1.7", "a@example.com", "rejected" },
  { BOUNCE, "550 5.7.13 User Account Disabled", NULL, "5.7.13", "a@example.com", "suspend" },
  { BOUNCE, "552 5.2.2 Mailbox full", NULL, "5.2.2", "a@example.com", "mailboxfull" },
  { BOUNCE, "552 5.2.4 Mailing list expansion problem", NULL, "5.2.4", "a@example.com", "filtered" },
  { BOUNCE, "452 4.3.1 Mail system full", NULL, "4.3.1", "a@example.com", "systemfull" },
  { BOUNCE, "521 5.3.2 System not accepting network messages", NULL, "5.3.2", "a@example.com", "notaccept" },
  { BOUNCE, "552 5.3.4 Message too big for system", NULL, "5.3.4", "a@example.com", "mesgtoobig" },
  { BOUNCE, "451 4.3.5 System incorrectly configured", NULL, "4.3.5", "a@example.com", "systemerror" },
  { BOUNCE, "451 4.4.1 No answer from host", NULL, "4.4.1", "a@example.com", "expired" },
  { BOUNCE, "550 5.4.4 Unable to route", NULL, "5.4.4", "a@example.com", "hostunknown" },
  { BOUNCE, "421 4.4.2 Bad connection", NULL, "4.4.2", "a@example.com", "networkerror" },
  { BOUNCE, "451 4.4.5 Mail system congestion", NULL, "4.4.5", "a@example.com", "systemfull" },
  { BOUNCE, "452 4.5.3 Too many recipients", NULL, "4.5.3", "a@example.com", "toomanyconn" },
  { BOUNCE, "501 5.5.2 Syntax error", NULL, "5.5.2", "a@example.com", "syntaxerror" },
  { BOUNCE, "501 5.5.4 Invalid command arguments", NULL, "5.5.4", "a@example.com", "systemerror" },
  { BOUNCE, "554 5.6.3 Conversion required but not supported", NULL, "5.6.3", "a@example.com", "contenterror" },
  { BOUNCE, "550 5.7.20 No passing DKIM signature found", NULL, "5.7.20", "a@example.com", "auth_dkim" },
  { BOUNCE, "550 5.7.23 SPF validation failed", NULL, "5.7.23", "a@example.com", "auth_spf" },
  { BOUNCE, "550 5.7.25 Reverse DNS validation failed", NULL, "5.7.25", "a@example.com", "requireptr" },
  { BOUNCE, "550 5.7.26 Multiple authentication checks failed", NULL, "5.7.26", "a@example.com", "authfailure" },
  { BOUNCE, "550 5.7.28 Mail flood detected", NULL, "5.7.28", "a@example.com", "spamdetected" },
  { BOUNCE, "550 5.7.29 ARC validation failure", NULL, "5.7.29", "a@example.com", "auth_forwarding" },
  { BOUNCE, "550 5.7.30 REQUIRETLS support required", NULL, "5.7.30", "a@example.com", "failedstarttls" },
  { BOUNCE, "450 4.7.1 Deferred", NULL, "4.7.1", "a@example.com", "blocked" },
  { BOUNCE, "550 5.7.4 Security features not supported", NULL, "5.7.4", "a@example.com", "securityerror" },
  { BOUNCE, "554 Internal system error, please contact the administrator", NULL, "5.0.0", "a@example.com", "systemerror" },
  { BOUNCE, "503 Improper sequence of commands", NULL, "5.0.0", "a@example.com", "syntaxerror" },
  /* The code alone decides when the words say nothing more. */
  { BOUNCE, "550 5.1.8 Requested action not taken", NULL, "5.1.8", "a@example.com", "rejected" },
  { BOUNCE, "550 5.2.1 Requested action not taken", NULL, "5.2.1", "a@example.com", "suspend" },
  { BOUNCE, "552 5.2.2 Requested mail action aborted", NULL, "5.2.2", "a@example.com", "mailboxfull" },
  { BOUNCE, "452 4.3.1 Requested action not taken", NULL, "4.3.1", "a@example.com", "systemfull" },
  { BOUNCE, "552 5.3.4 Requested mail action aborted", NULL, "5.3.4", "a@example.com", "mesgtoobig" },
  { BOUNCE, "452 4.5.3 Requested action not taken", NULL, "4.5.3", "a@example.com", "toomanyconn" },
  { BOUNCE, "550 5.7.21 Requested action not taken", NULL, "5.7.21", "a@example.com", "auth_dkim" },
  { BOUNCE, "550 5.7.24 Requested action not taken", NULL, "5.7.24", "a@example.com", "auth_spf" },
  { BOUNCE, "550 5.7.25 Requested action not taken", NULL, "5.7.25", "a@example.com", "requireptr" },
  { BOUNCE, "550 5.7.26 Requested action not taken", NULL, "5.7.26", "a@example.com", "authfailure" },
  { BOUNCE, "551 Try <b@example.org>", NULL, NULL, "a@example.com", "hasmoved" },
  { BOUNCE, "450 Please come back later", NULL, NULL, "a@example.com", "onhold" },
  { BOUNCE, "Some temporary failure without a reply code", NULL, "4.0.0", "a@example.com", "onhold" },
  /* issue 6: word classes met in one clause, and the written precedence */
  { BOUNCE, "552 メールボックスの容量がいっぱいです", NULL, NULL, "a@example.jp", "mailboxfull" },
  { BOUNCE, "552 メールサイズが制限を超えています", "DATA", NULL, "a@example.jp", "mesgtoobig" },
  { BOUNCE, "421 4.7.0 Temporary System Problem. Try again later.", NULL, "4.7.0", "a@example.com", "systemerror" },
  { BOUNCE, "550 このアカウントは現在利用停止中です", NULL, NULL, "a@example.jp", "suspend" },
  { BOUNCE, "550 5.7.1 送信元IPアドレスからの受信は拒否されています", NULL, "5.7.1", "a@example.jp", "blocked" },
  { BOUNCE, "550 Mail content denied.", NULL, NULL, "a@example.com", "spamdetected" },
  { BOUNCE, "As the remote domain doesnt exist.", NULL, NULL, "a@example.com", "hostunknown" },
  { BOUNCE, "Message could not be delivered for too long", NULL, "4.4.7", "a@example.com", "expired" },
  { BOUNCE, "Deferred: Connection refused by mx.example.com. Message could not be delivered for 8 hours", NULL, "4.4.7", "a@example.com", "blocked" },
  { BOUNCE, "Delivery to the following recipient failed permanently after trying for 5 days: blocked using zen.spamhaus.org", NULL, "4.4.7", "a@example.com", "expired" },
  { BOUNCE, "550 5.7.1 Access denied", NULL, "5.7.1", "a@example.com", "securityerror" },
  { BOUNCE, "550 5.7.1 Command rejected", NULL, "5.7.1", "a@example.com", "blocked" },
  { BOUNCE, "451 4.7.500 Server busy. Please try again later", NULL, "4.7.500", "a@example.com", "blocked" },
  { BOUNCE, "550 : User unknown", NULL, NULL, "a@ezweb.ne.jp", "filtered_jp_carrier" },
  { BOUNCE, "Unknown user", NULL, NULL, "a@docomo.ne.jp", "filtered_jp_carrier" },
  { BOUNCE, "553 5.1.2 The recipient address <a@gmial.com> is not a valid RFC-5321 address.", NULL, "5.1.2", "a@gmial.com", "hostunknown" },
  { BOUNCE, "550 No valid recipients", NULL, NULL, "a@example.com", "userunknown" },
  { BOUNCE, "552 5.1.1 Message size exceeds fixed maximum message size", NULL, "5.1.1", "a@example.com", "mesgtoobig" },
  { BOUNCE, "550 5.1.1 Mailbox not found", "RCPT", "5.1.1", "a@example.com", "userunknown" },
  { BOUNCE, "550 Requested action not taken: mailbox unavailable. The email account does not exist", NULL, "5.1.1", "a@example.com", "userunknown" },
  { BOUNCE, "550 5.7.1 Connection refused due to poor sender reputation", NULL, "5.7.1", "a@example.com", "badreputation" },
  { BOUNCE, "550 5.7.1 Message rejected: attachment type not allowed", NULL, "5.7.1", "a@example.com", "policyviolation" },
  { BOUNCE, "TLS is required, but was not offered by host mx.example.com[192.0.2.25]", NULL, "4.7.4", "a@example.com", "failedstarttls" },
  { BOUNCE, "The recipient has chosen not to receive messages from you.", NULL, NULL, "a@example.com", "filtered" },
  { BOUNCE, "Your message to a@example.com couldn't be delivered. a wasn't found at example.com.", NULL, NULL, "a@example.com", "userunknown" },
  { BOUNCE, "550 5.7.1 Required header 'Date' missing", "DATA", "5.7.1", NULL, "notcompliantrfc" },
  { BOUNCE, "550 5.7.124 Sender not in allowed-senders list", NULL, "5.7.124", NULL, "recipient_restricted" },
  { BOUNCE, "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)", "RCPT", "5.4.1", NULL, "userunknown" },
  { BOUNCE, "送信者のメールアドレスのドメインが存在しません。", NULL, NULL, NULL, "rejected" },
};

static TodokeDiagnosis *
classify_bounce_case (TodokeClassifier *classifier,
                      const Case       *c)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) diagnoses = NULL;
  g_autoptr(GError) error = NULL;
  const char *recipient = c->recipient != NULL ? c->recipient : "a@example.com";
  gboolean x_unix = g_str_has_prefix (c->input, "X-Unix;");

  g_string_append (text,
                   "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\n"
                   "To: sender@example.org\n"
                   "Subject: Undelivered Mail Returned to Sender\n"
                   "MIME-Version: 1.0\n"
                   "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
                   "--B\nContent-Type: text/plain; charset=utf-8\n\n");
  if (c->extra != NULL)
    g_string_append_printf (text, "<%s>: host mx.example.com[192.0.2.7] said: %s (in reply to %s command)\n",
                            recipient, c->input, g_str_equal (c->extra, "DATA") ? "end of DATA" : c->extra);
  g_string_append (text, "\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n");
  g_string_append_printf (text, "Final-Recipient: rfc822; %s\nAction: failed\n", recipient);
  g_string_append_printf (text, "Remote-MTA: dns; mx.%s\n", strchr (recipient, '@') + 1);
  if (c->status != NULL)
    g_string_append_printf (text, "Status: %s\n", c->status);
  g_string_append_printf (text, "Diagnostic-Code: %s%s\n--B--\n", x_unix ? "" : "smtp; ", c->input);

  bytes = todoke_test_bytes (text->str);
  diagnoses = todoke_classifier_classify_bounce (classifier, bytes, "en", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diagnoses->len, ==, 1);

  return g_object_ref (g_ptr_array_index (diagnoses, 0));
}

static TodokeDiagnosis *
classify_case (TodokeClassifier *classifier,
               const Case       *c)
{
  switch (c->kind)
    {
    case REPLY:
      return todoke_classifier_classify_reply (classifier, c->input, c->recipient, "en");
    case CLIENT:
      return todoke_classifier_classify_client_error (classifier, c->input, c->extra, "en");
    case BOUNCE:
    default:
      return classify_bounce_case (classifier, c);
    }
}

/* The rules the cases reached, by id: the rule set itself stays untouched. */
static GHashTable *reached;

static void
note_reached (TodokeDiagnosis *diagnosis)
{
  const char *rule = todoke_diagnosis_get_rule_id (diagnosis);

  if (reached == NULL)
    reached = g_hash_table_new (g_str_hash, g_str_equal);
  if (rule != NULL)
    g_hash_table_add (reached, (gpointer) g_intern_string (rule));
}

/* "godaddy:speeding" means: the recipient's server is GoDaddy's. */
static void
check_cases (TodokeRuleSet *rules,
             const Case    *cases,
             gsize          n_cases)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (rules, NULL);
  gsize i;

  for (i = 0; i < n_cases; i++)
    {
      const Case *c = &cases[i];
      g_autoptr(TodokeDiagnosis) diagnosis = NULL;
      const char *expected = c->expected;
      const char *colon = strchr (expected, ':');
      Case adjusted = *c;
      g_autofree char *provider = NULL;
      g_autofree char *recipient = NULL;

      if (colon != NULL)
        {
          static const struct { const char *provider; const char *domain; } hosts[] = {
            { "godaddy", "secureserver.net" }, { "mimecast", "mimecast.com" },
            { "messagelabs", "messagelabs.com" },
          };
          gsize j;

          provider = g_strndup (expected, colon - expected);
          expected = colon + 1;
          for (j = 0; j < G_N_ELEMENTS (hosts); j++)
            if (g_str_equal (hosts[j].provider, provider))
              recipient = g_strdup_printf ("a@mx.%s", hosts[j].domain);
          g_assert_nonnull (recipient);
          adjusted.recipient = recipient;
        }

      diagnosis = classify_case (classifier, &adjusted);
      note_reached (diagnosis);
      if (g_strcmp0 (todoke_diagnosis_get_guide_id (diagnosis), expected) != 0)
        g_error ("case %" G_GSIZE_FORMAT " “%.60s”: expected %s, got %s (rule %s)", i, c->input,
                 expected, todoke_diagnosis_get_guide_id (diagnosis),
                 todoke_diagnosis_get_rule_id (diagnosis));
      if (provider != NULL)
        g_assert_cmpstr (todoke_diagnosis_get_provider (diagnosis), ==, provider);
    }
}

static void
test_seed_replies (void)
{
  check_cases (todoke_test_default_rules (), seed_cases, G_N_ELEMENTS (seed_cases));
}

static void
test_client_errors (void)
{
  check_cases (todoke_test_default_rules (), client_cases, G_N_ELEMENTS (client_cases));
}

static void
test_submission_replies (void)
{
  check_cases (todoke_test_default_rules (), submission_cases, G_N_ELEMENTS (submission_cases));
}

static void
test_bounce_replies (void)
{
  check_cases (todoke_test_default_rules (), bounce_cases, G_N_ELEMENTS (bounce_cases));
}

/* The seed codes get their guide in Japanese, with the codes kept apart. */
static void
test_seed_guides_in_japanese (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), "thunderbird");
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (seed_cases); i++)
    {
      g_autoptr(TodokeDiagnosis) ja = todoke_classifier_classify_reply (classifier, seed_cases[i].input, NULL, "ja_JP.UTF-8");
      g_autoptr(TodokeDiagnosis) en = todoke_classifier_classify_reply (classifier, seed_cases[i].input, NULL, "en");
      const char *title = todoke_diagnosis_get_title (ja);

      g_assert_cmpstr (todoke_diagnosis_get_locale (ja), ==, "ja");
      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, todoke_diagnosis_get_title (en));
      /* A Japanese title, not a code: at least one non-ASCII character, no reply code. */
      g_assert_false (g_str_is_ascii (title));
      g_assert_null (strstr (title, "550"));
      /* The server's own words stay verbatim (the first line's, past its codes). */
      {
        g_autofree char *first_line = g_strndup (seed_cases[i].input, strcspn (seed_cases[i].input, "\r\n"));
        const char *words = first_line + 4;

        if (g_ascii_isdigit (words[0]) && words[1] == '.')
          words += strcspn (words, " ") + 1;
        g_assert_nonnull (todoke_diagnosis_get_server_message (ja));
        g_assert_nonnull (strstr (todoke_diagnosis_get_server_message (ja), words));
      }
    }
}

static void
test_severity (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  static const struct { const char *reply; TodokeSeverity severity; } cases[] = {
    { "550 5.1.1 User unknown", TODOKE_SEVERITY_HARD },
    { "452 4.2.2 Mailbox full", TODOKE_SEVERITY_SOFT },
    { "556 5.1.10 Recipient address has null MX", TODOKE_SEVERITY_HARD },
    { "421 4.3.2 System not accepting network messages", TODOKE_SEVERITY_SOFT },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TodokeDiagnosis) diagnosis = todoke_classifier_classify_reply (classifier, cases[i].reply, NULL, NULL);

      g_assert_cmpint (todoke_diagnosis_get_severity (diagnosis), ==, cases[i].severity);
    }
}

/* A 4xx "null MX" is soft; the same words with 5xx are hard. */
static void
test_notaccept_severity (void)
{
  Case temporary = { BOUNCE, "No MX found for domain (null MX)", NULL, "4.3.2", "a@example.com", NULL };
  Case permanent = { BOUNCE, "550 Host does not accept mail (null MX)", NULL, "5.3.2", "a@example.com", NULL };
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  g_autoptr(TodokeDiagnosis) soft = classify_bounce_case (classifier, &temporary);
  g_autoptr(TodokeDiagnosis) hard = classify_bounce_case (classifier, &permanent);

  g_assert_cmpstr (todoke_diagnosis_get_reason (soft), ==, "notaccept");
  g_assert_cmpint (todoke_diagnosis_get_severity (soft), ==, TODOKE_SEVERITY_SOFT);
  g_assert_cmpstr (todoke_diagnosis_get_reason (hard), ==, "notaccept");
  g_assert_cmpint (todoke_diagnosis_get_severity (hard), ==, TODOKE_SEVERITY_HARD);
}

/* Refinements report their parent as the reason, themselves as the detail. */
static void
test_refinement_reports_parent (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  g_autoptr(TodokeDiagnosis) diagnosis =
    todoke_classifier_classify_reply (classifier, "421 RP-001 (BAY004) messages from 192.0.2.1 weren't sent", NULL, NULL);
  g_autoptr(TodokeDiagnosis) sending =
    todoke_classifier_classify_reply (classifier, "550 5.4.5 Daily user sending quota exceeded", NULL, NULL);

  g_assert_cmpstr (todoke_diagnosis_get_reason (diagnosis), ==, "speeding");
  g_assert_cmpstr (todoke_diagnosis_get_detail (diagnosis), ==, "rate_limited_sender");
  /* send_* ids stand for themselves even where they have a parent. */
  g_assert_cmpstr (todoke_diagnosis_get_reason (sending), ==, "send_quota_exceeded");
  g_assert_null (todoke_diagnosis_get_detail (sending));
}

/* A reply pasted on its own still names its provider by its own marks. */
static void
test_provider_from_text (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  static const struct { const char *reply; const char *provider; } cases[] = {
    { "550 5.7.26 This mail has been blocked because the sender is unauthenticated. - gsmtp", "gmail" },
    { "421 RP-001 (BAY004-MC1F41) Unfortunately, some messages weren't sent.", "microsoft" },
    { "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred", "yahoo" },
    { "550 5.1.1 User unknown", NULL },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TodokeDiagnosis) diagnosis = todoke_classifier_classify_reply (classifier, cases[i].reply, NULL, NULL);

      g_assert_cmpstr (todoke_diagnosis_get_provider (diagnosis), ==, cases[i].provider);
    }
}

/* A failure of the user's own sending is explained with the notes of the
 * user's own submission provider, from the server name or the reply's
 * marks, never with the recipient's provider. */
static void
test_send_provider_is_the_server (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  static const struct {
    const char *reply;
    const char *recipient;
    const char *server;
    const char *reason;
    const char *provider;
  } cases[] = {
    /* an OCN user writing to Gmail: OCN's notes, not Google's */
    { "535 5.7.8 Error: authentication failed", "taro@gmail.com", "smtp.ocn.ne.jp:587", "send_auth_failed", "ocn" },
    { "535 5.7.8 Error: authentication failed", "taro@gmail.com", "SMTP.OCN.NE.JP", "send_auth_failed", "ocn" },
    { "550 5.4.5 Daily user sending quota exceeded", "hanako@docomo.ne.jp", "smtp.gmail.com:465", "send_quota_exceeded", "gmail" },
    { "553 5.7.1 <me@example.jp>: Sender address rejected: not owned by user me@example.jp",
      "taro@outlook.com", "mail.biglobe.ne.jp", "send_sender_rejected", "biglobe" },
    /* no server, no marks: no provider, not the recipient's */
    { "535 5.7.8 Error: authentication failed", "taro@gmail.com", NULL, "send_auth_failed", NULL },
    { "550 5.4.5 Daily user sending quota exceeded", "taro@outlook.com", "", "send_quota_exceeded", NULL },
    /* an unknown server: the reply's own marks still tell */
    { "535-5.7.8 Username and Password not accepted.\r\n535 5.7.8 https://support.google.com/mail/?p=BadCredentials - gsmtp",
      "taro@ocn.ne.jp", "[2001:db8::25]:587", "send_auth_failed", "gmail" },
    /* a refusal about the recipient keeps the recipient's provider */
    { "550 5.1.1 <taro@docomo.ne.jp>: Recipient address rejected: User unknown in local recipient table",
      "taro@docomo.ne.jp", "smtp.ocn.ne.jp:587", "userunknown", "docomo" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TodokeDiagnosis) diagnosis =
        todoke_classifier_classify_reply_from_server (classifier, cases[i].reply, cases[i].recipient,
                                                      cases[i].server, "en");

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].reply);
      g_assert_cmpstr (todoke_diagnosis_get_reason (diagnosis), ==, cases[i].reason);
      g_assert_cmpstr (todoke_diagnosis_get_provider (diagnosis), ==, cases[i].provider);
    }
}

/* classify_reply() is classify_reply_from_server() with no server. */
static void
test_reply_without_server (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  const char *reply = "535 5.7.8 Error: authentication failed";
  g_autoptr(TodokeDiagnosis) plain = todoke_classifier_classify_reply (classifier, reply, "taro@gmail.com", "ja");
  g_autoptr(TodokeDiagnosis) none = todoke_classifier_classify_reply_from_server (classifier, reply, "taro@gmail.com",
                                                                                 NULL, "ja");
  g_autoptr(TodokeDiagnosis) server = todoke_classifier_classify_reply_from_server (classifier, reply, "taro@gmail.com",
                                                                                   "smtp.ocn.ne.jp:587", "ja");

  g_assert_cmpstr (todoke_diagnosis_get_reason (plain), ==, todoke_diagnosis_get_reason (none));
  g_assert_cmpstr (todoke_diagnosis_get_provider (plain), ==, todoke_diagnosis_get_provider (none));
  g_assert_null (todoke_diagnosis_get_remote_host (plain));
  g_assert_cmpstr (todoke_diagnosis_get_remote_host (server), ==, "smtp.ocn.ne.jp");
}

/* Issue 6's headline: a bare "550 User unknown", and Thunderbird's alert
 * quoting it with or without the code, in English and in Japanese, tells
 * the user to check the part before @ — unless a carrier that answers so
 * for its filters is really involved. */
static void
test_bare_user_unknown (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), "thunderbird");
  static const char * const replies[] = {
    "550 User unknown",
    "User unknown",
    "An error occurred while sending mail. The mail server responded:\nUser unknown.\n"
    "Please check the message recipient \"taro@example.co.jp\" and try again.",
    "An error occurred while sending mail. The mail server responded:\n550 User unknown.\n"
    "Please check the message recipient \"taro@example.co.jp\" and try again.",
    "メールの送信中にエラーが発生しました。サーバーからの応答:\nUser unknown\n"
    "メッセージの受信者 \"taro@example.co.jp\" を確認し、再度試してください。",
    "メールの送信中にエラーが発生しました。サーバーからの応答:\n550 User unknown\n"
    "メッセージの受信者 \"taro@example.co.jp\" を確認し、再度試してください。",
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr(TodokeDiagnosis) ja = todoke_classifier_classify_reply (classifier, replies[i], NULL, "ja");
      g_autofree char *steps = g_strjoinv ("\n", (GStrv) todoke_guide_get_steps (todoke_diagnosis_get_guide (ja)));

      g_test_message ("%s", replies[i]);
      g_assert_cmpstr (todoke_diagnosis_get_reason (ja), ==, "userunknown");
      g_assert_nonnull (strstr (steps, "@より左側"));
    }

  {
    g_autoptr(TodokeDiagnosis) au = todoke_classifier_classify_reply (classifier, "550 User unknown", "taro@ezweb.ne.jp", "ja");
    g_autoptr(TodokeDiagnosis) hosted = todoke_classifier_classify_reply_from_server (classifier, "550 User unknown",
                                                                                     "taro@example.co.jp",
                                                                                     "smtp.example.co.jp:587", "ja");

    g_assert_cmpstr (todoke_diagnosis_get_detail (au), ==, "filtered_jp_carrier");
    g_assert_cmpstr (todoke_diagnosis_get_reason (hosted), ==, "userunknown");
  }
}

/* One rule set, shared by classifiers in several threads at once, gives
 * every thread the answers one thread alone gets: matching writes nothing
 * into the rule set. */
typedef struct
{
  TodokeRuleSet *rules;
  GPtrArray     *expected;   /* reason per seed case */
  gboolean       same;
} ThreadRun;

static gpointer
classify_seeds_in_thread (gpointer data)
{
  ThreadRun *run = data;
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (run->rules, NULL);
  guint round;
  gsize i;

  run->same = TRUE;
  for (round = 0; round < 20; round++)
    for (i = 0; i < G_N_ELEMENTS (seed_cases); i++)
      {
        g_autoptr(TodokeDiagnosis) diagnosis =
          todoke_classifier_classify_reply (classifier, seed_cases[i].input, seed_cases[i].recipient, "ja");

        if (g_strcmp0 (todoke_diagnosis_get_reason (diagnosis), g_ptr_array_index (run->expected, i)) != 0)
          run->same = FALSE;
      }

  return NULL;
}

static void
test_shared_between_threads (void)
{
  g_autoptr(TodokeClassifier) alone = todoke_classifier_new (todoke_test_default_rules (), NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  ThreadRun runs[4];
  GThread *threads[4];
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (seed_cases); i++)
    {
      g_autoptr(TodokeDiagnosis) diagnosis =
        todoke_classifier_classify_reply (alone, seed_cases[i].input, seed_cases[i].recipient, "ja");

      g_ptr_array_add (expected, g_strdup (todoke_diagnosis_get_reason (diagnosis)));
    }
  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      runs[i].rules = todoke_test_default_rules ();
      runs[i].expected = expected;
      threads[i] = g_thread_new ("classify", classify_seeds_in_thread, &runs[i]);
    }
  for (i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_true (runs[i].same);
    }
}

/* Thunderbird's RCPT alert names the recipient; other addresses do not count. */
static void
test_recipient_from_alert (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  g_autoptr(TodokeDiagnosis) en = todoke_classifier_classify_reply (classifier,
    "An error occurred while sending mail. The mail server responded:\n550 5.1.1 User unknown.\n"
    "Please check the message recipient \"Taro@Example.JP\" and try again.", NULL, NULL);
  g_autoptr(TodokeDiagnosis) ja = todoke_classifier_classify_reply (classifier,
    "メールの送信中にエラーが発生しました。サーバーからの応答:\n550 5.1.1 User unknown\n"
    "メッセージの受信者 \"hanako@example.co.jp\" を確認し、再度試してください。", NULL, NULL);
  g_autoptr(TodokeDiagnosis) sender = todoke_classifier_classify_reply (classifier,
    "553 5.7.1 <me@example.jp>: Sender address rejected: not owned by user", NULL, NULL);

  g_assert_cmpstr (todoke_diagnosis_get_recipient (en), ==, "taro@example.jp");
  g_assert_cmpstr (todoke_diagnosis_get_recipient (ja), ==, "hanako@example.co.jp");
  g_assert_null (todoke_diagnosis_get_recipient (sender));
}

/* Unknown input is not an error: undefined, with the words kept. */
static void
test_unknown_is_undefined (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  g_autoptr(TodokeDiagnosis) diagnosis =
    todoke_classifier_classify_reply (classifier, "\xff\xfe garbage \x01 with no code", NULL, "ja");

  g_assert_cmpstr (todoke_diagnosis_get_reason (diagnosis), ==, "undefined");
  g_assert_nonnull (todoke_diagnosis_get_server_message (diagnosis));
  g_assert_true (g_utf8_validate (todoke_diagnosis_get_server_message (diagnosis), -1, NULL));
  g_assert_nonnull (strstr (todoke_diagnosis_get_server_message (diagnosis), "garbage"));
  g_assert_nonnull (todoke_diagnosis_get_title (diagnosis));
}

static void
test_not_a_bounce (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  g_autoptr(GBytes) bytes = todoke_test_bytes ("From: friend@example.org\nTo: me@example.jp\n"
                                               "Subject: Lunch tomorrow?\n\nAre you free at noon?\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnoses = todoke_classifier_classify_bounce (classifier, bytes, NULL, &error);

  g_assert_null (diagnoses);
  g_assert_error (error, TODOKE_ERROR, TODOKE_ERROR_NOT_A_BOUNCE);
}

/* An mbox gives the diagnoses of all its bounces, in order. */
static void
test_mailbox (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  g_autoptr(GBytes) bytes = todoke_test_load_dist ("data", "classifier", "mailbox.mbox", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnoses = todoke_classifier_classify_bounce (classifier, bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (diagnoses->len, ==, 2);
  g_assert_cmpstr (todoke_diagnosis_get_recipient (g_ptr_array_index (diagnoses, 0)), ==, "hanako@example.co.jp");
  g_assert_cmpstr (todoke_diagnosis_get_reason (g_ptr_array_index (diagnoses, 0)), ==, "userunknown");
  g_assert_cmpstr (todoke_diagnosis_get_recipient (g_ptr_array_index (diagnoses, 1)), ==, "jiro@example.com");
  g_assert_cmpstr (todoke_diagnosis_get_reason (g_ptr_array_index (diagnoses, 1)), ==, "mailboxfull");
}

static void
test_size_limit (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  g_autoptr(GBytes) bytes = todoke_test_bytes ("From: MAILER-DAEMON@example.org\nSubject: Undelivered\n\n"
                                               "<a@example.com>: 550 5.1.1 User unknown\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnoses = NULL;

  todoke_classifier_set_max_size (classifier, 16);
  diagnoses = todoke_classifier_classify_bounce (classifier, bytes, NULL, &error);
  g_assert_null (diagnoses);
  g_assert_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "limit"));
}

static void
file_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = todoke_classifier_classify_file_finish (TODOKE_CLASSIFIER (source), result, &error);
  g_assert_no_error (error);
}

static void
test_file_async (void)
{
  g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (todoke_test_default_rules (), NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *diagnoses = NULL;
  int fd;
  const char *message =
    "From: MAILER-DAEMON@mx.example.net\nTo: me@example.org\nSubject: Undelivered Mail Returned to Sender\n"
    "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n"
    "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
    "Final-Recipient: rfc822; taro@example.jp\nAction: failed\nStatus: 5.2.2\n"
    "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full\n--B--\n";

  fd = g_file_open_tmp ("todoke-XXXXXX.eml", &path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, message, -1, &error));
  close (fd);
  file = g_file_new_for_path (path);

  todoke_classifier_classify_file_async (classifier, file, "ja", NULL, file_done, &diagnoses);
  while (diagnoses == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (diagnoses->len, ==, 1);
  g_assert_cmpstr (todoke_diagnosis_get_reason (g_ptr_array_index (diagnoses, 0)), ==, "mailboxfull");
  g_assert_cmpstr (todoke_diagnosis_get_recipient (g_ptr_array_index (diagnoses, 0)), ==, "taro@example.jp");
  g_assert_cmpstr (todoke_diagnosis_get_locale (g_ptr_array_index (diagnoses, 0)), ==, "ja");
  g_ptr_array_unref (diagnoses);
  g_unlink (path);
}

/* Every shipped rule decides at least one case of the tables above:
 * a rule nothing reaches is either shadowed by an earlier one or untested. */
static void
test_every_rule_is_reached (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (&error);
  g_autoptr(GString) unreached = g_string_new (NULL);
  GPtrArray *all;
  guint i;

  g_assert_no_error (error);
  check_cases (rules, seed_cases, G_N_ELEMENTS (seed_cases));
  check_cases (rules, client_cases, G_N_ELEMENTS (client_cases));
  check_cases (rules, submission_cases, G_N_ELEMENTS (submission_cases));
  check_cases (rules, bounce_cases, G_N_ELEMENTS (bounce_cases));

  /* The structural rules are reached by real reports, not by replies. */
  {
    g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (rules, NULL);
    static const char * const names[] = { "feedback.eml", "vacation.eml", "delivered.eml", "delayed.eml", "relayed.eml",
                                          "no-longer-in-use.eml", "delayed-timeout.eml" };
    gsize n;

    for (n = 0; n < G_N_ELEMENTS (names); n++)
      {
        g_autoptr(GBytes) bytes = todoke_test_load_dist ("data", "classifier", names[n], NULL);
        g_autoptr(GPtrArray) diagnoses = todoke_classifier_classify_bounce (classifier, bytes, NULL, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (diagnoses->len, >=, 1);
        g_ptr_array_foreach (diagnoses, (GFunc) note_reached, NULL);
      }
  }

  all = _todoke_rule_set_get_rules (rules);
  for (i = 0; i < all->len; i++)
    {
      TodokeRule *rule = g_ptr_array_index (all, i);

      if (!g_hash_table_contains (reached, rule->id))
        g_string_append_printf (unreached, " %s", rule->id);
    }
  if (unreached->len > 0)
    g_error ("rules no test reaches:%s", unreached->str);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/todoke/classifier/seed-replies", test_seed_replies);
  g_test_add_func ("/todoke/classifier/seed-guides-in-japanese", test_seed_guides_in_japanese);
  g_test_add_func ("/todoke/classifier/client-errors", test_client_errors);
  g_test_add_func ("/todoke/classifier/submission-replies", test_submission_replies);
  g_test_add_func ("/todoke/classifier/bounce-replies", test_bounce_replies);
  g_test_add_func ("/todoke/classifier/severity", test_severity);
  g_test_add_func ("/todoke/classifier/notaccept-severity", test_notaccept_severity);
  g_test_add_func ("/todoke/classifier/refinement-reports-parent", test_refinement_reports_parent);
  g_test_add_func ("/todoke/classifier/provider-from-text", test_provider_from_text);
  g_test_add_func ("/todoke/classifier/recipient-from-alert", test_recipient_from_alert);
  g_test_add_func ("/todoke/classifier/send-provider-is-the-server", test_send_provider_is_the_server);
  g_test_add_func ("/todoke/classifier/reply-without-server", test_reply_without_server);
  g_test_add_func ("/todoke/classifier/bare-user-unknown", test_bare_user_unknown);
  g_test_add_func ("/todoke/classifier/shared-between-threads", test_shared_between_threads);
  g_test_add_func ("/todoke/classifier/unknown-is-undefined", test_unknown_is_undefined);
  g_test_add_func ("/todoke/classifier/not-a-bounce", test_not_a_bounce);
  g_test_add_func ("/todoke/classifier/mailbox", test_mailbox);
  g_test_add_func ("/todoke/classifier/size-limit", test_size_limit);
  g_test_add_func ("/todoke/classifier/file-async", test_file_async);
  g_test_add_func ("/todoke/classifier/every-rule-is-reached", test_every_rule_is_reached);

  return g_test_run ();
}
